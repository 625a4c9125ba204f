"""Every import and export format, declared once: the CLI and the import dialog read this.

An :class:`Importer` names its format (the GUI's ``kind``, the CLI's ``command``),
the files it reads, and its steps: ``plan`` reads and checks a file against an open
workspace, ``apply`` writes a checked plan into it (None where a format only makes
a new workspace), ``import_file`` is the one-call file import the CLI runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journeymapper import interchange
from journeymapper.interchange import measurements_csv, survey_csv, touchpoints_csv, workspace_json
from journeymapper.interchange.importing import ImportResult, Plan
from journeymapper.interchange.mapping.table import Mapping
from journeymapper.interchange.report import Progress
from journeymapper.model.document import Document
from journeymapper.store.journey_data import load_journey, load_metrics

#: ``plan(doc, data, source, journey_id, progress, mapping=None)``: read and check, write
#: nothing. ``mapping`` (formats with "mapping" in their options) reads the user's columns.
PlanFn = Callable[..., Plan]

#: What ``import_file`` writes into: a new workspace file, or an open workspace.
NEW_WORKSPACE = "new"
OPEN_WORKSPACE = "open"

CSV_EXTENSIONS = (".csv", ".txt", ".tsv")


@dataclass(frozen=True)
class Importer:
    kind: str
    command: str
    description: str
    extensions: tuple[str, ...]
    #: Dialog title and the menu entry.
    title: str
    menu: str
    #: What one preview row counts ("touchpoint", "touchpoints").
    noun: tuple[str, str]
    plan: PlanFn
    #: ``apply(doc, plan, journey_id, journey_name=, progress=, dry_run=)``.
    apply: Callable[..., ImportResult] | None
    import_file: Callable[..., ImportResult]
    into: str
    #: Keyword options ``import_file`` takes besides progress/max_bytes/overwrite.
    options: frozenset[str] = frozenset()
    source_help: str = "the CSV file to read"

    @property
    def needs_doc(self) -> bool:
        return self.apply is not None


@dataclass(frozen=True)
class Exporter:
    command: str
    description: str
    extensions: tuple[str, ...]
    menu: str
    #: One journey (``write(doc, journey_id, path, **options)``) or the whole workspace.
    per_journey: bool
    write: Callable[..., object]
    options: frozenset[str] = frozenset()


# -- plan and apply adapters: one call shape for every format ---------------------------


def _planner(plan_in: Callable[..., Plan]) -> PlanFn:
    """The one call shape of ``plan`` for a format reading against an open workspace."""

    def plan(
        doc: Document | None,
        data: bytes,
        source: str,
        journey_id: int | None,
        progress: Progress | None,
        mapping: Mapping | None = None,
    ) -> Plan:
        assert doc is not None
        return plan_in(doc, data, source, journey_id, progress=progress, mapping=mapping)

    return plan


def _touchpoints_in(
    doc: Document, data: bytes, source: str, journey_id: int | None, **kw: Any
) -> Plan:
    """A touchpoints CSV checked against the journey it goes into (if any) and the metrics."""
    journey = load_journey(doc, journey_id) if journey_id else None
    return touchpoints_csv.plan_touchpoints(data, source, journey, load_metrics(doc), **kw)


def _apply_touchpoints(
    doc: Document,
    plan: Plan,
    journey_id: int | None,
    *,
    journey_name: str,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportResult:
    assert isinstance(plan, touchpoints_csv.TouchpointPlan)
    return touchpoints_csv.apply_touchpoints(
        doc, plan, journey_id, journey_name=journey_name, progress=progress, dry_run=dry_run
    )


def _in_workspace(
    plan_in: Callable[..., Plan], apply: Callable[..., ImportResult]
) -> tuple[PlanFn, Callable[..., ImportResult]]:
    """Adapters for formats that add values to touchpoints of an open workspace."""

    def write(
        doc: Document,
        plan: Plan,
        _journey_id: int | None,
        *,
        journey_name: str = "",
        progress: Progress | None = None,
        dry_run: bool = False,
    ) -> ImportResult:
        return apply(doc, plan, progress=progress, dry_run=dry_run)

    return _planner(plan_in), write


def _plan_workspace(
    _doc: Document | None, data: bytes, source: str, _journey: int | None, _p: Progress | None
) -> Plan:
    return workspace_json.plan_workspace(data, source)


def _values_importer(
    kind: str,
    plan_in: Callable[..., Plan],
    apply: Callable[..., ImportResult],
    import_file: Callable[..., ImportResult],
    *,
    description: str,
    title: str,
    menu: str,
    source_help: str = Importer.source_help,
) -> Importer:
    """A CSV format adding measurements to the cards of an open workspace (command = kind)."""
    plan, write = _in_workspace(plan_in, apply)
    return Importer(
        kind=kind,
        command=kind,
        extensions=CSV_EXTENSIONS,
        noun=("measurement", "measurements"),
        plan=plan,
        apply=write,
        import_file=import_file,
        into=OPEN_WORKSPACE,
        options=frozenset({"date_order", "mapping"}),
        description=description,
        title=title,
        menu=menu,
        source_help=source_help,
    )


IMPORTERS: tuple[Importer, ...] = (
    Importer(
        kind="touchpoints",
        command="csv",
        description="a new workspace from a touchpoints CSV",
        extensions=CSV_EXTENSIONS,
        title="Import touchpoints",
        menu="Touchpoints from CSV…",
        noun=("touchpoint", "touchpoints"),
        plan=_planner(_touchpoints_in),
        apply=_apply_touchpoints,
        import_file=interchange.import_csv_file,
        into=NEW_WORKSPACE,
        options=frozenset({"journey_name", "date_order", "ignore_unknown", "mapping"}),
    ),
    _values_importer(
        "measurements",
        measurements_csv.plan_in_workspace,
        measurements_csv.apply_measurements,
        interchange.import_measurements_file,
        description="add metric values from a CSV to a workspace",
        title="Import measurements",
        menu="Measurements from CSV…",
    ),
    _values_importer(
        "survey",
        survey_csv.plan_in_workspace,
        survey_csv.apply_survey,
        survey_csv.import_survey_file,
        description="NPS, CSAT and CES from raw survey responses in a CSV",
        title="Import survey responses",
        menu="Survey responses from CSV…",
        source_help="the CSV file of responses (one row each)",
    ),
    Importer(
        kind="workspace",
        command="json",
        description="a new workspace from a workspace JSON export",
        extensions=(".json",),
        title="Import workspace",
        menu="Workspace from JSON…",
        noun=("journey", "journeys"),
        plan=_plan_workspace,
        apply=None,
        import_file=interchange.import_json_file,
        into=NEW_WORKSPACE,
        source_help="the JSON file to read",
    ),
)

EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        command="csv",
        description="the touchpoints of one journey as CSV",
        extensions=(".csv",),
        menu="Touchpoints as CSV…",
        per_journey=True,
        write=touchpoints_csv.write_touchpoints_csv,
        options=frozenset({"delimiter"}),
    ),
    Exporter(
        command="json",
        description="the whole workspace as JSON (lossless)",
        extensions=(".json",),
        menu="Workspace as JSON…",
        per_journey=False,
        write=workspace_json.write_workspace_json,
    ),
)


def importer(kind: str) -> Importer:
    """The importer the GUI calls ``kind`` ("touchpoints", "measurements", …)."""
    for imp in IMPORTERS:
        if imp.kind == kind:
            return imp
    raise ValueError(f"kind must be one of {tuple(i.kind for i in IMPORTERS)}")


def exporter(command: str) -> Exporter:
    for exp in EXPORTERS:
        if exp.command == command:
            return exp
    raise ValueError(f"format must be one of {tuple(e.command for e in EXPORTERS)}")
