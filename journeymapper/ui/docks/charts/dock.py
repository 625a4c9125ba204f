"""The Charts dock: the journey's numbers as pyqtgraph charts, linked to the canvas.

Five tabs: the stage funnel, a metric per touchpoint, the emotion curve with a metric
on a second axis, the channel mix per stage and the trend of the selected touchpoint.
Clicking a bar or point emits :attr:`ChartsDock.touchpointsActivated`; the canvas
selection comes back through :meth:`ChartsDock.highlight_touchpoints`. Only the visible
chart is redrawn after an edit; the others are redrawn when they are shown.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Collection
from typing import TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journeymapper.analysis.aggregates import channel_kind_of, funnel, stage_touchpoints
from journeymapper.analysis.snapshot import patch
from journeymapper.editing import Changes
from journeymapper.geometry.layout import compute_layout
from journeymapper.model.document import Document
from journeymapper.model.enums import ChannelKind
from journeymapper.model.errors import DocumentError
from journeymapper.store.journey_data import JourneyData, load_journey, measurement_history
from journeymapper.ui.docks.charts.parts import BarSeries, CategoryAxis, category_colour, chart_font
from journeymapper.ui.style import EMOTION_LINE, INK, MUTED, OFFLINE, ONLINE, SELECTION

CHARTS: dict[str, str] = {
    "funnel": "Funnel",
    "metric": "Metric by touchpoint",
    "emotion": "Emotion curve",
    "mix": "Channel mix",
    "trend": "Trend",
}
#: Shown first when the journey has it.
DEFAULT_METRIC = "csat"
#: Touchpoint titles longer than this are shortened on the metric chart's axis.
TITLE_CHARS = 28
#: A click this close (pixels) to a point picks it.
PICK_RADIUS = 12.0
#: A metric chart with more touchpoints than fit shows the best and worst (at least this
#: many of each) and up to MAX_KEPT selected ones between them.
MIN_END = 2
MAX_KEPT = 3
#: Rows the metric chart assumes before it has been laid out.
DEFAULT_ROOM = 21
REACH = QColor("#a6c8e6")
MOVE_ON = QColor("#2166ac")

T = TypeVar("T")


def _short(text: str, limit: int = TITLE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _swatch(colour: QColor, label: str, shape: str = "■") -> str:
    return f'<span style="color:{colour.name()}">{shape}</span>&nbsp;{html.escape(label)}'


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
        note = self.keep("message", lambda: _note(10, (0.5, 0.5)))
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


def _curve(colour: QColor, width: int) -> pg.PlotCurveItem:
    """A line through up to thousands of points, cached as pixels: an edit elsewhere on
    the chart repaints it by a copy, not by drawing every segment again."""
    curve = pg.PlotCurveItem(pen=pg.mkPen(colour, width=width))
    curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return curve


def _ring(symbol: str, brush: QBrush) -> pg.ScatterPlotItem:
    """Selected points: bigger, outlined in the selection colour, over the others."""
    ring = pg.ScatterPlotItem(symbol=symbol, size=14, brush=brush, pen=pg.mkPen(SELECTION, width=3))
    ring.setZValue(1)
    return ring


def _note(size: int, anchor: tuple[float, float]) -> pg.TextItem:
    note = pg.TextItem("", color=INK, anchor=anchor)
    note.setFont(chart_font(size))
    note.setZValue(10)  # over bars and lines
    return note


class ChartsDock(QDockWidget):
    """Charts of one journey; emits the touchpoints a click points at."""

    touchpointsActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Charts", parent)
        self.setObjectName("ChartsDock")
        self._doc: Document | None = None
        self._journey_id: int | None = None
        self._data: JourneyData | None = None
        self._selected: list[int] = []
        self._dirty: set[str] = set(CHARTS)
        self._legends: dict[str, str] = {}
        #: Emotion chart x of each touchpoint (by map order); None when cards moved.
        self._emotion_xs: dict[int, float] | None = None
        self._metric_names: list[tuple[str, str]] = []
        self._metric_thinned = False
        self._metric_room = DEFAULT_ROOM

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
        self.plots: dict[str, ChartPlot] = {
            "funnel": ChartPlot(bottom=CategoryAxis("bottom")),
            "metric": ChartPlot(left=CategoryAxis("left")),
            "emotion": ChartPlot(bottom=CategoryAxis("bottom")),
            "mix": ChartPlot(bottom=CategoryAxis("bottom")),
            "trend": ChartPlot(bottom=pg.DateAxisItem("bottom", utcOffset=0)),
        }
        for name, plot in self.plots.items():
            self.tabs.addTab(plot, CHARTS[name])
            plot.scene().sigMouseClicked.connect(
                lambda ev, p=plot: self._clicked(p, ev)  # type: ignore[misc]
            )
        self.tabs.currentChanged.connect(lambda _i: self._draw_current())
        layout.addWidget(self.tabs, 1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)
        self.setWidget(body)
        self.plots["metric"].getPlotItem().invertY(True)  # best on top
        self.plots["emotion"].getPlotItem().getAxis("left").setTicks(
            [[(v, f"{v:+d}" if v else "0") for v in range(-2, 3)]]
        )
        self._emotion_metric_vb = self._second_axis(self.plots["emotion"])
        self.plots["metric"].vb.sigResized.connect(self._metric_resized)
        self._draws: dict[str, Callable[[ChartPlot, JourneyData], str]] = {
            "funnel": self._draw_funnel,
            "metric": self._draw_metric,
            "emotion": self._draw_emotion,
            "mix": self._draw_mix,
            "trend": self._draw_trend,
        }

    # -- public API ----------------------------------------------------------------

    def show_journey(self, doc: Document, journey_id: int) -> None:
        self._doc, self._journey_id = doc, journey_id
        self._selected = []
        self.refresh()

    def clear(self) -> None:
        """Forget the document (it was closed)."""
        self._doc = self._journey_id = self._data = None
        self._emotion_xs = None
        self._metric_names = []
        self.metric_box.clear()
        for plot in self.plots.values():
            plot.reset()
        self._legends = {}
        self._dirty = set(CHARTS)
        self.legend.clear()

    def refresh(self) -> None:
        """Re-read the journey (after an edit) and redraw the visible chart."""
        if self._doc is None or self._journey_id is None:
            return
        try:
            self._data = load_journey(self._doc, self._journey_id)
        except DocumentError:
            self.clear()
            return
        self._emotion_xs = None
        self._fill_metrics(self._data)
        self._dirty = set(CHARTS)
        self._draw_current()

    def apply_changes(self, changes: Changes) -> None:
        """Follow an edit: patch the few touchpoints it touched, or re-read the journey."""
        done = None
        if self._doc is not None and self._data is not None:
            done = patch(self._doc, self._data, changes)
        if done is None:
            self.refresh()
            return
        if done.placement:
            self._emotion_xs = None
        self._dirty = set(CHARTS)
        self._draw_current()

    def highlight_touchpoints(self, ids: list[int]) -> None:
        """Mark the canvas selection on every chart (emits nothing)."""
        self._selected = list(ids)
        selected = set(ids)
        for name, plot in self.plots.items():
            if name not in self._dirty:
                for series in plot.bars:
                    series.highlight(selected)
        self._dirty.update({"trend", "emotion"})
        if self._metric_thinned:
            self._dirty.add("metric")  # a thinned chart shows the selected touchpoints too
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
        self._dirty.update({"metric", "emotion", "trend"})
        self._draw_current()

    def _draw_current(self) -> None:
        name = self.current_chart()
        if self._data is not None and name in self._dirty:
            plot = self.plots[name]
            plot.begin()
            self._legends[name] = self._draws[name](plot, self._data)
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

    def _metric(self) -> tuple[str, str, str] | None:
        """(key, axis label, short name) of the chosen metric."""
        key = self.metric_key()
        if key is None or self._data is None or key not in self._data.metrics:
            return None
        m = self._data.metrics[key]
        return key, m.name + (f" ({m.unit})" if m.unit else ""), m.name

    @staticmethod
    def _second_axis(plot: ChartPlot) -> pg.ViewBox:
        """A right-hand axis with its own view box, kept over the main one."""
        item = plot.getPlotItem()
        vb = pg.ViewBox()
        vb.setMouseEnabled(x=False, y=False)
        item.showAxis("right")
        item.scene().addItem(vb)
        item.getAxis("right").linkToView(vb)
        vb.setXLink(item)

        def sync() -> None:
            vb.setGeometry(item.vb.sceneBoundingRect())
            vb.linkedViewChanged(item.vb, vb.XAxis)

        item.vb.sigResized.connect(sync)
        return vb

    # -- the charts ------------------------------------------------------------------

    def _draw_funnel(self, plot: ChartPlot, data: JourneyData) -> str:
        steps = funnel(data)
        groups = stage_touchpoints(data)
        _set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in steps])
        plot.label("left", "% of customers")
        plot.label("bottom", "Stage")
        if not steps:
            plot.message("This journey has no stages.")
            return ""
        reach, move_on = BarSeries(), BarSeries()
        for i, step in enumerate(steps):
            ids = [t.id for t in groups[step.stage_id]]
            reach.add(i - 0.35, 0, 0.7, step.entered, ids, REACH)
            move_on.add(i - 0.35, 0, 0.7, step.left, ids, MOVE_ON)
            text = "no data" if step.drop_off is None else f"−{step.drop_off:.0f}%"
            note = plot.keep(f"note{i}", lambda: _note(9, (0.5, 1.0)))
            note.setText(text, color=INK if step.drop_off is not None else MUTED)
            note.setPos(i, step.entered)
        plot.show_bars("reach", reach)
        plot.show_bars("move_on", move_on)
        plot.setXRange(-0.6, len(steps) - 0.4, padding=0)
        plot.setYRange(0, 125, padding=0)  # headroom for the labels above bars
        return " &nbsp; ".join(
            [
                _swatch(REACH, "reach the stage"),
                _swatch(MOVE_ON, "move on to the next"),
                html.escape("label: the stage's drop-off (weighted by sample size)"),
            ]
        )

    def _draw_metric(self, plot: ChartPlot, data: JourneyData) -> str:
        chosen = self._metric()
        axis = plot.getPlotItem().getAxis("left")
        if chosen is None:
            _set_labels(axis, [])
            plot.message("No metric chosen.")
            return ""
        key, label, name = chosen
        metric = data.metrics[key]
        stage_index = {s.id: i for i, s in enumerate(data.stages)}
        rows = [(t, t.latest[key].value) for t in data.touchpoints.values() if key in t.latest]
        rows.sort(key=lambda r: (-r[1] if metric.higher_is_better else r[1], r[0].title))
        wanted = set(self._selected)
        selected = [i for i, (t, _v) in enumerate(rows) if t.id in wanted]
        self._metric_room = self._room()
        picked = thin_ranks(len(rows), self._metric_room, selected)
        self._metric_thinned = thinned = len(picked) < len(rows)
        titles = [
            _rank_title(r, rows[r][0].title if r is not None else "", thinned) for r in picked
        ]
        _set_labels(axis, titles)
        widest = max((QFontMetrics(chart_font()).horizontalAdvance(t) for t in titles), default=0)
        if axis.fixedWidth != widest + 14:
            axis.setWidth(widest + 14)
        plot.label("bottom", label)
        plot.label("left", "")
        if not rows:
            plot.message(f"No touchpoint has a {name} value yet.")
            return ""
        bars = BarSeries()
        for i, r in enumerate(picked):
            if r is not None:
                tp, value = rows[r]
                colour = category_colour(stage_index[tp.stage_id])
                bars.add(0, i - 0.4, value, 0.8, [tp.id], colour)
        plot.show_bars("bars", bars)
        low = min(0.0, metric.min_value)
        plot.setXRange(low, metric.max_value, padding=0.02)
        plot.setYRange(-0.6, max(len(picked), 8) - 0.4, padding=0)
        present = {tp.stage_id for tp, _v in rows}
        swatches = [
            _swatch(category_colour(i), s.name)
            for i, s in enumerate(data.stages)
            if s.id in present
        ]
        missing = len(data.touchpoints) - len(rows)
        note = f" &nbsp; ({missing} without {html.escape(name)} not shown)" if missing else ""
        best = "best first" if metric.higher_is_better else "lowest (best) first"
        legend = f"Stage: {' &nbsp; '.join(swatches)}{note} &nbsp; · sorted {best}"
        if thinned:
            top, bottom = picked.index(None), len(picked) - 1 - picked[::-1].index(None)
            extra = " and the selection" if bottom > top + 1 else ""
            best, worst = ("best", "worst") if metric.higher_is_better else ("lowest", "highest")
            legend += (
                f"<br>{top} {best} and {len(picked) - 1 - bottom} {worst} of {len(rows):,}"
                f"{extra} shown (numbered by rank; ⋯ the rest)."
            )
        return legend

    def _room(self) -> int:
        """How many labelled rows fit the metric chart's height."""
        height = self.plots["metric"].vb.height()
        if height < 40:  # not laid out yet
            return DEFAULT_ROOM
        return max(2 * MIN_END + 1, int(height // (QFontMetrics(chart_font()).height() + 2)))

    def _metric_resized(self) -> None:
        """A taller or shorter chart fits more or fewer rows: thin it again."""
        if self._metric_thinned and self._room() != self._metric_room:
            self._dirty.add("metric")
            if self.current_chart() == "metric":
                QTimer.singleShot(0, self._draw_current)  # not inside the layout pass

    def _emotion_positions(self, data: JourneyData) -> dict[int, float]:
        """x of each touchpoint on the emotion chart: its stage, then its place on the map."""
        if self._emotion_xs is None:
            order = [tp_id for tp_id, _x, _y in compute_layout(data).emotion]
            by_stage: dict[int, list[int]] = {}
            for tp_id in order:
                by_stage.setdefault(data.touchpoints[tp_id].stage_id, []).append(tp_id)
            xs: dict[int, float] = {}
            for i, stage in enumerate(data.stages):
                members = by_stage.get(stage.id, [])
                for j, tp_id in enumerate(members):
                    xs[tp_id] = i - 0.4 + 0.8 * (j + 0.5) / len(members)
            self._emotion_xs = dict(sorted(xs.items(), key=lambda kv: kv[1]))
        return self._emotion_xs

    def _draw_emotion(self, plot: ChartPlot, data: JourneyData) -> str:
        vb2 = self._emotion_metric_vb
        _set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in data.stages])
        plot.label("left", "Emotion (−2 … +2)")
        plot.label("bottom", "Stage")
        plot.setXRange(-0.5, max(len(data.stages), 1) - 0.5, padding=0)
        plot.setYRange(-2.3, 2.3, padding=0)
        chosen = self._metric()
        xs = self._emotion_positions(data)
        ordered = list(xs)
        selected = set(self._selected)
        ex = list(xs.values())
        ey = [float(data.touchpoints[t].emotion or 0) for t in ordered]
        line = plot.keep("line", lambda: _curve(EMOTION_LINE, 2))
        _set_data(line, ex, ey)
        self._scatter(plot, "emotion", None, ex, ey, ordered, EMOTION_LINE, "o", selected)
        vb = plot.vb
        plot.points = [(x, y, t, vb) for x, y, t in zip(ex, ey, ordered, strict=True)]
        legend = [_swatch(EMOTION_LINE, "emotion", "●")]
        if chosen is None:
            plot.label("right", "")
        else:
            key, label, name = chosen
            metric = data.metrics[key]
            plot.label("right", label, OFFLINE)
            measured = [t for t in ordered if key in data.touchpoints[t].latest]
            mx = [xs[t] for t in measured]
            my = [data.touchpoints[t].latest[key].value for t in measured]
            curve = plot.keep("metric_line", lambda: _curve(OFFLINE, 1), vb2)
            _set_data(curve, mx, my)
            self._scatter(plot, "metric", vb2, mx, my, measured, OFFLINE, "s", selected)
            span = metric.max_value - metric.min_value
            vb2.setYRange(metric.min_value - span * 0.075, metric.max_value + span * 0.075, 0)
            plot.points += [(x, y, t, vb2) for x, y, t in zip(mx, my, measured, strict=True)]
            legend.append(_swatch(OFFLINE, f"{name} (right axis)", "■"))
        if not ordered:
            legend.append(html.escape("no touchpoint has an emotion score yet"))
        return " &nbsp; ".join(legend)

    @staticmethod
    def _scatter(
        plot: ChartPlot,
        key: str,
        into: pg.ViewBox | None,
        xs: list[float],
        ys: list[float],
        ids: list[int],
        colour: QColor,
        symbol: str,
        selected: set[int],
    ) -> None:
        """Points in one style (one cached symbol: fast), the selected ones ringed on top."""
        brush = pg.mkBrush(colour)
        points = plot.keep(
            key,
            lambda: pg.ScatterPlotItem(symbol=symbol, size=8, brush=brush, pen=pg.mkPen("w")),
            into,
        )
        _set_data(points, xs, ys)
        marked = [i for i, t in enumerate(ids) if t in selected]
        if marked:
            ring = plot.keep(
                key + "_ring",
                lambda: _ring(symbol, brush),
                into,
            )
            _set_data(ring, [xs[i] for i in marked], [ys[i] for i in marked])

    def _draw_mix(self, plot: ChartPlot, data: JourneyData) -> str:
        lanes = {ln.id: ln for ln in data.lanes}
        groups = stage_touchpoints(data)
        _set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in data.stages])
        plot.label("left", "Touchpoints")
        plot.label("bottom", "Stage")
        online, offline = BarSeries(), BarSeries()
        top = 0
        for i, stage in enumerate(data.stages):
            tps = groups[stage.id]
            on, off = [], []
            for t in tps:
                online_lane = channel_kind_of(lanes.get(t.lane_id)) == ChannelKind.ONLINE
                (on if online_lane else off).append(t.id)
            online.add(i - 0.35, 0, 0.7, len(on), on, ONLINE)
            offline.add(i - 0.35, len(on), 0.7, len(off), off, OFFLINE)
            top = max(top, len(tps))
        plot.show_bars("online", online)
        plot.show_bars("offline", offline)
        plot.setXRange(-0.6, max(len(data.stages), 1) - 0.4, padding=0)
        plot.setYRange(0, max(top, 1) * 1.08, padding=0)
        step = max(1, math.ceil(top / 8))
        plot.getPlotItem().getAxis("left").setTickSpacing(step, step)
        if not data.stages:
            plot.message("This journey has no stages.")
        return " &nbsp; ".join([_swatch(ONLINE, "online"), _swatch(OFFLINE, "offline")])

    def _draw_trend(self, plot: ChartPlot, data: JourneyData) -> str:
        chosen = self._metric()
        tp = next((data.touchpoints[t] for t in self._selected if t in data.touchpoints), None)
        plot.label("bottom", "Date")
        if chosen is None or tp is None or self._doc is None:
            plot.title(None)
            plot.label("left", "")
            plot.message("Select a touchpoint to see how its metric changed over time.")
            return ""
        key, label, name = chosen
        history = measurement_history(self._doc, tp.id, key)
        plot.label("left", label)
        plot.title(html.escape(f"{name} of {tp.title!r}"))
        if not history:
            plot.message(f"{tp.title!r} has no {name} measurements.")
            return ""
        xs = [dt.datetime.combine(m.measured_on, dt.time(), dt.UTC).timestamp() for m in history]
        ys = [m.value for m in history]
        line = plot.keep("line", lambda: pg.PlotCurveItem(pen=pg.mkPen(MOVE_ON, width=2)))
        line.setData(xs, ys)
        dots = plot.keep(
            "dots",
            lambda: pg.ScatterPlotItem(symbol="o", size=9, brush=pg.mkBrush(MOVE_ON), pen="w"),
        )
        dots.setData(xs, ys)
        metric = data.metrics[key]
        span = metric.max_value - metric.min_value
        plot.setYRange(metric.min_value - span * 0.05, metric.max_value + span * 0.05, padding=0)
        day = 86_400
        pad = max(day * 10, (xs[-1] - xs[0]) * 0.06)
        plot.setXRange(xs[0] - pad, xs[-1] + pad, padding=0)
        sizes = [m.sample_size for m in history if m.sample_size]
        total = f" · {sum(sizes)} responses in all" if sizes else ""
        return html.escape(f"{len(history)} measurements of {tp.title}{total}")


def _set_data(item: pg.PlotCurveItem | pg.ScatterPlotItem, xs: list, ys: list) -> None:
    """New points for a curve or scatter; skipped (no re-layout, no repaint) when unchanged."""
    if getattr(item, "shown_data", None) != (xs, ys):
        item.shown_data = (xs, ys)
        item.setData(xs, ys)


def _rank_title(rank: int | None, title: str, numbered: bool) -> str:
    """An axis label of the metric chart: ⋯ for a gap, the rank first when thinned."""
    if rank is None:
        return "⋯"
    return f"{rank + 1}. {_short(title)}" if numbered else _short(title)


def _set_labels(axis: CategoryAxis, labels: list[str]) -> None:
    """Name an axis's positions, leaving it alone (no re-layout) when nothing changed."""
    if axis.labels() != labels:
        axis.set_labels(labels)


def thin_ranks(count: int, room: int, keep: Collection[int] = ()) -> list[int | None]:
    """Ranks 0..count-1 to show in about ``room`` rows: all when they fit, else the best and
    the worst, and up to MAX_KEPT of the ranks in ``keep`` between them; None stands for a
    run of ranks left out (it takes a row too).

    Two thousand bars in a dock are a grey smear; the ends say where to look.
    """
    if count <= room:
        return list(range(count))
    middle: list[int] = []
    while True:  # each kept rank costs its row and a gap: fewer ends, which may uncover more
        end = max(MIN_END, (room - 1 - 2 * len(middle)) // 2)
        wider = sorted({r for r in keep if end <= r < count - end})[:MAX_KEPT]
        if wider == middle:
            break
        middle = wider
    ends = {*range(end), *range(count - end, count)}
    shown = sorted(ends | set(middle))
    result: list[int | None] = []
    for rank in shown:
        if result and result[-1] is not None and rank != result[-1] + 1:
            result.append(None)
        result.append(rank)
    return result
