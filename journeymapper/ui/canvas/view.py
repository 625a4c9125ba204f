"""The canvas view: zoom (Ctrl+wheel, Ctrl +/−, fit), pan (scroll bars, middle drag, Space+drag)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from journeymapper.geometry import type_scale
from journeymapper.ui.canvas.frozen_panes import FrozenPanes
from journeymapper.ui.canvas.scene import JourneyScene

MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
#: After a map is first framed, the framing follows the view's size while the window settles
#: (the window manager maximises it, saved docks come back, the start's preview hands over),
#: until the user touches the map or this long after the view shows (ms).
SETTLE_MS = 1000
#: The smallest zoom a map opens at: card titles at least MIN_TITLE_PX_DESK on screen.
READABLE_ZOOM = type_scale.MIN_TITLE_PX_DESK / type_scale.CARD_TITLE


class JourneyView(QGraphicsView):
    zoomChanged = Signal(float)

    def __init__(self, scene: JourneyScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # Resizing (a dock opening) keeps the top-left still: the pinned panes stay put.
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self._panning: QPointF | None = None
        self._space = False
        #: The stage header band and lane-label column pinned while the map scrolls.
        self.frozen = FrozenPanes(self)
        self._settling = False  # the start framing still follows the view's size
        self._framing = False  # inside show_start: its own zoom and scroll
        self._settled = QTimer(self)
        self._settled.setSingleShot(True)
        self._settled.setInterval(SETTLE_MS)
        self._settled.timeout.connect(self.stop_settling)

    # -- zoom ---------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        if not self._framing:
            self.stop_settling()  # a zoom of the user's (or a mode's) is kept
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        scale = factor / self.zoom
        if abs(scale - 1) > 1e-6:
            self.scale(scale, scale)
            self.zoomChanged.emit(self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / 1.25)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """The whole map in view; a Fit of the user's is kept when the window resizes."""
        if not self._framing:
            self.stop_settling()
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.0:
            self.set_zoom(1.0)
        self.zoomChanged.emit(self.zoom)

    def show_start(self) -> None:
        """The first view of a map: all of it when that is readable, else its top-left
        corner at the smallest zoom where card titles can still be read. It follows the
        view's size while the window settles (see :data:`SETTLE_MS`)."""
        self._frame_start()
        self._settling = True
        if self.isVisible():
            self._settled.start()

    def _frame_start(self) -> None:
        self._framing = True
        try:
            self.fit()
            if self.zoom < READABLE_ZOOM:
                self.show_top_left(READABLE_ZOOM)
        finally:
            self._framing = False

    def stop_settling(self) -> None:
        """Keep the view as it is from now on when the window changes size."""
        self._settling = False
        self._settled.stop()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._settling:
            self._settled.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self._settling:
            self._frame_start()

    def show_top_left(self, zoom: float) -> None:
        """The map's top-left corner at ``zoom``: the start of the journey and its headers."""
        self.set_zoom(zoom)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.zoomChanged.emit(self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        self.stop_settling()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom * (1.15**steps))
            event.accept()
            return
        super().wheelEvent(event)

    # -- panning --------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self.stop_settling()
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.stop_settling()
        middle = event.button() == Qt.MouseButton.MiddleButton
        if middle or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._panning = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._panning is not None:
            delta = event.position() - self._panning
            self._panning = event.position()
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - int(delta.x()))
            v.setValue(v.value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._panning is not None:
            self._panning = None
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def scroll_to_items(self, scene_rect: object) -> None:
        self.stop_settling()
        self.ensureVisible(scene_rect, 60, 60)  # type: ignore[call-overload]
