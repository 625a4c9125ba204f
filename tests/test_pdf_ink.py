"""The PDF pen writes text and forms itself (not through reportlab's text objects).

These tests read the written PDF back with pypdf: every string must come out
as drawn, at the place it was drawn, whatever its characters and however
many strings share a text block.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from journeymapper.pdf import fonts, style
from journeymapper.pdf.ink import Ink

PAGE = (1000.0, 1000.0)


def _page_with(draw, height: float = PAGE[1]) -> PdfReader:  # type: ignore[no-untyped-def]
    """A one-page PDF whose top-left corner is (0, 0) for ``draw(ink)``."""
    fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE[0], height))
    canvas.translate(0, height)
    ink = Ink(canvas)
    draw(ink)
    ink.flush()
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue()))


def _placed(reader: PdfReader, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y from the top) of every shown string, in content order."""
    found: list[tuple[str, float, float]] = []
    height = float(reader.pages[page].mediabox.height)

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            found.append((text.strip(), tm[4] + cm[4], height - (tm[5] + cm[5])))

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def test_thousands_of_strings_land_where_they_were_drawn() -> None:
    """Moves are relative: an error in one would shift every later string."""
    rng = random.Random(7)
    rows = list(range(3000))
    rng.shuffle(rows)  # jump up and down the page, one string per line
    wanted = [
        (f"s{i}", round(rng.uniform(5, 900), 3), round(10 + 4.5 * row + rng.uniform(0, 0.5), 3))
        for i, row in enumerate(rows)
    ]

    def draw(ink: Ink) -> None:
        for text, x, y in wanted:
            ink.text(x, y, text, fonts.BOLD, 4, style.INK)

    got = _placed(_page_with(draw, height=14000))
    assert [g[0] for g in got] == [w[0] for w in wanted]
    for (_, gx, gy), (_, wx, wy) in zip(got, wanted, strict=True):
        assert gx == pytest.approx(wx, abs=0.006) and gy == pytest.approx(wy, abs=0.006)


_ALPHABET = st.sampled_from(
    list("abcXYZ019 ()\\%<>[]{}/#") + list("éßøÆ€…–—“”’·±×") + list("ПриветΚαλημέρα→↑↓✓")
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(_ALPHABET, min_size=1, max_size=20), min_size=1, max_size=12))
def test_any_mix_of_characters_reads_back_unchanged(texts: list[str]) -> None:
    texts = [t for t in texts if t.strip()]

    def draw(ink: Ink) -> None:
        for i, text in enumerate(texts):
            ink.text(10, 20 + 15 * i, text, fonts.REGULAR, 9, style.INK)

    got = [g[0] for g in _placed(_page_with(draw))]
    assert got == [t.strip() for t in texts]  # pypdf drops the spaces around a string


def test_more_characters_than_one_font_subset_holds() -> None:
    """Past 256 distinct characters reportlab opens a second subset; both must print."""
    letters = (chr(c) for c in sorted(fonts.covered(fonts.REGULAR)) if 0x100 <= c < 0x2000)
    chars = [c for c in letters if unicodedata.category(c) in ("Lu", "Ll")][:600]
    assert len(chars) == 600
    lines = ["".join(chars[i : i + 40]) for i in range(0, len(chars), 40)]
    lines += ["plain ASCII after the switch", lines[0]]

    def draw(ink: Ink) -> None:
        for i, line in enumerate(lines):
            ink.text(10, 20 + 12 * i, line, fonts.REGULAR, 8, style.MUTED)

    reader = _page_with(draw)
    by_line: dict[float, str] = {}
    for text, _, y in _placed(reader):  # a line with two subsets is shown in pieces
        by_line[round(y)] = by_line.get(round(y), "") + text
    assert list(by_line.values()) == lines
    font_names = set(reader.pages[0]["/Resources"]["/Font"])
    assert len(font_names) >= 2  # two subsets of the one font


def test_non_breaking_space_prints_as_a_space() -> None:
    got = _placed(_page_with(lambda ink: ink.text(10, 20, "a\u00a0b", fonts.REGULAR, 9, style.INK)))
    assert [g[0] for g in got] == ["a b"]


def test_a_stamped_form_is_listed_on_every_page_that_uses_it() -> None:
    fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE)
    canvas.beginForm("dot", -3, -3, 3, 3)
    Ink(canvas).circle(0, 0, 3, fill=style.VOTE)
    canvas.endForm()
    ink = Ink(canvas)  # one pen across two pages
    for _ in range(2):
        ink.stamp("dot", 50, 50)
        ink.stamp("dot", 60, 50)
        canvas.showPage()
        ink.reset()
    canvas.save()
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    for page in reader.pages:
        assert list(page["/Resources"]["/XObject"]) == ["/FormXob.dot"]
        assert page.get_contents().get_data().count(b"/FormXob.dot Do") == 2


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(_ALPHABET, min_size=1, max_size=12), st.integers(0, 2), st.booleans()),
        min_size=1,
        max_size=15,
    )
)
def test_strings_spread_over_many_blocks_read_back_unchanged(
    items: list[tuple[str, int, bool]],
) -> None:
    """Each font, size and colour is its own text block, and a flush starts new ones: a
    block's first string names its font subset, whether its characters are new or known."""
    colours = (style.INK, style.MUTED, style.BAD)
    items = [item for item in items if item[0].strip()]

    def draw(ink: Ink) -> None:
        for i, (text, kind, flush) in enumerate(items):
            ink.text(10, 20 + 15 * i, text, fonts.REGULAR, 8 + kind, colours[kind])
            if flush:
                ink.flush()

    found: list[tuple[float, str, float]] = []

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            found.append((-tm[5], text.strip(), size))

    _page_with(draw).pages[0].extract_text(visitor_text=visit)
    assert [(text, size) for _, text, size in sorted(found)] == [
        (text.strip(), 8 + kind) for text, kind, _ in items
    ]


def test_a_filled_polygon_is_one_path_in_page_coordinates() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=0)
    canvas.translate(0, PAGE[1])
    ink = Ink(canvas)
    ink.polygon([(10, 20), (30, 20), (20, 35)], fill=style.BAD)
    ink.polygon([(0, 0), (5, 5)], fill=style.BAD)  # two points: no area, nothing drawn
    canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    # its fill colour, then the path: y grows upwards on the page
    assert re.search(rb"[\d.]+ [\d.]+ [\d.]+ rg\s+10 -20 m 30 -20 l 20 -35 l h f", data)
    assert data.count(b" h f") == 1
