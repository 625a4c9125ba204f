"""The PDF figure's raw baseline draws what the export drew: its strings and boxes are
counted from the written page, so a richer card raises the baseline, not the verdict."""

from __future__ import annotations

import io
import sqlite3
import time
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from journeymapper.bench.baselines import EXPORT_READS, PageContent, raw_read, raw_reportlab_page
from journeymapper.bench.generate import generate_workspace
from journeymapper.bench.pdf_figures import pdf_figures, whole_figures
from journeymapper.model.document import Document
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


def _pages(pages: list[tuple[list[str], int, int]]) -> bytes:
    """A PDF with, per page, its strings, rectangles and straight lines (half of them as
    one polyline path, half as separate ``line`` calls)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    for strings, rects, lines in pages:
        for i in range(rects):
            canvas.rect(10 + i, 10, 5, 5)
        path = canvas.beginPath()
        path.moveTo(10, 300)
        for i in range(lines // 2):
            path.lineTo(20 + 10 * i, 300 + 5 * (i % 2))
        canvas.drawPath(path, stroke=1, fill=0)
        for i in range(lines - lines // 2):
            canvas.line(10, 400 + 3 * i, 90, 400 + 3 * i)
        for i, text in enumerate(strings):
            canvas.drawString(20, 100 + 12 * i, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_counts_lines_and_pages_and_never_takes_text_for_an_operator() -> None:
    # "Aisle 5 l" and "Store 2 re" read like the line-to and rectangle operators
    strings = [["Aisle 5 l", "Store 2 re"], [], ["Queue"]]
    pdf = _pages([(strings[0], 2, 5), (strings[1], 0, 0), (strings[2], 3, 4)])
    content = PageContent.of_pdf(pdf)
    chars = sum(len(s) for page in strings for s in page)
    assert content == PageContent(strings=3, chars=chars, rects=5, lines=9, pages=3)


def test_the_baseline_draws_as_many_pages_and_lines_as_it_counted() -> None:
    for content in (
        PageContent(strings=25, chars=250, rects=7, lines=13, pages=4),
        PageContent(strings=3, chars=30, rects=0, lines=1, pages=9),  # pages with nothing
    ):
        drawn = PageContent.of_pdf(raw_reportlab_page(content)())  # type: ignore[arg-type]
        assert drawn == content


def test_the_whole_export_is_counted_page_by_page(tmp_path: Path) -> None:
    """The appendix adds pages, strings and table rules to what the map page alone holds."""
    doc = create_workspace(tmp_path / "retail.jmap", "retail")
    try:
        bare = export_pdf(doc, 1, tmp_path / "map.pdf", ExportOptions().without_appendix())
        whole = export_pdf(doc, 1, tmp_path / "whole.pdf", ExportOptions())
    finally:
        doc.close()
    alone = PageContent.of_pdf((tmp_path / "map.pdf").read_bytes())
    content = PageContent.of_pdf((tmp_path / "whole.pdf").read_bytes())
    assert (alone.pages, content.pages) == (bare.pages, whole.pages)
    assert whole.pages > bare.pages
    assert content.strings > alone.strings and content.lines > alone.lines > 0


def test_the_raw_read_for_the_export_reads_every_measurement(tmp_path: Path) -> None:
    path = generate_workspace(tmp_path / "bench.jmap", touchpoints=40, annotations=5)
    with sqlite3.connect(path) as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in EXPORT_TABLES]
    *_, more = raw_read(path, EXPORT_READS)()  # type: ignore[misc]
    assert [len(rows) for rows in more] == counts
    assert counts[0] == 40 * 10  # the measurement history, not only the newest values
    assert len(raw_read(path)()) == 6  # type: ignore[arg-type]


EXPORT_TABLES = ("measurement", "connector", "text_cell", "vote", "vote_round", "opportunity",
                 "opportunity_link", "solution", "target")  # fmt: skip


def test_whole_export_figure_is_timed_against_the_raw_pages() -> None:
    content = PageContent(strings=10, chars=100, rects=1, lines=1, pages=2)
    slow, quick = (lambda: time.sleep(0.03)), (lambda: time.sleep(0.01))
    raw, whole = whole_figures(quick, slow, content, repeat=3)
    assert raw.name == "raw: read + reportlab, same pages" and "2 pages" in raw.budget
    assert whole.name == "PDF export, map + appendix" and whole.passed
    assert whole.ratio is not None and 2 < whole.ratio < 4.5  # 30 ms over 10 ms
    assert whole.baseline == raw.value


def test_the_benchmark_draws_every_page_the_export_wrote(tmp_path: Path) -> None:
    path = generate_workspace(tmp_path / "bench.jmap", 200, annotations=50, blueprint=True)
    doc = Document.open(path, read_only=True)
    try:
        figures = {f.name: f for f in pdf_figures(doc, path, 1.0, 200)}
    finally:
        doc.close()
    whole = PageContent.of_pdf((tmp_path / "whole.pdf").read_bytes())
    assert whole.pages > 1
    assert figures["raw: read + reportlab, same pages"].budget == (
        f"{whole.pages} pages, {whole.strings} strings"
    )
    judged = figures["PDF export, map + appendix"]
    assert judged.baseline == figures["raw: read + reportlab, same pages"].value
    assert judged.passed is not None and judged.ratio is not None
    assert figures["PDF export, map page only"].baseline is not None
