"""A lane grew or shrank: its new height, and every lane and insight row below moved as a block.

After an edit re-placed the cards of a few cells (:func:`layout.place_cell`), their lanes
may need another height. Cards, markers, notes and the curve are kept relative to their
bands (:mod:`geometry.bands`), so moving the bands moves them: this costs the lanes and
stages, never the cards. The numbers are those :func:`layout.compute_layout` gives (the
same sums in the same order), so an edited map equals one laid out from scratch.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from journeymapper.geometry import blueprint as bp
from journeymapper.geometry import layout as geo
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.insights import ROWS
from journeymapper.geometry.shapes import MapLayout, Rect
from journeymapper.model.enums import CARD_LANE_KINDS, LaneKind
from journeymapper.store.journey_data import JourneyData, LaneData


def card_lane_height(layout: MapLayout, lane: LaneData) -> float:
    """A card lane's height from its cells' heights as placed (:func:`layout.lane_height`
    without placing a card): its tallest cell, at least its floor."""
    floor = geo.lane_min_height(lane.kind)
    if lane.height != geo.DEFAULT_LANE_H:
        floor = max(floor, lane.height)
    heights = layout.cell_heights
    tallest = max((heights.get((s, lane.id), 0.0) for s in layout.stage_order), default=0.0)
    return max(floor, tallest)


def resize_lanes(
    layout: MapLayout, data: JourneyData, lane_ids: Iterable[int]
) -> dict[Hashable, float] | None:
    """Give the card lanes ``lane_ids`` the height their cells need and move the bands below.

    Returns band -> how far it moved (lane ids and insight-row keys, the resized lanes
    too; empty when no lane changed height), or None when this cannot be done here (not a
    card lane)."""
    lanes = {ln.id: ln for ln in data.lanes}
    heights: dict[int, float] = {}
    for lane_id in lane_ids:
        lane = lanes.get(lane_id)
        if lane is None or lane.kind not in CARD_LANE_KINDS or lane_id not in layout.lanes:
            return None
        h = card_lane_height(layout, lane)
        if h != layout.lanes[lane_id].h:
            heights[lane_id] = h
    if not heights:
        return {}
    return _restack(layout, data, heights)


def _restack(
    layout: MapLayout, data: JourneyData, heights: dict[int, float]
) -> dict[Hashable, float]:
    """Lay the lanes and rows top to bottom again with ``heights`` for some lanes."""
    moved: dict[Hashable, float] = {}
    y = geo.HEADER_H + ts.HEADER_GAP
    rows_placed = False
    for lane in data.lanes:
        old = layout.lanes[lane.id]
        height = heights.get(lane.id, old.h)
        if old.y != y or old.h != height:
            layout.lanes[lane.id] = Rect(0.0, y, layout.width, height)
            moved[lane.id] = y - old.y  # 0 for a lane that only changed height
        y += height
        if lane.kind == LaneKind.EMOTION:
            layout.emotion_band = layout.lanes[lane.id]
            y = _restack_rows(layout, y, moved)
            rows_placed = True
    if not rows_placed:
        y = _restack_rows(layout, y, moved)
    layout.height = y
    for stage_id, head in layout.stages.items():
        layout.columns[stage_id] = Rect(head.x, 0.0, head.w, y)
    layout.groups.clear()
    geo.place_groups(layout, data)
    bp.lanes_moved(layout)
    return moved


def _restack_rows(layout: MapLayout, y: float, moved: dict[Hashable, float]) -> float:
    """The insight rows from ``y`` down, with the heights they have (their notes did not
    change): as :func:`insights.place_rows` sums them."""
    for key in ROWS:
        row = layout.insight_rows.get(key)
        if row is None:
            continue
        if row.y != y:
            layout.insight_rows[key] = Rect(0.0, y, layout.width, row.h)
            moved[key] = y - row.y
        y += row.h
    return y
