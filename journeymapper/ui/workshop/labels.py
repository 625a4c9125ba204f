"""Lane names pinned to the left edge of the view while the lane labels are scrolled away.

Zoomed to one stage, the room still needs to know which row is "Store" and
which is "Website"; this overlay draws the names over the canvas, following
the lanes as the view scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from journeymapper.geometry import layout as geo
from journeymapper.model.enums import LaneKind
from journeymapper.ui import style
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.view import JourneyView

PILL_BG = QColor(20, 24, 30, 215)


class LaneLabelOverlay(QWidget):
    """A transparent layer over the view's viewport; mouse events pass through it.

    It is a child of the view, not of the viewport: scrolling moves the viewport's
    children along with the picture.
    """

    def __init__(self, view: JourneyView, scene: JourneyScene) -> None:
        super().__init__(view)
        self.view = view
        self.scene = scene
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.font_ = style.font(15, bold=True)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.zoomChanged.connect(self.update)
        scene.laidOut.connect(self.update)
        view.viewport().installEventFilter(self)
        self.setGeometry(view.viewport().geometry())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.setGeometry(self.view.viewport().geometry())
        return False

    def labels(self) -> list[tuple[str, QRectF]]:
        """(lane name, visible part of the lane in viewport pixels) while the labels are away."""
        data = self.scene.data
        if data is None or not self.isVisible():
            return []
        label_right = self.view.mapFromScene(QPointF(geo.LEFT_W, 0)).x()
        if label_right > 0:
            return []
        found = []
        port = QRectF(self.rect())
        for lane in data.lanes:
            rect = self.scene.layout.lanes.get(lane.id)
            if rect is None or lane.kind == LaneKind.EMOTION:
                continue
            top = self.view.mapFromScene(QPointF(0, rect.y)).y()
            bottom = self.view.mapFromScene(QPointF(0, rect.bottom)).y()
            visible = QRectF(0, top, port.width(), bottom - top).intersected(port)
            if visible.height() > 20:
                found.append((lane.name, visible))
        return found

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(QFont(self.font_))
        fm = QFontMetricsF(self.font_)
        for name, rect in self.labels():
            text = fm.elidedText(name, Qt.TextElideMode.ElideRight, 260)
            w, h = fm.horizontalAdvance(text) + 20, fm.height() + 8
            pill = QRectF(8, rect.top() + 6, w, h)
            if pill.bottom() > rect.bottom():
                continue
            painter.setPen(QPen(Qt.PenStyle.NoPen))
            painter.setBrush(PILL_BG)
            painter.drawRoundedRect(pill, 6, 6)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
