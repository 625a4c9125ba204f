"""Wire the analysis into the window: Charts and Health docks, the metric heatmap on the
canvas with its legend, and the channel × stage coverage matrix.

Charts redraw only when visible and at most once per event-loop turn, so a
burst of edits (or a drag's single drop) never queues several redraws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QActionGroup, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper.analysis.aggregates import coverage
from journeymapper.analysis.heatmap import Heatmap, metric_heatmap, text_colour
from journeymapper.editing import Changes
from journeymapper.ui.canvas.items import CardItem, StageHeaderItem

if TYPE_CHECKING:
    from journeymapper.ui.docks.charts.dock import ChartsDock
    from journeymapper.ui.docks.health import HealthDock
    from journeymapper.ui.main_window import MainWindow


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

    def add(self, changes: Changes) -> None:
        self.pending.merge(changes)
        self.stale = True
        self.timer.start()

    def flush(self) -> None:
        if not self.stale or not self.dock.isVisible():
            return
        changes, self.pending, self.stale = self.pending, Changes(), False
        self.dock.apply_changes(changes)


class HeatLegend(QWidget):
    """The colour key of the heatmap, pinned to the canvas's top-right corner."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setStyleSheet("background: rgba(255,255,255,235); border: 1px solid #c5ccd6;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.hide()

    def show_heatmap(self, heat: Heatmap | None) -> None:
        layout = self.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if heat is None:
            self.hide()
            return
        title = QLabel(f"<b>Cards coloured by {heat.title}</b>")
        title.setStyleSheet("border: none;")
        layout.addWidget(title)
        for stop in heat.legend:
            row = QWidget()
            row.setStyleSheet("border: none;")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            swatch = QLabel()
            swatch.setFixedSize(22, 14)
            swatch.setStyleSheet(f"background: {stop.colour}; border: 1px solid #8892a0;")
            line.addWidget(swatch)
            line.addWidget(QLabel(stop.label))
            layout.addWidget(row)
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 24, 12)


class AnalysisViews(QObject):
    """Owns the analysis docks and overlays of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.heat_metric: str | None = None
        self._charts: ChartsDock | None = None
        self._health: HealthDock | None = None
        self.deferred: list[DeferredRefresh] = []
        self.legend = HeatLegend(window.view.viewport())
        controller = window.controller
        controller.journeyChanged.connect(self._show_journey)
        controller.changed.connect(self._on_changed)
        window.scene.selectionChanged.connect(self._on_selection)
        window.view.zoomChanged.connect(lambda _z: self.legend.place())
        view_menu = window.view_menu
        view_menu.addSeparator()
        self.dock_menu_anchor = view_menu.addSeparator()
        self.heat_menu = view_menu.addMenu("Colour cards by metric")
        self.heat_menu.aboutToShow.connect(self._fill_heat_menu)
        view_menu.addAction("Coverage matrix (channels × stages)…", self.show_coverage)
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
        if self._charts is not None or not shiboken6.isValid(self.window):
            return
        from journeymapper.ui.docks.charts.dock import ChartsDock
        from journeymapper.ui.docks.health import HealthDock

        window = self.window
        self._charts, self._health = ChartsDock(window), HealthDock(window)
        self._charts.setObjectName("chartsDock")
        self._health.setObjectName("healthDock")
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        window.addDockWidget(bottom, self._charts)
        window.addDockWidget(bottom, self._health)
        window.tabifyDockWidget(self._charts, self._health)
        self._charts.raise_()
        window.resizeDocks([self._charts], [CHARTS_HEIGHT], Qt.Orientation.Vertical)
        self.deferred = [DeferredRefresh(self._charts, self), DeferredRefresh(self._health, self)]
        for dock in (self._charts, self._health):
            dock.touchpointsActivated.connect(self.select_touchpoints)
        self._health.stagesActivated.connect(self.select_stages)
        menu = window.view_menu
        for dock, shortcut in ((self._charts, "Ctrl+Shift+C"), (self._health, "Ctrl+Shift+H")):
            action = dock.toggleViewAction()
            action.setShortcut(shortcut)
            menu.insertAction(self.dock_menu_anchor, action)
        self._show_docks_journey()

    # -- docks ------------------------------------------------------------------
    def _show_journey(self) -> None:
        if self._charts is not None:
            self._show_docks_journey()
        self.set_heatmap(self.heat_metric)

    def _show_docks_journey(self) -> None:
        doc, journey_id = self.window.controller.doc, self.window.controller.journey_id
        for dock in (self.charts, self.health):
            if doc is None or journey_id is None:
                dock.clear()
            else:
                dock.show_journey(doc, journey_id)

    def _on_changed(self, changes: Changes) -> None:
        for deferred in self.deferred:
            deferred.add(changes)
        if self.heat_metric is not None:
            self.set_heatmap(self.heat_metric)

    def _on_selection(self) -> None:
        scene = self.window.scene
        # Qt still signals selection changes while a closing window deletes its scene.
        if not shiboken6.isValid(scene) or scene.data is None:
            return
        if self._charts is None:
            return
        ids = scene.selected_touchpoints()
        for dock in (self.charts, self.health):
            dock.highlight_touchpoints(ids)

    def select_touchpoints(self, ids: list[int]) -> None:
        scene, view = self.window.scene, self.window.view
        scene.select_touchpoints(ids)
        cards = [scene.cards[i] for i in ids if i in scene.cards]
        if cards:
            rect = cards[0].sceneBoundingRect()
            for card in cards[1:]:
                rect = rect.united(card.sceneBoundingRect())
            view.ensureVisible(rect, 60, 60)

    def select_stages(self, ids: list[int]) -> None:
        scene = self.window.scene
        scene.clearSelection()
        for stage_id in ids:
            header = scene.headers.get(stage_id)
            if isinstance(header, StageHeaderItem):
                header.setSelected(True)
                self.window.view.ensureVisible(header.sceneBoundingRect(), 60, 60)

    # -- heatmap ------------------------------------------------------------------
    def _fill_heat_menu(self) -> None:
        menu = self.heat_menu
        menu.clear()
        group = QActionGroup(menu)
        none = menu.addAction("None")
        none.setCheckable(True)
        none.setChecked(self.heat_metric is None)
        none.triggered.connect(lambda: self.set_heatmap(None))
        group.addAction(none)
        data = self.window.scene.data
        for key, metric in data.metrics.items() if data else ():
            action = menu.addAction(metric.name)
            action.setCheckable(True)
            action.setChecked(key == self.heat_metric)
            action.triggered.connect(lambda _c=False, k=key: self.set_heatmap(k))
            group.addAction(action)

    def set_heatmap(self, metric_key: str | None) -> None:
        """Fill cards with a colour-blind-safe scale of their latest value (None: plain cards)."""
        scene = self.window.scene
        data = scene.data
        if data is None or (metric_key is not None and metric_key not in data.metrics):
            metric_key = None
        self.heat_metric = metric_key
        heat = metric_heatmap(data, metric_key) if data and metric_key else None
        for tp_id, card in scene.cards.items():
            colour = QColor(heat.colour_of(tp_id)) if heat else None
            if isinstance(card, CardItem) and card.heat_colour != colour:
                card.heat_colour = colour
                card.update()
        self.legend.show_heatmap(heat)

    # -- coverage -------------------------------------------------------------------
    def show_coverage(self) -> QDialog | None:
        data = self.window.scene.data
        if data is None:
            return None
        cov = coverage(data)
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Coverage: touchpoints per channel and stage")
        table = QTableWidget(len(cov.lanes), len(cov.stages), dialog)
        table.setHorizontalHeaderLabels([s.name for s in cov.stages])
        table.setVerticalHeaderLabels([f"{ln.name} ({ln.channel_kind})" for ln in cov.lanes])
        most = max(cov.counts.values(), default=1)
        for r, lane in enumerate(cov.lanes):
            for c, stage in enumerate(cov.stages):
                n = cov.count(lane.id, stage.id)
                item = QTableWidgetItem(str(n) if n else "—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                shade = QColor("#fbe3d6") if n == 0 else _blue(n / most)
                item.setBackground(shade)
                item.setForeground(QColor(text_colour(shade.name())))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        note = QLabel(
            f"{len(cov.gaps())} empty cells (orange) out of {len(cov.lanes) * len(cov.stages)}: "
            "channels a customer may meet in a stage that the map does not cover yet."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(note)
        dialog.resize(min(1200, 160 + 120 * len(cov.stages)), 120 + 32 * len(cov.lanes))
        self.coverage_dialog = dialog
        dialog.open()
        return dialog


def _blue(fraction: float) -> QColor:
    """Light to dark blue for 0..1 (cells with touchpoints)."""
    light, dark = QColor("#dbe9f6"), QColor("#1f5f99")
    f = max(0.0, min(1.0, fraction))
    return QColor(
        round(light.red() + (dark.red() - light.red()) * f),
        round(light.green() + (dark.green() - light.green()) * f),
        round(light.blue() + (dark.blue() - light.blue()) * f),
    )


def install_analysis(window: MainWindow) -> AnalysisViews:
    window.analysis = AnalysisViews(window)
    return window.analysis


__all__ = ["AnalysisViews", "QDockWidget", "install_analysis"]
