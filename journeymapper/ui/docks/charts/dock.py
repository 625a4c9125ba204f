"""The Charts dock: the journey's numbers as pyqtgraph charts, linked to the canvas.

Six tabs, one module each beside this one: the stage funnel, a metric per touchpoint,
the emotion curve with a metric on a second axis, the channel mix per stage, the
trend of the selected touchpoint and a blueprint's wait and duration per stage.
Clicking a bar or point emits :attr:`ChartsDock.touchpointsActivated`; the canvas
selection comes back through
:meth:`ChartsDock.highlight_touchpoints`. An edit is followed by the dock's
:class:`.LiveAggregates` (only the stages it touched are summed again) and only the
visible chart is redrawn; the others are redrawn when they are shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journeymapper.analysis.aggregates_live import LiveAggregates
from journeymapper.editing import Changes
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.store.journey_data import JourneyData
from journeymapper.ui.docks.charts.emotion import EmotionChart
from journeymapper.ui.docks.charts.funnel import FunnelChart
from journeymapper.ui.docks.charts.metric import MAX_KEPT, MIN_END, MetricChart, thin_ranks
from journeymapper.ui.docks.charts.mix import ChannelMixChart
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot, ChosenMetric
from journeymapper.ui.docks.charts.times import StepTimesChart
from journeymapper.ui.docks.charts.trend import TrendChart

#: The tabs, in order.
CHART_TYPES: tuple[type[Chart], ...] = (
    FunnelChart,
    MetricChart,
    EmotionChart,
    ChannelMixChart,
    TrendChart,
    StepTimesChart,
)
CHARTS: dict[str, str] = {chart.name: chart.title for chart in CHART_TYPES}
#: Shown first when the journey has it.
DEFAULT_METRIC = "csat"


class ChartsDock(QDockWidget):
    """Charts of one journey; emits the touchpoints a click points at."""

    touchpointsActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Charts", parent)
        self.setObjectName("ChartsDock")
        self._doc: Document | None = None
        self._journey_id: int | None = None
        self._live: LiveAggregates | None = None
        self._selected: list[int] = []
        self._dirty: set[str] = set(CHARTS)
        self._legends: dict[str, str] = {}
        self._metric_names: list[tuple[str, str]] = []

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.addWidget(QLabel("Metric:"))
        self.metric_box = QComboBox()
        self.metric_box.setMinimumContentsLength(18)
        self.metric_box.currentIndexChanged.connect(self._metric_changed)
        row.addWidget(self.metric_box)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs = QTabWidget()
        self.charts: dict[str, Chart] = {kind.name: kind() for kind in CHART_TYPES}
        self.plots: dict[str, ChartPlot] = {name: c.plot for name, c in self.charts.items()}
        for name, chart in self.charts.items():
            self.tabs.addTab(chart.plot, chart.title.replace("&", "&&"))  # a literal &
            chart.plot.scene().sigMouseClicked.connect(
                lambda ev, p=chart.plot: self._clicked(p, ev)  # type: ignore[misc]
            )
            chart.request_redraw = lambda n=name: self._redraw_soon(n)  # type: ignore[misc]
        self.tabs.currentChanged.connect(lambda _i: self._draw_current())
        layout.addWidget(self.tabs, 1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)
        self.setWidget(body)

    # -- public API ----------------------------------------------------------------

    def show_journey(self, doc: Document, journey_id: int, *, now: bool = True) -> None:
        """Show a journey; with ``now`` False (a hidden dock) nothing is read until the next
        refresh, so a closed dock holds no copy of a 10,000-card map."""
        self._doc, self._journey_id, self._live = doc, journey_id, None
        self._selected = []
        if now:
            self.refresh()

    def clear(self) -> None:
        """Forget the document (it was closed)."""
        self._doc = self._journey_id = self._live = None
        self._metric_names = []
        self.metric_box.clear()
        for chart in self.charts.values():
            chart.reset()
        self._legends = {}
        self._dirty = set(CHARTS)
        self.legend.clear()

    def refresh(self) -> None:
        """Re-read the journey (after an edit) and redraw the visible chart."""
        if self._doc is None or self._journey_id is None:
            return
        try:
            self._live = LiveAggregates(self._doc, self._journey_id)
        except DocumentError:
            self.clear()
            return
        self._reread()

    def _reread(self) -> None:
        """The journey was read again: every chart draws it anew."""
        assert self._live is not None
        for chart in self.charts.values():
            chart.placement_changed()
        self._fill_metrics(self._live.data)
        self._dirty = set(CHARTS)
        self._draw_current()

    def apply_changes(self, changes: Changes) -> None:
        """Follow an edit: patch the few touchpoints it touched (the live aggregates compute
        again just their stages), or re-read the journey."""
        if self._live is None:
            self.refresh()
            return
        try:
            done = self._live.apply(changes)
        except DocumentError:
            self.clear()
            return
        if done is None:
            self._reread()
            return
        if done.placement:
            for chart in self.charts.values():
                chart.placement_changed()
        self._dirty = set(CHARTS)
        self._draw_current()

    def highlight_touchpoints(self, ids: list[int]) -> None:
        """Mark the canvas selection on every chart (emits nothing)."""
        self._selected = list(ids)
        selected = set(ids)
        for name, chart in self.charts.items():
            if name not in self._dirty:
                for series in chart.plot.bars:
                    series.highlight(selected)
            if chart.follows_selection():
                self._dirty.add(name)
        if self.current_chart() in self._dirty:
            self._draw_current()

    def current_chart(self) -> str:
        return list(CHARTS)[max(0, self.tabs.currentIndex())]

    def show_chart(self, name: str) -> None:
        self.tabs.setCurrentIndex(list(CHARTS).index(name))
        self._draw_current()

    def metric_key(self) -> str | None:
        key = self.metric_box.currentData()
        return str(key) if key is not None else None

    def set_metric(self, key: str) -> None:
        index = self.metric_box.findData(key)
        if index >= 0:
            self.metric_box.setCurrentIndex(index)

    # -- plumbing --------------------------------------------------------------------

    def _fill_metrics(self, data: JourneyData) -> None:
        names = [
            (m.key, m.name + (f" ({m.unit})" if m.unit else "")) for m in data.metrics.values()
        ]
        if names == self._metric_names:
            return  # same metrics: keep the box (and the user's place in it) as it is
        self._metric_names = names
        keep = self.metric_key() or DEFAULT_METRIC
        self.metric_box.blockSignals(True)
        self.metric_box.clear()
        for key, name in names:
            self.metric_box.addItem(name, key)
        index = self.metric_box.findData(keep)
        self.metric_box.setCurrentIndex(max(0, index))
        self.metric_box.blockSignals(False)

    def _metric_changed(self, _index: int) -> None:
        self._dirty.update(name for name, c in self.charts.items() if c.follows_metric)
        self._draw_current()

    def _redraw_soon(self, name: str) -> None:
        """A chart asked to be drawn again (it was resized): after this layout pass."""
        self._dirty.add(name)
        if self.current_chart() == name:
            QTimer.singleShot(0, self._draw_current)

    def _context(self, live: LiveAggregates) -> ChartContext:
        data = live.data
        return ChartContext(data, live, self._doc, list(self._selected), self._metric(data))

    def _draw_current(self) -> None:
        name = self.current_chart()
        if self._live is not None and name in self._dirty:
            plot = self.plots[name]
            plot.begin()
            self._legends[name] = self.charts[name].draw(self._context(self._live))
            plot.finish()
            for series in plot.bars:
                series.highlight(set(self._selected))
            self._dirty.discard(name)
        text = self._legends.get(name, "")
        if self.legend.text() != text:
            self.legend.setText(text)

    def _clicked(self, plot: ChartPlot, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        ids = plot.hit(event.scenePos())  # type: ignore[attr-defined]
        if ids:
            self.touchpointsActivated.emit(ids)

    def _metric(self, data: JourneyData) -> ChosenMetric | None:
        """The chosen metric, if the journey has it."""
        key = self.metric_key()
        if key is None or key not in data.metrics:
            return None
        m = data.metrics[key]
        return ChosenMetric(key, m.name + (f" ({m.unit})" if m.unit else ""), m.name)


__all__ = ["CHARTS", "MAX_KEPT", "MIN_END", "ChartPlot", "ChartsDock", "thin_ranks"]
