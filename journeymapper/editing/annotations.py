"""Edits to annotations: pain points, opportunities, ideas and notes pinned to the map."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from journeymapper.editing import rules
from journeymapper.editing.core import (
    Changes,
    EditResult,
    edit_fields,
    insert_new,
    load,
    operation,
    reorder,
)
from journeymapper.editing.removal import Removal, removable
from journeymapper.model.enums import AnnotationKind
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Annotation, Stage, Touchpoint

_ONE_PIN = "An annotation is pinned to exactly one touchpoint or one stage."


def _pin(
    session: Session, journey_id: int, touchpoint_id: Any, stage_id: Any
) -> tuple[int | None, int | None]:
    """(touchpoint, stage) of a valid pin in ``journey_id``: exactly one of them set."""
    if (touchpoint_id is None) == (stage_id is None):
        raise EditError(_ONE_PIN)
    if touchpoint_id is not None:
        tp = load(session, Touchpoint, touchpoint_id, "touchpoint")
        if tp.journey_id != journey_id:
            raise EditError("That touchpoint is in another journey.")
        return tp.id, None
    stage = load(session, Stage, stage_id, "stage")
    if stage.journey_id != journey_id:
        raise EditError("That stage is in another journey.")
    return None, stage.id


@operation
def add_annotation(
    session: Session,
    kind: str,
    text: str,
    touchpoint_id: int | None = None,
    stage_id: int | None = None,
    index: int | None = None,
) -> EditResult:
    if touchpoint_id is not None:
        journey_id = load(session, Touchpoint, touchpoint_id, "touchpoint").journey_id
    elif stage_id is not None:
        journey_id = load(session, Stage, stage_id, "stage").journey_id
    else:
        raise EditError(_ONE_PIN)
    tp_id, st_id = _pin(session, journey_id, touchpoint_id, stage_id)
    ann = Annotation(
        journey_id=journey_id,
        kind=rules.choice(kind, AnnotationKind, "An annotation's kind"),
        text=rules.name(text, "An annotation's text"),
        touchpoint_id=tp_id,
        stage_id=st_id,
    )
    result = insert_new(session, ann, "annotation", index)
    result.changes.add("touchpoint", tp_id).add("stage", st_id)
    return result


@operation
def edit_annotation(session: Session, annotation_id: int, **updates: Any) -> EditResult:
    ann = load(session, Annotation, annotation_id, "annotation")
    before = Changes().add("touchpoint", ann.touchpoint_id).add("stage", ann.stage_id)
    pin_keys = {"touchpoint_id", "stage_id"} & set(updates)
    old: dict[str, Any] = {}
    if pin_keys:
        tp_id, st_id = _pin(
            session,
            ann.journey_id,
            updates.pop("touchpoint_id", None),
            updates.pop("stage_id", None),
        )
        old = {"touchpoint_id": ann.touchpoint_id, "stage_id": ann.stage_id}
        ann.touchpoint_id, ann.stage_id = tp_id, st_id
    result = edit_fields(ann, "annotation", updates, rules.ANNOTATION_FIELDS, old)
    result.changes.merge(before).add("touchpoint", ann.touchpoint_id).add("stage", ann.stage_id)
    return result


@operation
def reorder_annotation(session: Session, annotation_id: int, index: int) -> EditResult:
    ann = load(session, Annotation, annotation_id, "annotation")
    return reorder(session, ann, "annotation", {"journey_id": ann.journey_id}, index)


delete_annotation, restore_annotation = removable(Removal.of("annotation", Annotation))
