"""Appendix section "Opportunity portfolio": the value × effort matrix and the table.

Lists the opportunities that answer a pain point of the journey, change one of its
cards or stages, or target one of its metrics; each row names the pain points it
answers. Left out when no opportunity touches the journey.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor

from journeymapper.geometry.text_fit import wrap_text
from journeymapper.model.enums import SCORE_MAX, SCORE_MIN, OpportunityStatus
from journeymapper.pdf import fonts, style
from journeymapper.pdf.appendix import BODY, LINE
from journeymapper.pdf.flow import Flow, Op
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.pages import PlannedPage
from journeymapper.store.portfolio_queries import QUADRANT_SPLIT, QUADRANTS, OpportunityRow

SECTION = "Opportunity portfolio"
MATRIX = 230.0  #: side of the plot square, in points
STATUS_COLOURS = {
    OpportunityStatus.IDEA: HexColor("#9aa5b1"),
    OpportunityStatus.PLANNED: HexColor("#5b7db1"),
    OpportunityStatus.IN_PROGRESS: HexColor("#e0a030"),
    OpportunityStatus.DONE: HexColor("#3f9c5a"),
    OpportunityStatus.DROPPED: HexColor("#c8c8c8"),
}
QUADRANT_BG = {
    "Quick wins": HexColor("#e6f4ea"),
    "Big bets": HexColor("#e8eef7"),
    "Fill-ins": HexColor("#f4f4f0"),
    "Money pits": HexColor("#fbe9e7"),
}
#: Column widths as shares of the page: #, opportunity, scores, due, pain points.
COLUMNS = (0.04, 0.30, 0.14, 0.09, 0.43)


def portfolio_section(
    opportunities: list[OpportunityRow], check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    """The section's pages; none when no opportunity touches the journey."""
    if not opportunities:
        return []
    flow = Flow(size, SECTION)
    flow.add(MATRIX + 40, _matrix_op(opportunities, flow.width))
    widths = [share * flow.width for share in COLUMNS]
    flow.running_head(18, _head_op(widths, flow.width))
    for number, opp in enumerate(opportunities, start=1):
        flow.add(*_row(number, opp, check, widths, flow.width))
    return flow.planned()


def _spot(value: int, effort: int, index: int, x0: float, y0: float) -> tuple[float, float]:
    """Where a point goes: effort left → right, value bottom → top; ties fan out."""
    cell = MATRIX / (SCORE_MAX - SCORE_MIN + 1)
    cx = x0 + (effort - SCORE_MIN + 0.5) * cell
    cy = y0 + MATRIX - (value - SCORE_MIN + 0.5) * cell
    offsets = ((0, 0), (9, 0), (-9, 0), (0, 9), (0, -9), (9, 9), (-9, -9), (9, -9), (-9, 9))
    dx, dy = offsets[index % len(offsets)]
    return cx + dx, cy + dy


def _matrix_op(opportunities: list[OpportunityRow], width: float) -> Op:
    cell = MATRIX / (SCORE_MAX - SCORE_MIN + 1)
    split = (QUADRANT_SPLIT - SCORE_MIN) * cell

    def op(ink: Ink, x: float, y: float) -> None:
        x0, y0 = x + 34, y + 8
        for name, high_value, high_effort in QUADRANTS:
            qx = x0 + (split if high_effort else 0)
            qw = MATRIX - split if high_effort else split
            qy = y0 if high_value else y0 + MATRIX - split
            qh = MATRIX - split if high_value else split
            ink.rect(qx, qy, qw, qh, fill=QUADRANT_BG[name])
            ink.text(qx + 5, qy + 11, name, fonts.BOLD, 8, style.MUTED)
        ink.rect(x0, y0, MATRIX, MATRIX, stroke=style.INK, width=0.6)
        for score in range(SCORE_MIN, SCORE_MAX + 1):
            mid = (score - SCORE_MIN + 0.5) * cell
            ink.text(
                x0 + mid,
                y0 + MATRIX + 11,
                str(score),
                fonts.REGULAR,
                7,
                style.MUTED,
                align="centre",
            )
            ink.text(
                x0 - 5,
                y0 + MATRIX - mid + 2.5,
                str(score),
                fonts.REGULAR,
                7,
                style.MUTED,
                align="right",
            )
        ink.text(
            x0 + MATRIX / 2, y0 + MATRIX + 24, "Effort →", fonts.BOLD, 8, style.INK, align="centre"
        )
        ink.rotated_text(x0 - 20, y0 + MATRIX / 2, "Value →", fonts.BOLD, 8, style.INK)
        seen: dict[tuple[int, int], int] = {}
        for number, opp in enumerate(opportunities, start=1):
            key = (opp.value, opp.effort)
            px, py = _spot(opp.value, opp.effort, seen.get(key, 0), x0, y0)
            seen[key] = seen.get(key, 0) + 1
            colour = STATUS_COLOURS.get(opp.status, style.MUTED)
            ink.circle(px, py, 7, fill=colour, stroke=style.WHITE, width=0.8)
            ink.text(px, py + 2.6, str(number), fonts.BOLD, 7, style.WHITE, align="centre")
        _legend(ink, x0 + MATRIX + 30, y0, width - MATRIX - 70)

    return op


def _legend(ink: Ink, x: float, y: float, width: float) -> None:
    ink.text(x, y + 8, "Status", fonts.BOLD, 8, style.INK)
    for i, status in enumerate(OpportunityStatus):
        cy = y + 22 + i * 14
        ink.circle(x + 5, cy - 3, 5, fill=STATUS_COLOURS[status])
        ink.text(x + 15, cy, status.label, fonts.REGULAR, BODY, style.INK)
    notes = (
        "Numbers match the rows below.",
        "Value and effort are scores from 1 to 5; the lines split them at "
        f"{QUADRANT_SPLIT}: quick wins are worth much for little effort, money pits "
        "the reverse.",
    )
    line_y = y + 22 + len(OpportunityStatus) * 14 + 8
    measure = fonts.measure(fonts.REGULAR, BODY)
    for note in notes:
        for line in wrap_text(note, measure, min(width, 300), 4):
            ink.text(x, line_y, line, fonts.REGULAR, BODY, style.MUTED)
            line_y += LINE


def _head_op(widths: list[float], width: float) -> Op:
    names = ("#", "Opportunity", "Value · effort", "Due", "Answers pain points")

    def op(ink: Ink, x: float, y: float) -> None:
        left = x
        for name, w in zip(names, widths, strict=True):
            ink.text(left, y + 11, name, fonts.BOLD, 7.5, style.INK)
            left += w
        ink.line(x, y + 15, x + width, y + 15, stroke=style.INK, width=0.5)

    return op


def _row(
    number: int, opp: OpportunityRow, check: TextCheck, widths: list[float], width: float
) -> tuple[float, Op]:
    bold = fonts.measure(fonts.BOLD, BODY)
    regular = fonts.measure(fonts.REGULAR, BODY)
    title = wrap_text(
        check.clean(opp.title, "an opportunity's title", bold=True), bold, widths[1] - 8, 4
    )
    status = opp.status.replace("_", " ").capitalize()
    owner = check.clean(opp.owner, "an owner") if opp.owner else "no owner"
    facts = wrap_text(
        f"{status} · {owner} · {opp.confidence} confidence", regular, widths[1] - 8, 2
    )
    scores = [f"{opp.value} · {opp.effort}", opp.quadrant]
    due = opp.due_on.isoformat() if opp.due_on else "—"
    pains: list[str] = []
    for p in opp.pain_points:
        text = check.clean(f"{p.stage} #{p.number}: {p.text}", "a pain point")
        pains += wrap_text("• " + text, regular, widths[4] - 4, 3)
    for t in opp.targets:
        pains += wrap_text(
            "◦ Target: " + check.clean(t.label, "a target"), regular, widths[4] - 4, 2
        )
    if not pains:
        pains = ["—"]
    rows = max(len(title) + len(facts), len(pains), 2)
    colour: Color = STATUS_COLOURS.get(opp.status, style.MUTED)

    def op(ink: Ink, x: float, y: float) -> None:
        base = y + 9
        ink.circle(x + 6, base - 3, 6, fill=colour)
        ink.text(x + 6, base - 0.4, str(number), fonts.BOLD, 6.5, style.WHITE, align="centre")
        left = x + widths[0]
        for i, line in enumerate(title):
            ink.text(left, base + i * LINE, line, fonts.BOLD, BODY, style.INK)
        for i, line in enumerate(facts):
            ink.text(left, base + (len(title) + i) * LINE, line, fonts.REGULAR, BODY, style.MUTED)
        left += widths[1]
        ink.text(left, base, scores[0], fonts.BOLD, BODY, style.INK)
        ink.text(left, base + LINE, scores[1], fonts.REGULAR, BODY, style.MUTED)
        left += widths[2]
        ink.text(left, base, due, fonts.REGULAR, BODY, style.INK)
        left += widths[3]
        for i, line in enumerate(pains):
            ink.text(left, base + i * LINE, line, fonts.REGULAR, BODY, style.INK)
        bottom = y + rows * LINE + 4
        ink.line(x, bottom, x + width, bottom, stroke=style.GRID, width=0.4)

    return rows * LINE + 7, op
