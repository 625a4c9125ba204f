"""The channel mix chart: online and offline touchpoints per stage."""

from __future__ import annotations

import math

from journeymapper.ui.docks.charts.parts import BarSeries, CategoryAxis, set_labels, swatch
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot
from journeymapper.ui.style import OFFLINE, ONLINE


class ChannelMixChart(Chart):
    """One stacked bar per stage: online touchpoints below, offline ones on top."""

    name = "mix"
    title = "Channel mix"

    def __init__(self) -> None:
        super().__init__()
        self._step = 0

    def make_plot(self) -> ChartPlot:
        return ChartPlot(bottom=CategoryAxis("bottom"))

    def draw(self, ctx: ChartContext) -> str:
        plot, data = self.plot, ctx.data
        set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in data.stages])
        plot.label("left", "Touchpoints")
        plot.label("bottom", "Stage")
        online, offline = BarSeries(), BarSeries()
        top = 0
        for i, sums in enumerate(ctx.live.all_sums()):  # only edited stages are counted again
            on, off = sums.online, sums.offline
            online.add(i - 0.35, 0, 0.7, len(on), on, ONLINE, sums.members("online"))
            offline.add(i - 0.35, len(on), 0.7, len(off), off, OFFLINE, sums.members("offline"))
            top = max(top, len(on) + len(off))
        plot.show_bars("online", online)
        plot.show_bars("offline", offline)
        plot.setXRange(-0.6, max(len(data.stages), 1) - 0.4, padding=0)
        plot.setYRange(0, max(top, 1) * 1.08, padding=0)
        step = max(1, math.ceil(top / 8))
        if step != self._step:  # a new spacing draws the axis anew: only when it changes
            self._step = step
            plot.getPlotItem().getAxis("left").setTickSpacing(step, step)
        if not data.stages:
            plot.message("This journey has no stages.")
        return " &nbsp; ".join([swatch(ONLINE, "online"), swatch(OFFLINE, "offline")])
