"""Page Up / Page Down (what a presentation clicker sends): zoom to one stage, then the next.

The zoom is large enough for a card title to be read from the back of a room
(``READABLE_PX`` on screen); a stage taller than the screen at that zoom is
shown from its header down and scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QTransform

from journeymapper.geometry import layout as geo
from journeymapper.ui import style
from journeymapper.ui.canvas.items import CARD_TITLE_FONT
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.view import JourneyView

#: On-screen size of a card title (font pixel size) when zoomed to a stage.
READABLE_PX = 26.0
MAX_STAGE_ZOOM = 3.0
MAX_MAP_ZOOM = 2.0
MARGIN = 14.0
#: Above the stage header: just enough to not cut it, not enough to show half the title band.
TOP_MARGIN = 4.0
#: Height shown below the header of a stage that has no cards yet.
EMPTY_STAGE_H = 300.0


def title_px(view: JourneyView, zoom: float) -> float:
    """How tall (font pixel size) a card title is on screen at ``zoom``."""
    return style.font(CARD_TITLE_FONT, bold=True).pointSizeF() * view.logicalDpiY() / 72 * zoom


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

    @property
    def readable_zoom(self) -> float:
        return READABLE_PX / title_px(self.view, 1.0)

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
        """The whole map as large as the screen allows (the editor's fit stops at 100 %)."""
        changed = self.stage_id is not None
        self.stage_id = None
        rect = self.scene.sceneRect()
        if not rect.isEmpty():
            self.view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
            if self.view.zoom > MAX_MAP_ZOOM:
                self.view.setTransform(QTransform.fromScale(MAX_MAP_ZOOM, MAX_MAP_ZOOM))
                self.view.centerOn(rect.center())
            self.view.zoomChanged.emit(self.view.zoom)
        if changed:
            self.stageChanged.emit(None)

    def show_stage(self, stage_id: int) -> None:
        if stage_id not in self.scene.layout.columns:
            self.whole_map()
            return
        changed = stage_id != self.stage_id
        self.stage_id = stage_id
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
        """The stage's header and every card in it (map units)."""
        lay = self.scene.layout
        col = lay.columns[stage_id]
        bottom = geo.HEADER_H + EMPTY_STAGE_H
        data = self.scene.data
        if data is not None:
            for tp in data.touchpoints.values():
                card = lay.cards.get(tp.id)
                if tp.stage_id == stage_id and card is not None:
                    bottom = max(bottom, card.bottom + geo.CELL_PAD)
        return QRectF(col.x, 0.0, col.w, min(bottom, col.h))

    def _zoom_to(self, rect: QRectF) -> None:
        port = self.view.viewport().rect()
        fit = min(
            port.width() / (rect.width() + 2 * MARGIN), port.height() / (rect.height() + 2 * MARGIN)
        )
        zoom = min(max(fit, self.readable_zoom), max(MAX_STAGE_ZOOM, self.readable_zoom))
        self.view.setTransform(QTransform.fromScale(zoom, zoom))
        visible_h = port.height() / zoom
        if rect.height() + 2 * MARGIN <= visible_h:
            self.view.centerOn(rect.center())
        else:
            self.view.centerOn(rect.center().x(), rect.top() - TOP_MARGIN + visible_h / 2)
        self.view.zoomChanged.emit(self.view.zoom)
