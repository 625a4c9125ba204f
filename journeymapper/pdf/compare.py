"""Appendix section "Current vs future": both emotion curves, the change list, metric deltas.

The same comparison the ``diff`` command prints and the compare view shows, on paper:
each change carries its kind's colour, symbol and word (colour is never alone).
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import HexColor

from journeymapper.analysis.compare import Comparison, CurvePoint, Difference, MetricDelta
from journeymapper.geometry import diff_marks
from journeymapper.geometry.text_fit import ellipsize, wrap_text
from journeymapper.pdf import fonts, style
from journeymapper.pdf.appendix import BODY, LINE, section_note, stage_heading
from journeymapper.pdf.flow import Flow, Op
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.pages import PlannedPage

SECTION = "Current vs future"
CHART_H = 210.0
CURVE_A = HexColor(diff_marks.CURVE_A)
CURVE_B = HexColor(diff_marks.CURVE_B)
BADGE_W = 58.0


def comparison_section(
    result: Comparison, check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    """The section's pages: what is compared, the curves, the changes, the metric deltas."""
    flow = Flow(size, SECTION)
    section_note(flow, check.clean(f"Before (A): {result.a_label}", "a journey name"))
    section_note(flow, check.clean(f"After (B): {result.b_label}", "a journey name"))
    count = len(result.differences)
    summary = f"{count} difference{'s' if count != 1 else ''}"
    resolved = len(result.of_kind("removed", "pain_point"))
    new = len(result.of_kind("added", "pain_point"))
    summary += f"; pain points: {resolved} resolved, {new} new."
    section_note(flow, summary)
    if note := result.unmatched_line():
        section_note(flow, note + " (compared by stage + lane + title).")
    drawing = curves_chart(result, check, min(flow.width, 760.0))
    flow.add(drawing.height + 12, _drawing_op(drawing))
    stage_heading(flow, "Changes", style.LABEL_BG, 2 * LINE)
    if not result.differences:
        section_note(flow, "No differences: the two journeys hold the same map.")
    for d in result.differences:
        flow.add(*_change_row(d, check, flow.width))
    flow.space(8)
    stage_heading(flow, "Metric deltas per stage", style.LABEL_BG, 3 * LINE)
    if not result.metric_deltas:
        section_note(flow, "Neither journey has measured values.")
    else:
        flow.running_head(16, _delta_head(flow.width))
        for m in result.metric_deltas:
            flow.add(*_delta_row(m, check, flow.width))
    return flow.planned()


# -- emotion curves ----------------------------------------------------------------------------


def _y(emotion: float, top: float, height: float) -> float:
    return top + height * (emotion + 2) / 4


def _plot(
    d: Drawing,
    points: list[CurvePoint],
    to_x: Callable[[float], float],
    top: float,
    h: float,
    colour: HexColor,
    dashed: bool,
) -> None:
    xy = [(to_x(p.x), _y(p.emotion, top, h)) for p in points]
    if len(xy) > 1:
        flat = [v for pt in xy for v in pt]
        d.add(
            PolyLine(
                flat,
                strokeColor=colour,
                strokeWidth=1.4,
                strokeDashArray=[4, 3] if dashed else None,
            )
        )
    for x, y in xy:
        if dashed:
            d.add(Circle(x, y, 3.2, strokeColor=colour, fillColor=style.WHITE, strokeWidth=1.2))
        else:
            d.add(Rect(x - 3, y - 3, 6, 6, strokeColor=None, fillColor=colour))


def curves_chart(result: Comparison, check: TextCheck, width: float) -> Drawing:
    """Both emotion curves over the shared stage columns (A dashed ○, B solid ■)."""
    d = Drawing(width, CHART_H)
    d.add(
        String(
            0, CHART_H - 12, "Emotion curves", fontName=fonts.BOLD, fontSize=10, fillColor=style.INK
        )
    )
    left, bottom, top_pad = 34.0, 34.0, 40.0
    plot_w, plot_h = width - left - 10, CHART_H - bottom - top_pad
    n = max(1, len(result.columns))
    per = plot_w / n

    def to_x(col: float) -> float:
        return left + per * (col + 0.5)

    for v in (-2, -1, 0, 1, 2):
        y = _y(v, bottom, plot_h)
        d.add(
            Line(
                left,
                y,
                left + plot_w,
                y,
                strokeColor=style.MUTED if v == 0 else style.GRID,
                strokeWidth=0.8 if v == 0 else 0.4,
            )
        )
        d.add(
            String(
                left - 6,
                y - 2.5,
                f"{v:+d}" if v else "0",
                fontName=fonts.REGULAR,
                fontSize=7,
                fillColor=style.MUTED,
                textAnchor="end",
            )
        )
    label = fonts.measure(fonts.REGULAR, 7)
    for i, column in enumerate(result.columns):
        name = ellipsize(check.clean(column.name, "a stage name"), label, per - 4)
        d.add(
            String(
                to_x(i),
                bottom - 12,
                name,
                fontName=fonts.REGULAR,
                fontSize=7,
                fillColor=style.INK,
                textAnchor="middle",
            )
        )
    _plot(d, result.curve_a, to_x, bottom, plot_h, CURVE_A, dashed=True)
    _plot(d, result.curve_b, to_x, bottom, plot_h, CURVE_B, dashed=False)
    key_y = CHART_H - 28
    d.add(
        Line(
            left,
            key_y + 3,
            left + 22,
            key_y + 3,
            strokeColor=CURVE_A,
            strokeWidth=1.4,
            strokeDashArray=[4, 3],
        )
    )
    d.add(Circle(left + 11, key_y + 3, 3.2, strokeColor=CURVE_A, fillColor=style.WHITE))
    d.add(
        String(
            left + 28,
            key_y,
            "A (before) — dashed, ○",
            fontName=fonts.REGULAR,
            fontSize=7.5,
            fillColor=style.INK,
        )
    )
    kx = left + 170
    d.add(Line(kx, key_y + 3, kx + 22, key_y + 3, strokeColor=CURVE_B, strokeWidth=1.4))
    d.add(Rect(kx + 8, key_y, 6, 6, strokeColor=None, fillColor=CURVE_B))
    d.add(
        String(
            kx + 28,
            key_y,
            "B (after) — solid, ■",
            fontName=fonts.REGULAR,
            fontSize=7.5,
            fillColor=style.INK,
        )
    )
    if not result.curve_a and not result.curve_b:
        d.add(
            String(
                left,
                bottom + plot_h / 2,
                "No touchpoint has an emotion score.",
                fontName=fonts.REGULAR,
                fontSize=8.5,
                fillColor=style.MUTED,
            )
        )
    return d


def _drawing_op(drawing: Drawing) -> Op:
    def op(ink: Ink, x: float, y: float) -> None:
        ink.flush()
        renderPDF.draw(drawing, ink.c, x, -(y + drawing.height))
        ink.reset()

    return op


# -- change list -------------------------------------------------------------------------------


def _change_row(d: Difference, check: TextCheck, width: float) -> tuple[float, Op]:
    """A badge (colour, symbol, word) and the difference in words, wrapped."""
    colour, symbol, _word = diff_marks.mark(d.word)
    text = check.clean(d.line().split(" ", 1)[1], "a change")
    lines = wrap_text(text, fonts.measure(fonts.REGULAR, BODY), width - BADGE_W - 8, 12) or [""]
    fill = HexColor(colour)

    def op(ink: Ink, x: float, y: float) -> None:
        ink.rect(x, y + 1, BADGE_W, LINE, fill=fill, radius=2)
        ink.text(x + 4, y + 8.6, f"{symbol} {d.word}", fonts.BOLD, 7, style.WHITE)
        for i, line in enumerate(lines):
            ink.text(x + BADGE_W + 8, y + 9 + i * LINE, line, fonts.REGULAR, BODY, style.INK)

    return len(lines) * LINE + 3, op


# -- metric deltas -----------------------------------------------------------------------------

_COLS = (0.0, 0.3, 0.58, 0.7, 0.82)


def _delta_head(width: float) -> Op:
    def op(ink: Ink, x: float, y: float) -> None:
        ink.rect(x, y, width, 15, fill=style.LABEL_BG)
        for frac, name in zip(_COLS, ("Stage", "Metric", "A", "B", "Change"), strict=True):
            ink.text(x + 4 + frac * width, y + 10.5, name, fonts.BOLD, 7.5, style.INK)

    return op


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3g}"


def _delta_row(m: MetricDelta, check: TextCheck, width: float) -> tuple[float, Op]:
    verdict = m.verdict
    arrow = {"better": "▲", "worse": "▼", "same": "▬"}.get(verdict, "")
    delta = m.delta
    change = f"{arrow} {delta:+.3g} {verdict}" if delta is not None else verdict
    if verdict == "same":
        change = f"{arrow} same"
    colour = {"better": style.GOOD, "worse": style.BAD}.get(verdict, style.MUTED)
    measure = fonts.measure(fonts.REGULAR, BODY)
    stage = ellipsize(check.clean(m.stage, "a stage name"), measure, _COLS[1] * width - 8)
    metric = ellipsize(check.clean(m.metric_name, "a metric name"), measure, 0.28 * width - 8)

    def op(ink: Ink, x: float, y: float) -> None:
        cells = (stage, metric, _num(m.before), _num(m.after))
        for frac, text in zip(_COLS, cells, strict=False):
            ink.text(x + 4 + frac * width, y + 9, text, fonts.REGULAR, BODY, style.INK)
        ink.text(x + 4 + _COLS[4] * width, y + 9, change, fonts.BOLD, BODY, colour)
        ink.line(x, y + LINE + 2, x + width, y + LINE + 2, stroke=style.GRID, width=0.4)

    return LINE + 4, op
