"""The insight rows on paper: row labels and numbered sticky notes, as on the canvas."""

from __future__ import annotations

from journeymapper.geometry import insights
from journeymapper.geometry import layout as geo
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import NOTE_LH, NOTE_NUMBER_W
from journeymapper.pdf import fonts, style
from journeymapper.pdf.fonts import TextCheck, visual
from journeymapper.pdf.ink import Ink
from journeymapper.store.journey_data import JourneyData


def draw_insights(ink: Ink, data: JourneyData, layout: geo.MapLayout, check: TextCheck) -> None:
    """Row labels, then each annotation's note: number and up to four lines of text."""
    for key, row in layout.insight_rows.items():
        colour = style.ANNOTATION_COLOURS.get(key, style.MUTED)
        ink.rect(
            geo.GROUP_W,
            row.y,
            geo.LABEL_W,
            row.h,
            fill=style.LABEL_BG,
            stroke=style.GRID,
            width=0.8,
        )
        ink.rect(geo.GROUP_W, row.y, 4, row.h, fill=colour)
        ink.line(geo.LEFT_W, row.bottom, row.right, row.bottom, stroke=style.GRID, width=0.8)
        ink.text(
            geo.GROUP_W + 10,
            row.y + 8 + ts.LANE_LABEL,
            insights.row_label(key),
            fonts.BOLD,
            ts.LANE_LABEL,
            style.INK,
        )
    for ann in data.annotations:
        r = layout.notes.get(ann.id)
        fitted = layout.note_text.get(ann.id)
        if r is None or fitted is None:
            continue
        colour = style.ANNOTATION_COLOURS.get(ann.kind, style.MUTED)
        ink.rect(
            r.x,
            r.y,
            r.w,
            r.h,
            fill=style.NOTE_FILLS.get(ann.kind, style.LABEL_BG),
            stroke=colour,
            width=0.6,
        )
        ink.rect(r.x, r.y, 4, r.h, fill=colour)
        ink.rect(r.x + ts.CARD_PAD, r.y + ts.CARD_PAD - 2, 18, 18, fill=colour)
        ink.text(
            r.x + ts.CARD_PAD + 9,
            r.y + ts.CARD_PAD + 11,
            str(ann.number),
            fonts.BOLD,
            10,
            style.WHITE,
            align="centre",
        )
        y = r.y + ts.CARD_PAD - 2 + ts.INSIGHT_TEXT
        for line in fitted.lines:
            ink.text(
                r.x + ts.CARD_PAD + NOTE_NUMBER_W,
                y,
                visual(check.clean(line, "a note")),
                fonts.REGULAR,
                ts.INSIGHT_TEXT,
                style.INK,
            )
            y += NOTE_LH
    ink.flush()
