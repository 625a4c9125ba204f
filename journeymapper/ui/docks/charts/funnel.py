"""The funnel chart: how many customers reach each stage and how many move on."""

from __future__ import annotations

import html

from PySide6.QtGui import QColor

from journeymapper.ui.docks.charts.parts import (
    BarSeries,
    CategoryAxis,
    note_item,
    set_labels,
    swatch,
)
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot
from journeymapper.ui.style import INK, MUTED

REACH = QColor("#a6c8e6")
MOVE_ON = QColor("#2166ac")


class FunnelChart(Chart):
    """Two bars per stage (reach, move on), labelled with the stage's drop-off; a stage
    without drop-off data gets no bars, only a "no data" label in its empty slot."""

    name = "funnel"
    title = "Funnel"

    def make_plot(self) -> ChartPlot:
        return ChartPlot(bottom=CategoryAxis("bottom"))

    def draw(self, ctx: ChartContext) -> str:
        plot = self.plot
        live = ctx.live
        steps = live.funnel()  # only the stages an edit touched are summed again
        set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in steps])
        plot.label("left", "% of customers")
        plot.label("bottom", "Stage")
        if not steps:
            plot.message("This journey has no stages.")
            return ""
        if all(step.drop_off is None for step in steps):
            plot.message("No drop-off or conversion rate measured yet: nothing to draw.")
            return ""
        reach, move_on = BarSeries(), BarSeries()
        for i, step in enumerate(steps):
            note = plot.keep(f"note{i}", lambda: note_item(9, (0.5, 1.0)))
            if step.drop_off is None:
                # Nothing measured: an empty slot labelled on the baseline, never a bar
                # (a full-height bar here would read as "everyone stays").
                note.setText("no data", color=MUTED)
                note.setPos(i, 0)
                continue
            sums = live.sums(step.stage_id)
            ids, members = sums.ids(), sums.members("items")
            reach.add(i - 0.35, 0, 0.7, step.entered, ids, REACH, members)
            move_on.add(i - 0.35, 0, 0.7, step.left, ids, MOVE_ON, members)
            note.setText(f"−{step.drop_off:.0f}%", color=INK)
            note.setPos(i, step.entered)
        plot.show_bars("reach", reach)
        plot.show_bars("move_on", move_on)
        plot.setXRange(-0.6, len(steps) - 0.4, padding=0)
        plot.setYRange(0, 125, padding=0)  # headroom for the labels above bars
        return " &nbsp; ".join(
            [
                swatch(REACH, "reach the stage"),
                swatch(MOVE_ON, "move on to the next"),
                html.escape("label: the stage's drop-off (weighted by sample size)"),
            ]
        )
