"""The PDF figure's raw baseline draws what the export drew: its strings and boxes are
counted from the written page, so a richer card raises the baseline, not the verdict."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from journeymapper.bench.baselines import PageContent, raw_reportlab_page
from journeymapper.pdf.export import export_pdf
from journeymapper.pdf.options import ExportOptions
from journeymapper.templates import create_workspace


def _pdf(strings: list[str], rects: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    for i in range(rects):
        canvas.rect(10 + i, 10, 5, 5)
    for i, text in enumerate(strings):
        canvas.drawString(20, 100 + 12 * i, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_counts_strings_characters_and_boxes_of_a_compressed_page() -> None:
    content = PageContent.of_pdf(_pdf(["Check-in", "Queue at till", "ok"], rects=4))
    assert content == PageContent(strings=3, chars=len("Check-inQueue at tillok"), rects=4)


def test_the_baseline_draws_as_much_as_it_counted() -> None:
    content = PageContent(strings=25, chars=250, rects=7)
    drawn = PageContent.of_pdf(raw_reportlab_page(content)())  # type: ignore[arg-type]
    assert drawn == content


def test_the_retail_map_page_holds_several_strings_per_card(tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    doc = create_workspace(tmp_path / "retail.jmap", "retail")
    try:
        export_pdf(doc, 1, out, ExportOptions().without_appendix())
        cards = len(doc.rows("SELECT id FROM touchpoint"))
    finally:
        doc.close()
    content = PageContent.of_pdf(out.read_bytes())
    assert content.strings > 2 * cards
    assert content.rects >= cards
