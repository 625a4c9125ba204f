"""Where everything sits on the map, in map units (1 unit = 1 px at 100 % = 1 pt in the PDF).

Pure geometry with no Qt and no fonts: the canvas and the PDF exporter place
stages, lanes, cards, markers and the emotion curve from the same numbers, so
a map looks the same on screen and on paper. A crowded cell wraps its cards
into more rows and its lane grows; cards never overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from journeymapper.model.enums import EMOTION_MAX, EMOTION_MIN, LaneKind
from journeymapper.store.journey_data import AnnotationData, JourneyData, LaneData, TouchpointData

CARD_W = 150.0
CARD_H = 78.0
CARD_GAP = 8.0
CELL_PAD = 10.0
TITLE_H = 44.0
HEADER_H = 54.0
GROUP_W = 26.0
LABEL_W = 134.0
LEFT_W = GROUP_W + LABEL_W
TEXT_LANE_MIN = 64.0
EMOTION_LANE_MIN = 120.0
MARKER_R = 9.0
EMOTION_MARGIN = 18.0


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
    cards: dict[int, Rect] = field(default_factory=dict)
    markers: dict[int, tuple[float, float]] = field(default_factory=dict)
    groups: list[LaneGroup] = field(default_factory=list)
    emotion: list[tuple[int, float, float]] = field(default_factory=list)
    stage_order: list[int] = field(default_factory=list)
    lane_order: list[int] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

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


def columns_for(width: float) -> int:
    """How many cards fit side by side in a stage of ``width``."""
    return max(1, int((width - 2 * CELL_PAD + CARD_GAP) // (CARD_W + CARD_GAP)))


def card_offset(index: int, columns: int) -> tuple[float, float]:
    """Top-left of the card at ``index`` relative to its cell."""
    row, col = divmod(index, columns)
    return CELL_PAD + col * (CARD_W + CARD_GAP), CELL_PAD + row * (CARD_H + CARD_GAP)


def rows_height(count: int, columns: int) -> float:
    rows = max(1, -(-count // columns))
    return 2 * CELL_PAD + rows * CARD_H + (rows - 1) * CARD_GAP


def index_at(cell: Rect, count: int, x: float, y: float) -> int:
    """The insertion index (0..count) for a drop at map point (x, y) inside ``cell``."""
    columns = columns_for(cell.w)
    col = int((x - cell.x - CELL_PAD + CARD_GAP / 2) // (CARD_W + CARD_GAP))
    row = int((y - cell.y - CELL_PAD) // (CARD_H + CARD_GAP))
    col = max(0, min(col, columns))
    row = max(0, row)
    return max(0, min(row * columns + col, count))


def lane_min_height(kind: str) -> float:
    if kind == LaneKind.TEXT:
        return TEXT_LANE_MIN
    if kind == LaneKind.EMOTION:
        return EMOTION_LANE_MIN
    return rows_height(1, 1)


def compute_layout(
    data: JourneyData, cells: dict[tuple[int, int], list[TouchpointData]] | None = None
) -> MapLayout:
    """Place the whole map; ``cells`` (``data.cells()``) may be passed when already built."""
    layout = MapLayout()
    cells = data.cells() if cells is None else cells
    x = LEFT_W
    for stage in data.stages:
        layout.stages[stage.id] = Rect(x, 0.0, stage.width, HEADER_H)
        layout.stage_order.append(stage.id)
        x += stage.width
    layout.width = x
    y = HEADER_H
    counts = {cell: len(items) for cell, items in cells.items()}
    for lane in data.lanes:
        height = lane_height(data, lane, counts)
        layout.lanes[lane.id] = Rect(0.0, y, layout.width, height)
        layout.lane_order.append(lane.id)
        y += height
    layout.height = y
    for stage in data.stages:
        head = layout.stages[stage.id]
        layout.columns[stage.id] = Rect(head.x, 0.0, head.w, layout.height)
    _place_cards(layout, data, cells)
    _place_groups(layout, data)
    layout.markers = place_markers(layout, data)
    layout.emotion = emotion_points(layout, data)
    return layout


def _place_cards(
    layout: MapLayout, data: JourneyData, cells: dict[tuple[int, int], list[TouchpointData]]
) -> None:
    for (stage_id, lane_id), items in cells.items():
        place_cell(layout, stage_id, lane_id, [tp.id for tp in items])


def place_cell(layout: MapLayout, stage_id: int, lane_id: int, ids: list[int]) -> None:
    """Place the cards ``ids`` (in order) of one cell into ``layout.cards``."""
    if stage_id not in layout.columns or lane_id not in layout.lanes:
        return
    cell = layout.cell_rect(stage_id, lane_id)
    columns = columns_for(cell.w)
    step_x, step_y = CARD_W + CARD_GAP, CARD_H + CARD_GAP
    x0, y0 = cell.x + CELL_PAD, cell.y + CELL_PAD
    for i, tp_id in enumerate(ids):
        row, col = divmod(i, columns)
        layout.cards[tp_id] = Rect(x0 + col * step_x, y0 + row * step_y, CARD_W, CARD_H)


def lane_height(data: JourneyData, lane: LaneData, counts: dict[tuple[int, int], int]) -> float:
    """A lane's height: its own, or taller where a crowded cell wraps its cards."""
    height = max(lane.height, lane_min_height(lane.kind))
    if lane.kind == LaneKind.CHANNEL:
        for stage in data.stages:
            count = counts.get((stage.id, lane.id), 0)
            if count:
                height = max(height, rows_height(count, columns_for(stage.width)))
    return height


def _place_groups(layout: MapLayout, data: JourneyData) -> None:
    run_kind: str | None = None
    run_top = run_bottom = 0.0
    for lane in [*data.lanes, None]:
        kind = lane.channel_kind if lane is not None and lane.kind == LaneKind.CHANNEL else None
        if kind != run_kind:
            if run_kind is not None:
                layout.groups.append(
                    LaneGroup(run_kind, Rect(0.0, run_top, GROUP_W, run_bottom - run_top))
                )
            run_kind = kind
            if lane is not None:
                run_top = layout.lanes[lane.id].y
        if lane is not None:
            run_bottom = layout.lanes[lane.id].bottom


def place_markers(
    layout: MapLayout, data: JourneyData, annotations: Iterable[AnnotationData] | None = None
) -> dict[int, tuple[float, float]]:
    """Centres of the numbered annotation markers: along a card's top edge, or a stage header.

    ``annotations`` limits the work to some (all of one target's must be included).
    """
    markers: dict[int, tuple[float, float]] = {}
    per_target: dict[tuple[str, int], int] = {}
    for ann in data.annotations if annotations is None else annotations:
        if ann.touchpoint_id is not None and ann.touchpoint_id in layout.cards:
            key = ("t", ann.touchpoint_id)
            card = layout.cards[ann.touchpoint_id]
            n = per_target.get(key, 0)
            markers[ann.id] = (card.right - MARKER_R - 2 - n * (2 * MARKER_R + 2), card.y)
        elif ann.stage_id is not None and ann.stage_id in layout.stages:
            key = ("s", ann.stage_id)
            head = layout.stages[ann.stage_id]
            n = per_target.get(key, 0)
            markers[ann.id] = (
                head.right - MARKER_R - 6 - n * (2 * MARKER_R + 3),
                head.y + MARKER_R + 5,
            )
        else:
            continue
        per_target[key] = per_target.get(key, 0) + 1
    return markers


def emotion_points(layout: MapLayout, data: JourneyData) -> list[tuple[int, float, float]]:
    """(touchpoint id, x, y) of the emotion curve, left to right, inside the emotion lane."""
    return sort_emotion(emotion_positions(layout, data, data.touchpoints))


def emotion_positions(
    layout: MapLayout, data: JourneyData, ids: Iterable[int]
) -> dict[int, tuple[float, float]]:
    """Curve point (x, y) of each of ``ids`` that has an emotion and a card on the map."""
    lane = next((ln for ln in data.lanes if ln.kind == LaneKind.EMOTION), None)
    if lane is None:
        return {}
    band = layout.lanes[lane.id]
    cards, touchpoints = layout.cards, data.touchpoints
    # emotion_y inlined: this runs over many cards after every move.
    top = band.y + EMOTION_MARGIN
    scale = (band.h - 2 * EMOTION_MARGIN) / (EMOTION_MAX - EMOTION_MIN)
    points = {}
    for tp_id in ids:
        tp, card = touchpoints.get(tp_id), cards.get(tp_id)
        if tp is not None and card is not None and tp.emotion is not None:
            points[tp_id] = (card.x + card.w / 2, top + (EMOTION_MAX - tp.emotion) * scale)
    return points


def sort_emotion(points: dict[int, tuple[float, float]]) -> list[tuple[int, float, float]]:
    """Curve points left to right (ties by id), as (touchpoint id, x, y)."""
    ordered = sorted((x, tp_id, y) for tp_id, (x, y) in points.items())
    return [(tp_id, x, y) for x, tp_id, y in ordered]


def emotion_line(points: list[tuple[int, float, float]]) -> list[tuple[float, float]]:
    """The curve through the emotion points: one vertex per column of cards.

    Cards stacked in one column (other lanes, same place in the stage) share a
    vertex at their mean emotion, so the line reads left to right instead of
    zig-zagging up and down; each card keeps its own dot.
    """
    line: list[tuple[float, float]] = []
    run: list[float] = []
    for i, (_tp, x, y) in enumerate(points):
        run.append(y)
        if i + 1 == len(points) or points[i + 1][1] != x:
            line.append((x, sum(run) / len(run)))
            run = []
    return line


def emotion_y(band: Rect, emotion: float) -> float:
    """Map an emotion score to a y inside the emotion lane (top = +2, bottom = −2)."""
    span = EMOTION_MAX - EMOTION_MIN
    frac = (EMOTION_MAX - emotion) / span
    return band.y + EMOTION_MARGIN + frac * (band.h - 2 * EMOTION_MARGIN)


def emotion_at(band: Rect, y: float) -> int:
    """The whole emotion score nearest a y inside the emotion lane."""
    frac = (y - band.y - EMOTION_MARGIN) / max(1.0, band.h - 2 * EMOTION_MARGIN)
    score = round(EMOTION_MAX - frac * (EMOTION_MAX - EMOTION_MIN))
    return max(EMOTION_MIN, min(EMOTION_MAX, score))
