"""The trend chart: the chosen metric of the selected touchpoint over time, with the
target lines of the opportunities that promise to move it."""

from __future__ import annotations

import html

import pyqtgraph as pg

from journeymapper.store.journey_data import measurement_history
from journeymapper.store.portfolio_queries import target_lines_on
from journeymapper.ui.docks.charts.parts import swatch
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot
from journeymapper.ui.docks.charts.targets import (
    TARGET_COLOUR,
    draw_measured,
    draw_targets,
    fit,
)


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
        shown = (data.touchpoints.get(t) for t in ctx.selected)
        tp = next((t for t in shown if t is not None and ctx.live.is_customer(t)), None)
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
        points = [(m.measured_on, m.value) for m in history]
        xs = draw_measured(plot, points)
        targets = target_lines_on(ctx.doc, tp.id, chosen.key)
        xs += draw_targets(plot, targets, points)
        metric = data.metrics[chosen.key]
        fit(plot, xs, metric.min_value, metric.max_value)
        sizes = [m.sample_size for m in history if m.sample_size]
        total = f" · {sum(sizes)} responses in all" if sizes else ""
        legend = html.escape(f"{len(history)} measurements of {tp.title}{total}")
        for line in targets:
            legend += " · " + swatch(TARGET_COLOUR, f"target of {line.opportunity!r}", "★")
        return legend
