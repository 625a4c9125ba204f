"""The appendix reads as tables: column heads on every page a table continues on, one line
per touchpoint fact, and short annotations in newspaper columns on wide pages."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymapper.model.document import Document
from journeymapper.pdf import ExportOptions, export_pdf
from journeymapper.pdf.flow import Flow
from journeymapper.pdf.options import PAGE_SIZES
from tests.pdf_support import Sample, build_sample, squash

PER_CELL = 8


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Document, Sample]]:
    doc, info = build_sample(tmp_path_factory.mktemp("tables"), per_cell=PER_CELL)
    yield doc, info
    doc.close()


def _sections(path: Path) -> dict[str, list[str]]:
    """Section name -> the text of each of its pages."""
    out: dict[str, list[str]] = {}
    for page in PdfReader(str(path)).pages:
        text = page.extract_text() or ""
        head = next((ln for ln in text.splitlines() if ln.startswith("Appendix · ")), None)
        if head is not None:
            name = head.removeprefix("Appendix · ").removesuffix(" (continued)")
            out.setdefault(name, []).append(text)
    return out


def test_table_heads_repeat_on_every_page_the_table_continues_on(crowded, tmp_path: Path) -> None:
    doc, info = crowded
    out = tmp_path / "a4.pdf"
    export_pdf(doc, info.journey_id, out, ExportOptions(page="A4", orientation="portrait"))
    sections = _sections(out)
    metrics, touchpoints = sections["Metrics"], sections["Touchpoints"]
    assert len(metrics) >= 3 and len(touchpoints) >= 2  # the tables do continue
    for text in metrics[1:]:
        assert "Touchpoint" in text and "CSAT" in text
    for text in touchpoints:
        assert all(head in text for head in ("Channel", "Evidence", "Owner", "Description"))
    every = squash("".join(touchpoints))
    assert all(squash(title) in every for title in info.titles)  # each whole, none lost


def test_touchpoints_take_a_line_each_where_they_fit(crowded, tmp_path: Path) -> None:
    doc, info = crowded
    out = tmp_path / "a3.pdf"
    export_pdf(doc, info.journey_id, out, ExportOptions(page="A3"))
    pages = _sections(out)["Touchpoints"]
    # one stage heading per stage plus a line per card: 30 or more rows on an A3 page
    assert len(pages) <= math.ceil(len(info.titles) / 30) + 1


def test_short_items_run_in_columns_on_wide_pages_and_in_one_on_narrow() -> None:
    w, h = PAGE_SIZES["A3"]
    wide = Flow((max(w, h), min(w, h)), "Annotations", min_column=330)  # A3 landscape
    w, h = PAGE_SIZES["A4"]
    narrow = Flow((min(w, h), max(w, h)), "Annotations", min_column=330)  # A4 portrait
    assert wide.columns == 3 and narrow.columns == 1
    for flow in (wide, narrow):
        for _ in range(200):
            flow.add(30, lambda ink, x, y: None)
    xs = {x for page in wide.pages for x, _y, _op in page}
    assert len(xs) == 3  # filled column by column
    assert len(wide.pages) * 3 >= len(narrow.pages) >= 3 * (len(wide.pages) - 1)
    per_column = max(1, int(wide.body_height // 30))
    assert len(wide.pages[0]) == 3 * per_column


def test_a_running_head_opens_every_page_until_it_ends() -> None:
    flow = Flow(PAGE_SIZES["A4"], "Metrics")

    def head(ink, x, y):  # type: ignore[no-untyped-def]
        return None

    flow.running_head(18, head)
    for _ in range(120):
        flow.add(25, lambda ink, x, y: None)
    flow.end_running_head()
    tables_end = len(flow.pages)
    for _ in range(120):
        flow.add(25, lambda ink, x, y: None)
    assert tables_end >= 3
    assert all(page[0][2] is head for page in flow.pages[:tables_end])
    assert all(op is not head for page in flow.pages[tables_end:] for _x, _y, op in page)
