"""The metric heatmap on the canvas: cards filled by their latest value, and its legend.

The View menu's "Colour cards by metric" picks the metric; the colours follow every
edit and every journey switch, and the legend sits in the canvas's top-right corner.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QActionGroup, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from journeymapper.analysis.heatmap import Heatmap, metric_heatmap
from journeymapper.editing import Changes
from journeymapper.ui.canvas.items import CardItem
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.view import JourneyView
from journeymapper.ui.controller import DocumentController


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


class CardHeatmap(QObject):
    """Colours the scene's cards by one metric (or none) and keeps them current."""

    def __init__(
        self,
        controller: DocumentController,
        scene: JourneyScene,
        view: JourneyView,
        menu: QMenu,
    ) -> None:
        super().__init__(view)
        self.scene = scene
        self.heat_metric: str | None = None
        self.legend = HeatLegend(view.viewport())
        controller.journeyChanged.connect(lambda: self.set_heatmap(self.heat_metric))
        controller.changed.connect(self._on_changed)
        view.zoomChanged.connect(lambda _z: self.legend.place())
        self.menu = menu.addMenu("Colour cards by metric")
        self.menu.aboutToShow.connect(self._fill_menu)

    def _on_changed(self, _changes: Changes) -> None:
        if self.heat_metric is not None:
            self.set_heatmap(self.heat_metric)

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        group = QActionGroup(menu)
        none = menu.addAction("None")
        none.setCheckable(True)
        none.setChecked(self.heat_metric is None)
        none.triggered.connect(lambda: self.set_heatmap(None))
        group.addAction(none)
        data = self.scene.data
        for key, metric in data.metrics.items() if data else ():
            action = menu.addAction(metric.name)
            action.setCheckable(True)
            action.setChecked(key == self.heat_metric)
            action.triggered.connect(lambda _c=False, k=key: self.set_heatmap(k))
            group.addAction(action)

    def set_heatmap(self, metric_key: str | None) -> None:
        """Fill cards with a colour-blind-safe scale of their latest value (None: plain cards)."""
        scene = self.scene
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
