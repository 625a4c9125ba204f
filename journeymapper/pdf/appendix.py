"""Appendix sections: annotations, touchpoints in full, metrics tables, health findings.

Each section lays its rows out with :class:`Flow` and returns planned pages.
Text is wrapped in full here (the map shortens long titles; this is where
they can be read whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color

from journeymapper.geometry import layout as geo
from journeymapper.geometry.text_fit import ellipsize, wrap_text
from journeymapper.pdf import fonts, style
from journeymapper.pdf.flow import Flow
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.pages import PlannedPage
from journeymapper.store.journey_data import (
    JourneyData,
    TouchpointData,
)

BODY = 8.0
LINE = 10.5
SMALL = 6.4
FULL = 400  # "no limit" for wrapped lines
#: Annotations run in as many columns of at least this width as the page holds (pt).
ANNOTATION_COLUMN = 330.0


@dataclass(frozen=True)
class Finding:
    severity: str
    message: str


def as_findings(items: Iterable[Any]) -> list[Finding]:
    """Accept (severity, message) pairs or objects with ``severity`` and ``message``."""
    out = []
    for item in items:
        if isinstance(item, tuple | list) and len(item) >= 2:
            out.append(Finding(str(item[0]), str(item[1])))
        else:
            sev = getattr(item, "severity", "info")
            out.append(
                Finding(str(getattr(sev, "value", sev)), str(getattr(item, "message", item)))
            )
    return out


def _where(data: JourneyData) -> dict[int, str]:
    """Touchpoint id -> "Stage · Lane" (built once; rows look it up in O(1))."""
    stages = {s.id: s.name for s in data.stages}
    lanes = {ln.id: ln.name for ln in data.lanes}
    return {
        tp.id: f"{stages.get(tp.stage_id, '?')} · {lanes.get(tp.lane_id, '?')}"
        for tp in data.touchpoints.values()
    }


def by_stage(data: JourneyData) -> list[tuple[str, int, list[TouchpointData]]]:
    """(stage name, stage id, touchpoints ordered by lane then position) per stage."""
    lane_pos = {ln.id: ln.position for ln in data.lanes}
    groups: dict[int, list[TouchpointData]] = {s.id: [] for s in data.stages}
    for tp in data.touchpoints.values():
        groups.setdefault(tp.stage_id, []).append(tp)
    out = []
    for stage in data.stages:
        items = sorted(groups[stage.id], key=lambda t: (lane_pos.get(t.lane_id, 0), t.position))
        out.append((stage.name, stage.id, items))
    return out


# -- annotations -------------------------------------------------------------------------------


def annotations_section(
    data: JourneyData, check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    flow = Flow(size, "Annotations", min_column=ANNOTATION_COLUMN)
    if not data.annotations:
        section_note(flow, "This journey has no annotations.")
        return flow.planned()
    where = _where(data)
    titles = {tp.id: tp.title for tp in data.touchpoints.values()}
    stage_names = {s.id: s.name for s in data.stages}
    text_w = fonts.measure(fonts.REGULAR, BODY)
    indent = 30.0
    room = flow.width - indent
    per_page = max(2, int(flow.body_height // LINE) - 1)
    for ann in data.annotations:
        kind = style.ANNOTATION_LABELS.get(ann.kind, ann.kind)
        if ann.touchpoint_id is not None:
            title = check.clean(titles.get(ann.touchpoint_id, "?"), "an annotation's touchpoint")
            pin = f"on \u201c{title}\u201d ({check.clean(where.get(ann.touchpoint_id, ''))})"
        else:
            stage = stage_names.get(ann.stage_id or -1, "?")
            pin = f"on the stage \u201c{check.clean(stage, 'a stage name')}\u201d"
        head = ellipsize(f"{kind} {pin}", text_w, room)
        text = check.clean(ann.text, f"annotation {ann.number}")
        lines = wrap_text(text, text_w, room, FULL) or [""]
        colour = style.ANNOTATION_COLOURS.get(ann.kind, style.MUTED)
        chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
        for n, chunk in enumerate(chunks):
            first = n == 0
            height = (len(chunk) + (1 if first else 0)) * LINE + (6 if n == len(chunks) - 1 else 0)
            flow.add(height, _annotation_op(ann.number, colour, kind, head, chunk, first, indent))
    return flow.planned()


def _annotation_op(  # type: ignore[no-untyped-def]
    number: int, colour: Color, kind: str, head: str, lines: list[str], first: bool, indent: float
):
    def op(ink: Ink, x: float, y: float) -> None:
        if first:
            r = geo.MARKER_R
            ink.circle(x + r, y + r - 1, r, fill=colour, stroke=style.WHITE, width=1)
            size = style.MARKER_NUMBER if number < 100 else 5.5
            ink.text(
                x + r,
                y + r - 1 + size * 0.36,
                str(number),
                fonts.BOLD,
                size,
                style.WHITE,
                align="centre",
            )
            ink.text(x + indent, y + 8, head[: len(kind)], fonts.BOLD, BODY, colour)
            rest_x = x + indent + fonts.measure(fonts.BOLD, BODY)(head[: len(kind)])
            ink.text(rest_x, y + 8, head[len(kind) :], fonts.REGULAR, BODY, style.MUTED)
            y += LINE
        for line in lines:
            ink.text(x + indent, y + 8, line, fonts.REGULAR, BODY, style.INK)
            y += LINE

    return op


def section_note(flow: Flow, message: str) -> None:
    def op(ink: Ink, x: float, y: float) -> None:
        ink.text(x, y + 9, message, fonts.REGULAR, 9, style.MUTED)

    flow.add(16, op)


def stage_heading(flow: Flow, name: str, colour: Color, keep: float) -> None:
    def op(ink: Ink, x: float, y: float) -> None:
        ink.rect(x, y + 4, flow.width, 15, fill=colour)
        ink.text(x + 6, y + 15, name, fonts.BOLD, 9, style.INK)

    flow.add(24, op, keep_with_next=keep)


# -- touchpoints -------------------------------------------------------------------------------


#: The touchpoints table's columns: head, then a fixed width (pt) or a share of what the
#: fixed ones leave; the description takes the rest. One line per fact, so most rows take
#: a line or two and an A3 page holds 40 or more.
TOUCHPOINT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Touchpoint", 0.30),
    ("Channel", 0.17),
    ("Interaction", 54.0),
    ("Evidence", 54.0),
    ("Owner", 0.15),
    ("Emotion", 46.0),
)
TABLE_HEAD = 7.5


def touchpoints_section(
    data: JourneyData, check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    """Every touchpoint in full, as a table grouped by stage with its heads on every page."""
    flow = Flow(size, "Touchpoints")
    if not data.touchpoints:
        section_note(flow, "This journey has no touchpoints.")
        return flow.planned()
    lanes = {ln.id: ln.name for ln in data.lanes}
    widths = _column_widths(flow.width)
    heads = [head for head, _share in TOUCHPOINT_COLUMNS] + ["Description"]
    fits = [fonts.measure(fonts.BOLD, BODY)] + [fonts.measure(fonts.REGULAR, BODY)] * 6
    stage_colours = {s.id: style.colour(s.colour, style.LABEL_BG) for s in data.stages}
    flow.running_head(18, _table_head_op(heads, widths, flow.width))
    for name, stage_id, items in by_stage(data):
        rows = [_touchpoint_row(tp, lanes, check, fits, widths) for tp in items]
        if not rows:
            continue
        heading = check.clean(name, "a stage name", bold=True)
        stage_heading(flow, heading, stage_colours[stage_id], keep=_lines(rows[0]) * LINE + 5)
        for cells in rows:
            flow.add(_lines(cells) * LINE + 5, _touchpoint_op(cells, widths, flow.width))
    return flow.planned()


def _touchpoint_row(
    tp: TouchpointData,
    lanes: dict[int, str],
    check: TextCheck,
    fits: list[Callable[[str], float]],
    widths: list[float],
) -> list[list[str]]:
    """One card's row: each cell's wrapped lines."""
    texts = [
        check.clean(tp.title, "a touchpoint title", bold=True),
        check.clean(lanes.get(tp.lane_id, "?"), "a lane name"),
        tp.interaction,
        tp.evidence,
        check.clean(tp.owner, "an owner") if tp.owner else "",
        _emotion(tp.emotion),
        check.clean(tp.description, f"touchpoint {tp.title!r}") if tp.description else "",
    ]
    return [
        wrap_text(text, fit, width - 8, 12) if text else []
        for text, fit, width in zip(texts, fits, widths, strict=True)
    ]


def _lines(cells: list[list[str]]) -> int:
    """How many lines a row takes: its tallest cell's."""
    return max(1, *(len(c) for c in cells))


def _column_widths(width: float) -> list[float]:
    """Each column's width on a page ``width`` wide: fixed ones first, shares of the rest."""
    fixed = sum(size for _head, size in TOUCHPOINT_COLUMNS if size > 1)
    free = max(0.0, width - fixed)
    widths = [size if size > 1 else size * free for _head, size in TOUCHPOINT_COLUMNS]
    return [*widths, max(0.0, width - sum(widths))]


def _emotion(value: int | None) -> str:
    """-2 … +2 as the card shows it: a sign when it is not neutral, nothing when unset."""
    return "" if value is None else f"{value:+d}" if value else "0"


def _table_head_op(heads: list[str], widths: list[float], width: float):  # type: ignore[no-untyped-def]
    measure = fonts.measure(fonts.BOLD, TABLE_HEAD)
    labels = [ellipsize(h, measure, w - 6) for h, w in zip(heads, widths, strict=True)]

    def op(ink: Ink, x: float, y: float) -> None:
        ink.rect(x, y, width, 16, fill=style.LABEL_BG)
        left = x
        for label, w in zip(labels, widths, strict=True):
            ink.text(left + 3, y + 11, label, fonts.BOLD, TABLE_HEAD, style.INK)
            left += w

    return op


def _touchpoint_op(cells: list[list[str]], widths: list[float], width: float):  # type: ignore[no-untyped-def]
    rows = _lines(cells)

    def op(ink: Ink, x: float, y: float) -> None:
        left = x
        for column, (lines, w) in enumerate(zip(cells, widths, strict=True)):
            font = fonts.BOLD if column == 0 else fonts.REGULAR
            colour = style.INK if column in (0, len(cells) - 1) else style.MUTED
            for i, line in enumerate(lines):
                ink.text(left + 3, y + 8 + i * LINE, line, font, BODY, colour)
            left += w
        bottom = y + rows * LINE + 2.5
        ink.line(x, bottom, x + width, bottom, stroke=style.GRID, width=0.4)

    return op


# -- metrics -----------------------------------------------------------------------------------


def health_section(
    findings: list[Finding], check: TextCheck, size: tuple[float, float]
) -> list[PlannedPage]:
    flow = Flow(size, "Journey health")
    if not findings:
        section_note(flow, "The health check found nothing to report.")
        return flow.planned()
    measure = fonts.measure(fonts.REGULAR, BODY)
    indent = 70.0
    for f in findings:
        lines = wrap_text(
            check.clean(f.message, "a health finding"), measure, flow.width - indent, 40
        ) or [""]
        flow.add(len(lines) * LINE + 6, _finding_op(f.severity, lines, indent))
    return flow.planned()


def _severity_colour(severity: str) -> Color:
    s = severity.lower()
    if s in ("error", "critical", "high"):
        return style.BAD
    if s in ("warning", "medium"):
        return style.EVIDENCE_COLOURS["assumed"]
    return style.MUTED


def _finding_op(severity: str, lines: list[str], indent: float):  # type: ignore[no-untyped-def]
    colour = _severity_colour(severity)

    def op(ink: Ink, x: float, y: float) -> None:
        ink.rect(x, y + 0.5, indent - 10, 11, fill=colour, radius=2)
        ink.text(
            x + (indent - 10) / 2,
            y + 8.5,
            severity.upper()[:10],
            fonts.BOLD,
            6.5,
            style.WHITE,
            align="centre",
        )
        for i, line in enumerate(lines):
            ink.text(x + indent, y + 9 + i * LINE, line, fonts.REGULAR, BODY, style.INK)

    return op
