"""Details found by looking at the six templates on screen, in the workshop and on A3:
glyphs that touched titles, words broken mid-letter, tags over lane names, the low
point's label over the curve, stage descriptions printed under 4 pt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from journeymapper.geometry import layout as geo
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import (
    BOLD,
    GLYPH_GAP,
    REGULAR,
    channel_glyph,
    fit_card,
    measure,
)
from journeymapper.geometry.lane_label import GAP, label_tops
from journeymapper.geometry.text_fit import wrap_text
from journeymapper.model.document import Document
from journeymapper.pdf import map_page
from journeymapper.pdf.export import export_pdf
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.options import ExportOptions
from journeymapper.store.journey_data import TouchpointData, find_journey, load_journey
from journeymapper.templates import create_workspace

TEMPLATES = ["retail", "ecommerce", "hospitality", "marketing", "support", "blank"]


def _data(tmp_path: Path, template: str):  # type: ignore[no-untyped-def]
    path = tmp_path / f"{template}.jmap"
    create_workspace(path, template).close()
    doc = Document.open(path)
    try:
        return load_journey(doc, find_journey(doc, None))
    finally:
        doc.close()


def _tp(title: str) -> TouchpointData:
    return TouchpointData(1, 1, 1, 0, title, "", "direct", "", None, "", "observed")


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_channel_glyph_touches_its_cards_title(tmp_path: Path, template: str) -> None:
    lay = geo.compute_layout(_data(tmp_path, template))
    glyph_w = measure(REGULAR, ts.CARD_TITLE)
    for text in lay.card_text.values():
        if text.glyph:
            assert text.title_x - ts.CARD_PAD >= glyph_w(text.glyph) + GLYPH_GAP, text.glyph


def test_wide_glyphs_push_the_title_over() -> None:
    phone, store = fit_card(_tp("Call"), 200, "☎"), fit_card(_tp("Call"), 200, "⌂")
    assert phone.title_x > store.title_x  # ☎ is twice as wide as ⌂
    assert phone.title_x - ts.CARD_PAD >= measure(REGULAR, ts.CARD_TITLE)("☎") + GLYPH_GAP


@pytest.mark.parametrize(
    ("lane", "glyph"),
    [
        ("Customer service", "☎"),
        ("Customer care", "☎"),
        ("Parcel & returns", "⚑"),
        ("Front desk", "⌂"),
        ("Home & engineer", "⌂"),
        ("Landing page", "◎"),
        ("Outdoor & print", "●"),
    ],
)
def test_channel_names_of_the_templates_have_their_glyphs(lane: str, glyph: str) -> None:
    assert channel_glyph(lane) == glyph


def test_a_long_hyphenated_word_breaks_after_its_hyphen() -> None:
    bold = measure(BOLD, ts.CARD_TITLE)
    width = bold("delivery card")
    assert bold("Missed-delivery") > width  # the word needs breaking
    assert wrap_text("Missed-delivery card", bold, width, 3) == ["Missed-", "delivery card"]


@given(
    words=st.lists(st.from_regex(r"[a-z]{1,12}(-[a-z]{1,12}){0,3}", fullmatch=True), min_size=1),
    width=st.floats(min_value=30, max_value=200),
)
def test_wrapping_loses_no_character(words: list[str], width: float) -> None:
    text = " ".join(words)
    lines = wrap_text(text, measure(BOLD, ts.CARD_TITLE), width, 1000)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def _word_by_word(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """The wrapping rule spelled out: a word joins the line while the line still fits."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


@given(
    text=st.text(st.sampled_from("ab Wi\u00e9\u0416 \t"), max_size=40),
    width=st.floats(min_value=5, max_value=150),
)
def test_a_line_that_fits_whole_is_what_word_by_word_wrapping_gives(
    text: str, width: float
) -> None:
    # words no wider than the line, so no word is broken: the rule above is the whole rule
    regular = measure(REGULAR, 8)
    assume(all(regular(w) <= width for w in text.split()))
    assert wrap_text(text, regular, width, 100) == _word_by_word(text, regular, width)


@given(
    height=st.floats(min_value=10, max_value=400),
    lines=st.integers(min_value=1, max_value=3),
    tag_h=st.sampled_from([0.0, 7.5, 9.0, 11.0]),
    foot=st.floats(min_value=0, max_value=8),
)
def test_a_lanes_kind_tag_never_sits_on_its_name(
    height: float, lines: int, tag_h: float, foot: float
) -> None:
    block = lines * 14.4
    top, tag_top = label_tops(height, block, tag_h, foot)
    if tag_top is None:
        assert top == pytest.approx((height - block) / 2)  # the name stays centred
        assert not tag_h or block + GAP + tag_h > height - 2 * GAP or height - foot < block
    else:
        assert tag_top >= top + block + GAP - 1e-9  # under the name, never over it
        assert tag_top + tag_h <= height + 1e-9
        assert top >= 0


def test_the_stage_views_collapsed_lanes_keep_name_and_tag_apart() -> None:
    """The 40-unit empty lane of the stage view: a one-line name keeps its tag under it; a
    two-line name ("Help centre & chat") stays centred and whole, and the tag steps aside."""
    top, tag_top = label_tops(40.0, 14.4, 8.0, 4.0)
    assert tag_top is not None and tag_top >= top + 14.4 + GAP
    top, tag_top = label_tops(40.0, 2 * 14.4, 8.0, 4.0)
    assert tag_top is None and top == pytest.approx((40 - 2 * 14.4) / 2)


@pytest.mark.parametrize("template", ["retail", "ecommerce", "hospitality", "support"])
def test_the_low_points_label_stays_off_the_curve(tmp_path: Path, template: str) -> None:
    lay = geo.compute_layout(_data(tmp_path, template))
    band, low = lay.emotion_band, geo.lowest_point(lay.emotion)
    assert band is not None and low is not None
    box = geo.low_label_rect(band, low[1], low[2], 120, 10)
    assert band.y <= box.y and box.bottom <= band.bottom
    if box.y > low[2]:  # under the point: every point of the curve is above the label
        assert all(y + 10 < box.y for _tp, _x, y in lay.emotion)
    else:  # beside the point, at its height
        assert box.x >= low[1] + 10 or box.right <= low[1] - 10


def test_a_low_point_above_the_bottom_is_labelled_under_it() -> None:
    band = geo.Rect(0, 0, 1000, 140)
    y = geo.emotion_y(band, 0)
    box = geo.low_label_rect(band, 500, y, 100, 10)
    assert box.y > y + 10 and box.x == pytest.approx(450)
    at_bottom = geo.low_label_rect(band, 500, geo.emotion_y(band, -2), 100, 10)
    assert at_bottom.x > 500  # no room under a −2 point: beside it


def test_the_pdf_prints_stage_descriptions_and_group_bands_on_the_type_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "retail.jmap"
    create_workspace(path, "retail").close()
    drawn: list[tuple[str, float]] = []
    text, rotated = Ink.text, Ink.rotated_text

    def spy_text(self, x, y, s, font, size, colour, **kw):  # type: ignore[no-untyped-def]
        drawn.append((s, size))
        return text(self, x, y, s, font, size, colour, **kw)

    def spy_rotated(self, cx, cy, s, font, size, colour):  # type: ignore[no-untyped-def]
        drawn.append((s, size))
        return rotated(self, cx, cy, s, font, size, colour)

    monkeypatch.setattr(Ink, "text", spy_text)
    monkeypatch.setattr(Ink, "rotated_text", spy_rotated)
    doc = Document.open(path)
    try:
        data = load_journey(doc, find_journey(doc, None))
        export_pdf(doc, data.id, tmp_path / "map.pdf", ExportOptions().without_appendix())
    finally:
        doc.close()
    sizes = dict(drawn)
    described = [s for s in data.stages if s.description]
    assert described
    for stage in described:
        shown = next(s for s in sizes if s and stage.description.startswith(s.rstrip("…")))
        assert sizes[shown] >= ts.BADGE
    assert sizes["ONLINE"] >= ts.GROUP_LABEL and sizes["OFFLINE"] >= ts.GROUP_LABEL
    assert map_page.TAG_SIZE < ts.BADGE  # the lane tag stays a quiet hint (see VISUAL.md)
