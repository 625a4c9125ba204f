"""Small parts of the PDF export: options, fonts, right-to-left text, tiling arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymapper.pdf import fonts
from journeymapper.pdf.appendix import as_findings
from journeymapper.pdf.metrics_tables import trend
from journeymapper.pdf.options import ExportOptions, PdfOptionError, page_name
from journeymapper.pdf.tiling import Poster, sheet_label, tile_grid


def test_page_names_are_case_insensitive_and_unknown_ones_refused() -> None:
    assert page_name("a3") == "A3"
    assert page_name(" letter ") == "Letter"
    with pytest.raises(PdfOptionError, match="A4, A3"):
        page_name("B5")
    assert ExportOptions(page="A4", orientation="portrait").page_size[0] < 600
    assert ExportOptions(page="A4").page_size[0] > 800
    assert not ExportOptions().without_appendix().any_appendix


def test_text_check_replaces_and_lists_missing_glyphs() -> None:
    check = fonts.TextCheck()
    assert check.clean("Café Привет Καλημέρα") == "Café Привет Καλημέρα"
    assert check.warnings() == []
    assert check.clean("a\u4e00b", "title 'x'") == "a\ufffdb"
    (warning,) = check.warnings()
    assert "U+4E00" in warning and "title 'x'" in warning


def test_measure_matches_reportlab() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_fonts()
    for text in ("Checkout", "Café Привет Καλημέρα", ""):
        assert fonts.measure(fonts.BOLD, 9)(text) == pytest.approx(stringWidth(text, fonts.BOLD, 9))


def test_right_to_left_lines_are_not_reversed() -> None:
    assert fonts.visual("plain text") == "plain text"
    # Hebrew stored in logical order is drawn right to left (visual order)
    assert fonts.visual("שלום") == "םולש"
    assert fonts.visual("hello שלום עולם!") == "hello םלוע םולש!"
    assert fonts.visual("שלום 123") == "123 םולש"


@given(st.text(alphabet="abc שלום 12!", max_size=30))
def test_visual_keeps_every_character(text: str) -> None:
    assert sorted(fonts.visual(text)) == sorted(text)


@given(st.floats(100, 20000), st.floats(100, 20000), st.sampled_from([(595, 842), (842, 595)]))
def test_tiles_cover_the_poster(width: float, height: float, size: tuple[int, int]) -> None:
    grid = tile_grid(Poster(width, height, 0, 0), size, 28.0)
    assert grid.cols * grid.step_x + 28.0 >= width
    assert grid.rows * grid.step_y + 28.0 >= height
    assert (grid.cols - 1) * grid.step_x + 28.0 < width or grid.cols == 1


def test_sheet_labels() -> None:
    assert sheet_label(0, 0) == "A1"
    assert sheet_label(25, 2) == "Z3"
    assert sheet_label(26, 0) == "AA1"


def test_trend_colours_follow_higher_is_better() -> None:
    assert trend(4.0, 3.0, True)[0] == "↑"
    assert trend(4.0, 3.0, True)[1] != trend(4.0, 3.0, False)[1]
    assert trend(3.0, None, True)[0] == ""
    assert trend(3.0, 3.0, False)[0] == "→"


def test_findings_from_pairs_or_objects() -> None:
    class F:
        severity = "warning"
        message = "No feedback"

    found = as_findings([("error", "Broken"), F()])
    assert [(f.severity, f.message) for f in found] == [
        ("error", "Broken"),
        ("warning", "No feedback"),
    ]
