"""Frozen panes: the stage header band and the lane-label column stay in view while the map
scrolls and zooms, like a spreadsheet's frozen rows and columns.

The panes belong to the view, not to the layout (DESIGN.md, known pitfalls): three pinned
items — the header band, the label column and the corner where they meet — sit on top of
the map and are moved with one ``setPos`` each when the view scrolls or zooms, so a scroll
costs the same on a map of 20 cards as on one of 2,000. They draw the scene's own header,
lane and group items (translated), so they always look exactly like the map they cover,
and they hide while the real headers and labels are on screen. They draw nothing when the
scene is rendered without a view (PNG/SVG export), so exports are never affected.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymapper.geometry import insights as insight_rows
from journeymapper.geometry import layout as geo
from journeymapper.ui import style

#: Above every map item (cards sit at 10, markers and editors a little higher).
PANE_Z = 1000.0
#: Depth of the soft shadow a pinned pane casts on the content passing beneath (view px).
SHADOW_PX = 6.0
SHADOW = QColor(20, 30, 45, 70)
HAIRLINE = QColor("#9aa5b4")


class _Pane(QGraphicsItem):
    """One pinned pane: a rectangle of the map (in map units at its natural place) that is
    redrawn from the scene's own items wherever the view has pinned it."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.rect = QRectF()
        self.shadow = QRectF()
        self.sources: list[QGraphicsItem] = []
        self.clip = QRectF()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton)
        self.setVisible(False)

    def set_rect(self, rect: QRectF, shadow: QRectF) -> None:
        if rect != self.rect or shadow != self.shadow:
            self.prepareGeometryChange()
            self.rect, self.shadow = rect, shadow
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self.rect.united(self.shadow)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if widget is None:  # a scene render (export), not a view: the panes are view-only
            return
        painter.save()
        painter.setClipRect(self.rect)
        painter.fillRect(self.rect, style.CANVAS_BG)
        exposed = QRectF(option.exposedRect).intersected(self.rect)
        for item in self.sources:
            if not shiboken6.isValid(item) or not item.isVisible():
                continue
            local = item.scenePos()  # a pane's coordinates are the map's, at its natural place
            box = item.boundingRect().translated(local)
            if not box.intersects(exposed):
                continue
            painter.save()
            painter.translate(local)
            _paint_tree(item, painter, option, widget)
            painter.restore()
        painter.restore()
        self._paint_shadow(painter)

    def _paint_shadow(self, painter: QPainter) -> None:
        if self.shadow.isEmpty():
            return
        vertical = self.shadow.height() > self.shadow.width()
        start = self.shadow.topLeft()
        end = self.shadow.topRight() if vertical else self.shadow.bottomLeft()
        gradient = QLinearGradient(start, end)
        gradient.setColorAt(0, SHADOW)
        gradient.setColorAt(1, QColor(SHADOW.red(), SHADOW.green(), SHADOW.blue(), 0))
        painter.fillRect(self.shadow, QBrush(gradient))
        pen = QPen(HAIRLINE, 1)
        pen.setCosmetic(True)
        painter.setPen(pen)
        if vertical:
            painter.drawLine(self.rect.topRight(), self.rect.bottomRight())
        else:
            painter.drawLine(self.rect.bottomLeft(), self.rect.bottomRight())

    # A pinned pane covers the map: a click on it must not reach the card hidden beneath.
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        event.accept()


class FrozenPanes(QObject):
    """Pins the header band (top), the label column (left) and their corner for one view."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.band = _Pane(PANE_Z + 1)
        self.column = _Pane(PANE_Z)
        self.corner = _Pane(PANE_Z + 2)
        #: (x, y) the panes are pinned at, in map units: 0 while the real ones are on screen.
        self.shift = (0.0, 0.0)
        self.enabled = True
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().valueChanged.connect(self.update)
        if hasattr(view, "zoomChanged"):
            view.zoomChanged.connect(self.update)
        view.viewport().installEventFilter(self)
        self._scene: object | None = None
        self._attach()

    @property
    def panes(self) -> tuple[_Pane, _Pane, _Pane]:
        return self.band, self.column, self.corner

    def _attach(self) -> None:
        scene = self.view.scene()
        if scene is not self._scene and scene is not None and hasattr(scene, "laidOut"):
            scene.laidOut.connect(self.rebuild)
            self._scene = scene
        self.rebuild()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False

    # -- geometry ------------------------------------------------------------------------------
    def _frame(self) -> tuple[float, float, float, float]:
        """(left column width, header band height, map width, map height) in map units."""
        scene = self.view.scene()
        lay: geo.MapLayout = getattr(scene, "layout", geo.MapLayout())
        lanes = lay.lanes.values()
        band_h = min((r.y for r in lanes), default=geo.HEADER_H)
        left_w = min((r.x for r in lay.stages.values()), default=geo.LEFT_W)
        return left_w, band_h, lay.width, lay.height

    def rebuild(self) -> None:
        """After the scene was (re)built or laid out: new sources and rectangles."""
        scene = self.view.scene()
        if scene is None:
            return
        for pane in self.panes:
            if not shiboken6.isValid(pane):
                self.band, self.column, self.corner = (
                    _Pane(PANE_Z + 1),
                    _Pane(PANE_Z),
                    _Pane(PANE_Z + 2),
                )
                break
        for pane in self.panes:
            if pane.scene() is not scene:
                scene.addItem(pane)
        self.band.sources = list(_values(getattr(scene, "headers", {})))
        lanes = list(_values(getattr(scene, "lanes", {})))
        rows = list(_values(getattr(scene, "row_labels", {})))  # insight rows: not lanes
        self.column.sources = lanes + rows + list(getattr(scene, "groups", []))
        self.corner.sources = []
        self.update()

    def update(self) -> None:
        """Pin the panes to the viewport's top and left edges (one setPos each)."""
        if not all(shiboken6.isValid(p) and p.scene() is not None for p in self.panes):
            return
        left_w, band_h, width, height = self._frame()
        view = self.view
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        dx = max(0.0, shown.left()) if self.enabled and width > 0 else 0.0
        dy = max(0.0, shown.top()) if self.enabled and height > 0 else 0.0
        self.shift = (dx, dy)
        shadow = SHADOW_PX / max(view.transform().m11(), 1e-6)
        band = QRectF(0, 0, width, band_h)
        column = QRectF(0, band_h, left_w, max(0.0, height - band_h))
        corner = QRectF(0, 0, left_w, band_h)
        self.band.set_rect(band, QRectF(0, band_h, width, shadow) if dy else QRectF())
        column_shadow = QRectF(left_w, band_h, shadow, column.height())
        self.column.set_rect(column, column_shadow if dx else QRectF())
        self.corner.set_rect(corner, QRectF())
        self._place(self.band, QPointF(0, dy), dy > 0)
        self._place(self.column, QPointF(dx, 0), dx > 0)
        self._place(self.corner, QPointF(dx, dy), dx > 0 or dy > 0)

    @staticmethod
    def _place(pane: _Pane, pos: QPointF, visible: bool) -> None:
        if pane.pos() != pos:
            pane.setPos(pos)
        if pane.isVisible() != visible:
            pane.setVisible(visible)

    # -- what a reader sees ---------------------------------------------------------------------
    def pinned_rect(self, pane: _Pane) -> QRectF:
        """Where a pane is on screen, in viewport pixels (empty when it is not pinned)."""
        if not pane.isVisible():
            return QRectF()
        return self.view.mapFromScene(pane.mapRectToScene(pane.rect)).boundingRect().toRectF()

    def visible_lanes(self) -> list[str]:
        """Names of the lanes and insight rows whose pinned label shows on screen now."""
        scene = self.view.scene()
        if not self.column.isVisible():
            return []
        port = QRectF(self.view.viewport().rect())
        names = []
        labelled = [(item, item.lane.name) for item in _values(getattr(scene, "lanes", {}))]
        rows = getattr(scene, "row_labels", {})
        labelled += [(item, insight_rows.row_label(key)) for key, item in rows.items()]
        for item, name in labelled:
            top_left = self.view.mapFromScene(self.column.mapToScene(item.pos()))
            if port.contains(QPointF(top_left.x() + 1, top_left.y() + 1)):
                names.append(name)
        return names


def _paint_tree(
    item: QGraphicsItem,
    painter: QPainter,
    option: QStyleOptionGraphicsItem,
    widget: QWidget | None,
) -> None:
    """Paint ``item`` and its visible children (labels built from child items), in z order."""
    item.paint(painter, option, widget)
    for child in sorted(item.childItems(), key=lambda c: c.zValue()):
        if not child.isVisible():
            continue
        painter.save()
        painter.translate(child.pos())
        _paint_tree(child, painter, option, widget)
        painter.restore()


def _values(items: object) -> Iterable[QGraphicsItem]:
    return items.values() if isinstance(items, dict) else ()
