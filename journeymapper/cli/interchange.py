"""``import csv|json|measurements|survey`` and ``export csv|json``: the interchange commands.

A failed import prints its whole problem report on stderr and exits 1; the
target workspace is then left exactly as it was (or not created at all).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from journeymapper import interchange
from journeymapper.cli.registry import CommandRegistry
from journeymapper.interchange import survey_csv, touchpoints_csv, workspace_json
from journeymapper.interchange.importing import ImportResult
from journeymapper.interchange.sniff import DATE_ORDERS
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey

_SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}


def register(cli: CommandRegistry) -> None:
    p = cli.import_format("csv", "a new workspace from a touchpoints CSV", _import_csv)
    p.add_argument("source", type=Path, help="the CSV file to read")
    p.add_argument("-o", "--output", type=Path, required=True, help="the .jmap file to create")
    p.add_argument("--journey", help="name of the journey (default: the CSV file's name)")
    _date_order(p)
    p.add_argument(
        "--ignore-unknown-columns",
        action="store_true",
        help="skip columns that are neither touchpoint fields nor metrics",
    )
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = cli.import_format("json", "a new workspace from a workspace JSON export", _import_json)
    p.add_argument("source", type=Path, help="the JSON file to read")
    p.add_argument("-o", "--output", type=Path, required=True, help="the .jmap file to create")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = cli.import_format(
        "measurements", "add metric values from a CSV to a workspace", _import_measurements
    )
    p.add_argument("source", type=Path, help="the CSV file to read")
    p.add_argument("file", type=Path, help="the workspace to add them to")
    p.add_argument("--journey", help="only match touchpoints of this journey")
    _date_order(p)

    p = cli.import_format(
        "survey", "NPS, CSAT and CES from raw survey responses in a CSV", _import_survey
    )
    p.add_argument("source", type=Path, help="the CSV file of responses (one row each)")
    p.add_argument("file", type=Path, help="the workspace to add the measurements to")
    p.add_argument("--journey", help="only match touchpoints of this journey")
    _date_order(p)

    p = cli.export_format("csv", "the touchpoints of one journey as CSV", _export_csv)
    p.add_argument("file", type=Path, help="the workspace to read")
    p.add_argument("-o", "--output", type=Path, required=True, help="the CSV file to write")
    p.add_argument("--journey", help="journey name (default: the first)")
    p.add_argument("--separator", choices=sorted(_SEPARATORS), default="comma")

    p = cli.export_format("json", "the whole workspace as JSON (lossless)", _export_json)
    p.add_argument("file", type=Path, help="the workspace to read")
    p.add_argument("-o", "--output", type=Path, required=True, help="the JSON file to write")


def _date_order(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="how to read dates like 03/04/2026 (default: report them as ambiguous)",
    )


def _import_csv(args: argparse.Namespace) -> int:
    result = interchange.import_csv_file(
        args.source,
        args.output,
        journey_name=args.journey,
        date_order=args.date_order,
        ignore_unknown=args.ignore_unknown_columns,
        overwrite=args.force,
    )
    print(f"{result.summary()} Created {args.output}.")
    return 0


def _import_json(args: argparse.Namespace) -> int:
    result = interchange.import_json_file(args.source, args.output, overwrite=args.force)
    print(f"{result.summary()} Created {args.output}.")
    return 0


def _import_measurements(args: argparse.Namespace) -> int:
    return _add_to_workspace(args, interchange.import_measurements_file)


def _import_survey(args: argparse.Namespace) -> int:
    return _add_to_workspace(args, survey_csv.import_survey_file)


def _add_to_workspace(args: argparse.Namespace, import_file: Callable[..., ImportResult]) -> int:
    """Import a CSV into an existing workspace (``import measurements|survey CSV FILE``)."""
    with Document.open(args.file) as doc:
        journey_id = find_journey(doc, args.journey) if args.journey else None
        result = import_file(doc, args.source, journey_id, date_order=args.date_order)
    print(f"{result.summary()} Saved in {args.file}.")
    return 0


def _export_csv(args: argparse.Namespace) -> int:
    with Document.open(args.file, read_only=True) as doc:
        journey_id = find_journey(doc, args.journey)
        touchpoints_csv.write_touchpoints_csv(
            doc, journey_id, args.output, _SEPARATORS[args.separator]
        )
    print(f"Wrote {args.output}.")
    return 0


def _export_json(args: argparse.Namespace) -> int:
    with Document.open(args.file, read_only=True) as doc:
        workspace_json.write_workspace_json(doc, args.output)
    print(f"Wrote {args.output}.")
    return 0
