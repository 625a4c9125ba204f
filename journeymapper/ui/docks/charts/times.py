"""The blueprint times chart: minutes of work and of waiting per stage, summed over its steps."""

from __future__ import annotations

from PySide6.QtGui import QColor

from journeymapper.analysis.blueprint_health import is_blueprint
from journeymapper.ui.docks.charts.parts import BarSeries, CategoryAxis, set_labels, swatch
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot

WORK = QColor("#2f6fb3")
WAIT = QColor("#c7772b")


class StepTimesChart(Chart):
    """One stacked bar per stage: duration below, wait on top (the steps' minutes)."""

    name = "times"
    title = "Wait & duration"

    def make_plot(self) -> ChartPlot:
        return ChartPlot(bottom=CategoryAxis("bottom"))

    def draw(self, ctx: ChartContext) -> str:
        plot = self.plot
        data = ctx.data
        set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in data.stages])
        plot.label("left", "Minutes")
        plot.label("bottom", "Stage")
        work, wait = BarSeries(), BarSeries()
        top = 0.0
        for i, sums in enumerate(ctx.live.all_sums()):  # only edited stages are summed again
            t = sums.times
            steps = sums.step_ids()
            members = sums.members("steps")
            work.add(i - 0.35, 0, 0.7, t.duration, steps, WORK, members)
            wait.add(i - 0.35, t.duration, 0.7, t.wait, steps, WAIT, members)
            top = max(top, t.duration + t.wait)
        plot.show_bars("work", work)
        plot.show_bars("wait", wait)
        plot.setXRange(-0.6, max(len(data.stages), 1) - 0.4, padding=0)
        plot.setYRange(0, max(top, 1.0) * 1.08, padding=0)
        if not is_blueprint(data):
            plot.message("This journey has no blueprint layers: no steps to time.")
        elif top == 0:
            plot.message("No step has a duration or a wait yet.")
        return " &nbsp; ".join([swatch(WORK, "duration"), swatch(WAIT, "wait")])
