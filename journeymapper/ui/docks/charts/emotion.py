"""The emotion chart: the emotion curve, with the chosen metric on a second axis."""

from __future__ import annotations

import html
from itertools import chain

import pyqtgraph as pg

from journeymapper.geometry.layout import compute_layout
from journeymapper.model.enums import JourneyView
from journeymapper.store.blueprint_queries import as_view
from journeymapper.store.journey_data import JourneyData
from journeymapper.ui.docks.charts.chunks import ChunkedSeries, Point, StageSeries, Style
from journeymapper.ui.docks.charts.parts import CategoryAxis, set_labels, swatch
from journeymapper.ui.docks.charts.plot import Chart, ChartContext, ChartPlot
from journeymapper.ui.style import EMOTION_LINE, OFFLINE


class EmotionChart(Chart):
    """Each touchpoint's emotion in map order within its stage; the metric as squares.

    Each stage's points are kept between redraws with the stage sums they were read from:
    after an edit only the stages it touched are read again, and only the chunk items
    (:func:`.chunks.show_chunked`) whose points changed get new data and repaint.
    """

    name = "emotion"
    title = "Emotion curve"
    follows_metric = True

    def __init__(self) -> None:
        super().__init__()
        self.plot.getPlotItem().getAxis("left").setTicks(
            [[(v, f"{v:+d}" if v else "0") for v in range(-2, 3)]]
        )
        self.metric_vb = _second_axis(self.plot)
        self.emotion = ChunkedSeries(Style("emotion", None, EMOTION_LINE, 2, "o"))
        self.measured = ChunkedSeries(Style("metric", self.metric_vb, OFFLINE, 1, "s"))
        #: (id, x) of each stage's points in map order, by stage id; None when cards moved.
        self._xs: dict[int, list[tuple[int, float]]] | None = None
        #: Each stage's series, with the stage sums and metric key they were read for.
        self._series: dict[int, tuple[object, str | None, StageSeries]] = {}
        #: Each stage's clickable points (kept with its series).
        self._points: dict[int, list[Point]] = {}

    def make_plot(self) -> ChartPlot:
        return ChartPlot(bottom=CategoryAxis("bottom"))

    def follows_selection(self) -> bool:
        return True

    def placement_changed(self) -> None:
        self._xs = None
        self._series, self._points = {}, {}

    def reset(self) -> None:
        super().reset()
        self.placement_changed()

    def positions(self, data: JourneyData) -> dict[int, list[tuple[int, float]]]:
        """Per stage, (id, x) of its touchpoints on the chart in the map's order."""
        if self._xs is None:
            customer = as_view(data, JourneyView.JOURNEY)  # the map charts leave steps out
            order = [tp_id for tp_id, _x, _y in compute_layout(customer).emotion]
            by_stage: dict[int, list[int]] = {}
            for tp_id in order:
                by_stage.setdefault(data.touchpoints[tp_id].stage_id, []).append(tp_id)
            self._xs = {}
            for i, stage in enumerate(data.stages):
                members = by_stage.get(stage.id, [])
                xs = [(t, i - 0.4 + 0.8 * (j + 0.5) / len(members)) for j, t in enumerate(members)]
                self._xs[stage.id] = sorted(xs, key=lambda p: p[1])
        return self._xs

    def stage_series(self, ctx: ChartContext, stage_id: int) -> StageSeries:
        """One stage's points, read again only when an edit touched the stage."""
        key = ctx.metric.key if ctx.metric is not None else None
        sums = ctx.live.sums(stage_id)
        kept = self._series.get(stage_id)
        if kept is not None and kept[0] is sums and kept[1] == key:
            return kept[2]
        series = None
        if kept is not None and kept[0] is sums.base and kept[1] == key and key is not None:
            # cards changed in place: only their values on the metric's axis can differ
            series = kept[2].patched(ctx.data, sums.changed, key)
        if series is not None:
            points = self._points[stage_id].copy()
            for tp_id in sums.changed:
                if (i := series.mat.get(tp_id)) is not None:
                    points[len(series.ex) + i] = (series.mx[i], series.my[i], tp_id, self.metric_vb)
        else:
            series = StageSeries.read(ctx.data, self.positions(ctx.data).get(stage_id, []), key)
            points = series.points(self.plot.vb, self.metric_vb if key else None)
        self._series[stage_id] = (sums, key, series)
        self._points[stage_id] = points
        return series

    def draw(self, ctx: ChartContext) -> str:
        plot, data, vb2 = self.plot, ctx.data, self.metric_vb
        set_labels(plot.getPlotItem().getAxis("bottom"), [s.name for s in data.stages])
        plot.label("left", "Emotion (−2 … +2)")
        plot.label("bottom", "Stage")
        plot.setXRange(-0.5, max(len(data.stages), 1) - 0.5, padding=0)
        plot.setYRange(-2.3, 2.3, padding=0)
        series = [self.stage_series(ctx, s.id) for s in data.stages]
        self._points = {s.id: self._points[s.id] for s in data.stages}
        selected = set(ctx.selected)
        self.emotion.show(plot, [(s.ex, s.ey, s.ids) for s in series], _ring(series, selected))
        plot.points = list(chain.from_iterable(self._points.values()))
        legend = [swatch(EMOTION_LINE, "emotion", "●")]
        chosen = ctx.metric
        if chosen is None:
            plot.label("right", "")
        else:
            metric = data.metrics[chosen.key]
            plot.label("right", chosen.label, OFFLINE)
            ring = _ring(series, selected, metric=True)
            self.measured.show(plot, [(s.mx, s.my, s.mids) for s in series], ring)
            span = metric.max_value - metric.min_value
            vb2.setYRange(metric.min_value - span * 0.075, metric.max_value + span * 0.075, 0)
            legend.append(swatch(OFFLINE, f"{chosen.name} (right axis)", "■"))
        if not any(s.ids for s in series):
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


def _ring(
    series: list[StageSeries], selected: set[int], metric: bool = False
) -> tuple[list[float], list[float]]:
    """The selected points of every stage, to ring."""
    xs: list[float] = []
    ys: list[float] = []
    if selected:
        for s in series:
            x, y = s.marked(selected, metric)
            xs += x
            ys += y
    return xs, ys
