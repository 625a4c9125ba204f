"""CSV and JSON import and export (no Qt): bring spreadsheets in, take maps out.

The functions here are what the CLI and the GUI call; the modules hold the
formats (:mod:`touchpoints_csv`, :mod:`measurements_csv`, :mod:`workspace_json`),
the file reading (:mod:`sniff`) and the problem report (:mod:`report`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from journeymapper.interchange import (
    measurements_csv,
    touchpoints_csv,
    workspace_export,
    workspace_json,
)
from journeymapper.interchange.files import into_new_workspace
from journeymapper.interchange.importing import ImportResult
from journeymapper.interchange.mapping.table import Mapping
from journeymapper.interchange.report import (
    ImportCancelled,
    ImportFailed,
    ImportReport,
    Problem,
    Progress,
)
from journeymapper.interchange.sniff import DEFAULT_MAX_BYTES, read_bytes
from journeymapper.model.document import Document


def import_csv_file(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    journey_name: str | None = None,
    date_order: str | None = None,
    ignore_unknown: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapping: Mapping | None = None,
) -> ImportResult:
    """A new workspace at ``target`` holding one journey built from a touchpoints CSV."""
    src = Path(source)
    data = read_bytes(src, max_bytes)
    name = journey_name or src.stem

    def fill(doc: Document) -> ImportResult:
        return touchpoints_csv.import_touchpoints(
            doc,
            data,
            src.name,
            None,
            journey_name=name,
            date_order=date_order,
            ignore_unknown=ignore_unknown,
            progress=progress,
            mapping=mapping,
        )

    return into_new_workspace(Path(target), name, fill, overwrite=overwrite)


def import_json_file(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> ImportResult:
    """A new workspace at ``target`` rebuilt from a workspace JSON export.

    The size limit is by default the export's own (:data:`workspace_export.MAX_BYTES`),
    so every file export writes is read back.
    """
    src = Path(source)
    limit = workspace_export.MAX_BYTES if max_bytes is None else max_bytes
    plan = workspace_json.plan_workspace(read_bytes(src, limit), src.name)
    if not plan.ok:
        raise ImportFailed(plan.report)

    def fill(doc: Document) -> ImportResult:
        return workspace_json.apply_workspace(doc, plan, progress=progress)

    return into_new_workspace(Path(target), src.stem, fill, overwrite=overwrite)


def add_from_csv(
    importer: Callable[..., ImportResult],
    doc: Document,
    source: str | os.PathLike[str],
    journey_id: int | None = None,
    *,
    date_order: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapping: Mapping | None = None,
) -> ImportResult:
    """Read a CSV file (size-checked) and hand it to an importer into an open workspace."""
    src = Path(source)
    return importer(
        doc,
        read_bytes(src, max_bytes),
        src.name,
        journey_id,
        date_order=date_order,
        progress=progress,
        mapping=mapping,
    )


#: Add the measurements of a CSV to an open workspace (all or nothing).
import_measurements_file = functools.partial(add_from_csv, measurements_csv.import_measurements)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "ImportCancelled",
    "ImportFailed",
    "ImportReport",
    "ImportResult",
    "Problem",
    "Progress",
    "import_csv_file",
    "import_json_file",
    "add_from_csv",
    "import_measurements_file",
    "measurements_csv",
    "touchpoints_csv",
    "workspace_json",
]
