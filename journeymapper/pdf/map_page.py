"""Draws one journey map in map units from the same geometry the canvas uses.

Everything is placed by :func:`journeymapper.geometry.layout.compute_layout`; this
module only decides how each part looks on paper. Drawing is one pass over
stages, lanes, cards and markers with no per-card lookups, so a map of
thousands of cards costs little more than drawing the boxes themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from journeymapper.geometry import layout as geo
from journeymapper.geometry.lane_label import label_tops, lane_tag
from journeymapper.geometry.text_fit import ellipsize, wrap_text
from journeymapper.model.enums import LaneKind
from journeymapper.pdf import fonts, style
from journeymapper.pdf.blueprint import draw_blueprint
from journeymapper.pdf.blueprint import legend_entries as blueprint_legend
from journeymapper.pdf.card_ink import CardKey, card_forms, draw_cards
from journeymapper.pdf.fonts import TextCheck, visual
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.insights import draw_insights
from journeymapper.pdf.legend import LegendEntry
from journeymapper.store.journey_data import JourneyData, TouchpointData

EMPTY_W, EMPTY_H = 480.0, 160.0
#: The lane kind tag ("text", "support", "emotion") under a lane's name.
TAG_SIZE = 6.5


@dataclass
class MapSummary:
    """What the drawing found out: size, shortened titles, and the legend it needs."""

    width: float
    height: float
    shortened: list[int] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    smallest_text: float = style.CARD_SMALL


def map_size(layout: geo.MapLayout) -> tuple[float, float]:
    """The drawn size: the grid, or a placeholder box for a journey with no grid."""
    if not layout.stage_order or not layout.lane_order:
        return max(layout.width, EMPTY_W), max(layout.height, EMPTY_H)
    return layout.width, layout.height


def draw_map_form(
    canvas: Canvas, name: str, data: JourneyData, layout: geo.MapLayout, check: TextCheck
) -> MapSummary:
    """Define the form ``name`` holding the whole map, top-down from (0, 0)."""
    shapes = card_forms(canvas, layout)
    _dot_forms(canvas)
    width, height = map_size(layout)
    canvas.beginForm(name, 0, -height, width, 0)
    summary = draw_map(Ink(canvas), data, layout, check, shapes)
    canvas.endForm()
    return summary


def _dot_forms(canvas: Canvas) -> None:
    """Markers, emotion points and vote dots as forms: a circle is many numbers in PDF."""
    r = geo.MARKER_R
    for kind, colour in style.ANNOTATION_COLOURS.items():
        canvas.beginForm(f"jm_marker_{kind}", -r - 1, -r - 1, r + 1, r + 1)
        Ink(canvas).circle(0, 0, r, fill=colour, stroke=style.WHITE, width=1.5)
        canvas.endForm()
    canvas.beginForm("jm_emotion_dot", -10, -10, 10, 10)
    Ink(canvas).circle(0, 0, 9, fill=style.EMOTION_LINE, stroke=style.WHITE, width=1.5)
    canvas.endForm()
    canvas.beginForm("jm_vote_dot", -3, -3, 3, 3)
    Ink(canvas).circle(0, 0, 2.9, fill=style.VOTE)
    canvas.endForm()


def marker_form(kind: str) -> str:
    return f"jm_marker_{kind if kind in style.ANNOTATION_COLOURS else 'note'}"


def draw_map(
    ink: Ink,
    data: JourneyData,
    layout: geo.MapLayout,
    check: TextCheck,
    shapes: dict[CardKey, str],
) -> MapSummary:
    """Draw the map with its top-left corner at (0, 0) of ``ink``."""
    width, height = map_size(layout)
    summary = MapSummary(width, height)
    ink.rect(0, 0, width, height, fill=style.MAP_BG)
    if not layout.stage_order or not layout.lane_order:
        _empty(ink, width, height, "This journey has no stages or lanes yet.")
        summary.legend = []
        return summary
    _columns(ink, data, layout, check)
    _lanes(ink, data, layout, check)
    _groups(ink, layout)
    _text_cells(ink, data, layout, check)
    shown = draw_cards(ink, data, layout, check, summary.shortened, shapes)
    draw_insights(ink, data, layout, check)
    _emotion(ink, data, layout)
    _markers(ink, data, layout)
    blueprint_used = draw_blueprint(ink, data, layout, check)
    if not data.touchpoints:
        _empty(ink, width, height, "No touchpoints yet: this map is empty.", boxed=True)
    summary.legend = _legend(data, layout, summary, shown)
    summary.legend += [LegendEntry(*e) for e in blueprint_legend(blueprint_used)]
    return summary


def _empty(ink: Ink, width: float, height: float, message: str, *, boxed: bool = False) -> None:
    w = fonts.measure(fonts.BOLD, 12)(message) + 40
    x, y = geo.LEFT_W + (width - geo.LEFT_W - w) / 2 if boxed else (width - w) / 2, height / 2
    x = max(4.0, x)
    ink.rect(x, y - 20, w, 34, fill=style.WHITE, stroke=style.GRID, radius=6)
    ink.text(x + w / 2, y + 1, message, fonts.BOLD, 12, style.MUTED, align="centre")
    ink.flush()


def _columns(ink: Ink, data: JourneyData, layout: geo.MapLayout, check: TextCheck) -> None:
    stage_markers: dict[int, int] = defaultdict(int)
    for ann in data.annotations:
        if ann.touchpoint_id is None and ann.stage_id is not None and ann.id in layout.markers:
            stage_markers[ann.stage_id] += 1
    name_w = fonts.measure(fonts.BOLD, style.STAGE_NAME)
    desc_w = fonts.measure(fonts.REGULAR, style.STAGE_DESCRIPTION)
    for stage in data.stages:
        col, head = layout.columns[stage.id], layout.stages[stage.id]
        base = style.colour(stage.colour, style.LABEL_BG)
        ink.rect(
            col.x,
            col.y,
            col.w,
            col.h,
            fill=style.blend(base, style.MAP_BG, 110 / 255),
            stroke=style.GRID,
            width=0.8,
        )
        ink.rect(
            head.x, head.y, head.w, head.h, fill=style.darker(base), stroke=style.GRID, width=0.8
        )
        room = head.w - 20 - stage_markers[stage.id] * (2 * geo.MARKER_R + 3)
        name = ellipsize(check.clean(stage.name, f"stage {stage.name!r}", bold=True), name_w, room)
        ink.text(head.x + 10, head.y + 24, name, fonts.BOLD, style.STAGE_NAME, style.INK)
        if stage.description:
            desc = check.clean(" ".join(stage.description.split()), f"stage {stage.name!r}")
            desc = ellipsize(desc, desc_w, head.w - 20)
            ink.text(
                head.x + 10, head.y + 42, desc, fonts.REGULAR, style.STAGE_DESCRIPTION, style.MUTED
            )
    ink.flush()


def _lanes(ink: Ink, data: JourneyData, layout: geo.MapLayout, check: TextCheck) -> None:
    measure = {
        b: fonts.measure(fonts.BOLD if b else fonts.REGULAR, style.LANE_NAME) for b in (True, False)
    }
    line_h = style.LANE_NAME * 1.2
    for lane in data.lanes:
        r = layout.lanes[lane.id]
        ink.rect(
            geo.GROUP_W, r.y, geo.LABEL_W, r.h, fill=style.LABEL_BG, stroke=style.GRID, width=0.8
        )
        ink.line(geo.LEFT_W, r.bottom, r.right, r.bottom, stroke=style.GRID, width=0.8)
        bold = lane.kind == LaneKind.CHANNEL
        name = check.clean(lane.name, f"lane {lane.name!r}", bold=bold)
        lines = wrap_text(name, measure[bold], geo.LABEL_W - 16, 3)
        kind = lane_tag(lane)
        tag_h = TAG_SIZE * 1.16 if kind else 0.0
        top, tag_top = label_tops(r.h, len(lines) * line_h, tag_h, 6 - TAG_SIZE * 0.23)
        y = r.y + top + style.LANE_NAME * 0.93
        font = fonts.BOLD if bold else fonts.REGULAR
        for line in lines:
            ink.text(geo.GROUP_W + 8, y, line, font, style.LANE_NAME, style.INK)
            y += line_h
        if kind and tag_top is not None:
            y = r.y + tag_top + TAG_SIZE * 0.93
            ink.text(geo.GROUP_W + 8, y, kind, fonts.REGULAR, TAG_SIZE, style.MUTED)
    ink.flush()


def _groups(ink: Ink, layout: geo.MapLayout) -> None:
    for group in layout.groups:
        r = group.rect
        colour = style.ONLINE if group.channel_kind == "online" else style.OFFLINE
        ink.rect(r.x + 2, r.y + 2, r.w - 4, r.h - 4, fill=colour, radius=4)
        label = group.channel_kind.upper()
        if fonts.measure(fonts.BOLD, style.GROUP_LABEL)(label) < r.h - 8:
            ink.rotated_text(r.cx, r.cy, label, fonts.BOLD, style.GROUP_LABEL, style.WHITE)


def _text_cells(ink: Ink, data: JourneyData, layout: geo.MapLayout, check: TextCheck) -> None:
    measure = fonts.measure(fonts.REGULAR, style.TEXT_CELL)
    line_h = style.TEXT_CELL * 1.17
    for (stage_id, lane_id), text in data.text_cells.items():
        if not text or stage_id not in layout.columns or lane_id not in layout.lanes:
            continue
        cell = layout.cell_rect(stage_id, lane_id)
        max_lines = max(1, int((cell.h - 12) // line_h))
        clean = check.clean(text, "a text cell")
        y = cell.y + 6 + style.TEXT_CELL * 0.93
        for line in wrap_text(clean, measure, cell.w - 16, max_lines):
            ink.text(cell.x + 8, y, line, fonts.REGULAR, style.TEXT_CELL, style.INK)
            y += line_h
    ink.flush()


def _emotion(ink: Ink, data: JourneyData, layout: geo.MapLayout) -> None:
    band = layout.emotion_band
    if band is None:
        return
    zero, top, bottom = (geo.emotion_y(band, v) for v in (0, 2, -2))
    ink.rect(geo.LEFT_W, top, band.right - geo.LEFT_W, zero - top, fill=style.EMOTION_UP)
    ink.rect(geo.LEFT_W, zero, band.right - geo.LEFT_W, bottom - zero, fill=style.EMOTION_DOWN)
    ink.line(geo.LEFT_W, zero, band.right, zero, stroke=style.GRID, width=1)
    for score, label in ((2, "+2"), (0, "0"), (-2, "−2")):
        y = geo.emotion_y(band, score) + 3.5
        ink.text(geo.LEFT_W - 6, y, label, fonts.REGULAR, 10, style.MUTED, align="right")
    ink.polyline(geo.emotion_line(layout.emotion), stroke=style.EMOTION_LINE, width=2.2)
    for _, x, y in layout.emotion:
        ink.stamp("jm_emotion_dot", x, y)
        score = geo.emotion_at(band, y)
        label = f"+{score}" if score > 0 else "−" + str(-score) if score < 0 else "0"
        ink.text(x, y + 3, label, fonts.BOLD, 8, style.WHITE, align="centre")
    low = geo.lowest_point(layout.emotion)
    if low is not None:
        title = data.touchpoints[low[0]].title
        width = fonts.measure(fonts.BOLD, 11)(title) + 8
        box = geo.low_label_rect(band, low[1], low[2], width, 10)
        ink.rect(box.x, box.y, box.w, box.h, fill=style.WHITE)
        ink.text(box.x + 4, box.y + 12, visual(title), fonts.BOLD, 11, style.INK)
    ink.flush()


def _markers(ink: Ink, data: JourneyData, layout: geo.MapLayout) -> None:
    for ann in data.annotations:
        centre = layout.markers.get(ann.id)
        if centre is None:
            continue
        ink.stamp(marker_form(ann.kind), *centre)
        size = style.MARKER_NUMBER if ann.number < 100 else 5.5
        ink.text(
            centre[0],
            centre[1] + size * 0.36,
            str(ann.number),
            fonts.BOLD,
            size,
            style.WHITE,
            align="centre",
        )
    ink.flush()


def _legend(
    data: JourneyData, layout: geo.MapLayout, summary: MapSummary, shown: set[str]
) -> list[LegendEntry]:
    """The legend of what the map shows (``shown``: labels of the badges on its cards)."""
    entries: list[LegendEntry] = []
    kinds = {g.channel_kind for g in layout.groups}
    for kind in ("online", "offline"):
        if kind in kinds:
            entries.append(LegendEntry(kind, f"{kind.capitalize()} channels"))
    placed = [tp for tp in data.touchpoints.values() if tp.id in layout.cards]
    interactions = {tp.interaction for tp in placed}
    if "direct" in interactions:
        entries.append(LegendEntry("solid", "Direct interaction"))
    if "indirect" in interactions:
        entries.append(LegendEntry("dashed", "Indirect interaction"))
    entries += _legend_marks(data, layout, placed, shown)
    if layout.emotion:
        entries.append(LegendEntry("emotion", "Emotion, −2 to +2"))
    if any(tp.votes for tp in placed):
        entries.append(LegendEntry("votes", "Dot votes"))
    if summary.shortened:
        entries.append(LegendEntry("ellipsis", "Shortened title, in full in the appendix"))
    return entries


def _legend_marks(
    data: JourneyData, layout: geo.MapLayout, placed: list[TouchpointData], shown: set[str]
) -> list[LegendEntry]:
    """Legend entries for evidence, metric badges and annotation markers."""
    entries: list[LegendEntry] = []
    evidence = {tp.evidence for tp in placed}
    for ev in style.EVIDENCE_LETTERS:
        if ev in evidence:
            entries.append(LegendEntry(f"evidence:{ev}", f"{ev.capitalize()} (evidence)"))
    for key, label in style.BADGE_METRICS:
        if label in shown:
            metric = data.metrics.get(key)
            name = metric.name if metric else key
            entries.append(LegendEntry(f"badge:{label}", f"{name}, latest value"))
    marker_kinds = {a.kind for a in data.annotations if a.id in layout.markers}
    for kind, label in style.ANNOTATION_LABELS.items():
        if kind in marker_kinds:
            entries.append(LegendEntry(f"marker:{kind}", f"{label} (numbered in the appendix)"))
    return entries
