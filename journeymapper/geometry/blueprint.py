"""Service blueprint geometry: the layer lines and the orthogonal routes of connectors.

Pure numbers, shared by the canvas and the PDF. A blueprint's lanes keep the map's
layout; what is added here is drawn over it:

- the lines of interaction, visibility and internal interaction, each at the top of
  the first lane of its layer (frontstage, backstage, support processes);
- connector routes. A route leaves a card at the side facing its target, runs along
  the free gutters of the grid (the gap between a stage's card columns, the stage
  borders, the padding band at a lane's top or bottom, which no card ever covers)
  and enters the target at its facing side, so it never crosses a card. Two cards
  of one stage, one above the other with nothing between, are joined by a straight
  vertical line instead.
- connector labels: a box beside the middle of the route's longest segment (right, else
  left), moved just above or below a layer line it would sit on (routes run along lane
  edges, where the lines are), so no label hides a line or is crossed by one; among
  the places clear of lines, the nearest that covers no card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from journeymapper.geometry import route_obstacles as obstacles
from journeymapper.geometry.card_text import REGULAR, measure
from journeymapper.geometry.layout import CARD_GAP
from journeymapper.geometry.shapes import MapLayout, Rect
from journeymapper.model.enums import LaneKind
from journeymapper.store.journey_data import ConnectorData, JourneyData

Point = tuple[float, float]

#: The line drawn above the first lane of each layer, with its label.
LINES: tuple[tuple[str, str], ...] = (
    (LaneKind.FRONTSTAGE, "Line of interaction"),
    (LaneKind.BACKSTAGE, "Line of visibility"),
    (LaneKind.SUPPORT, "Line of internal interaction"),
)
#: Parallel connectors in one gutter sit this far apart, so each stays readable.
LANE_SPREAD = 3.0
ARROW = 7.0
#: A connector label's box: room for the canvas's and the PDF's text, set LABEL_DX right
#: of its point on the route, kept LABEL_CLEAR off any layer line.
LABEL_H = 16.0
LABEL_DX = 7.0
LABEL_CLEAR = 1.5
#: The label's text size in the PDF, and on screen (8 pt at 96 dpi, in map units: the
#: larger, so the box's width is measured at it), and its length.
LABEL_SIZE = 7.0
LABEL_SCREEN_SIZE = 8 * 96 / 72
LABEL_CHARS = 60


@dataclass(frozen=True)
class LayerLine:
    label: str
    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class Route:
    """A connector's path (orthogonal polyline, source edge to target edge) and its marks."""

    connector_id: int
    points: tuple[Point, ...]
    kind: str
    label: str
    #: The owner (team) changes along the arrow: source owner -> target owner.
    handoff: tuple[str, str] | None
    label_at: Point
    #: Where the label's box goes (None: no label); never across a layer line.
    label_box: Rect | None = None
    #: The box is left of its anchor on the route (its text aligns right, to the route).
    label_left: bool = False


def shifted(route: Route, dy: float) -> Route:
    """``route`` moved down by ``dy``: a lane above it grew, everything it routes around
    moved with it, so routing it again would give just this."""
    box = route.label_box
    return replace(
        route,
        points=tuple((x, y + dy) for x, y in route.points),
        label_at=(route.label_at[0], route.label_at[1] + dy),
        label_box=None if box is None else Rect(box.x, box.y + dy, box.w, box.h),
    )


def block_shift(old: MapLayout, new: MapLayout) -> tuple[float, float] | None:
    """When a layout differs from ``old`` only by lanes growing or shrinking with the stages
    unchanged, (y, dy): everything at or below y (old) moved down by dy. Else None."""
    if old.lane_order != new.lane_order or old.stage_order != new.stage_order:
        return None
    for stage_id in new.stage_order:
        a, b = old.columns.get(stage_id), new.columns.get(stage_id)
        if a is None or b is None or (a.x, a.w) != (b.x, b.w):
            return None
    return lanes_shift(new.lane_order, old.lanes, new.lanes)


def lanes_shift(
    order: list[int], old: dict[int, Rect], new: dict[int, Rect]
) -> tuple[float, float] | None:
    """(y, dy) when the lanes ``new`` differ from ``old`` by one block move: everything at
    or below y (old) moved down by dy. Else None."""
    top, dy = None, 0.0
    for lane_id in order:
        a, b = old[lane_id], new[lane_id]
        if a.h != b.h:
            top, dy = a.bottom, b.bottom - a.bottom  # the lowest lane that changed
        elif b.y - a.y != dy:
            return None
    return None if top is None else (top, dy)


def layer_lines(layout: MapLayout, data: JourneyData) -> list[LayerLine]:
    """The blueprint's lines, top to bottom, at the top of each layer's first lane."""
    first: dict[str, float] = {}
    for lane_id in layout.lane_order:
        lane = next((ln for ln in data.lanes if ln.id == lane_id), None)
        if lane is not None and lane.kind not in first:
            first[lane.kind] = layout.lanes[lane_id].y
    top = layout.lanes[layout.lane_order[0]].y if layout.lane_order else 0.0
    lines = [
        LayerLine(label, first[kind], 0.0, layout.width)
        for kind, label in LINES
        if kind in first and first[kind] > top
    ]
    return sorted(lines, key=lambda line: line.y)


def team_change(data: JourneyData, conn: ConnectorData) -> tuple[str, str] | None:
    """(from team, to team) when both cards name an owner and the owners differ."""
    src, dst = data.touchpoints.get(conn.source_id), data.touchpoints.get(conn.target_id)
    if src is None or dst is None:
        return None
    a, b = src.owner.strip(), dst.owner.strip()
    if a and b and a.casefold() != b.casefold():
        return a, b
    return None


def route(
    layout: MapLayout,
    data: JourneyData,
    conn: ConnectorData,
    moved: dict[int, Rect] | None = None,
) -> Route | None:
    """The route of one connector (None when a card is not on the map, e.g. hidden).

    ``moved`` gives cards a rect other than their laid-out one (a card being dragged).
    """
    moved = moved or {}
    src = moved.get(conn.source_id) or layout.cards.get(conn.source_id)
    dst = moved.get(conn.target_id) or layout.cards.get(conn.target_id)
    s_tp, d_tp = data.touchpoints.get(conn.source_id), data.touchpoints.get(conn.target_id)
    if src is None or dst is None or s_tp is None or d_tp is None:
        return None
    s_lane, d_lane = layout.lanes.get(s_tp.lane_id), layout.lanes.get(d_tp.lane_id)
    if s_lane is None or d_lane is None:
        return None
    if conn.source_id in moved:
        s_lane = obstacles.lane_at(layout, src.cy) or s_lane
    if conn.target_id in moved:
        d_lane = obstacles.lane_at(layout, dst.cy) or d_lane
    spread = ((conn.id % 3) - 1) * LANE_SPREAD
    points = _straight(layout, src, dst, moved, (conn.source_id, conn.target_id)) or _gutter_route(
        layout, src, dst, s_lane, d_lane, spread
    )
    points = _simplify(points)
    along = _longest(points)
    at = ((along[0][0] + along[1][0]) / 2, (along[0][1] + along[1][1]) / 2)
    box, left = None, False
    if conn.label:
        box, left = label_box(
            at, conn.label, _line_ys(layout, data), obstacles.card_hits(layout), along
        )
    return Route(
        conn.id, tuple(points), conn.kind, conn.label, team_change(data, conn), at, box, left
    )


def label_box(
    at: Point,
    label: str,
    line_ys: list[float],
    hits: Callable[[Rect], bool] | None = None,
    along: tuple[Point, Point] | None = None,
) -> tuple[Rect, bool]:
    """The label's box beside ``at`` (or an end of its segment ``along``): right of it, else
    left; where it first goes, else just above or below the layer line it would sit on.
    A box on a line is never chosen while another is clear of every line (lines closer
    together than a box cannot all be cleared: then it stays put); among those, the
    nearest that ``hits`` no card wins, or the nearest. A drawing aligns its text to the
    side of its anchor: True when the box is left of it (:func:`label_x`)."""
    w = measure(REGULAR, LABEL_SCREEN_SIZE)(label[:LABEL_CHARS]) + 12  # padding, screen hinting
    fallback: tuple[float, Rect, bool] | None = None
    for ax, ay in (at, *(along or ())):  # the middle first; the ends when it has no room
        tops = [ay - LABEL_H / 2]
        first = Rect(ax, tops[0], w, LABEL_H)
        for y in line_ys:
            if crosses(first, y):  # only the line it sits on: a label stays by its arrow
                tops += [y - LABEL_CLEAR - LABEL_H, y + LABEL_CLEAR]
        boxes = sorted(
            (
                (abs(top + LABEL_H / 2 - ay) + left * 0.01, Rect(x, top, w, LABEL_H), left)
                for top in tops
                for x, left in ((ax + LABEL_DX, False), (ax - LABEL_DX - w, True))
            ),
            key=lambda b: b[0],
        )
        for found in boxes:
            if any(crosses(found[1], y) for y in line_ys):
                continue
            if hits is None or not hits(found[1]):
                return found[1], found[2]
            fallback = fallback or found
    if fallback is None:
        return Rect(at[0] + LABEL_DX, at[1] - LABEL_H / 2, w, LABEL_H), False
    return fallback[1], fallback[2]


def label_x(route: Route, width: float) -> float:
    """Where a drawn label of ``width`` starts in its box: against the route's side."""
    box = route.label_box
    if box is None:
        return route.label_at[0] + LABEL_DX
    return box.right - width if route.label_left else box.x


def lanes_moved(layout: MapLayout) -> None:
    """``layout``'s lanes moved in place (:mod:`geometry.lane_shift`): forget what was
    worked out from where they were."""
    obstacles.forget(layout)
    _LINE_CACHE.pop(id(layout), None)


def crosses(box: Rect, y: float) -> bool:
    """A horizontal line at ``y`` runs through the box (or closer than LABEL_CLEAR to it)."""
    return box.y - LABEL_CLEAR + 1e-6 < y < box.bottom + LABEL_CLEAR - 1e-6


_LINE_CACHE: dict[int, tuple[MapLayout, JourneyData, list[float]]] = {}


def _line_ys(layout: MapLayout, data: JourneyData) -> list[float]:
    """The layer lines' heights (once per layout: every route of a map asks)."""
    found = _LINE_CACHE.get(id(layout))
    if found is None or found[0] is not layout or found[1] is not data:
        _LINE_CACHE.clear()
        found = _LINE_CACHE[id(layout)] = (layout, data, [ln.y for ln in layer_lines(layout, data)])
    return found[2]


def route_all(
    layout: MapLayout, data: JourneyData, ids: list[int] | None = None
) -> dict[int, Route]:
    """Routes of the journey's connectors (or of ``ids``) whose cards are both on the map."""
    found = {}
    for conn_id in data.connectors if ids is None else ids:
        conn = data.connectors.get(conn_id)
        if conn is not None and (r := route(layout, data, conn)) is not None:
            found[conn_id] = r
    return found


def arrow_head(points: tuple[Point, ...] | list[Point]) -> tuple[Point, Point, Point]:
    """The filled triangle at the end of a route (tip on the target's edge)."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    dx, dy = x1 - x0, y1 - y0
    length = max(1e-6, abs(dx) + abs(dy))
    ux, uy = dx / length, dy / length
    bx, by = x1 - ux * ARROW, y1 - uy * ARROW
    return (
        (x1, y1),
        (bx - uy * ARROW / 2, by + ux * ARROW / 2),
        (bx + uy * ARROW / 2, by - ux * ARROW / 2),
    )


# -- routing -------------------------------------------------------------------------


def _straight(
    layout: MapLayout, src: Rect, dst: Rect, moved: dict[int, Rect], ends: tuple[int, int]
) -> list[Point] | None:
    """A vertical line between two cards that overlap horizontally with no card between.

    Only the lanes between the two cards are searched, in the one stage column the line
    runs down (this runs for every connector of a map when it opens)."""
    left, right = max(src.x, dst.x), min(src.x + src.w, dst.x + dst.w)
    if right - left < 16:
        return None
    upper, lower = (src, dst) if src.cy <= dst.cy else (dst, src)
    top, bottom = upper.y + upper.h, lower.y
    if bottom <= top:
        return None
    x = (left + right) / 2
    column = obstacles.column_at(layout, x)
    if column is None:
        return None
    stage_id = next(s for s in layout.stage_order if layout.columns[s] is column)
    if obstacles.blocked(layout, stage_id, x, top, bottom, moved, ends):
        return None
    for note in obstacles.notes_in(layout, column):
        if note.x <= x <= note.right and note.y < bottom and note.bottom > top:
            return None
    if src is upper:
        return [(x, top), (x, bottom)]
    return [(x, bottom), (x, top)]


def _gutter(layout: MapLayout, card: Rect, right: bool) -> float:
    """The free vertical gutter beside a card: the gap to the next card column, or the
    stage border."""
    column = obstacles.column_at(layout, card.cx) or Rect(card.x - 12, 0, card.w + 24, 0)
    pad = layout.cell_pad
    if right:
        edge = column.right
        return card.right + CARD_GAP / 2 if card.right + pad < edge - 1 else edge
    edge = column.x
    return card.x - CARD_GAP / 2 if card.x - pad > edge + 1 else edge


def _gutter_route(
    layout: MapLayout, src: Rect, dst: Rect, s_lane: Rect, d_lane: Rect, spread: float
) -> list[Point]:
    exit_right = dst.cx >= src.cx
    enter_left = src.cx <= dst.cx
    sx = src.right if exit_right else src.x
    dx = dst.x if enter_left else dst.right
    g1 = _gutter(layout, src, exit_right) + spread
    g2 = _gutter(layout, dst, not enter_left) + spread
    sy, dy = src.cy, dst.cy
    if abs(g1 - g2) < 1.0:
        return [(sx, sy), (g1, sy), (g1, dy), (dx, dy)]
    half = layout.cell_pad / 2
    if d_lane.y > s_lane.y:
        band = s_lane.bottom - half
    elif d_lane.y < s_lane.y:
        band = s_lane.y + half
    else:
        band = s_lane.y + half
    band += spread / 2
    return [(sx, sy), (g1, sy), (g1, band), (g2, band), (g2, dy), (dx, dy)]


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three collinear ones."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 0.01 and abs(out[-1][1] - p[1]) < 0.01:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - p[0]) < 0.01) or (
                abs(ay - by) < 0.01 and abs(by - p[1]) < 0.01
            ):
                out[-1] = p
                continue
        out.append(p)
    return out


def _longest(points: list[Point]) -> tuple[Point, Point]:
    """The route's longest segment (its middle is where the label and marks sit)."""
    best, found = -1.0, (points[0], points[0])
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = abs(x1 - x0) + abs(y1 - y0)
        if length > best:
            best, found = length, ((x0, y0), (x1, y1))
    return found
