"""The trend chart: the chosen metric of the selected touchpoint over time."""

from __future__ import annotations

import datetime as dt
import html

import pyqtgraph as pg

from journeymapper.store.journey_data import measurement_history
from journeymapper.ui.docks.charts.funnel import MOVE_ON
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot

DAY_S = 86_400


class TrendChart(Chart):
    """Every measurement of one touchpoint's metric, by date."""

    name = "trend"
    title = "Trend"
    follows_metric = True

    def follows_selection(self) -> bool:
        return True

    def make_plot(self) -> ChartPlot:
        return ChartPlot(bottom=pg.DateAxisItem("bottom", utcOffset=0))

    def draw(self, ctx: ChartContext) -> str:
        plot, data, chosen = self.plot, ctx.data, ctx.metric
        tp = next((data.touchpoints[t] for t in ctx.selected if t in data.touchpoints), None)
        plot.label("bottom", "Date")
        if chosen is None or tp is None or ctx.doc is None:
            plot.title(None)
            plot.label("left", "")
            plot.message("Select a touchpoint to see how its metric changed over time.")
            return ""
        history = measurement_history(ctx.doc, tp.id, chosen.key)
        plot.label("left", chosen.label)
        plot.title(html.escape(f"{chosen.name} of {tp.title!r}"))
        if not history:
            plot.message(f"{tp.title!r} has no {chosen.name} measurements.")
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
        metric = data.metrics[chosen.key]
        span = metric.max_value - metric.min_value
        plot.setYRange(metric.min_value - span * 0.05, metric.max_value + span * 0.05, padding=0)
        pad = max(DAY_S * 10, (xs[-1] - xs[0]) * 0.06)
        plot.setXRange(xs[0] - pad, xs[-1] + pad, padding=0)
        sizes = [m.sample_size for m in history if m.sample_size]
        total = f" · {sum(sizes)} responses in all" if sizes else ""
        return html.escape(f"{len(history)} measurements of {tp.title}{total}")
