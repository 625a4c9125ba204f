"""After an edit re-placed a few cells: the markers pinned to the cards that moved, and the
emotion curve's points of the stages touched. Each costs what the edit touched (a cell's
cards, a stage's points), never a pass over the map; the curve's wait until it is seen."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from journeymapper.geometry import layout as geo
from journeymapper.store.journey_data import AnnotationData, JourneyData
from journeymapper.ui.canvas.stale_regions import Box, overlaps


def _point_x(point: tuple[int, float, float]) -> float:
    """Curve points are ordered by x (then id, as :func:`layout.sort_emotion`)."""
    return point[1]


class PinIndex:
    """Touchpoint id -> the annotations pinned to it, built once per read of the annotations
    (a 10,000-card map has 2,500 of them: an edit does not walk them all)."""

    def __init__(self) -> None:
        self._of: tuple[object, int] | None = None
        self._index: dict[int, list[AnnotationData]] = {}

    def pinned_to(self, data: JourneyData, cards: set[int]) -> list[AnnotationData]:
        """The annotations pinned to ``cards``, in the journey's order per card."""
        anns = data.annotations
        if self._of is None or self._of[0] is not anns or self._of[1] != len(anns):
            self._index = {}
            for ann in anns:
                if ann.touchpoint_id is not None:
                    self._index.setdefault(ann.touchpoint_id, []).append(ann)
            self._of = (anns, len(anns))
        return [a for tp_id in cards for a in self._index.get(tp_id, ())]


def patch_markers(
    lay: geo.MapLayout,
    data: JourneyData,
    pinned: list[AnnotationData],
    place: Callable[[int, object, tuple[float, float]], None],
) -> None:
    """Place the markers of ``pinned`` again; ``place(ann id, band, centre)`` moves the item
    of each one whose place changed."""
    placed = geo.place_markers(lay, data, pinned)
    for ann_id in placed:
        if ann_id not in lay.markers or lay.markers.relative(ann_id) != placed.relative(ann_id):
            place(ann_id, *placed.relative(ann_id))
    lay.markers.update_from(placed)


def patch_emotion(lay: geo.MapLayout, data: JourneyData, stages: set[int]) -> None:
    """Replace the curve points of a few stages: each stage's points are one run of the
    list sorted by x (its column), so this costs the stage, not the map."""
    points = lay.emotion
    for stage in stages:
        col = lay.columns.get(stage)
        if col is None:
            continue
        lo = bisect.bisect_left(points.rel, col.x, key=_point_x)
        hi = bisect.bisect_left(points.rel, col.right, key=_point_x)
        mine = geo.emotion_positions(lay, data, [stage])  # each under its card, in the column
        points.replace_run(lo, hi, geo.sort_emotion(mine))


class CurveDue:
    """The stages whose curve points wait until the emotion lane is seen. A card leaving a
    cell moves every point of its stage's column (they share the column's width): on a
    10,000-card map, a thousand points nobody sees while the lane is out of view."""

    def __init__(self) -> None:
        self.stages: set[int] = set()

    def settle(self, lay: geo.MapLayout, data: JourneyData, seen: Iterable[Box] | None) -> bool:
        """Patch the waiting stages' points if the emotion lane meets a box of ``seen``
        (None: now); True when it did."""
        band = lay.emotion_band
        if not self.stages or band is None:
            self.stages.clear()
            return False
        box = (band.x, band.y, band.right, band.bottom)
        if seen is not None and not any(overlaps(box, rect) for rect in seen):
            return False
        patch_emotion(lay, data, self.stages)
        self.stages = set()
        return True
