"""``journeymapper export pdf``: a journey as a print-ready PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymapper.cli.registry import CommandRegistry
from journeymapper.model.document import Document
from journeymapper.pdf.export import check_target, export_pdf
from journeymapper.pdf.options import PAGE_SIZES, ExportOptions, MapMode, page_name
from journeymapper.store.journey_data import find_journey


def register(cli: CommandRegistry) -> None:
    p = cli.export_format("pdf", "export a journey map (and its appendix) as a PDF", _export)
    p.add_argument("file", type=Path, help="the .jmap workspace")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    p.add_argument("--journey", help="journey name (the first journey when omitted)")
    p.add_argument("--page", default="A3", help=f"page size: {', '.join(PAGE_SIZES)} (default A3)")
    p.add_argument("--orientation", default="landscape", help="landscape (default) or portrait")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--fit",
        dest="mode",
        action="store_const",
        const=MapMode.FIT.value,
        help="scale the whole map onto one page (default)",
    )
    mode.add_argument(
        "--tile",
        dest="mode",
        action="store_const",
        const=MapMode.TILE.value,
        help="print the map at 100 %% as a poster over several pages",
    )
    p.set_defaults(mode=MapMode.FIT.value)
    p.add_argument("--no-appendix", action="store_true", help="only the map page(s)")


def _export(args: argparse.Namespace) -> int:
    options = ExportOptions(
        page=page_name(args.page), orientation=args.orientation, mode=args.mode
    ).validated()
    if args.no_appendix:
        options = options.without_appendix()
    check_target(args.output)
    with Document.open(args.file, read_only=True) as doc:
        journey_id = find_journey(doc, args.journey)
        report = export_pdf(doc, journey_id, args.output, options)
    for warning in report.warnings:
        print(f"journeymapper: warning: {warning}", file=sys.stderr)
    print(f"Wrote {report.pages} page{'s' if report.pages != 1 else ''} to {report.path}.")
    return 0
