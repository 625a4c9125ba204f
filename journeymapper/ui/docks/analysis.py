"""The Charts and Health docks in the window: built just after start, refreshed at most
once per event-loop turn and only when visible, linked both ways with the canvas selection.

A burst of edits (or a drag's single drop) never queues several redraws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMenu

from journeymapper.editing import Changes
from journeymapper.ui.canvas.items import StageHeaderItem
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.view import JourneyView
from journeymapper.ui.controller import DocumentController

if TYPE_CHECKING:
    from journeymapper.ui.docks.charts.dock import ChartsDock
    from journeymapper.ui.docks.health import HealthDock


#: The charts start low, so the map keeps most of the window.
CHARTS_HEIGHT = 280
#: How long after start the chart docks are built (the map shows first).
DOCKS_DELAY_MS = 250


class DeferredRefresh(QObject):
    """Collect the changes of one event-loop turn and hand them to a dock once, if it is shown."""

    def __init__(self, dock: ChartsDock | HealthDock, parent: QObject) -> None:
        super().__init__(parent)
        self.dock = dock
        self.pending = Changes()
        self.stale = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.flush)
        dock.visibilityChanged.connect(lambda visible: visible and self.stale and self.flush())
        # A dock shown behind another tab reports no visibility change, yet is shown: it
        # reads now, not later when a restore raises it (its size would shift the layout).
        dock.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dock and event.type() == QEvent.Type.Show and self.stale:
            self.flush()
        return False

    def add(self, changes: Changes) -> None:
        self.pending.merge(changes)
        self.stale = True
        self.timer.start()

    def flush(self) -> None:
        if not self.stale or not self.dock.isVisible():
            return
        changes, self.pending, self.stale = self.pending, Changes(), False
        self.dock.apply_changes(changes)


class AnalysisDocks(QObject):
    """Owns the Charts and Health docks of one window (``host``) and their View menu toggles."""

    def __init__(
        self,
        host: QMainWindow,
        controller: DocumentController,
        scene: JourneyScene,
        view: JourneyView,
        menu: QMenu,
    ) -> None:
        super().__init__(host)
        self.host, self.controller, self.scene, self.view, self.menu = (
            host,
            controller,
            scene,
            view,
            menu,
        )
        self._charts: ChartsDock | None = None
        self._health: HealthDock | None = None
        self.deferred: list[DeferredRefresh] = []
        controller.journeyChanged.connect(self._show_journey)
        controller.changed.connect(self._on_changed)
        scene.selectionChanged.connect(self._on_selection)
        menu.addSeparator()
        self.dock_menu_anchor = menu.addSeparator()
        # pyqtgraph takes a good part of a second to import: the docks are built just
        # after the window first shows, so the map is usable at once.
        QTimer.singleShot(DOCKS_DELAY_MS, self.ensure_docks)

    @property
    def charts(self) -> ChartsDock:
        self.ensure_docks()
        assert self._charts is not None
        return self._charts

    @property
    def health(self) -> HealthDock:
        self.ensure_docks()
        assert self._health is not None
        return self._health

    def ensure_docks(self) -> None:
        """Build the Charts and Health docks (once) and show the current journey in them."""
        if self._charts is not None or not shiboken6.isValid(self.host):
            return
        from journeymapper.ui.docks.charts.dock import ChartsDock
        from journeymapper.ui.docks.health import HealthDock

        host = self.host
        self._charts, self._health = ChartsDock(host), HealthDock(host)
        self._charts.setObjectName("chartsDock")
        self._health.setObjectName("healthDock")
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        host.addDockWidget(bottom, self._charts)
        host.addDockWidget(bottom, self._health)
        host.tabifyDockWidget(self._charts, self._health)
        self._charts.raise_()
        host.resizeDocks([self._charts], [CHARTS_HEIGHT], Qt.Orientation.Vertical)
        # Built early (pyqtgraph is slow to import) but opened on demand: the map keeps the room.
        self._charts.hide()
        self._health.hide()
        self.deferred = [DeferredRefresh(self._charts, self), DeferredRefresh(self._health, self)]
        for dock in (self._charts, self._health):
            dock.touchpointsActivated.connect(self.select_touchpoints)
        self._health.stagesActivated.connect(self.select_stages)
        for dock, shortcut in ((self._charts, "Ctrl+Shift+C"), (self._health, "Ctrl+Shift+H")):
            action = dock.toggleViewAction()
            action.setShortcut(shortcut)
            self.menu.insertAction(self.dock_menu_anchor, action)
        self._show_docks_journey()

    def _show_journey(self) -> None:
        if self._charts is not None:
            self._show_docks_journey()

    def _show_docks_journey(self) -> None:
        """A shown dock reads the journey now; a hidden one when it is next shown."""
        doc, journey_id = self.controller.doc, self.controller.journey_id
        for dock, deferred in zip((self.charts, self.health), self.deferred, strict=True):
            if doc is None or journey_id is None:
                dock.clear()
                continue
            shown = dock.isVisible()
            dock.show_journey(doc, journey_id, now=shown)
            if not shown:
                deferred.stale = True

    def _on_changed(self, changes: Changes) -> None:
        for deferred in self.deferred:
            deferred.add(changes)

    def _on_selection(self) -> None:
        scene = self.scene
        # Qt still signals selection changes while a closing window deletes its scene.
        if not shiboken6.isValid(scene) or scene.data is None:
            return
        if self._charts is None:
            return
        ids = scene.selected_touchpoints()
        for dock in (self.charts, self.health):
            dock.highlight_touchpoints(ids)

    def select_touchpoints(self, ids: list[int]) -> None:
        scene = self.scene
        scene.select_touchpoints(ids)
        cards = [scene.cards[i] for i in ids if i in scene.cards]
        if cards:
            rect = cards[0].sceneBoundingRect()
            for card in cards[1:]:
                rect = rect.united(card.sceneBoundingRect())
            self.view.ensureVisible(rect, 60, 60)

    def select_stages(self, ids: list[int]) -> None:
        scene = self.scene
        scene.clearSelection()
        for stage_id in ids:
            header = scene.headers.get(stage_id)
            if isinstance(header, StageHeaderItem):
                header.setSelected(True)
                self.view.ensureVisible(header.sceneBoundingRect(), 60, 60)
