"""Insight rows: pain points, opportunities, ideas and notes as sticky notes per stage.

The rows are derived from the annotations (the file keeps no such lanes): each
annotation sits in its stage's cell of its kind's row, numbered as in the PDF, with
up to four lines of text, so a map's pains and opportunities read without hovering.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import NoteText, fit_note
from journeymapper.geometry.shapes import MapLayout, Rect

if TYPE_CHECKING:
    from journeymapper.store.journey_data import JourneyData

#: Row key -> (label, annotation kinds), top to bottom.
ROWS = {
    "pain_point": ("Pain points", ("pain_point",)),
    "opportunity": ("Opportunities", ("opportunity",)),
    "idea": ("Ideas & notes", ("idea", "note")),
}
ROW_OF = {kind: key for key, (_label, kinds) in ROWS.items() for kind in kinds}
ROW_MIN = 48.0

#: row key -> stage id -> [(annotation id, fitted text)] in number order.
Notes = dict[str, dict[int, list[tuple[int, NoteText]]]]


def note_width(stage_width: float) -> float:
    return max(40.0, stage_width - 2 * ts.CELL_PAD)


def fit_notes(layout: MapLayout, data: JourneyData) -> Notes:
    """Every annotation's note, fitted to its stage, grouped by row and stage."""
    notes: Notes = {}
    for ann in data.annotations:
        stage_id = ann.stage_id
        if ann.touchpoint_id is not None:
            tp = data.touchpoints.get(ann.touchpoint_id)
            stage_id = tp.stage_id if tp is not None else None
        if stage_id is None or stage_id not in layout.stages:
            continue
        fitted = fit_note(ann.text, note_width(layout.stages[stage_id].w))
        layout.note_text[ann.id] = fitted
        key = ROW_OF.get(ann.kind, "idea")
        notes.setdefault(key, {}).setdefault(stage_id, []).append((ann.id, fitted))
    return notes


def place_rows(layout: MapLayout, notes: Notes, y: float) -> float:
    """Lay the rows that have notes from ``y`` down; return the y below them."""

    for key in ROWS:
        cells = notes.get(key)
        if not cells:
            continue
        tallest = max(
            sum(n.height for _, n in items) + ts.CARD_GAP * (len(items) - 1)
            for items in cells.values()
        )
        height = max(ROW_MIN, tallest + 2 * layout.cell_pad)
        layout.insight_rows[key] = Rect(0.0, y, layout.width, height)
        y += height
    return y


def place_notes(layout: MapLayout, notes: Notes) -> None:
    """Stack each stage's notes in its cell of the row (kept relative to the row)."""

    for key, cells in notes.items():
        row = layout.insight_rows.get(key)
        if row is None:
            continue
        for stage_id, items in cells.items():
            col = layout.stages[stage_id]
            y = layout.cell_pad  # relative to the row's top: the row may move later
            for ann_id, fitted in items:
                layout.notes.put(
                    ann_id, key, Rect(col.x + ts.CELL_PAD, y, note_width(col.w), fitted.height)
                )
                y += fitted.height + ts.CARD_GAP


def row_label(key: str) -> str:
    return ROWS[key][0]
