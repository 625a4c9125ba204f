"""Single-item lookups: the fields a form edits and the order of one cell's cards.

The Inspector's forms, the Outline and the canvas re-read one item or one
cell after an edit; these keep those reads out of the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymapper.model.document import Document


@dataclass(frozen=True)
class StageFields:
    """The editable fields of one stage, as the Inspector shows them."""

    name: str
    description: str
    width: float
    colour: str


@dataclass(frozen=True)
class AnnotationFields:
    """An annotation's kind and text, and what it is pinned to (a card's title or a stage)."""

    kind: str
    text: str
    touchpoint_title: str | None
    stage_name: str | None


def stage_fields(doc: Document, stage_id: int) -> StageFields | None:
    """The stage's editable fields, or None when it does not exist."""
    found = doc.rows("SELECT name, description, width, colour FROM stage WHERE id = ?", (stage_id,))
    return StageFields(*found[0]) if found else None


def annotation_fields(doc: Document, annotation_id: int) -> AnnotationFields | None:
    """The annotation's fields and its pin, or None when it does not exist."""
    found = doc.rows(
        "SELECT a.kind, a.text, t.title, s.name FROM annotation a "
        "LEFT JOIN touchpoint t ON t.id = a.touchpoint_id "
        "LEFT JOIN stage s ON s.id = a.stage_id WHERE a.id = ?",
        (annotation_id,),
    )
    return AnnotationFields(*found[0]) if found else None


def cell_positions(doc: Document, stage_id: int, lane_id: int) -> list[tuple[int, int]]:
    """(touchpoint id, index) of every card in one cell, in card order (keys are sparse)."""
    rows = doc.rows(
        "SELECT id FROM touchpoint WHERE stage_id = ? AND lane_id = ? ORDER BY position, id",
        (stage_id, lane_id),
    )
    return [(r[0], index) for index, r in enumerate(rows)]
