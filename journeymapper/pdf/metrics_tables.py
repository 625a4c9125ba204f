"""Appendix section: the metrics tables, one per stage, newest values with their trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from reportlab.lib.colors import Color

from journeymapper.geometry.text_fit import ellipsize, wrap_text
from journeymapper.pdf import fonts, style
from journeymapper.pdf.appendix import (
    BODY,
    LINE,
    SMALL,
    by_stage,
    section_note,
    stage_heading,
)
from journeymapper.pdf.flow import Flow
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.pages import PlannedPage
from journeymapper.store.journey_data import (
    JourneyData,
    MetricData,
    TouchpointData,
)


def number(value: float, unit: str = "") -> str:
    text = f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.1f}"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    return f"{text} {unit}" if unit else text


def trend(latest: float, previous: float | None, higher_is_better: bool) -> tuple[str, Color]:
    """The arrow for latest vs previous and its colour (green when better, red when worse)."""
    if previous is None:
        return "", style.INK
    if abs(latest - previous) < 1e-9:
        return "→", style.MUTED
    up = latest > previous
    good = up == higher_is_better
    return ("↑" if up else "↓"), (style.GOOD if good else style.BAD)


@dataclass(frozen=True)
class Cell:
    value: str
    colour: Color
    detail: str


def _cell(
    metric: MetricData, latest: float, previous: float | None, n: int | None, date: str
) -> Cell:
    arrow, colour = trend(latest, previous, metric.higher_is_better)
    value = number(latest, metric.unit) + (f" {arrow}" if arrow else "")
    detail = (f"n={n:,} · " if n else "") + date
    return Cell(value, colour, detail)


def _stage_cells(data: JourneyData, metrics: Sequence[MetricData]) -> dict[int, list[Cell | None]]:
    """Per stage and metric: the mean newest value, and the mean of the values before them
    (a card measured once counts its newest) when any card has a previous value."""
    out: dict[int, list[Cell | None]] = {}
    by_stage: dict[int, list[TouchpointData]] = {s.id: [] for s in data.stages}
    for tp in data.touchpoints.values():
        by_stage.setdefault(tp.stage_id, []).append(tp)
    for stage in data.stages:
        row: list[Cell | None] = []
        for metric in metrics:
            key = metric.key
            measured = [tp for tp in by_stage[stage.id] if key in tp.latest]
            if not measured:
                row.append(None)
                continue
            latest = [tp.latest[key] for tp in measured]
            now = fmean(m.value for m in latest)
            then = fmean(tp.previous.get(key, tp.latest[key].value) for tp in measured)
            has_previous = any(key in tp.previous for tp in by_stage[stage.id])
            n = sum(m.sample_size or 0 for m in latest) or None
            date = max(m.measured_on for m in latest).isoformat()
            row.append(_cell(metric, now, then if has_previous else None, n, date))
        out[stage.id] = row
    return out


def metrics_section(
    data: JourneyData, check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    """Two tables: per stage, then per touchpoint; trends compare with each card's value
    before its newest (read with the journey: no second pass over the measurements)."""
    flow = Flow(size, "Metrics")
    used = {key for tp in data.touchpoints.values() for key in tp.latest}
    metrics = [m for m in data.metrics.values() if m.key in used]
    if not metrics:
        section_note(flow, "No metric has been measured for this journey yet.")
        return flow.planned()
    first_w = max(150.0, flow.width * 0.3)
    col_w = (flow.width - first_w) / len(metrics)
    names = [check.clean(m.name, "a metric name") for m in metrics]
    _caption(
        flow,
        "Per stage: mean of the touchpoints' newest values; arrows compare with the "
        "values measured before them (green better, red worse). n = summed sample sizes.",
    )
    _table_head(flow, "Stage", names, first_w, col_w)
    stage_cells = _stage_cells(data, metrics)
    head_w = fonts.measure(fonts.BOLD, BODY)
    for stage in data.stages:
        label = ellipsize(check.clean(stage.name, "a stage name", bold=True), head_w, first_w - 8)
        flow.add(2 * LINE + 4, _row_op(label, stage_cells[stage.id], first_w, col_w, True))
    flow.end_running_head()
    flow.space(12)
    _caption(
        flow,
        "Per touchpoint: newest value, trend against the previous measurement, "
        "sample size and date.",
    )
    _table_head(flow, "Touchpoint", names, first_w, col_w)
    lanes = {ln.id: ln.name for ln in data.lanes}
    small = fonts.measure(fonts.REGULAR, SMALL)
    stage_colours = {s.id: style.colour(s.colour, style.LABEL_BG) for s in data.stages}
    for name, stage_id, items in by_stage(data):
        measured = [tp for tp in items if tp.latest]
        if measured:
            stage_heading(
                flow,
                check.clean(name, "a stage name", bold=True),
                stage_colours[stage_id],
                keep=2 * LINE + 4,
            )
        for tp in measured:
            cells: list[Cell | None] = []
            for metric in metrics:
                m = tp.latest.get(metric.key)
                if m is None:
                    cells.append(None)
                    continue
                cells.append(
                    _cell(
                        metric,
                        m.value,
                        tp.previous.get(metric.key),
                        m.sample_size,
                        m.measured_on.isoformat(),
                    )
                )
            title = ellipsize(
                check.clean(tp.title, "a touchpoint title", bold=True), head_w, first_w - 8
            )
            lane = lanes.get(tp.lane_id, "?")
            sub = ellipsize(check.clean(lane, "a lane name"), small, first_w - 8)
            flow.add(2 * LINE + 4, _row_op(title, cells, first_w, col_w, False, sub))
    return flow.planned()


def _caption(flow: Flow, text: str) -> None:
    lines = wrap_text(text, fonts.measure(fonts.REGULAR, 7.5), flow.width, 4)

    def op(ink: Ink, x: float, y: float) -> None:
        for i, line in enumerate(lines):
            ink.text(x, y + 8 + i * 9.5, line, fonts.REGULAR, 7.5, style.MUTED)

    flow.add(len(lines) * 9.5 + 4, op, keep_with_next=3 * LINE)


def _table_head(flow: Flow, first: str, names: list[str], first_w: float, col_w: float) -> None:
    """The table's column heads, repeated on every page it continues on."""
    measure = fonts.measure(fonts.BOLD, 7.5)
    labels = [ellipsize(n, measure, col_w - 6) for n in names]

    def op(ink: Ink, x: float, y: float) -> None:
        ink.rect(x, y, flow.width, 16, fill=style.LABEL_BG)
        ink.text(x + 4, y + 11, first, fonts.BOLD, 7.5, style.INK)
        for i, label in enumerate(labels):
            ink.text(x + first_w + i * col_w + 4, y + 11, label, fonts.BOLD, 7.5, style.INK)

    flow.running_head(18, op)


def _row_op(  # type: ignore[no-untyped-def]
    label: str, cells: list[Cell | None], first_w: float, col_w: float, bold: bool, sub: str = ""
):
    def op(ink: Ink, x: float, y: float) -> None:
        ink.text(x + 4, y + 9, label, fonts.BOLD, BODY, style.INK)
        if sub:
            ink.text(x + 4, y + 9 + LINE, sub, fonts.REGULAR, SMALL, style.MUTED)
        for i, cell in enumerate(cells):
            cx = x + first_w + i * col_w + 4
            if cell is None:
                ink.text(cx, y + 9, "–", fonts.REGULAR, BODY, style.MUTED)
                continue
            ink.text(
                cx, y + 9, cell.value, fonts.BOLD if bold else fonts.REGULAR, BODY, cell.colour
            )
            ink.text(cx, y + 9 + LINE, cell.detail, fonts.REGULAR, SMALL, style.MUTED)
        bottom = y + 2 * LINE + 2
        ink.line(x, bottom, x + first_w + len(cells) * col_w, bottom, stroke=style.GRID, width=0.4)

    return op


# -- health ------------------------------------------------------------------------------------
