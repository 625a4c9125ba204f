"""Where everything sits on the map, in map units (1 unit = 1 px at 100 % = 1 pt in the PDF).

Pure geometry with no Qt and no fonts: the canvas and the PDF exporter place
stages, lanes, cards, markers and the emotion curve from the same numbers, so
a map looks the same on screen and on paper. A crowded cell wraps its cards
into more rows and its lane grows; cards never overlap.
"""

from __future__ import annotations

from collections.abc import Iterable

from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.bands import BandPoints, CurvePoints
from journeymapper.geometry.card_text import (
    REGULAR,
    CardText,
    channel_glyph,
    fit_card,
    measure,
)
from journeymapper.geometry.shapes import LaneGroup, MapLayout, Rect
from journeymapper.geometry.text_fit import wrap_text
from journeymapper.model.enums import CARD_LANE_KINDS, EMOTION_MAX, EMOTION_MIN, LaneKind
from journeymapper.store.journey_data import AnnotationData, JourneyData, LaneData, TouchpointData

#: Narrowest card: a stage wide enough for two of these lays its cards in two columns.
CARD_W = 180.0
#: A nominal card height (an empty slot; real cards size to their content).
CARD_H = 64.0
CARD_GAP = ts.CARD_GAP
CELL_PAD = ts.CELL_PAD
TITLE_H = 44.0
HEADER_H = 54.0
GROUP_W = 26.0
LABEL_W = 134.0
LEFT_W = GROUP_W + LABEL_W
TEXT_LANE_MIN = 44.0
EMOTION_LANE_MIN = 140.0
MARKER_R = 9.0
EMOTION_MARGIN = 18.0
#: A lane's stored height when nobody resized it: then the lane is as tall as its content.
DEFAULT_LANE_H = 96.0


def columns_for(
    width: float, card_min: float = CARD_W, most: int = 2, pad: float = CELL_PAD
) -> int:
    """How many cards sit side by side in a stage of ``width``: as many of ``card_min``
    (:data:`CARD_W` on screen) as fit, up to ``most`` (two on screen), at least one."""
    fit = int((width - 2 * pad + CARD_GAP) // (card_min + CARD_GAP))
    return max(1, min(most, fit))


def card_width(
    stage_width: float, card_min: float = CARD_W, most: int = 2, pad: float = CELL_PAD
) -> float:
    columns = columns_for(stage_width, card_min, most, pad)
    return max(40.0, (stage_width - 2 * pad - (columns - 1) * CARD_GAP) / columns)


def card_offset(index: int, columns: int, width: float | None = None) -> tuple[float, float]:
    """Top-left of a nominal card slot at ``index`` relative to its cell."""
    row, col = divmod(index, columns)
    w = CARD_W if width is None else width
    return CELL_PAD + col * (w + CARD_GAP), CELL_PAD + row * (CARD_H + CARD_GAP)


def index_at(cell: Rect, count: int, x: float, y: float) -> int:
    """The insertion index (0..count) for a drop at (x, y) in a cell of nominal slots."""
    columns = columns_for(cell.w)
    w = card_width(cell.w)
    col = int((x - cell.x - CELL_PAD + CARD_GAP / 2) // (w + CARD_GAP))
    row = int((y - cell.y - CELL_PAD) // (CARD_H + CARD_GAP))
    col = max(0, min(col, columns))
    row = max(0, row)
    return max(0, min(row * columns + col, count))


def lane_min_height(kind: str) -> float:
    if kind == LaneKind.TEXT:
        return TEXT_LANE_MIN
    if kind == LaneKind.EMOTION:
        return EMOTION_LANE_MIN
    return 2 * CELL_PAD + CARD_H


def compute_layout(
    data: JourneyData,
    cells: dict[tuple[int, int], list[TouchpointData]] | None = None,
    *,
    metrics: bool = True,
    stage_widths: dict[int, float] | None = None,
    card_min: float = CARD_W,
    emotion_min: float = EMOTION_LANE_MIN,
    most_columns: int = 2,
    cell_pad: float = CELL_PAD,
    empty_lane_h: float | None = None,
    texts: dict[int, CardText] | None = None,
) -> MapLayout:
    """Place the whole map; ``cells`` (``data.cells()``) may be passed when already built.

    ``stage_widths`` overrides the stored widths and ``card_min`` the narrowest card of
    two columns (the PDF fits a page with them); ``empty_lane_h`` collapses channel lanes
    without cards to that height (the workshop's stage focus). ``texts`` are fitted card
    texts still true (same card, width, lane and pins): those cards are placed, not fitted
    again, so a lane that grew re-places a 10,000-card map without fitting one card.
    """
    from journeymapper.geometry import insights

    layout = MapLayout(metrics=metrics, card_min=card_min, emotion_min=emotion_min)
    layout.most_columns, layout.cell_pad = most_columns, cell_pad
    layout.card_text = dict(texts or {})
    cells = data.cells() if cells is None else cells
    widths = stage_widths or {}
    x = LEFT_W
    for stage in data.stages:
        w = widths.get(stage.id, stage.width)
        layout.stages[stage.id] = Rect(x, 0.0, w, HEADER_H)
        layout.columns[stage.id] = Rect(x, 0.0, w, 0.0)
        layout.stage_order.append(stage.id)
        x += w
    layout.width = x
    layout.glyphs = {ln.id: channel_glyph(ln.name) for ln in data.lanes if ln.kind == "channel"}
    for ann in data.annotations:
        if ann.touchpoint_id is not None:
            layout.pins[ann.touchpoint_id] = layout.pins.get(ann.touchpoint_id, 0) + 1
    # Cards first, at y = 0 in their cells: their sizes set the lanes' heights.
    for (stage_id, lane_id), items in cells.items():
        if stage_id in layout.columns:
            layout.cell_cards[(stage_id, lane_id)] = [tp.id for tp in items]
    notes = insights.fit_notes(layout, data)
    y = HEADER_H + ts.HEADER_GAP
    for lane in data.lanes:
        height = lane_height(layout, data, lane, refit=texts is None)
        if empty_lane_h is not None and _is_empty(layout, lane):
            height = empty_lane_h
        layout.lanes[lane.id] = Rect(0.0, y, layout.width, height)
        layout.lane_order.append(lane.id)
        y += height
        if lane.kind == LaneKind.EMOTION:
            layout.emotion_band = layout.lanes[lane.id]
            y = insights.place_rows(layout, notes, y)
    if layout.emotion_band is None:
        y = insights.place_rows(layout, notes, y)
    layout.height = y
    for stage_id, head in layout.stages.items():
        layout.columns[stage_id] = Rect(head.x, 0.0, head.w, layout.height)
    for (stage_id, lane_id), ids in layout.cell_cards.items():
        place_cell(layout, data, stage_id, lane_id, ids, refit=False)
    insights.place_notes(layout, notes)
    place_groups(layout, data)
    layout.markers = place_markers(layout, data)
    layout.emotion = emotion_points(layout, data)
    return layout


def emotion_lane(layout: MapLayout, data: JourneyData) -> int | None:
    """The id of the lane the emotion curve is drawn in (None without one)."""
    return next((ln.id for ln in data.lanes if ln.kind == LaneKind.EMOTION), None)


def place_cell(
    layout: MapLayout,
    data: JourneyData,
    stage_id: int,
    lane_id: int,
    ids: list[int],
    refit: bool = True,
) -> float:
    """Fit and place the cards ``ids`` (in order) of one cell; return the height they need.

    Cards take the stage's width (or half of it, in two columns); a row is as tall
    as its tallest card. They are kept relative to their lane (read before the lane is
    placed, they sit at y = 0).
    """
    layout.cell_cards[(stage_id, lane_id)] = list(ids)
    col = layout.columns.get(stage_id)
    if col is None:
        return 0.0
    pad = layout.cell_pad
    columns = columns_for(col.w, layout.card_min, layout.most_columns, pad)
    w = card_width(col.w, layout.card_min, layout.most_columns, pad)
    glyph = layout.glyphs.get(lane_id, "")
    x0, y = col.x + pad, pad  # relative to the lane's top: the lane may move later
    row_h = 0.0
    cards = layout.cards
    for i, tp_id in enumerate(ids):
        c = i % columns
        if c == 0 and i:
            y += row_h + CARD_GAP
            row_h = 0.0
        text = None if refit else layout.card_text.get(tp_id)
        if text is None:
            tp = data.touchpoints[tp_id]
            text = fit_card(tp, w, glyph, layout.pins.get(tp_id, 0), layout.metrics)
            layout.card_text[tp_id] = text
        cards.put(tp_id, lane_id, Rect(x0 + c * (w + CARD_GAP), y, w, text.height))
        row_h = max(row_h, text.height)
    height = y + row_h + pad if ids else 0.0
    layout.cell_heights[(stage_id, lane_id)] = height
    return height


def lane_height(
    layout: MapLayout, data: JourneyData, lane: LaneData, *, refit: bool = True
) -> float:
    """A lane's height: as tall as its tallest cell (at least its minimum, or the height
    a user gave it)."""
    floor = lane_min_height(lane.kind)
    if lane.kind == LaneKind.EMOTION:
        floor = layout.emotion_min
    if lane.height != DEFAULT_LANE_H or lane.kind == LaneKind.TEXT:
        floor = max(floor, lane.height)
    if lane.kind == LaneKind.TEXT and lane.height == DEFAULT_LANE_H:
        return _text_lane_height(layout, data, lane)
    if lane.kind not in CARD_LANE_KINDS:
        return floor
    tallest = 0.0
    for stage_id in layout.stage_order:
        ids = layout.cell_cards.get((stage_id, lane.id))
        if ids:
            tallest = max(tallest, place_cell(layout, data, stage_id, lane.id, ids, refit))
    return max(floor, tallest)


def _is_empty(layout: MapLayout, lane: LaneData) -> bool:
    """A card lane (channel or blueprint layer) with no card in any stage laid out."""
    return lane.kind in CARD_LANE_KINDS and not any(
        layout.cell_cards.get((s, lane.id)) for s in layout.stage_order
    )


def _text_lane_height(layout: MapLayout, data: JourneyData, lane: LaneData) -> float:
    """A text lane as tall as its longest cell's text (11 units, up to six lines)."""
    lines = 1
    body = measure(REGULAR, ts.CARD_BODY)
    for stage_id in layout.stage_order:
        text = data.text_cells.get((stage_id, lane.id))
        if text:
            width = layout.stages[stage_id].w - 16
            lines = max(lines, len(wrap_text(text[:1500], body, width, 6)))
    return max(TEXT_LANE_MIN, 20 + lines * 14.0)


def place_groups(layout: MapLayout, data: JourneyData) -> None:
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
) -> BandPoints[int]:
    """Centres of the numbered annotation markers: along a card's top edge (kept relative
    to the card's lane), or a stage header.

    ``annotations`` limits the work to some (all of one target's must be included).
    """
    markers: BandPoints[int] = BandPoints(layout.lanes)
    per_target: dict[tuple[str, int], int] = {}
    for ann in data.annotations if annotations is None else annotations:
        if ann.touchpoint_id is not None and ann.touchpoint_id in layout.cards:
            key = ("t", ann.touchpoint_id)
            lane, card = layout.cards.relative(ann.touchpoint_id)
            n = per_target.get(key, 0)
            markers.put(ann.id, lane, (card.right - MARKER_R - 2 - n * (2 * MARKER_R + 2), card.y))
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


def emotion_points(layout: MapLayout, data: JourneyData) -> CurvePoints:
    """(touchpoint id, x, y) of the emotion curve in map order, inside the emotion lane."""
    rel = sort_emotion(emotion_positions(layout, data, layout.stage_order))
    return CurvePoints(layout.lanes, emotion_lane(layout, data), rel)


def emotion_positions(
    layout: MapLayout, data: JourneyData, stage_ids: Iterable[int]
) -> dict[int, tuple[float, float]]:
    """Curve point (x, y) of every touchpoint with an emotion in the stages ``stage_ids``,
    y relative to the emotion lane's top.

    One point per touchpoint, under its card: the cards of one column of a stage
    (top to bottom, lane by lane) share that column's width in equal slots, so
    no two points stack and the curve reads in map order.
    """
    band = layout.emotion_band
    if band is None:
        return {}
    top = EMOTION_MARGIN
    scale = (band.h - 2 * EMOTION_MARGIN) / (EMOTION_MAX - EMOTION_MIN)
    points: dict[int, tuple[float, float]] = {}
    for stage_id in stage_ids:
        by_column: dict[float, list[tuple[int, float, float]]] = {}
        for lane_id in layout.lane_order:
            for x, run in _emotion_cell(layout, data, stage_id, lane_id).items():
                by_column.setdefault(x, []).extend(run)
        for x, members in by_column.items():
            step = members[0][2] / len(members)
            for i, (tp_id, emotion, _w) in enumerate(members):
                points[tp_id] = (x + (i + 0.5) * step, top + (EMOTION_MAX - emotion) * scale)
    return points


def _emotion_cell(
    layout: MapLayout, data: JourneyData, stage_id: int, lane_id: int
) -> dict[float, list[tuple[int, float, float]]]:
    """A cell's cards with an emotion by column x, as (id, emotion, card width): worked out
    again only when the cell was placed again, so an edit costs its cells, not its stages."""
    members = layout.cell_cards.get((stage_id, lane_id))
    if not members:
        return {}
    found = layout.emotion_cells.get((stage_id, lane_id))
    if found is not None and found[0] is members:
        return found[1]
    touchpoints, cards = data.touchpoints, layout.cards.relative_values
    columns: dict[float, list[tuple[int, float, float]]] = {}
    for tp_id in members:
        tp = touchpoints.get(tp_id)
        if tp is not None and tp.emotion is not None and tp_id in cards:
            rect = cards[tp_id]  # x and w only: the same relative to the lane
            columns.setdefault(rect.x, []).append((tp_id, tp.emotion or 0, rect.w))
    layout.emotion_cells[(stage_id, lane_id)] = (members, columns)
    return columns


def sort_emotion(points: dict[int, tuple[float, float]]) -> list[tuple[int, float, float]]:
    """Curve points left to right (ties by id), as (touchpoint id, x, y)."""
    ordered = sorted((x, tp_id, y) for tp_id, (x, y) in points.items())
    return [(tp_id, x, y) for x, tp_id, y in ordered]


def emotion_line(points: list[tuple[int, float, float]]) -> list[tuple[float, float]]:
    """The curve's vertices: every point, in order, so the line passes through each."""
    return [(x, y) for _tp, x, y in points]


def lowest_point(points: list[tuple[int, float, float]]) -> tuple[int, float, float] | None:
    """The journey's low point (the largest y; the first of equals), labelled on the map."""
    low = None
    for point in points:
        if low is None or point[2] > low[2]:
            low = point
    return low


#: Height of the low point's label (11-unit semibold on a white box).
LOW_LABEL_H = 16.0


def low_label_rect(band: Rect, x: float, y: float, width: float, radius: float) -> Rect:
    """Where the journey's low point shows its title: under the point when the lane has room
    there (no segment of the curve passes below its lowest point), else beside it (right,
    or left at the map's right edge)."""
    top = y + radius + 2
    if top + LOW_LABEL_H <= band.bottom - 1:
        lx = min(max(x - width / 2, LEFT_W + 2), band.right - width - 2)
        return Rect(lx, top, width, LOW_LABEL_H)
    lx = x + radius + 3
    if lx + width > band.right:
        lx = x - radius - 3 - width
    return Rect(lx, y - LOW_LABEL_H / 2, width, LOW_LABEL_H)


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
