"""``journeymapper export pdf``: a journey as a print-ready PDF."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from journeymapper.analysis.compare import Comparison, compare, read_pair
from journeymapper.cli.diff import parse_target
from journeymapper.cli.registry import CommandRegistry
from journeymapper.model.document import Document
from journeymapper.model.enums import JourneyState
from journeymapper.pdf.export import check_target, export_pdf
from journeymapper.pdf.options import PAGE_SIZES, ExportOptions, MapMode, page_name
from journeymapper.store.journey_data import find_journey
from journeymapper.store.origins import share_ids


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
    p.add_argument(
        "--compare",
        metavar="OTHER[:JOURNEY]",
        help="add a 'Current vs future' section comparing with another journey "
        "(':JOURNEY' alone: one in the same file); the current-state one is the before side",
    )


def _export(args: argparse.Namespace) -> int:
    options = ExportOptions(
        page=page_name(args.page), orientation=args.orientation, mode=args.mode
    ).validated()
    if args.no_appendix:
        options = options.without_appendix()
    check_target(args.output)
    with Document.open(args.file, read_only=True) as doc:
        journey_id = find_journey(doc, args.journey)
        comparison = None if args.compare is None else _comparison(doc, journey_id, args.compare)
        report = export_pdf(doc, journey_id, args.output, options, comparison=comparison)
    for warning in report.warnings:
        print(f"journeymapper: warning: {warning}", file=sys.stderr)
    print(f"Wrote {report.pages} page{'s' if report.pages != 1 else ''} to {report.path}.")
    return 0


def _comparison(doc: Document, journey_id: int, other: str) -> Comparison:
    """The exported journey against ``other``: before is the current-state one (else other)."""
    path, name = parse_target(other, doc.path)
    with contextlib.ExitStack() as stack:
        if path.resolve() == doc.path.resolve():
            other_doc = doc
        else:
            other_doc = stack.enter_context(Document.open(path, read_only=True))
        other_id = find_journey(other_doc, name)
        here, there = read_pair(doc, journey_id, other_doc, other_id)
        linked = share_ids(doc, other_doc)
    if here.data.state == JourneyState.CURRENT and there.data.state != JourneyState.CURRENT:
        return compare(here, there, linked=linked)
    return compare(there, here, linked=linked)
