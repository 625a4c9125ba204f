"""The emotion chart: the emotion curve, with the chosen metric on a second axis."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtGui import QColor

from journeymapper.geometry.layout import compute_layout
from journeymapper.store.journey_data import JourneyData
from journeymapper.ui.docks.charts.parts import (
    CategoryAxis,
    curve_item,
    ring_item,
    set_data,
    set_labels,
    swatch,
)
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot
from journeymapper.ui.style import EMOTION_LINE, OFFLINE


class EmotionChart(Chart):
    """Each touchpoint's emotion in map order within its stage; the metric as squares."""

    name = "emotion"
    title = "Emotion curve"
    follows_metric = True

    def __init__(self) -> None:
        super().__init__()
        self.plot.getPlotItem().getAxis("left").setTicks(
            [[(v, f"{v:+d}" if v else "0") for v in range(-2, 3)]]
        )
        self.metric_vb = _second_axis(self.plot)
        #: x of each touchpoint (by map order); None when cards moved.
        self._xs: dict[int, float] | None = None

    def make_plot(self) -> ChartPlot:
        return ChartPlot(bottom=CategoryAxis("bottom"))

    def follows_selection(self) -> bool:
        return True

    def placement_changed(self) -> None:
        self._xs = None

    def reset(self) -> None:
        super().reset()
        self._xs = None

    def positions(self, data: JourneyData) -> dict[int, float]:
        """x of each touchpoint on the chart: its stage, then its place on the map."""
        if self._xs is None:
            order = [tp_id for tp_id, _x, _y in compute_layout(data).emotion]
            by_stage: dict[int, list[int]] = {}
            for tp_id in order:
                by_stage.setdefault(data.touchpoints[tp_id].stage_id, []).append(tp_id)
            xs: dict[int, float] = {}
            for i, stage in enumerate(data.stages):
                members = by_stage.get(stage.id, [])
                for j, tp_id in enumerate(members):
                    xs[tp_id] = i - 0.4 + 0.8 * (j + 0.5) / len(members)
            self._xs = dict(sorted(xs.items(), key=lambda kv: kv[1]))
        return self._xs

    def draw(self, ctx: ChartContext) -> str:
        plot, data, vb2 = self.plot, ctx.data, self.metric_vb
        set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in data.stages])
        plot.label("left", "Emotion (−2 … +2)")
        plot.label("bottom", "Stage")
        plot.setXRange(-0.5, max(len(data.stages), 1) - 0.5, padding=0)
        plot.setYRange(-2.3, 2.3, padding=0)
        xs = self.positions(data)
        ordered = list(xs)
        selected = set(ctx.selected)
        ex = list(xs.values())
        ey = [float(data.touchpoints[t].emotion or 0) for t in ordered]
        line = plot.keep("line", lambda: curve_item(EMOTION_LINE, 2))
        set_data(line, ex, ey)
        _scatter(plot, "emotion", None, (ex, ey, ordered), EMOTION_LINE, "o", selected)
        vb = plot.vb
        plot.points = [(x, y, t, vb) for x, y, t in zip(ex, ey, ordered, strict=True)]
        legend = [swatch(EMOTION_LINE, "emotion", "●")]
        chosen = ctx.metric
        if chosen is None:
            plot.label("right", "")
        else:
            metric = data.metrics[chosen.key]
            plot.label("right", chosen.label, OFFLINE)
            measured = [t for t in ordered if chosen.key in data.touchpoints[t].latest]
            mx = [xs[t] for t in measured]
            my = [data.touchpoints[t].latest[chosen.key].value for t in measured]
            curve = plot.keep("metric_line", lambda: curve_item(OFFLINE, 1), vb2)
            set_data(curve, mx, my)
            _scatter(plot, "metric", vb2, (mx, my, measured), OFFLINE, "s", selected)
            span = metric.max_value - metric.min_value
            vb2.setYRange(metric.min_value - span * 0.075, metric.max_value + span * 0.075, 0)
            plot.points += [(x, y, t, vb2) for x, y, t in zip(mx, my, measured, strict=True)]
            legend.append(swatch(OFFLINE, f"{chosen.name} (right axis)", "■"))
        if not ordered:
            legend.append(html.escape("no touchpoint has an emotion score yet"))
        return " &nbsp; ".join(legend)


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


def _scatter(
    plot: ChartPlot,
    key: str,
    into: pg.ViewBox | None,
    points: tuple[list[float], list[float], list[int]],
    colour: QColor,
    symbol: str,
    selected: set[int],
) -> None:
    """Points in one style (one cached symbol: fast), the selected ones ringed on top."""
    xs, ys, ids = points
    brush = pg.mkBrush(colour)
    dots = plot.keep(
        key,
        lambda: pg.ScatterPlotItem(symbol=symbol, size=8, brush=brush, pen=pg.mkPen("w")),
        into,
    )
    set_data(dots, xs, ys)
    marked = [i for i, t in enumerate(ids) if t in selected]
    if marked:
        ring = plot.keep(key + "_ring", lambda: ring_item(symbol, brush), into)
        set_data(ring, [xs[i] for i in marked], [ys[i] for i in marked])
