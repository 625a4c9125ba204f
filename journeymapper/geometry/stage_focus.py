"""Stage focus: the layout of the workshop's stage view, sized by one stage alone.

The normal layout gives each lane the height of its tallest cell across all stages, so a
stage view that fits every lane zooms out until nothing reads on a projector. A focused
layout sizes the lanes by the focused stage's own cells (empty channel lanes collapse to a
strip), widens that stage to two card columns, and reuses the other stages' fitted cards
where they still fit their cell; those that would overflow are listed as hidden.
Pure geometry, no Qt: built once per stage switch, O(map) at most.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from journeymapper.geometry import layout as geo
from journeymapper.geometry.card_text import CardText
from journeymapper.geometry.shapes import MapLayout
from journeymapper.store.journey_data import AnnotationData, JourneyData, TouchpointData

#: A channel lane with no card in the focused stage: just tall enough for its label.
EMPTY_LANE_H = 40.0
#: The focused stage lays its cards in up to three columns (a projector is wide, not tall),
#: at least this wide, with a flatter emotion lane: the whole stage fits at a large zoom.
FOCUS_COLUMNS = 3
FOCUS_WIDTH = FOCUS_COLUMNS * geo.CARD_W + (FOCUS_COLUMNS - 1) * geo.CARD_GAP + 2 * geo.CELL_PAD
FOCUS_EMOTION_H = 100.0


@dataclass
class Focus:
    """A focused layout and the other stages' cards it leaves out (they would overlap)."""

    stage_id: int
    layout: MapLayout
    hidden_cards: set[int] = field(default_factory=set)


def stage_of(data: JourneyData, ann: AnnotationData) -> int | None:
    """The stage an annotation belongs to (its card's stage, or its own)."""
    if ann.touchpoint_id is not None:
        tp = data.touchpoints.get(ann.touchpoint_id)
        return tp.stage_id if tp is not None else None
    return ann.stage_id


def focus_layout(
    data: JourneyData,
    cells: dict[tuple[int, int], list[TouchpointData]],
    stage_id: int,
    *,
    metrics: bool = True,
    borrowed: dict[int, CardText] | None = None,
    pins: dict[int, int] | None = None,
) -> Focus:
    """Lay the map out for ``stage_id``: lanes as tall as that stage needs, nothing more.

    ``borrowed`` lends the other stages' card text as the normal layout fitted it (still
    true for those cards), so only the focused stage's cards are fitted again; ``pins``
    are the annotation counts per card of the whole map.
    """
    stage = next(s for s in data.stages if s.id == stage_id)
    own = replace(
        data,
        text_cells={k: t for k, t in data.text_cells.items() if k[0] == stage_id},
        annotations=[a for a in data.annotations if stage_of(data, a) == stage_id],
    )
    lay = geo.compute_layout(
        own,
        {k: v for k, v in cells.items() if k[0] == stage_id},
        metrics=metrics,
        stage_widths={stage_id: max(stage.width, FOCUS_WIDTH)},
        empty_lane_h=EMPTY_LANE_H,
        most_columns=FOCUS_COLUMNS,
        emotion_min=FOCUS_EMOTION_H,
    )
    focus = Focus(stage_id, lay)
    borrowed = borrowed or {}
    if pins is not None:
        lay.pins = dict(pins)
    for (s_id, lane_id), items in cells.items():
        if s_id == stage_id or s_id not in lay.columns or lane_id not in lay.lanes:
            continue
        ids = [tp.id for tp in items]
        for tp_id in ids:
            if tp_id in borrowed:
                lay.card_text[tp_id] = borrowed[tp_id]
        geo.place_cell(lay, data, s_id, lane_id, ids, refit=False)
        if lay.cell_heights[(s_id, lane_id)] > lay.lanes[lane_id].h + 0.5:
            focus.hidden_cards.update(ids)
    shown = [
        a
        for a in data.annotations
        if (a.touchpoint_id in lay.cards and a.touchpoint_id not in focus.hidden_cards)
        or (a.touchpoint_id is None and a.stage_id in lay.stages)
    ]
    lay.markers = geo.place_markers(lay, data, shown)
    return focus
