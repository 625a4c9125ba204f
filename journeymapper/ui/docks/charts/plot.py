"""One chart's plot widget, and what every chart draws from.

:class:`ChartPlot` reuses its items between redraws; :class:`Chart` is one tab of the
Charts dock (one module per chart beside this one); :class:`ChartContext` is what the
dock hands a chart to draw: the journey, the selection and the chosen metric.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from journeymapper.analysis.aggregates_live import LiveAggregates
from journeymapper.model.document import Document
from journeymapper.store.journey_data import JourneyData
from journeymapper.ui.docks.charts.parts import BarSeries, chart_font, note_item
from journeymapper.ui.style import INK, MUTED

#: A click this close (pixels) to a point picks it.
PICK_RADIUS = 12.0

T = TypeVar("T")


class ChartPlot(pg.PlotWidget):
    """One chart: a white plot with a category axis where needed and readable fonts.

    A redraw is ``begin()``, then ``keep()`` for every item it shows, then ``finish()``:
    items kept under the same key are reused and updated in place (new items, and
    re-laid-out axes, cost far more than new numbers), items not kept are removed.
    """

    def __init__(self, bottom: pg.AxisItem | None = None, left: pg.AxisItem | None = None):
        axes = {k: v for k, v in (("bottom", bottom), ("left", left)) if v is not None}
        super().__init__(background="w", axisItems=axes)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(y=True, alpha=0.15)
        for name in ("left", "bottom", "right"):
            axis = item.getAxis(name)
            axis.setPen(INK)
            axis.setTextPen(INK)
            axis.setStyle(tickFont=chart_font())
            axis.label.setFont(chart_font(10))
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setMouseEnabled(x=False, y=False)
        self.setMinimumHeight(140)  # readable axes, yet the map keeps the window
        #: Bars that can be clicked, topmost last.
        self.bars: list[BarSeries] = []
        #: Clickable points: (x, y, touchpoint id, view box).
        self.points: list[tuple[float, float, int, pg.ViewBox]] = []
        self._items: dict[str, tuple[pg.GraphicsObject, pg.ViewBox | None]] = {}
        self._kept: set[str] = set()
        self._labels: dict[str, tuple[str, str]] = {}
        self._title: str | None = None
        self._values = True

    @property
    def vb(self) -> pg.ViewBox:
        return self.getPlotItem().vb

    def begin(self) -> None:
        """Start a redraw."""
        self._kept = set()
        self.bars = []
        self.points = []

    def keep(self, key: str, make: Callable[[], T], into: pg.ViewBox | None = None) -> T:
        """The item drawn under ``key``: last redraw's, or a new one from ``make()``."""
        found = self._items.get(key)
        if found is None:
            item = make()
            (into or self).addItem(item)
            self._items[key] = (item, into)
        else:
            item = found[0]  # type: ignore[assignment]
        self._kept.add(key)
        return item

    def shown(self, key: str) -> pg.GraphicsObject | None:
        """The item the last redraw drew under ``key`` (None if it drew none)."""
        found = self._items.get(key)
        return None if found is None else found[0]

    def finish(self) -> None:
        """Remove what this redraw did not keep."""
        for key in [k for k in self._items if k not in self._kept]:
            item, into = self._items.pop(key)
            (into or self).removeItem(item)
        if "message" not in self._kept:
            self._show_values(True)

    def reset(self) -> None:
        """Remove every item (the document was closed)."""
        self.begin()
        self.finish()
        self.title(None)

    def show_bars(self, key: str, series: BarSeries) -> None:
        """Show ``series`` on the bar item kept under ``key``; it becomes clickable."""
        item = self.keep(key, series.make_item)
        if series.item is not item:
            series.attach(item)
        self.bars.append(series)

    def label(self, side: str, text: str, colour: QColor = INK) -> None:
        if self._labels.get(side) != (text, colour.name()):
            self._labels[side] = (text, colour.name())
            self.getPlotItem().setLabel(side, text, color=colour.name())

    def title(self, text: str | None) -> None:
        if text != self._title:
            self._title = text
            self.getPlotItem().setTitle(text, color=INK.name(), size="10pt")

    def _show_values(self, shown: bool) -> None:
        if shown != self._values:
            self._values = shown
            for side in ("left", "bottom"):
                self.getPlotItem().getAxis(side).setStyle(showValues=shown)

    def message(self, text: str) -> None:
        """A grey note in the middle of an empty chart."""
        self._show_values(False)
        self.vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        note = self.keep("message", lambda: note_item(10, (0.5, 0.5)))
        note.setText(text, color=MUTED)
        note.setPos(0.5, 0.5)

    def hit(self, scene_pos: QPointF) -> list[int] | None:
        """The touchpoint ids under a click at ``scene_pos`` (None when nothing is there)."""
        best: tuple[float, int] | None = None
        for x, y, tp_id, vb in self.points:
            at = vb.mapViewToScene(QPointF(x, y))
            dist = ((at.x() - scene_pos.x()) ** 2 + (at.y() - scene_pos.y()) ** 2) ** 0.5
            if dist <= PICK_RADIUS and (best is None or dist < best[0]):
                best = (dist, tp_id)
        if best is not None:
            return [best[1]]
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        view = self.vb.mapSceneToView(scene_pos)
        for series in reversed(self.bars):
            index = series.hit(view.x(), view.y())
            if index is not None:
                return list(series.ids[index])
        return None


@dataclass(frozen=True)
class ChosenMetric:
    """The metric picked in the dock's box: its key, axis label and short name."""

    key: str
    label: str
    name: str


@dataclass
class ChartContext:
    """What a chart draws from; the dock builds one per redraw."""

    #: The journey, blueprint steps included (``live`` tells the customer's cards apart).
    data: JourneyData
    #: Its stage sums and rankings, kept current edit by edit.
    live: LiveAggregates
    doc: Document | None = None
    selected: list[int] = field(default_factory=list)
    metric: ChosenMetric | None = None


class Chart:
    """One tab of the Charts dock: a plot and how to draw the journey on it."""

    #: The tab's key and title.
    name: ClassVar[str]
    title: ClassVar[str]
    #: Redrawn when another metric is chosen.
    follows_metric: ClassVar[bool] = False

    def __init__(self) -> None:
        self.plot = self.make_plot()
        #: Asks the dock to redraw this chart (set by the dock).
        self.request_redraw: Callable[[], None] = lambda: None

    def make_plot(self) -> ChartPlot:
        return ChartPlot()

    def draw(self, ctx: ChartContext) -> str:
        """Draw on ``self.plot`` (between its begin and finish); return the legend line."""
        raise NotImplementedError

    def follows_selection(self) -> bool:
        """Whether a new selection needs a redraw (not only its bars re-outlined)."""
        return False

    def placement_changed(self) -> None:
        """Cards moved between cells or within one: forget anything kept by map order."""

    def reset(self) -> None:
        """The document was closed."""
        self.plot.reset()
