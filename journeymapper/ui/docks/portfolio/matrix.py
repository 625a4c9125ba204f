"""The value × effort matrix: one point per opportunity, dragged to re-score it.

Effort runs left → right and value bottom → top, 1 to 5; the four quadrants are
named (quick wins, big bets, fill-ins, money pits). A drag moves only the point
while the mouse moves; on release the rounded scores go to ``on_drop`` once, which
makes the one edit (and the one undo step) — never one edit per mouse move.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from journeymapper.model.enums import SCORE_MAX, SCORE_MIN
from journeymapper.store.portfolio_queries import QUADRANT_SPLIT, QUADRANTS, OpportunityRow
from journeymapper.ui.docks.charts.parts import chart_font
from journeymapper.ui.style import INK, MUTED

STATUS_COLOURS = {
    "idea": "#9aa5b1",
    "planned": "#5b7db1",
    "in_progress": "#e0a030",
    "done": "#3f9c5a",
    "dropped": "#c8c8c8",
}
QUADRANT_BG = {
    "Quick wins": "#e6f4ea",
    "Big bets": "#e8eef7",
    "Fill-ins": "#f4f4f0",
    "Money pits": "#fbe9e7",
}
_BRUSHES = {status: pg.mkBrush(colour) for status, colour in STATUS_COLOURS.items()}
_PEN = pg.mkPen("#ffffff", width=1.5)
LOW, HIGH = SCORE_MIN - 0.5, SCORE_MAX + 0.5
#: The value axis has a band above and below the score rows for the quadrant names,
#: so that no name ever sits under a point or its title.
Y_LOW, Y_HIGH = LOW - 0.45, HIGH + 0.45
#: Beyond this many points the titles would only cover each other: tooltips instead.
MAX_LABELS = 30
#: on_drop(opportunity id, value, effort)
Drop = Callable[[int, int, int], None]


def spread(opportunities: list[OpportunityRow]) -> list[tuple[float, float]]:
    """(effort, value) per opportunity, ties fanned out a little so each stays clickable."""
    seen: dict[tuple[int, int], int] = {}
    offsets = ((0, 0), (0.18, 0), (-0.18, 0), (0, 0.18), (0, -0.18), (0.18, 0.18), (-0.18, -0.18))
    out = []
    for opp in opportunities:
        key = (opp.effort, opp.value)
        n = seen.get(key, 0)
        seen[key] = n + 1
        dx, dy = offsets[n % len(offsets)]
        out.append((opp.effort + dx, opp.value + dy))
    return out


def clamp_score(x: float) -> int:
    return int(min(SCORE_MAX, max(SCORE_MIN, round(x))))


class DraggableScatter(pg.ScatterPlotItem):
    """Points that can be dragged; the drop reports the rounded (value, effort)."""

    def __init__(self, on_drop: Drop) -> None:
        super().__init__(size=18, pxMode=True, hoverable=True)
        self.on_drop = on_drop
        self.ids: list[int] = []
        self._dragged: int | None = None
        self._spots: list[dict[str, object]] = []

    def set_points(self, opportunities: list[OpportunityRow]) -> None:
        """One spot per opportunity; brushes are shared per status so the symbol is drawn
        once per colour, not once per point."""
        self.ids = [o.id for o in opportunities]
        spots = []
        for opp, (x, y) in zip(opportunities, spread(opportunities), strict=True):
            brush = _BRUSHES.get(opp.status) or _BRUSHES["idea"]
            spots.append({"pos": (x, y), "data": opp.id, "brush": brush, "pen": _PEN})
        self._spots = spots
        self.setData(spots)

    def point_of(self, opportunity_id: int) -> QPointF | None:
        for spot in self.points():
            if spot.data() == opportunity_id:
                return spot.pos()
        return None

    def mouseDragEvent(self, ev: pg.GraphicsScene.mouseEvents.MouseDragEvent) -> None:  # noqa: N802
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            hits = self.pointsAt(ev.buttonDownPos())
            if len(hits) == 0:
                ev.ignore()
                return
            self._dragged = int(hits[0].data())
        if self._dragged is None:
            ev.ignore()
            return
        ev.accept()
        pos = ev.pos()
        for spot in self._spots:
            if spot["data"] == self._dragged:
                spot["pos"] = (pos.x(), pos.y())  # only the point moves while dragging
        self.setData(self._spots)
        if ev.isFinish():
            opp_id, self._dragged = self._dragged, None
            self.on_drop(opp_id, clamp_score(pos.y()), clamp_score(pos.x()))


class MatrixView(pg.PlotWidget):
    """The plot: named quadrants behind the draggable points."""

    def __init__(self, on_drop: Drop, on_click: Callable[[int], None]) -> None:
        super().__init__(background="#ffffff")
        self.setMinimumSize(240, 220)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        view = item.getViewBox()
        view.setMouseEnabled(x=False, y=False)
        view.setRange(xRange=(LOW, HIGH), yRange=(Y_LOW, Y_HIGH), padding=0)
        ticks = [[(float(s), str(s)) for s in range(SCORE_MIN, SCORE_MAX + 1)]]
        for side, label in (("bottom", "Effort →"), ("left", "Value →")):
            axis = item.getAxis(side)
            axis.setTicks(ticks)
            axis.setPen(INK)
            axis.setTextPen(INK)
            axis.setStyle(tickFont=chart_font())
            item.setLabel(side, label, color=INK.name())
        self.quadrant_labels: dict[str, pg.TextItem] = {}
        split = QUADRANT_SPLIT - 0.5
        for name, high_value, high_effort in QUADRANTS:
            x0, x1 = (split, HIGH) if high_effort else (LOW, split)
            y0, y1 = (split, Y_HIGH) if high_value else (Y_LOW, split)
            rect = QGraphicsRectItem(QRectF(x0, y0, x1 - x0, y1 - y0))
            rect.setBrush(QBrush(QColor(QUADRANT_BG[name])))
            rect.setPen(QPen(Qt.PenStyle.NoPen))
            rect.setZValue(-10)
            item.addItem(rect)
            # In the band at the top (high value) or bottom (low value) of the matrix.
            text = pg.TextItem(name, color=MUTED, anchor=(0, 0 if high_value else 1))
            text.setFont(chart_font(9))
            text.setPos(x0 + 0.05, y1 - 0.02 if high_value else y0 + 0.02)
            text.setZValue(-5)
            item.addItem(text)
            self.quadrant_labels[name] = text
        self.point_labels: list[pg.TextItem] = []
        self.scatter = DraggableScatter(on_drop)
        self.scatter.sigClicked.connect(
            lambda _item, points, _ev: points and on_click(int(points[0].data()))
        )
        item.addItem(self.scatter)

    def set_opportunities(self, opportunities: list[OpportunityRow]) -> None:
        """Points and their short titles (the titles only up to a readable number)."""
        self.scatter.set_points(opportunities)
        item = self.getPlotItem()
        for label in self.point_labels:
            item.removeItem(label)
        self.point_labels = []
        if len(opportunities) > MAX_LABELS:
            return
        for opp, (x, y) in zip(opportunities, spread(opportunities), strict=True):
            title = opp.title if len(opp.title) <= 28 else opp.title[:27] + "…"
            right_side = x >= SCORE_MAX - 1  # near the right edge: title on the left
            label = pg.TextItem(title, color=INK, anchor=(1 if right_side else 0, 0.5))
            label.setFont(chart_font(8))
            label.setPos(x - 0.12 if right_side else x + 0.12, y)
            item.addItem(label)
            self.point_labels.append(label)

    def widget_pos(self, x: float, y: float) -> QPointF:
        """Where data point (effort x, value y) is on this widget (for tests and tooltips)."""
        scene = self.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
        return QPointF(self.mapFromScene(scene))
