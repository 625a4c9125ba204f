"""The layout that prints a map largest on one page (``--fit``).

Paper is read at arm's length, not at a screen's zoom, so a fitted page may use
narrower two-column cards and a shorter emotion lane than the canvas. The search
tries uniform stage widths first, then adjusts one stage at a time (a crowded
stage gains two columns, a sparse one gives its width back), keeping any change
that prints the map larger.
"""

from __future__ import annotations

from journeymapper.geometry import layout as geo
from journeymapper.geometry.layout import MapLayout, compute_layout
from journeymapper.pdf.pages import MARGIN
from journeymapper.pdf.titleblock import HEIGHT as TITLE_H
from journeymapper.store.journey_data import JourneyData

#: Stage-width factors tried when fitting a map to one page, and the largest map tried.
WIDTH_FACTORS = tuple(0.6 + 0.05 * i for i in range(37))
FIT_SEARCH_MAX = 150
#: Page height the title block, the legend (three rows) and their gaps take from the map.
FIT_RESERVED_H = TITLE_H + 10.0 + 51.0 + 10.0
#: (narrowest card of two columns, smallest emotion lane, most columns): the screen's,
#: then paper's (three columns where a crowded stage is wide enough).
PAPER_OPTIONS = ((geo.CARD_W, geo.EMOTION_LANE_MIN, 2, geo.CELL_PAD), (150.0, 100.0, 3, 8.0))
Option = tuple[float, float, int, float]
#: Rounds of one-stage-at-a-time adjustment after the uniform search.
ROUNDS = 3


def fitted_layout(data: JourneyData, size: tuple[float, float]) -> MapLayout:
    """The layout whose shape best fills the page (see the module's docstring)."""
    best = compute_layout(data)
    if len(data.touchpoints) > FIT_SEARCH_MAX or not data.stages:
        return best
    room_w, room_h = size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - FIT_RESERVED_H
    cells = data.cells()

    def scale(lay: MapLayout) -> float:
        return min(room_w / max(lay.width, 1), room_h / max(lay.height, 1))

    def lay_out(widths: dict[int, float], option: Option) -> MapLayout:
        card_min, emotion_min, most, pad = option
        return compute_layout(
            data,
            cells,
            stage_widths=widths,
            card_min=card_min,
            emotion_min=emotion_min,
            most_columns=most,
            cell_pad=pad,
        )

    best_scale, best_widths = scale(best), {s.id: s.width for s in data.stages}
    best_option: Option = PAPER_OPTIONS[0]
    for option in PAPER_OPTIONS:
        narrowest = option[0] + 2 * option[3]
        for factor in WIDTH_FACTORS:
            widths = {s.id: max(narrowest, s.width * factor) for s in data.stages}
            candidate = lay_out(widths, option)
            if scale(candidate) > best_scale * 1.01:
                best, best_scale = candidate, scale(candidate)
                best_widths, best_option = widths, option
    card_min, pad = best_option[0], best_option[3]
    spans = [n * card_min + (n - 1) * geo.CARD_GAP + 2 * pad for n in (1, 2, 3)]
    for _ in range(ROUNDS):
        for stage in data.stages:
            now = best_widths[stage.id]
            for w in (
                *spans,
                spans[1] * 1.1,
                *(now * f for f in (0.9, 0.95, 0.98, 1.02, 1.05, 1.1)),
            ):
                widths = {**best_widths, stage.id: w}
                candidate = lay_out(widths, best_option)
                if scale(candidate) > best_scale * 1.001:
                    best, best_scale, best_widths = candidate, scale(candidate), widths
    return best
