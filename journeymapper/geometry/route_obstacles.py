"""What a connector's route must keep clear of: the cards and insight notes of the cells it
crosses, found through indexes built once per layout (every route of a map asks)."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from journeymapper.geometry.shapes import MapLayout, Rect

_HITS_CACHE: dict[int, tuple[MapLayout, Callable[[Rect], bool]]] = {}


def card_hits(layout: MapLayout) -> Callable[[Rect], bool]:
    """Whether a box overlaps a card of the cells it spans (indexed once per layout)."""
    found = _HITS_CACHE.get(id(layout))
    if found is not None and found[0] is layout:
        return found[1]
    stages = sorted(layout.columns.items(), key=lambda kv: kv[1].x)
    lanes = sorted(layout.lanes.items(), key=lambda kv: kv[1].y)
    xs, ys = [r.x for _, r in stages], [r.y for _, r in lanes]

    def hits(box: Rect) -> bool:
        # The cards are read afresh (a relayout moves them in place); the box's edges
        # once: a label of a 10,000-card map is checked against hundreds of cards.
        x, y, right, bottom = box.x, box.y, box.right, box.bottom
        cols = stages[max(0, bisect.bisect_right(xs, x) - 1) : bisect.bisect_left(xs, right)]
        rows = lanes[max(0, bisect.bisect_right(ys, y) - 1) : bisect.bisect_left(ys, bottom)]
        cards, cells, bands = layout.cards.relative_values, layout.cell_cards, layout.lanes
        for lane_id, _ in rows:
            # A cell's cards are kept relative to their lane's top: move the box, not them.
            top = bands[lane_id].y
            y_in, bottom_in = y - top, bottom - top
            for stage_id, _ in cols:
                for card_id in cells.get((stage_id, lane_id), ()):
                    r = cards.get(card_id)
                    if r and r.x < right and x < r.x + r.w and r.y < bottom_in and y_in < r.y + r.h:
                        return True
        return False

    _HITS_CACHE.clear()
    _HITS_CACHE[id(layout)] = (layout, hits)
    return hits


def lane_at(layout: MapLayout, y: float) -> Rect | None:
    for lane_id in layout.lane_order:
        rect = layout.lanes[lane_id]
        if rect.y <= y < rect.bottom:
            return rect
    return None


def column_at(layout: MapLayout, x: float) -> Rect | None:
    xs = [layout.columns[s].x for s in layout.stage_order]
    i = bisect.bisect_right(xs, x) - 1
    if 0 <= i < len(xs):
        return layout.columns[layout.stage_order[i]]
    return None


def blocked(
    layout: MapLayout,
    stage_id: int,
    x: float,
    top: float,
    bottom: float,
    moved: dict[int, Rect],
    ends: tuple[int, int],
) -> bool:
    """A card of the stage (other than the ends) crosses the vertical x from top to bottom."""
    cards, cells, lanes = layout.cards.relative_values, layout.cell_cards, layout.lanes
    for lane_id in layout.lane_order:
        band = lanes[lane_id]
        if band.y + band.h <= top or band.y >= bottom:
            continue  # a lane outside the gap holds no card in the way
        for card_id in cells.get((stage_id, lane_id), ()):
            dragged = moved.get(card_id)  # absolute; the others relative to their lane
            card = dragged or cards.get(card_id)
            if card is None or card_id in ends or not card.x <= x <= card.x + card.w:
                continue
            dy = 0.0 if dragged else band.y
            if card.y + dy < bottom and card.y + dy + card.h > top:
                return True
    return False


_NOTE_INDEX: dict[int, tuple[MapLayout, dict[float, list[Rect]]]] = {}


def notes_in(layout: MapLayout, column: Rect) -> list[Rect]:
    """The insight notes in a stage column (indexed once per layout: notes are obstacles)."""
    found = _NOTE_INDEX.get(id(layout))
    if found is None or found[0] is not layout:
        index: dict[float, list[Rect]] = {}
        for note in layout.notes.values():
            col = column_at(layout, note.cx)
            if col is not None:
                index.setdefault(col.x, []).append(note)
        _NOTE_INDEX.clear()
        found = _NOTE_INDEX[id(layout)] = (layout, index)
    return found[1].get(column.x, [])


def forget(layout: MapLayout) -> None:
    """``layout``'s lanes moved in place: its card and note indexes are stale."""
    _HITS_CACHE.pop(id(layout), None)
    _NOTE_INDEX.pop(id(layout), None)
