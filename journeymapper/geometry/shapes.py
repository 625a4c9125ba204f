"""The shapes of a laid-out map: rects, lane groups and the :class:`MapLayout` that holds them.

Kept apart from the placing code (layout.py, insights.py) so both can build one layout
without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from journeymapper.geometry.bands import BandPoints, BandRects, CurvePoints
from journeymapper.geometry.card_text import CardText, NoteText
from journeymapper.geometry.type_scale import CARD_GAP, CELL_PAD


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom


@dataclass(frozen=True)
class LaneGroup:
    """A run of adjacent channel lanes of one kind (online / offline), labelled as a group."""

    channel_kind: str
    rect: Rect


@dataclass
class MapLayout:
    stages: dict[int, Rect] = field(default_factory=dict)  # header rects
    columns: dict[int, Rect] = field(default_factory=dict)  # whole stage columns
    lanes: dict[int, Rect] = field(default_factory=dict)  # whole lane rows incl. label
    #: Cards (relative to their lanes), markers (to their cards' lanes) and the curve (to
    #: the emotion lane): a lane that moves moves them (see :mod:`geometry.bands`).
    cards: BandRects[int] = field(default=None)  # type: ignore[assignment]
    markers: BandPoints[int] = field(default=None)  # type: ignore[assignment]
    groups: list[LaneGroup] = field(default_factory=list)
    emotion: CurvePoints = field(default=None)  # type: ignore[assignment]
    stage_order: list[int] = field(default_factory=list)
    lane_order: list[int] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    #: Each card's fitted text (title lines, body, footer badges), drawn as is everywhere.
    card_text: dict[int, CardText] = field(default_factory=dict)
    #: Card ids per (stage id, lane id) in order, and the height each cell's cards need.
    cell_cards: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    cell_heights: dict[tuple[int, int], float] = field(default_factory=dict)
    #: Insight rows (not lanes of the file: derived from the annotations) by kind key.
    insight_rows: dict[str, Rect] = field(default_factory=dict)
    #: Sticky notes of the insight rows by annotation id (relative to their rows), with
    #: their fitted text.
    notes: BandRects[int] = field(default=None)  # type: ignore[assignment]
    note_text: dict[int, NoteText] = field(default_factory=dict)
    #: The emotion lane's rect (None without one).
    emotion_band: Rect | None = None
    #: Per cell, its cards' curve entries by column x, kept while the cell's card list
    #: (a new list whenever the cell is placed again) is the same object.
    emotion_cells: dict[
        tuple[int, int], tuple[list[int], dict[float, list[tuple[int, float, float]]]]
    ] = field(default_factory=dict)
    #: Cards show metric badges (sizes depend on it).
    metrics: bool = True
    glyphs: dict[int, str] = field(default_factory=dict)  # lane id -> channel glyph
    pins: dict[int, int] = field(default_factory=dict)  # touchpoint id -> pinned annotations
    #: Narrowest card of two columns, most cards side by side, padding around a cell's
    #: cards and the smallest emotion lane: the screen's unless a fitted page asks for
    #: tighter ones (see ``pdf/page_fit.py``).
    card_min: float = 180.0
    most_columns: int = 2
    cell_pad: float = CELL_PAD
    emotion_min: float = 140.0

    def __post_init__(self) -> None:
        self.cards = _banded(BandRects(self.lanes), self.cards)
        self.markers = _banded(BandPoints(self.lanes), self.markers)
        self.notes = _banded(BandRects(self.insight_rows), self.notes)
        if not isinstance(self.emotion, CurvePoints):
            curve = CurvePoints(self.lanes)
            curve.rel = list(self.emotion or [])
            self.emotion = curve

    def cell_rect(self, stage_id: int, lane_id: int) -> Rect:
        col, row = self.columns[stage_id], self.lanes[lane_id]
        return Rect(col.x, row.y, col.w, row.h)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The (stage id, lane id) under a map point, or None outside the grid."""
        stage = next((s for s, r in self.columns.items() if r.x <= x < r.right), None)
        lane = next((ln for ln, r in self.lanes.items() if r.y <= y < r.bottom), None)
        if stage is None or lane is None:
            return None
        return stage, lane

    def drop_index(
        self, stage_id: int, lane_id: int, x: float, y: float, skip: Iterable[int] = ()
    ) -> int:
        """The insertion index among the cell's cards (``skip``: the dragged ones)."""
        left_out = set(skip)
        members = [i for i in self.cell_cards.get((stage_id, lane_id), []) if i not in left_out]
        for index, tp_id in enumerate(members):
            r = self.cards[tp_id]
            if y < r.y or (y < r.bottom and x < r.cx):
                return index
        return len(members)

    def slot_rect(self, stage_id: int, lane_id: int, index: int, skip: Iterable[int] = ()) -> Rect:
        """Where a drop at ``index`` lands: a thin bar before that card (or after the last)."""
        left_out = set(skip)
        members = [i for i in self.cell_cards.get((stage_id, lane_id), []) if i not in left_out]
        cell = self.cell_rect(stage_id, lane_id)
        if index < len(members):
            r = self.cards[members[index]]
            return Rect(r.x - CARD_GAP / 2 - 2, r.y, 4, r.h)
        if members:
            r = self.cards[members[-1]]
            return Rect(r.x, r.bottom + CARD_GAP / 2 - 2, r.w, 4)
        return Rect(cell.x + CELL_PAD, cell.y + CELL_PAD, cell.w - 2 * CELL_PAD, 4)


def _banded(empty: Any, given: Any) -> Any:
    """``given`` (None, a plain dict of absolute values or a banded map) as a banded map."""
    if given is None:
        return empty
    if isinstance(given, type(empty)):
        return given
    for key, value in given.items():
        empty[key] = value
    return empty
