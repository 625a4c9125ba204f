"""``import csv|json|measurements|survey`` and ``export csv|json``: the interchange commands.

The formats are those of :mod:`journeymapper.interchange.registry`; this module only
turns each one's options into arguments. A failed import prints its whole problem
report on stderr and exits 1; the target workspace is then left exactly as it was
(or not created at all).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymapper.cli import mapping
from journeymapper.cli.registry import CommandRegistry, Handler
from journeymapper.interchange.registry import (
    EXPORTERS,
    IMPORTERS,
    NEW_WORKSPACE,
    Exporter,
    Importer,
)
from journeymapper.interchange.sniff import DATE_ORDERS
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey

_SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}


def register(cli: CommandRegistry) -> None:
    for imp in IMPORTERS:
        _add_import(cli, imp)
    mapping.register_inspect(cli)
    for exp in EXPORTERS:
        _add_export(cli, exp)


def _add_import(cli: CommandRegistry, imp: Importer) -> None:
    new = imp.into == NEW_WORKSPACE
    handler = _new_workspace_handler(imp) if new else _open_workspace_handler(imp)
    p = cli.import_format(imp.command, imp.description, handler)
    p.add_argument("source", type=Path, help=imp.source_help)
    if new:
        p.add_argument("-o", "--output", type=Path, required=True, help="the .jmap file to create")
    else:
        p.add_argument("file", type=Path, help="the workspace to add them to")
        p.add_argument("--journey", help="only match touchpoints of this journey")
        p.set_defaults(write_targets=("file",))  # writes into the workspace: locked
    if "journey_name" in imp.options:
        p.add_argument("--journey", help="name of the journey (default: the CSV file's name)")
    if "date_order" in imp.options:
        p.add_argument(
            "--date-order",
            choices=DATE_ORDERS,
            help="how to read dates like 03/04/2026 (default: report them as ambiguous)",
        )
    if "ignore_unknown" in imp.options:
        p.add_argument(
            "--ignore-unknown-columns",
            action="store_true",
            help="skip columns that are neither touchpoint fields nor metrics",
        )
    if new:
        p.add_argument("--force", action="store_true", help="replace an existing output file")
    if "mapping" in imp.options:
        mapping.add_options(p)


def _options(imp: Importer, args: argparse.Namespace) -> dict[str, object]:
    """The importer's own options, from the arguments :func:`_add_import` gave it."""
    names = {
        "journey_name": "journey",
        "date_order": "date_order",
        "ignore_unknown": "ignore_unknown_columns",
    }
    options = {opt: getattr(args, names[opt]) for opt in imp.options if opt in names}
    if "mapping" in imp.options:
        options["mapping"] = mapping.resolve(imp, args)
    return options


def _new_workspace_handler(imp: Importer) -> Handler:
    def run(args: argparse.Namespace) -> int:
        result = imp.import_file(
            args.source, args.output, overwrite=args.force, **_options(imp, args)
        )
        print(f"{result.summary()} Created {args.output}.")
        mapping.save_if_asked(args)
        return 0

    return run


def _open_workspace_handler(imp: Importer) -> Handler:
    def run(args: argparse.Namespace) -> int:
        with Document.open(args.file) as doc:
            journey_id = find_journey(doc, args.journey) if args.journey else None
            result = imp.import_file(doc, args.source, journey_id, **_options(imp, args))
        print(f"{result.summary()} Saved in {args.file}.")
        mapping.save_if_asked(args)
        return 0

    return run


def _add_export(cli: CommandRegistry, exp: Exporter) -> None:
    p = cli.export_format(exp.command, exp.description, _export_handler(exp))
    p.add_argument("file", type=Path, help="the workspace to read")
    kind = exp.extensions[0].lstrip(".").upper()
    p.add_argument("-o", "--output", type=Path, required=True, help=f"the {kind} file to write")
    if exp.per_journey:
        p.add_argument("--journey", help="journey name (default: the first)")
    if "delimiter" in exp.options:
        p.add_argument("--separator", choices=sorted(_SEPARATORS), default="comma")


def _export_handler(exp: Exporter) -> Handler:
    def run(args: argparse.Namespace) -> int:
        options = {}
        if "delimiter" in exp.options:
            options["delimiter"] = _SEPARATORS[args.separator]
        with Document.open(args.file, read_only=True) as doc:
            if exp.per_journey:
                exp.write(doc, find_journey(doc, args.journey), args.output, **options)
            else:
                exp.write(doc, args.output, **options)
        print(f"Wrote {args.output}.")
        return 0

    return run
