"""Blueprint items: connector arrows, the layer lines, and the handle that starts a connector.

They only draw what :mod:`journeymapper.geometry.blueprint` computed; each connector
holds its id and its route, never a session. A connector is one path item (the arrow
head is an open chevron in the same path); its label and hand-off mark are children
made only when the connector has them, so 2,000 connectors stay 2,000 items. The mark
is made when the scene first paints the connector where a mark is more than a smudge
(:class:`~journeymapper.ui.canvas.items.detail.CardDetail`), or when asked for: a
10,000-card map opens without 9,000 of them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from journeymapper.geometry.blueprint import (
    LABEL_CHARS,
    LayerLine,
    Route,
    arrow_head,
    label_x,
    shifted,
)
from journeymapper.model.enums import ConnectorKind
from journeymapper.ui import style

INK = QColor("#2d3748")
HANDOFF = QColor("#c7772b")
SELECTED = QColor("#2f6fb3")
LINE_INK = QColor("#4a5568")
_STYLES = {
    ConnectorKind.FLOW: Qt.PenStyle.SolidLine,
    ConnectorKind.HANDOFF: Qt.PenStyle.DashLine,
    ConnectorKind.DEPENDENCY: Qt.PenStyle.DotLine,
}
_PENS: dict[tuple[str, bool], QPen] = {}
_MARK_BRUSH = QBrush(HANDOFF)
_MARK_PEN = QPen(QColor("#ffffff"), 1)
_TAG_BRUSH = QBrush(QColor("#ffffff"))
_TAG_PEN = QPen(QColor("#cbd5e0"), 0.8)
#: Hit shapes of the connectors last pointed at (id of the item -> widened line). Qt asks
#: every connector for its shape once to learn its bounds; keeping each one would hold
#: a stroked outline per connector, 20 MB on a 10,000-card map. Keyed by id, not by the
#: item, so that no Qt item outlives its scene here; an item drops its entry when made
#: and when routed (a new item may reuse a dead one's id).
_HITS: dict[int, QPainterPath] = {}
_HITS_KEPT = 64


def _pen(kind: str, selected: bool) -> QPen:
    """One shared pen per (kind, selected): connectors of a kind look alike."""
    pen = _PENS.get((kind, selected))
    if pen is None:
        colour = HANDOFF if kind == ConnectorKind.HANDOFF else INK
        pen = QPen(SELECTED if selected else colour, 2.4 if selected else 1.5)
        pen.setStyle(_STYLES.get(kind, Qt.PenStyle.SolidLine))  # type: ignore[call-overload]
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        _PENS[(kind, selected)] = pen
    return pen


class ConnectorItem(QGraphicsPathItem):
    """An orthogonal arrow between two cards, with its label and a hand-off mark."""

    Type = QGraphicsItem.UserType + 40

    def __init__(self, connector_id: int) -> None:
        super().__init__()
        self.connector_id = connector_id
        self._route: Route | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(30)
        _HITS.pop(id(self), None)
        self.tag: QGraphicsRectItem | None = None
        self.text: QGraphicsSimpleTextItem | None = None
        self._mark: QGraphicsPolygonItem | None = None
        self._styled: tuple[str, bool] | None = None

    def type(self) -> int:
        return self.Type

    @property
    def route(self) -> Route | None:
        """The route as drawn now: the item may have moved down with its lane's container
        since it was routed (where the item's origin was the scene's)."""
        route = self._route
        dy = self.scenePos().y() if route is not None else 0.0
        return route if not dy else shifted(route, dy)  # type: ignore[arg-type]

    @route.setter
    def route(self, route: Route | None) -> None:
        self._route = route

    def set_route(self, route: Route) -> None:
        """Draw ``route`` (the path with its arrow head, the label and the hand-off mark)."""
        old, self.route = self.route, route
        if old == route:
            return  # a re-route to the same place (a card moved that is not this one's)
        self.restyle()  # before the path: a new pen after it would stroke the new path twice
        path = QPainterPath(QPointF(*route.points[0]))
        for x, y in route.points[1:]:
            path.lineTo(x, y)
        tip, left, right = arrow_head(route.points)
        path.moveTo(*left)
        path.lineTo(*tip)
        path.lineTo(*right)
        self.setPath(path)
        _HITS.pop(id(self), None)  # after: setPath asks the old path's bounds (and shape)
        self._set_mark(route)
        self._set_label(route)
        kind = ConnectorKind(route.kind).label if route.kind in _STYLES else route.kind
        tip_text = f"{kind}: {route.label}" if route.label else kind
        if route.handoff is not None:
            tip_text += f"\nHand-off: {route.handoff[0]} → {route.handoff[1]}"
        self.setToolTip(tip_text)

    @property
    def needs_mark(self) -> bool:
        """A hand-off connector whose mark is not made yet."""
        return self._mark is None and self.route is not None and self.route.handoff is not None

    @property
    def mark(self) -> QGraphicsPolygonItem | None:
        """The hand-off mark (made now if the connector is a hand-off), else None."""
        if self.needs_mark:
            assert self.route is not None
            self._mark = QGraphicsPolygonItem(self)
            self._mark.setBrush(_MARK_BRUSH)
            self._mark.setPen(_MARK_PEN)
            self._set_mark(self.route)
        return self._mark

    def _set_mark(self, route: Route) -> None:
        if self._mark is None:
            return  # made on first paint (or when asked for), in its place
        if route.handoff is None:
            self._mark.setVisible(False)
            return
        lx, ly = route.label_at
        d = 5.0
        points = [
            QPointF(lx, ly - d),
            QPointF(lx + d, ly),
            QPointF(lx, ly + d),
            QPointF(lx - d, ly),
        ]
        self._mark.setPolygon(QPolygonF(points))
        self._mark.setVisible(True)
        self._mark.setToolTip(f"Hand-off: {route.handoff[0]} → {route.handoff[1]}")

    def _set_label(self, route: Route) -> None:
        place = route.label_box  # beside the route, off the layer lines (shared with the PDF)
        if not route.label or place is None:
            if self.tag is not None:
                self.tag.setVisible(False)
            return
        if self.tag is None or self.text is None:
            self.tag = QGraphicsRectItem(self)
            self.tag.setPen(_TAG_PEN)
            self.tag.setBrush(_TAG_BRUSH)
            self.text = QGraphicsSimpleTextItem(self.tag)
            self.text.setFont(style.font(8))
        self.text.setText(route.label[:LABEL_CHARS])
        box = self.text.boundingRect()
        self.tag.setRect(QRectF(0, 0, box.width() + 6, box.height() + 2))
        self.text.setPos(3, 1)
        self.tag.setPos(label_x(route, box.width() + 6), place.cy - box.height() / 2 - 1)
        self.tag.setVisible(True)

    def restyle(self) -> None:
        """The pen of the connector's kind, wider and blue while selected."""
        key = (self.route.kind if self.route else "", self.isSelected())
        if key != self._styled:
            self._styled = key
            self.setPen(_pen(*key))

    def shape(self) -> QPainterPath:
        """What a click hits: the line widened to 8 units (a path item's own shape would be
        the polygon the route encloses, covering the cards inside it)."""
        hit = _HITS.get(id(self))
        if hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(8)
            hit = _HITS[id(self)] = stroker.createStroke(self.path())
            if len(_HITS) > _HITS_KEPT:
                del _HITS[next(iter(_HITS))]
        return hit


class LayerLineItem(QGraphicsLineItem):
    """A blueprint line (interaction, visibility, internal interaction) with its label."""

    def __init__(self, line: LayerLine, label_x: float) -> None:
        super().__init__(line.x0, line.y, line.x1, line.y)
        pen = QPen(LINE_INK, 1.4, Qt.PenStyle.DashDotLine)
        self.setPen(pen)
        self.setZValue(8)
        self.label = QGraphicsSimpleTextItem(line.label.upper(), self)
        self.label.setFont(style.font(7, bold=True))
        self.label.setBrush(QBrush(LINE_INK))
        self.label.setPos(label_x, line.y - self.label.boundingRect().height() - 1)


class HandleItem(QGraphicsEllipseItem):
    """The dot on a card's right edge: drag it onto another card to draw a connector."""

    R = 6.0

    def __init__(self) -> None:
        super().__init__(-self.R, -self.R, 2 * self.R, 2 * self.R)
        self.setBrush(QBrush(SELECTED))
        self.setPen(QPen(QColor("#ffffff"), 1.5))
        self.setZValue(70)
        self.setToolTip("Drag onto another card to connect")
        self.card_id: int | None = None
