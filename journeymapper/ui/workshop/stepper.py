"""Page Up / Page Down (what a presentation clicker sends): zoom to one stage, then the next.

The whole-map view opens at a zoom where card titles read from the back of a room
(``MIN_TITLE_PX_WORKSHOP`` on screen, its top-left corner when the map is larger than
the screen); a stage view fits every lane of the stage, beside the pinned lane-label
column (the view's frozen panes), which gets its own strip and never covers the stage.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QTransform

from journeymapper.geometry import layout as geo
from journeymapper.geometry import type_scale
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.stage_focus import set_focus
from journeymapper.ui.canvas.view import JourneyView

MAX_STAGE_ZOOM = 3.0
MAX_MAP_ZOOM = 2.0
MARGIN = 14.0
#: Above the stage header: just enough to not cut it.
TOP_MARGIN = 4.0
#: The whole map opens no smaller than this: card titles read from the back of a room.
WORKSHOP_ZOOM = type_scale.MIN_TITLE_PX_WORKSHOP / type_scale.CARD_TITLE


def title_px(view: JourneyView, zoom: float) -> float:
    """How tall a card title is on screen at ``zoom`` (its map-unit size times the zoom)."""
    return type_scale.CARD_TITLE * zoom


class Stepper(QObject):
    """Which stage the view is zoomed to (None: the whole map)."""

    stageChanged = Signal(object)

    def __init__(
        self, view: JourneyView, scene: JourneyScene, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.scene = scene
        self.stage_id: int | None = None

    def _order(self) -> list[int]:
        return list(self.scene.layout.stage_order) if self.scene.data else []

    def next(self) -> None:
        order = self._order()
        if not order:
            return
        if self.stage_id not in order:
            self.show_stage(order[0])
        elif order.index(self.stage_id) + 1 < len(order):
            self.show_stage(order[order.index(self.stage_id) + 1])
        else:
            self.whole_map()

    def previous(self) -> None:
        order = self._order()
        if not order:
            return
        if self.stage_id not in order:
            self.show_stage(order[-1])
        elif order.index(self.stage_id) > 0:
            self.show_stage(order[order.index(self.stage_id) - 1])
        else:
            self.whole_map()

    def whole_map(self) -> None:
        """The whole map as large as the screen allows, never smaller than WORKSHOP_ZOOM
        (then its top-left corner; the frozen panes keep stages and lanes named)."""
        changed = self.stage_id is not None
        self.stage_id = None
        set_focus(self.scene, None)  # the normal layout back, every card shown
        self.view.setSceneRect(QRectF())  # follow the scene again
        rect = self.scene.sceneRect()
        if not rect.isEmpty():
            port = self.view.viewport().rect()
            fit = min(port.width() / rect.width(), port.height() / rect.height())
            zoom = min(max(fit, WORKSHOP_ZOOM), MAX_MAP_ZOOM)
            self.view.setTransform(QTransform.fromScale(zoom, zoom))
            if fit >= zoom:
                self.view.centerOn(rect.center())
            else:
                self.view.show_top_left(zoom)
            self.view.zoomChanged.emit(self.view.zoom)
        if changed:
            self.stageChanged.emit(None)

    def show_stage(self, stage_id: int) -> None:
        if stage_id not in self.scene.layout.columns:
            self.whole_map()
            return
        changed = stage_id != self.stage_id
        self.stage_id = stage_id
        set_focus(self.scene, stage_id)  # lanes as tall as this stage needs
        self._zoom_to(self.stage_rect(stage_id))
        if changed:
            self.stageChanged.emit(stage_id)

    def refresh(self) -> None:
        """Re-apply the current view after the map changed or the window was resized."""
        if self.stage_id in self.scene.layout.columns:
            self._zoom_to(self.stage_rect(self.stage_id))
        else:
            self.whole_map()

    def stage_rect(self, stage_id: int) -> QRectF:
        """The stage's header and every lane of it (map units)."""
        col = self.scene.layout.columns[stage_id]
        return QRectF(col.x, col.y, col.w, col.h)

    def label_width(self) -> float:
        """Width of the lane-label column the frozen panes pin at the left (map units)."""
        stages = self.scene.layout.stages.values()
        return min((r.x for r in stages), default=geo.LEFT_W)

    def _zoom_to(self, rect: QRectF) -> None:
        """Fit the stage's full height and width right of the pinned label column."""
        port = self.view.viewport().rect()
        left = self.label_width()
        fit = min(
            port.width() / (left + rect.width() + MARGIN),
            port.height() / (rect.height() + MARGIN + TOP_MARGIN),
        )
        zoom = min(fit, MAX_STAGE_ZOOM)
        self.view.setTransform(QTransform.fromScale(zoom, zoom))
        visible_w, visible_h = port.width() / zoom, port.height() / zoom
        # The stage starts right of the label column (pinned at the view's left edge by the
        # frozen panes); the next stages follow as a preview of what is coming.
        shown = QRectF(rect.left() - left, rect.top() - TOP_MARGIN, visible_w, visible_h)
        # The first and last stages sit beside the map's edge: let the view pass it.
        self.view.setSceneRect(self.scene.sceneRect().united(shown))
        self.view.centerOn(shown.center())
        self.view.zoomChanged.emit(self.view.zoom)

    def stage_on_screen(self, stage_id: int) -> QRectF:
        """The stage's rectangle in viewport pixels."""
        rect = self.stage_rect(stage_id)
        return QRectF(
            QPointF(self.view.mapFromScene(rect.topLeft())),
            QPointF(self.view.mapFromScene(rect.bottomRight())),
        )
