"""Blueprint items: connector arrows, the layer lines, and the handle that starts a connector.

They only draw what :mod:`journeymapper.geometry.blueprint` computed; each connector
holds its id and its route, never a session.
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

from journeymapper.geometry.blueprint import LayerLine, Route, arrow_head
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


class ConnectorItem(QGraphicsPathItem):
    """An orthogonal arrow between two cards, with its label and a hand-off mark."""

    Type = QGraphicsItem.UserType + 40

    def __init__(self, connector_id: int) -> None:
        super().__init__()
        self.connector_id = connector_id
        self.route: Route | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(30)
        self.head = QGraphicsPolygonItem(self)
        self.head.setPen(Qt.PenStyle.NoPen)
        self.tag = QGraphicsRectItem(self)
        self.tag.setPen(QPen(QColor("#cbd5e0"), 0.8))
        self.tag.setBrush(QBrush(QColor("#ffffff")))
        self.text = QGraphicsSimpleTextItem(self.tag)
        self.text.setFont(style.font(8))
        self.mark = QGraphicsPolygonItem(self)
        self.mark.setBrush(QBrush(HANDOFF))
        self.mark.setPen(QPen(QColor("#ffffff"), 1))
        self._stroke = QPainterPath()

    def type(self) -> int:
        return self.Type

    def set_route(self, route: Route) -> None:
        """Draw ``route`` (the path, its arrow head, label and hand-off mark)."""
        self.route = route
        path = QPainterPath(QPointF(*route.points[0]))
        for x, y in route.points[1:]:
            path.lineTo(x, y)
        self.prepareGeometryChange()
        self.setPath(path)
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        self._stroke = stroker.createStroke(path)
        self.head.setPolygon(QPolygonF([QPointF(x, y) for x, y in arrow_head(route.points)]))
        lx, ly = route.label_at
        if route.handoff is not None:
            d = 5.0
            self.mark.setPolygon(
                QPolygonF(
                    [
                        QPointF(lx, ly - d),
                        QPointF(lx + d, ly),
                        QPointF(lx, ly + d),
                        QPointF(lx - d, ly),
                    ]
                )  # fmt: skip
            )
            self.mark.setVisible(True)
            self.mark.setToolTip(f"Hand-off: {route.handoff[0]} → {route.handoff[1]}")
        else:
            self.mark.setVisible(False)
        self.tag.setVisible(bool(route.label))
        if route.label:
            self.text.setText(route.label[:60])
            box = self.text.boundingRect()
            self.tag.setRect(QRectF(0, 0, box.width() + 6, box.height() + 2))
            self.text.setPos(3, 1)
            self.tag.setPos(lx + 7, ly - box.height() / 2 - 1)
        kind = ConnectorKind(route.kind).label if route.kind in _STYLES else route.kind
        tip = f"{kind}: {route.label}" if route.label else kind
        if route.handoff is not None:
            tip += f"\nHand-off: {route.handoff[0]} → {route.handoff[1]}"
        self.setToolTip(tip)
        self.restyle()

    def restyle(self) -> None:
        colour = SELECTED if self.isSelected() else INK
        if self.route is not None and self.route.kind == ConnectorKind.HANDOFF:
            colour = SELECTED if self.isSelected() else HANDOFF
        style_ = _STYLES.get(self.route.kind if self.route else "", Qt.PenStyle.SolidLine)
        pen = QPen(colour, 2.4 if self.isSelected() else 1.5, style_)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.setPen(pen)
        self.head.setBrush(QBrush(colour))

    def shape(self) -> QPainterPath:
        return self._stroke

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.restyle()
        return super().itemChange(change, value)


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
