"""Hit-testing: what part of the map lies under a point (a border, a header, a cell …).

Plain functions of the layout and a point, so the mouse modes, the cursor and the
context menu agree on one answer; they import no Qt and read no data.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from journeymapper.geometry import layout as geo
from journeymapper.geometry.shapes import MapLayout

#: Width of the "+ Add stage" slot after the last stage.
ADD_STAGE_W = 150.0
#: How near a border (in scene units) a press grabs it.
BORDER_GRIP = 5.0
#: How near an emotion point a press grabs it.
POINT_GRIP = 8.0


class Zone(NamedTuple):
    """A kind of place (``stage_border``, ``new_stage``, ``stage``, ``lane_border``,
    ``lane_label``, ``emotion_point``, ``cell`` or ``none``) and the id(s) it concerns."""

    kind: str
    target: Any = None


NOWHERE = Zone("none")


def header_zone(lay: MapLayout, x: float, y: float) -> Zone:
    """In the header band: a stage's right border, the add-stage slot, or a stage header."""
    for stage_id in lay.stage_order:
        if abs(x - lay.stages[stage_id].right) <= BORDER_GRIP:
            return Zone("stage_border", stage_id)
    if lay.width < x <= lay.width + ADD_STAGE_W:
        return Zone("new_stage")
    for stage_id in lay.stage_order:
        if lay.stages[stage_id].contains(x, y):
            return Zone("stage", stage_id)
    return NOWHERE


def label_zone(lay: MapLayout, y: float) -> Zone | None:
    """In the lane-label column: a lane's bottom border or its label (None between lanes)."""
    for lane_id in lay.lane_order:
        r = lay.lanes[lane_id]
        if abs(y - r.bottom) <= BORDER_GRIP - 1:
            return Zone("lane_border", lane_id)
        if r.y <= y < r.bottom:
            return Zone("lane_label", lane_id)
    return None


def emotion_point_at(lay: MapLayout, emotion_lane: int | None, x: float, y: float) -> int | None:
    """The touchpoint whose emotion-curve point is under (x, y), if any."""
    if emotion_lane is None or not lay.lanes[emotion_lane].contains(x, y):
        return None
    for tp_id, px, py in lay.emotion:
        if abs(px - x) <= POINT_GRIP and abs(py - y) <= POINT_GRIP:
            return tp_id
    return None


def zone(lay: MapLayout, x: float, y: float, emotion_lane: int | None = None) -> Zone:
    """What lies under the map point (x, y); ``emotion_lane`` is the emotion lane's id."""
    if 0 <= y < geo.HEADER_H:
        return header_zone(lay, x, y)
    if geo.GROUP_W <= x < geo.LEFT_W:
        label = label_zone(lay, y)
        if label is not None:
            return label
    point = emotion_point_at(lay, emotion_lane, x, y)
    if point is not None:
        return Zone("emotion_point", point)
    cell = lay.cell_at(x, y)
    return NOWHERE if cell is None else Zone("cell", cell)
