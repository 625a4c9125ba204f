"""Appendix charts drawn with reportlab.graphics, vector: funnel, metric per touchpoint, mix."""

from __future__ import annotations

from collections.abc import Callable
from statistics import fmean

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String

from journeymapper.geometry.text_fit import ellipsize
from journeymapper.model.enums import LaneKind
from journeymapper.pdf import fonts, style
from journeymapper.pdf.flow import Flow
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.pages import PlannedPage
from journeymapper.store.journey_data import JourneyData, TouchpointData

CHART_H = 230.0
#: Touchpoints shown in the per-touchpoint chart (the weakest and strongest halves).
MAX_BARS = 30
#: Metrics tried for the per-touchpoint chart, in order.
CHART_METRICS = ("csat", "nps", "conversion_rate", "ces", "engagement_rate", "drop_off_rate")


def _label(text: str, check: TextCheck, width: float, size: float = 7) -> str:
    return ellipsize(check.clean(text, "a chart label"), fonts.measure(fonts.REGULAR, size), width)


def _title(d: Drawing, text: str, sub: str = "") -> None:
    d.add(String(0, d.height - 12, text, fontName=fonts.BOLD, fontSize=10, fillColor=style.INK))
    if sub:
        d.add(
            String(
                0, d.height - 24, sub, fontName=fonts.REGULAR, fontSize=7.5, fillColor=style.MUTED
            )
        )


def _style_axes(chart: VerticalBarChart | HorizontalBarChart) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.REGULAR
        axis.labels.fontSize = 7
        axis.labels.fillColor = style.INK
        axis.strokeColor = style.MUTED
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = style.GRID
    chart.valueAxis.gridStrokeWidth = 0.5


def _message(d: Drawing, text: str) -> None:
    d.add(
        String(0, d.height - 44, text, fontName=fonts.REGULAR, fontSize=8.5, fillColor=style.MUTED)
    )


def funnel_chart(data: JourneyData, check: TextCheck, width: float) -> Drawing:
    """Share of customers left after each stage, from the mean drop-off rate per stage."""
    d = Drawing(width, CHART_H)
    _title(
        d,
        "Stage funnel and drop-off",
        "Customers remaining after each stage, from the mean newest drop-off rate of its "
        "touchpoints; labels show the drop-off.",
    )
    rates: list[float | None] = []
    for stage in data.stages:
        values = [
            tp.latest["drop_off_rate"].value
            for tp in data.touchpoints.values()
            if tp.stage_id == stage.id and "drop_off_rate" in tp.latest
        ]
        rates.append(fmean(values) if values else None)
    if not data.stages or all(r is None for r in rates):
        _message(d, "No drop-off rates have been measured yet.")
        return d
    # A stage without data passes everyone on but draws no bar: a full bar would read
    # as measured. reportlab leaves a None value's slot empty.
    remaining: list[float | None] = []
    left = 100.0
    for rate in rates:
        left *= 1 - (rate or 0.0) / 100
        remaining.append(None if rate is None else left)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, width - 60, CHART_H - 80
    chart.data = [remaining]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 100
    chart.valueAxis.labelTextFormat = "%d %%"
    per = (width - 60) / max(1, len(data.stages))
    chart.categoryAxis.categoryNames = [_label(s.name, check, per - 4) for s in data.stages]
    chart.bars[0].fillColor = style.ONLINE
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: ""  # labels are drawn below, per bar
    _style_axes(chart)
    d.add(chart)
    for i, (rate, height) in enumerate(zip(rates, remaining, strict=True)):
        x = chart.x + per * (i + 0.5)
        if rate is None or height is None:
            label, font, colour, y = "no data", fonts.REGULAR, style.MUTED, chart.y + 4
        else:
            label, font, colour = f"−{rate:.0f} %", fonts.BOLD, style.BAD
            y = chart.y + chart.height * height / 100 + 4
        d.add(String(x, y, label, fontName=font, fontSize=7, fillColor=colour, textAnchor="middle"))
    return d


def _chart_metric(data: JourneyData) -> str | None:
    counts = {k: 0 for k in CHART_METRICS}
    for tp in data.touchpoints.values():
        for key in tp.latest:
            if key in counts:
                counts[key] += 1
    best = max(CHART_METRICS, key=lambda k: (counts[k], -CHART_METRICS.index(k)))
    return best if counts[best] else None


def touchpoint_chart(data: JourneyData, check: TextCheck, width: float) -> Drawing:
    key = _chart_metric(data)
    metric = data.metrics.get(key) if key else None
    d = Drawing(width, CHART_H + (120 if key else 0))
    if key is None or metric is None:
        _title(d, "Metric per touchpoint")
        _message(d, "No touchpoint has a measured value yet.")
        return d
    rows: list[tuple[float, TouchpointData]] = sorted(
        ((tp.latest[key].value, tp) for tp in data.touchpoints.values() if key in tp.latest),
        key=lambda r: (r[0], r[1].id),
    )
    note = f"Newest {metric.name} of each touchpoint"
    if len(rows) > MAX_BARS:
        half = MAX_BARS // 2
        note += f" — the {half} lowest and {half} highest of {len(rows)}"
        rows = rows[:half] + rows[-half:]
    _title(d, f"{check.clean(metric.name, 'a metric name')} per touchpoint", note + ".")
    label_w = min(220.0, width * 0.32)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w + 10, 20
    chart.width, chart.height = width - label_w - 40, d.height - 60
    chart.data = [[v for v, _ in rows]]
    chart.categoryAxis.categoryNames = [_label(tp.title, check, label_w) for _, tp in rows]
    chart.categoryAxis.reverseDirection = 1
    chart.valueAxis.valueMin = min(metric.min_value, min(v for v, _ in rows))
    chart.valueAxis.valueMax = max(metric.max_value, max(v for v, _ in rows))
    good, bad = style.GOOD, style.BAD
    chart.bars[0].strokeColor = None
    chart.bars[0].fillColor = style.ONLINE
    mid = (metric.min_value + metric.max_value) / 2
    for i, (value, _tp) in enumerate(rows):
        better = value >= mid if metric.higher_is_better else value <= mid
        chart.bars[(0, i)].fillColor = good if better else bad
    _style_axes(chart)
    d.add(chart)
    return d


def channel_mix_chart(data: JourneyData, check: TextCheck, width: float) -> Drawing:
    d = Drawing(width, CHART_H)
    _title(d, "Channel mix", "Touchpoints per stage in online and offline channels.")
    kinds = {ln.id: ln.channel_kind for ln in data.lanes if ln.kind == LaneKind.CHANNEL}
    online = {s.id: 0 for s in data.stages}
    offline = {s.id: 0 for s in data.stages}
    for tp in data.touchpoints.values():
        target = online if kinds.get(tp.lane_id) == "online" else offline
        if tp.stage_id in target:
            target[tp.stage_id] += 1
    if not data.touchpoints or not data.stages:
        _message(d, "No touchpoints yet.")
        return d
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, width - 160, CHART_H - 80
    chart.data = [[online[s.id] for s in data.stages], [offline[s.id] for s in data.stages]]
    chart.categoryAxis.style = "stacked"
    per = chart.width / max(1, len(data.stages))
    chart.categoryAxis.categoryNames = [_label(s.name, check, per - 4) for s in data.stages]
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = style.ONLINE
    chart.bars[1].fillColor = style.OFFLINE
    chart.bars.strokeColor = None
    _style_axes(chart)
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 100, CHART_H - 60
    legend.fontName = fonts.REGULAR
    legend.fontSize = 8
    legend.colorNamePairs = [(style.ONLINE, "Online"), (style.OFFLINE, "Offline")]
    legend.alignment = "right"
    d.add(legend)
    return d


def _chart_op(drawing: Drawing) -> Callable[[Ink, float, float], None]:
    def op(ink: Ink, x: float, y: float) -> None:
        ink.flush()
        renderPDF.draw(drawing, ink.c, x, -(y + drawing.height))
        ink.reset()

    return op


def charts_section(
    data: JourneyData, check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    flow = Flow(size, "Charts")
    for build in (funnel_chart, touchpoint_chart, channel_mix_chart):
        drawing = build(data, check, min(flow.width, 760.0))
        flow.add(drawing.height + 16, _chart_op(drawing))
    return flow.planned()
