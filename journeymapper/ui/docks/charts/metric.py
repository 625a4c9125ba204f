"""The metric chart: one bar per touchpoint for the chosen metric, best first.

Two thousand bars in a dock are a grey smear: past what fits, the chart shows the
best and the worst and the selected touchpoints between them (:func:`thin_ranks`).
"""

from __future__ import annotations

import html
from collections.abc import Collection

from PySide6.QtGui import QFontMetrics

from journeymapper.ui.docks.charts.parts import (
    BarSeries,
    CategoryAxis,
    category_colour,
    chart_font,
    set_labels,
    short,
    swatch,
)
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot

#: A metric chart with more touchpoints than fit shows the best and worst (at least this
#: many of each) and up to MAX_KEPT selected ones between them.
MIN_END = 2
MAX_KEPT = 3
#: Rows the metric chart assumes before it has been laid out.
DEFAULT_ROOM = 21


class MetricChart(Chart):
    """Horizontal bars, sorted best first, coloured by stage."""

    name = "metric"
    title = "Metric by touchpoint"
    follows_metric = True

    def __init__(self) -> None:
        super().__init__()
        self.plot.getPlotItem().invertY(True)  # best on top
        self.plot.vb.sigResized.connect(self._resized)
        self.thinned = False
        self.room = DEFAULT_ROOM

    def make_plot(self) -> ChartPlot:
        return ChartPlot(left=CategoryAxis("left"))

    def follows_selection(self) -> bool:
        return self.thinned  # a thinned chart shows the selected touchpoints too

    def fitting_rows(self) -> int:
        """How many labelled rows fit the chart's height."""
        height = self.plot.vb.height()
        if height < 40:  # not laid out yet
            return DEFAULT_ROOM
        return max(2 * MIN_END + 1, int(height // (QFontMetrics(chart_font()).height() + 2)))

    def _resized(self) -> None:
        """A taller or shorter chart fits more or fewer rows: thin it again."""
        if self.thinned and self.fitting_rows() != self.room:
            self.request_redraw()

    def draw(self, ctx: ChartContext) -> str:
        plot, data, chosen = self.plot, ctx.data, ctx.metric
        axis = plot.getPlotItem().getAxis("left")
        if chosen is None:
            set_labels(axis, [])
            plot.message("No metric chosen.")
            return ""
        key, name = chosen.key, chosen.name
        metric = data.metrics[key]
        stage_index = {s.id: i for i, s in enumerate(data.stages)}
        rows = ctx.live.ranking(key)  # kept sorted edit by edit: no sort of every card
        selected = [r for t in ctx.selected if (r := rows.rank_of(t)) is not None]
        self.room = self.fitting_rows()
        picked = thin_ranks(len(rows), self.room, selected)
        self.thinned = thinned = len(picked) < len(rows)
        titles = [
            rank_title(r, rows.at(r)[0].title if r is not None else "", thinned) for r in picked
        ]
        set_labels(axis, titles)
        widest = max((QFontMetrics(chart_font()).horizontalAdvance(t) for t in titles), default=0)
        if axis.fixedWidth != widest + 14:
            axis.setWidth(widest + 14)
        plot.label("bottom", chosen.label)
        plot.label("left", "")
        if not rows:
            plot.message(f"No touchpoint has a {name} value yet.")
            return ""
        bars = BarSeries()
        for i, r in enumerate(picked):
            if r is not None:
                tp, value = rows.at(r)
                bars.add(0, i - 0.4, value, 0.8, [tp.id], category_colour(stage_index[tp.stage_id]))
        plot.show_bars("bars", bars)
        plot.setXRange(min(0.0, metric.min_value), metric.max_value, padding=0.02)
        plot.setYRange(-0.6, max(len(picked), 8) - 0.4, padding=0)
        present = rows.stages
        swatches = [
            swatch(category_colour(i), s.name) for i, s in enumerate(data.stages) if present[s.id]
        ]
        missing = ctx.live.customer_count() - len(rows)
        note = f" &nbsp; ({missing} without {html.escape(name)} not shown)" if missing else ""
        best = "best first" if metric.higher_is_better else "lowest (best) first"
        legend = f"Stage: {' &nbsp; '.join(swatches)}{note} &nbsp; · sorted {best}"
        if thinned:
            legend += "<br>" + _thinned_note(picked, len(rows), metric.higher_is_better)
        return legend


def _thinned_note(picked: list[int | None], count: int, higher_is_better: bool) -> str:
    """The legend's second line on a thinned chart: how many of each end are shown."""
    top, bottom = picked.index(None), len(picked) - 1 - picked[::-1].index(None)
    extra = " and the selection" if bottom > top + 1 else ""
    best, worst = ("best", "worst") if higher_is_better else ("lowest", "highest")
    return (
        f"{top} {best} and {len(picked) - 1 - bottom} {worst} of {count:,}"
        f"{extra} shown (numbered by rank; ⋯ the rest)."
    )


def rank_title(rank: int | None, title: str, numbered: bool) -> str:
    """An axis label of the metric chart: ⋯ for a gap, the rank first when thinned."""
    if rank is None:
        return "⋯"
    return f"{rank + 1}. {short(title)}" if numbered else short(title)


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
