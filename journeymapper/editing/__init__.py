"""The editing API: every user-level change as one validated, committed transaction.

Each operation returns an :class:`EditResult` holding what changed and the
:class:`Edit` that undoes it. Applying that inverse returns the inverse of the
inverse, i.e. the redo, so an undo stack needs nothing but :func:`apply`.

Operations are written against a Session (``_op`` functions, registered by
name) and exposed as ``name(doc, ...)`` functions that open one transaction.
:func:`batch` runs several in a single transaction (a multi-selection move).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel, select

from journeymapper.model.document import Document
from journeymapper.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
    AnnotationKind,
    ChannelKind,
    Evidence,
    Interaction,
    JourneyState,
    LaneKind,
    RoundState,
)
from journeymapper.model.errors import EditError
from journeymapper.model.tables import (
    Annotation,
    Journey,
    Lane,
    Measurement,
    MetricDefinition,
    Persona,
    Setting,
    Stage,
    TextCell,
    Touchpoint,
    Vote,
    VoteRound,
    Workspace,
)
from journeymapper.store import subtree

P = ParamSpec("P")
M = TypeVar("M", bound=SQLModel)

MIN_STAGE_WIDTH, MAX_STAGE_WIDTH = 120.0, 4000.0
MIN_LANE_HEIGHT, MAX_LANE_HEIGHT = 32.0, 3000.0
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Edit:
    """A replayable description of one operation: its name and its arguments."""

    op: str
    args: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, operation: Callable[..., EditResult], **args: Any) -> Edit:
        """The edit that runs ``operation`` (a public editing function) with ``args``.

        Callers name operations by the function itself, so a typo fails at import
        time, not when the user makes the gesture.
        """
        name = operation.__name__
        if name not in _OPS:
            raise EditError(f"{name!r} is not an editing operation.")
        return cls(name, args)


@dataclass
class Changes:
    """Ids touched by an edit, per table name (``"touchpoint"``, ``"stage"`` …)."""

    ids: dict[str, set[int]] = field(default_factory=dict)

    def add(self, table: str, *ids: int | None) -> Changes:
        self.ids.setdefault(table, set()).update(i for i in ids if i is not None)
        return self

    def merge(self, other: Changes) -> Changes:
        for table, ids in other.ids.items():
            self.add(table, *ids)
        return self

    def of(self, table: str) -> set[int]:
        return self.ids.get(table, set())

    def __contains__(self, table: str) -> bool:
        return bool(self.ids.get(table))


@dataclass
class EditResult:
    inverse: Edit
    changes: Changes
    created_id: int | None = None


_OPS: dict[str, Callable[..., EditResult]] = {}


def _operation(
    fn: Callable[Concatenate[Session, P], EditResult],
) -> Callable[Concatenate[Document, P], EditResult]:
    """Register ``fn`` by name and return a public wrapper running it in one transaction."""
    _OPS[fn.__name__] = fn

    @wraps(fn)
    def public(doc: Document, /, *args: P.args, **kwargs: P.kwargs) -> EditResult:
        with doc.transaction() as session:
            return fn(session, *args, **kwargs)

    return public


def apply(doc: Document, edit: Edit) -> EditResult:
    """Run a recorded :class:`Edit` (an undo or a redo) in one transaction."""
    op = _OPS.get(edit.op)
    if op is None:
        raise EditError(f"Unknown operation {edit.op!r}.")
    with doc.transaction() as session:
        return op(session, **edit.args)


def perform(session: Session, op: str, **args: Any) -> EditResult:
    """Run operation ``op`` inside a transaction the caller already holds (importers, templates)."""
    fn = _OPS.get(op)
    if fn is None:
        raise EditError(f"Unknown operation {op!r}.")
    return fn(session, **args)


def operation_names() -> list[str]:
    return sorted(_OPS)


# -- validation helpers ----------------------------------------------------


def _get(session: Session, model: type[M], item_id: Any, what: str) -> M:
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise EditError(f"There is no {what} with id {item_id!r}.")
    obj = session.get(model, item_id)
    if obj is None:
        raise EditError(f"There is no {what} with id {item_id}.")
    return obj


def _require(session: Session, table: str, item_id: Any, what: str) -> None:
    """Check that a row exists without loading it as an object (cheaper than ``_get``)."""
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise EditError(f"There is no {what} with id {item_id!r}.")
    session.flush()
    found = (
        session.connection()
        .exec_driver_sql(f"SELECT 1 FROM {table} WHERE id = ?", (item_id,))
        .first()
    )
    if found is None:
        raise EditError(f"There is no {what} with id {item_id}.")


def _name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"{what} cannot be empty.")
    return value.strip()


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise EditError(f"{what} must be text.")
    return value


def _choice(value: Any, allowed: type[Any], what: str) -> str:
    options = [m.value for m in allowed]
    if value not in options:
        raise EditError(f"{what} must be one of {', '.join(options)}, not {value!r}.")
    return str(value)


def _colour(value: Any, *, allow_empty: bool = True) -> str:
    if value == "" and allow_empty:
        return ""
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise EditError(f"A colour must look like #1a2b3c, not {value!r}.")
    return value.lower()


def _emotion(value: Any) -> int | None:
    if value is None:
        return None
    whole = isinstance(value, int | float) and math.isfinite(value) and value == int(value)
    if isinstance(value, bool) or not whole:
        raise EditError(f"Emotion must be a whole number from {EMOTION_MIN} to {EMOTION_MAX}.")
    if not EMOTION_MIN <= value <= EMOTION_MAX:
        raise EditError(
            f"Emotion {value} is out of range: it must be from {EMOTION_MIN} to {EMOTION_MAX}."
        )
    return int(value)


def _number(value: Any, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EditError(f"{what} must be a number.")
    if not low <= value <= high:
        raise EditError(f"{what} must be from {low:g} to {high:g}, not {value:g}.")
    return float(value)


def _index(value: Any, count: int) -> int:
    """Clamp an insertion index into 0..count (None appends)."""
    if value is None:
        return count
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(f"A position must be a whole number, not {value!r}.")
    return max(0, min(int(value), count))


def _fields(
    obj: SQLModel, updates: dict[str, Any], validators: dict[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """Validate and apply ``updates``; return the previous values of the changed fields."""
    unknown = set(updates) - set(validators)
    if unknown:
        raise EditError(f"Cannot edit {', '.join(sorted(unknown))} here.")
    clean = {key: validators[key](value) for key, value in updates.items()}
    old = {}
    for key, value in clean.items():
        if getattr(obj, key) != value:
            old[key] = getattr(obj, key)
            setattr(obj, key, value)
    return old


# -- generic delete / restore ----------------------------------------------


def _delete_tree(session: Session, table: str, item_id: int, restore_op: str) -> EditResult:
    captured = subtree.capture(session, table, [item_id])
    subtree.delete_captured(session, captured)
    return EditResult(Edit(restore_op, {"captured": captured}), _changes_of(captured))


def _restore_tree(
    session: Session, captured: subtree.Captured, root: str, delete_op: str, id_arg: str
) -> EditResult:
    subtree.restore_captured(session, captured)
    root_id = captured[root][0]["id"]
    return EditResult(Edit(delete_op, {id_arg: root_id}), _changes_of(captured), root_id)


def _changes_of(captured: subtree.Captured) -> Changes:
    changes = Changes()
    for table, ids in subtree.ids_of(captured).items():
        changes.add(table, *ids)
    for tp in captured.get("measurement", ()):
        changes.add("touchpoint", tp["touchpoint_id"])
    for ann in captured.get("annotation", ()):
        changes.add("touchpoint", ann["touchpoint_id"])
        changes.add("stage", ann["stage_id"])
    return changes


def _insert_ordered(session: Session, obj: SQLModel, table: str, index: Any) -> None:
    """Insert ``obj`` at ``index`` among its siblings (appending when None)."""
    scope = {c: getattr(obj, c) for c in subtree.ORDER_SCOPES[table]}
    position = _index(index, subtree.count_in_scope(session, table, scope))
    subtree.shift_positions(session, table, scope, position, +1)
    obj.position = position  # type: ignore[attr-defined]
    session.add(obj)
    session.flush()


def _move_ordered(
    session: Session, obj: SQLModel, table: str, new_scope: dict[str, Any], index: Any
) -> int:
    """Move ``obj`` to ``index`` within ``new_scope``; return its old position."""
    session.flush()
    item_id: int = obj.id  # type: ignore[attr-defined]
    old_scope = {c: getattr(obj, c) for c in subtree.ORDER_SCOPES[table]}
    old_position: int = obj.position  # type: ignore[attr-defined]
    position = _move_row(session, table, item_id, old_scope, old_position, new_scope, index)
    for key, value in {**new_scope, "position": position}.items():
        set_committed_value(obj, key, value)
    return old_position


def _move_row(
    session: Session,
    table: str,
    item_id: int,
    old_scope: dict[str, Any],
    old_position: int,
    new_scope: dict[str, Any],
    index: Any,
) -> int:
    """Move one row of an ordered table to ``index`` of ``new_scope`` in plain SQL.

    Closes the gap it leaves, opens one where it lands; returns the new position.
    """
    subtree.shift_positions(session, table, old_scope, old_position, -1, exclude_id=item_id)
    count = subtree.count_in_scope(session, table, new_scope) - (1 if new_scope == old_scope else 0)
    position = _index(index, count)
    subtree.shift_positions(session, table, new_scope, position, +1, exclude_id=item_id)
    values = {**new_scope, "position": position}
    assignments = ", ".join(f"{c} = ?" for c in values)
    session.connection().exec_driver_sql(
        f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), item_id)
    )
    return position


# -- workspace and personas -------------------------------------------------


@_operation
def edit_workspace(session: Session, **updates: Any) -> EditResult:
    ws = session.exec(select(Workspace)).one()
    old = _fields(
        ws,
        updates,
        {
            "name": lambda v: _name(v, "The workspace name"),
            "author": lambda v: _text(v, "The author"),
            "description": lambda v: _text(v, "The description"),
        },
    )
    return EditResult(Edit("edit_workspace", old), Changes().add("workspace", ws.id))


@_operation
def set_setting(session: Session, key: str, value: str | None) -> EditResult:
    key = _name(key, "A setting name")
    row = session.get(Setting, key)
    old = row.value if row else None
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=_text(value, "A setting")))
    else:
        row.value = _text(value, "A setting")
    session.flush()
    return EditResult(Edit("set_setting", {"key": key, "value": old}), Changes().add("setting"))


_PERSONA_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: _name(v, "A persona's name"),
    "description": lambda v: _text(v, "A description"),
    "goals": lambda v: _text(v, "Goals"),
    "pains": lambda v: _text(v, "Pains"),
    "colour": lambda v: _colour(v, allow_empty=False),
}


@_operation
def add_persona(session: Session, name: str, index: int | None = None, **fields: Any) -> EditResult:
    persona = Persona(name=_name(name, "A persona's name"))
    _fields(persona, fields, _PERSONA_FIELDS)
    _insert_ordered(session, persona, "persona", index)
    return EditResult(
        Edit("delete_persona", {"persona_id": persona.id}),
        Changes().add("persona", persona.id),
        persona.id,
    )


@_operation
def edit_persona(session: Session, persona_id: int, **updates: Any) -> EditResult:
    persona = _get(session, Persona, persona_id, "persona")
    old = _fields(persona, updates, _PERSONA_FIELDS)
    return EditResult(
        Edit("edit_persona", {"persona_id": persona_id, **old}),
        Changes().add("persona", persona_id),
    )


@_operation
def delete_persona(session: Session, persona_id: int) -> EditResult:
    _get(session, Persona, persona_id, "persona")
    journeys = session.exec(select(Journey).where(Journey.persona_id == persona_id)).all()
    linked = [j.id for j in journeys]
    for journey in journeys:
        journey.persona_id = None
    session.flush()
    result = _delete_tree(session, "persona", persona_id, "restore_persona")
    result.inverse.args["journey_ids"] = linked
    result.changes.add("journey", *linked)
    return result


@_operation
def restore_persona(
    session: Session, captured: subtree.Captured, journey_ids: Sequence[int] = ()
) -> EditResult:
    result = _restore_tree(session, captured, "persona", "delete_persona", "persona_id")
    for journey_id in journey_ids:
        _get(session, Journey, journey_id, "journey").persona_id = result.created_id
    result.changes.add("journey", *journey_ids)
    return result


# -- journeys ----------------------------------------------------------------


def _persona_ref(session: Session, value: Any) -> int | None:
    if value is None:
        return None
    return _get(session, Persona, value, "persona").id


@_operation
def add_journey(
    session: Session,
    name: str,
    persona_id: int | None = None,
    state: str = "current",
    description: str = "",
    index: int | None = None,
) -> EditResult:
    journey = Journey(
        name=_name(name, "A journey's name"),
        persona_id=_persona_ref(session, persona_id),
        state=_choice(state, JourneyState, "A journey's state"),
        description=_text(description, "A description"),
    )
    _insert_ordered(session, journey, "journey", index)
    return EditResult(
        Edit("delete_journey", {"journey_id": journey.id}),
        Changes().add("journey", journey.id),
        journey.id,
    )


@_operation
def edit_journey(session: Session, journey_id: int, **updates: Any) -> EditResult:
    journey = _get(session, Journey, journey_id, "journey")
    old = _fields(
        journey,
        updates,
        {
            "name": lambda v: _name(v, "A journey's name"),
            "persona_id": lambda v: _persona_ref(session, v),
            "state": lambda v: _choice(v, JourneyState, "A journey's state"),
            "description": lambda v: _text(v, "A description"),
        },
    )
    return EditResult(
        Edit("edit_journey", {"journey_id": journey_id, **old}),
        Changes().add("journey", journey_id),
    )


@_operation
def reorder_journey(session: Session, journey_id: int, index: int) -> EditResult:
    journey = _get(session, Journey, journey_id, "journey")
    old = _move_ordered(session, journey, "journey", {}, index)
    return EditResult(
        Edit("reorder_journey", {"journey_id": journey_id, "index": old}),
        Changes().add("journey", journey_id),
    )


@_operation
def delete_journey(session: Session, journey_id: int) -> EditResult:
    _get(session, Journey, journey_id, "journey")
    return _delete_tree(session, "journey", journey_id, "restore_journey")


@_operation
def restore_journey(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "journey", "delete_journey", "journey_id")


# -- stages --------------------------------------------------------------------

_STAGE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: _name(v, "A stage's name"),
    "width": lambda v: _number(v, "A stage's width", MIN_STAGE_WIDTH, MAX_STAGE_WIDTH),
    "colour": lambda v: _colour(v, allow_empty=False),
    "description": lambda v: _text(v, "A description"),
}


@_operation
def add_stage(
    session: Session, journey_id: int, name: str, index: int | None = None, **fields: Any
) -> EditResult:
    _get(session, Journey, journey_id, "journey")
    stage = Stage(journey_id=journey_id, name=_name(name, "A stage's name"))
    _fields(stage, fields, _STAGE_FIELDS)
    _insert_ordered(session, stage, "stage", index)
    return EditResult(
        Edit("delete_stage", {"stage_id": stage.id}), Changes().add("stage", stage.id), stage.id
    )


@_operation
def edit_stage(session: Session, stage_id: int, **updates: Any) -> EditResult:
    stage = _get(session, Stage, stage_id, "stage")
    old = _fields(stage, updates, _STAGE_FIELDS)
    return EditResult(
        Edit("edit_stage", {"stage_id": stage_id, **old}), Changes().add("stage", stage_id)
    )


def rename_stage(doc: Document, stage_id: int, name: str) -> EditResult:
    return edit_stage(doc, stage_id, name=name)


def resize_stage(doc: Document, stage_id: int, width: float) -> EditResult:
    return edit_stage(doc, stage_id, width=width)


@_operation
def reorder_stage(session: Session, stage_id: int, index: int) -> EditResult:
    stage = _get(session, Stage, stage_id, "stage")
    old = _move_ordered(session, stage, "stage", {"journey_id": stage.journey_id}, index)
    return EditResult(
        Edit("reorder_stage", {"stage_id": stage_id, "index": old}),
        Changes().add("stage", stage_id),
    )


@_operation
def delete_stage(session: Session, stage_id: int) -> EditResult:
    _get(session, Stage, stage_id, "stage")
    return _delete_tree(session, "stage", stage_id, "restore_stage")


@_operation
def restore_stage(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "stage", "delete_stage", "stage_id")


# -- lanes ---------------------------------------------------------------------


def _lane_fields(kind: str) -> dict[str, Callable[[Any], Any]]:
    fields: dict[str, Callable[[Any], Any]] = {
        "name": lambda v: _name(v, "A lane's name"),
        "height": lambda v: _number(v, "A lane's height", MIN_LANE_HEIGHT, MAX_LANE_HEIGHT),
    }
    if kind == LaneKind.CHANNEL:
        fields["channel_kind"] = lambda v: _choice(v, ChannelKind, "A channel")
        fields["is_support"] = lambda v: bool(v)
    return fields


@_operation
def add_lane(
    session: Session,
    journey_id: int,
    name: str,
    kind: str = "channel",
    channel_kind: str | None = None,
    index: int | None = None,
    **fields: Any,
) -> EditResult:
    _get(session, Journey, journey_id, "journey")
    kind = _choice(kind, LaneKind, "A lane's kind")
    if kind == LaneKind.CHANNEL:
        channel_kind = _choice(channel_kind or "online", ChannelKind, "A channel")
    elif channel_kind is not None:
        raise EditError("Only channel lanes are online or offline.")
    lane = Lane(
        journey_id=journey_id,
        name=_name(name, "A lane's name"),
        kind=kind,
        channel_kind=channel_kind,
    )
    if kind == LaneKind.EMOTION:
        existing = session.exec(
            select(Lane).where(Lane.journey_id == journey_id, Lane.kind == LaneKind.EMOTION)
        ).first()
        if existing is not None:
            raise EditError("This journey already has an emotion lane.")
    _fields(lane, fields, _lane_fields(kind))
    _insert_ordered(session, lane, "lane", index)
    return EditResult(
        Edit("delete_lane", {"lane_id": lane.id}), Changes().add("lane", lane.id), lane.id
    )


@_operation
def edit_lane(session: Session, lane_id: int, **updates: Any) -> EditResult:
    lane = _get(session, Lane, lane_id, "lane")
    old = _fields(lane, updates, _lane_fields(lane.kind))
    return EditResult(
        Edit("edit_lane", {"lane_id": lane_id, **old}), Changes().add("lane", lane_id)
    )


def rename_lane(doc: Document, lane_id: int, name: str) -> EditResult:
    return edit_lane(doc, lane_id, name=name)


def resize_lane(doc: Document, lane_id: int, height: float) -> EditResult:
    return edit_lane(doc, lane_id, height=height)


@_operation
def reorder_lane(session: Session, lane_id: int, index: int) -> EditResult:
    lane = _get(session, Lane, lane_id, "lane")
    old = _move_ordered(session, lane, "lane", {"journey_id": lane.journey_id}, index)
    return EditResult(
        Edit("reorder_lane", {"lane_id": lane_id, "index": old}), Changes().add("lane", lane_id)
    )


@_operation
def delete_lane(session: Session, lane_id: int) -> EditResult:
    _get(session, Lane, lane_id, "lane")
    return _delete_tree(session, "lane", lane_id, "restore_lane")


@_operation
def restore_lane(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "lane", "delete_lane", "lane_id")


# -- touchpoints -------------------------------------------------------------------

_TOUCHPOINT_FIELDS: dict[str, Callable[[Any], Any]] = {
    "title": lambda v: _name(v, "A touchpoint's title"),
    "description": lambda v: _text(v, "A description"),
    "interaction": lambda v: _choice(v, Interaction, "Interaction"),
    "owner": lambda v: _text(v, "The owner"),
    "emotion": _emotion,
    "colour": _colour,
    "evidence": lambda v: _choice(v, Evidence, "Evidence"),
}


@dataclass(frozen=True)
class _CellTarget:
    """What the checks of a target cell need, read with one plain query."""

    journey_id: int
    stage_name: str
    lane_name: str


def _cell(session: Session, stage_id: Any, lane_id: Any, want: str) -> _CellTarget:
    """Check that (stage, lane) is a cell of one journey and that the lane is of kind ``want``."""
    for value, what in ((stage_id, "stage"), (lane_id, "lane")):
        if not isinstance(value, int) or isinstance(value, bool):
            raise EditError(f"There is no {what} with id {value!r}.")
    found = (
        session.connection()
        .exec_driver_sql(
            "SELECT s.journey_id, s.name, l.journey_id, l.name, l.kind FROM stage s, lane l "
            "WHERE s.id = ? AND l.id = ?",
            (stage_id, lane_id),
        )
        .first()
    )
    if found is None:
        _get(session, Stage, stage_id, "stage")
        _get(session, Lane, lane_id, "lane")
        raise EditError("That cell does not exist.")  # unreachable: one of the two raised
    stage_journey, stage_name, lane_journey, lane_name, kind = found
    if stage_journey != lane_journey:
        raise EditError(f"Stage {stage_name!r} and lane {lane_name!r} are in different journeys.")
    if kind != want:
        if want == LaneKind.CHANNEL:
            article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
            raise EditError(
                f"Touchpoints go in channel lanes; {lane_name!r} is {article} {kind} lane."
            )
        raise EditError(f"{lane_name!r} is not a {want} lane.")
    return _CellTarget(stage_journey, stage_name, lane_name)


@_operation
def add_touchpoint(
    session: Session,
    stage_id: int,
    lane_id: int,
    title: str,
    index: int | None = None,
    **fields: Any,
) -> EditResult:
    target = _cell(session, stage_id, lane_id, LaneKind.CHANNEL)
    tp = Touchpoint(
        journey_id=target.journey_id,
        stage_id=stage_id,
        lane_id=lane_id,
        title=_name(title, "A touchpoint's title"),
    )
    _fields(tp, fields, _TOUCHPOINT_FIELDS)
    _insert_ordered(session, tp, "touchpoint", index)
    return EditResult(
        Edit("delete_touchpoint", {"touchpoint_id": tp.id}),
        Changes().add("touchpoint", tp.id),
        tp.id,
    )


@_operation
def edit_touchpoint(session: Session, touchpoint_id: int, **updates: Any) -> EditResult:
    tp = _get(session, Touchpoint, touchpoint_id, "touchpoint")
    old = _fields(tp, updates, _TOUCHPOINT_FIELDS)
    return EditResult(
        Edit("edit_touchpoint", {"touchpoint_id": touchpoint_id, **old}),
        Changes().add("touchpoint", touchpoint_id),
    )


@_operation
def move_touchpoint(
    session: Session, touchpoint_id: int, stage_id: int, lane_id: int, index: int | None = None
) -> EditResult:
    if not isinstance(touchpoint_id, int) or isinstance(touchpoint_id, bool):
        raise EditError(f"There is no touchpoint with id {touchpoint_id!r}.")
    session.flush()
    found = (
        session.connection()
        .exec_driver_sql(
            "SELECT journey_id, stage_id, lane_id, position FROM touchpoint WHERE id = ?",
            (touchpoint_id,),
        )
        .first()
    )
    if found is None:
        raise EditError(f"There is no touchpoint with id {touchpoint_id}.")
    journey_id, old_stage, old_lane, old_position = found
    target = _cell(session, stage_id, lane_id, LaneKind.CHANNEL)
    if target.journey_id != journey_id:
        raise EditError("A touchpoint can only be moved within its journey; copy it instead.")
    _move_row(
        session,
        "touchpoint",
        touchpoint_id,
        {"stage_id": old_stage, "lane_id": old_lane},
        old_position,
        {"stage_id": stage_id, "lane_id": lane_id},
        index,
    )
    subtree.expire_loaded(session, Touchpoint)
    return EditResult(
        Edit(
            "move_touchpoint",
            {
                "touchpoint_id": touchpoint_id,
                "stage_id": old_stage,
                "lane_id": old_lane,
                "index": old_position,
            },
        ),
        Changes().add("touchpoint", touchpoint_id),
    )


@_operation
def delete_touchpoint(session: Session, touchpoint_id: int) -> EditResult:
    _get(session, Touchpoint, touchpoint_id, "touchpoint")
    return _delete_tree(session, "touchpoint", touchpoint_id, "restore_touchpoint")


@_operation
def restore_touchpoint(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "touchpoint", "delete_touchpoint", "touchpoint_id")


# -- metrics and measurements ------------------------------------------------------


def metric_by_key(session: Session, key: Any) -> MetricDefinition:
    if isinstance(key, int) and not isinstance(key, bool):
        return _get(session, MetricDefinition, key, "metric")
    metric = session.exec(select(MetricDefinition).where(MetricDefinition.key == key)).first()
    if metric is None:
        raise EditError(f"There is no metric {key!r}.")
    return metric


def _metric_value(metric: MetricDefinition, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EditError(f"A {metric.name} value must be a number, not {value!r}.")
    if not metric.min_value <= value <= metric.max_value:
        unit = metric.unit
        raise EditError(
            f"{metric.name} must be from {metric.min_value:g}{unit} to "
            f"{metric.max_value:g}{unit}; {value:g}{unit} is out of range."
        )
    return float(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise EditError(f"A date must be written YYYY-MM-DD, not {value!r}.")


def _sample_size(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise EditError(f"A sample size must be a whole number of 1 or more, not {value!r}.")
    return value


@_operation
def add_metric(
    session: Session,
    key: str,
    name: str,
    min_value: float,
    max_value: float,
    unit: str = "",
    higher_is_better: bool = True,
) -> EditResult:
    key = _name(key, "A metric key")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise EditError(f"A metric key uses lower-case letters, digits and _, not {key!r}.")
    if session.exec(select(MetricDefinition).where(MetricDefinition.key == key)).first():
        raise EditError(f"There is already a metric {key!r}.")
    low = _number(min_value, "The lowest value", -1e12, 1e12)
    high = _number(max_value, "The highest value", -1e12, 1e12)
    if low >= high:
        raise EditError("A metric's lowest value must be below its highest.")
    metric = MetricDefinition(
        key=key,
        name=_name(name, "A metric's name"),
        unit=_text(unit, "A unit"),
        min_value=low,
        max_value=high,
        higher_is_better=bool(higher_is_better),
    )
    _insert_ordered(session, metric, "metric_definition", None)
    return EditResult(
        Edit("delete_metric", {"metric_id": metric.id}),
        Changes().add("metric", metric.id),
        metric.id,
    )


@_operation
def delete_metric(session: Session, metric_id: int) -> EditResult:
    metric = _get(session, MetricDefinition, metric_id, "metric")
    if metric.builtin:
        raise EditError(f"{metric.name} is built in and cannot be deleted.")
    return _delete_tree(session, "metric_definition", metric_id, "restore_metric")


@_operation
def restore_metric(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "metric_definition", "delete_metric", "metric_id")


@_operation
def set_measurement(
    session: Session,
    touchpoint_id: int,
    metric: str | int,
    value: float,
    measured_on: dt.date | str,
    sample_size: int | None = None,
    source: str = "",
    measurement_id: int | None = None,
) -> EditResult:
    """Add a dated value, or change the one ``measurement_id`` names."""
    _require(session, "touchpoint", touchpoint_id, "touchpoint")
    definition = metric_by_key(session, metric)
    clean = {
        "metric_id": definition.id,
        "value": _metric_value(definition, value),
        "measured_on": _date(measured_on),
        "sample_size": _sample_size(sample_size),
        "source": _text(source, "A source"),
    }
    changes = Changes().add("touchpoint", touchpoint_id)
    if measurement_id is None:
        m = Measurement(touchpoint_id=touchpoint_id, **clean)
        session.add(m)
        session.flush()
        changes.add("measurement", m.id)
        return EditResult(Edit("delete_measurement", {"measurement_id": m.id}), changes, m.id)
    m = _get(session, Measurement, measurement_id, "measurement")
    if m.touchpoint_id != touchpoint_id:
        raise EditError("That measurement belongs to another touchpoint.")
    old = {
        "touchpoint_id": touchpoint_id,
        "metric": m.metric_id,
        "value": m.value,
        "measured_on": m.measured_on,
        "sample_size": m.sample_size,
        "source": m.source,
        "measurement_id": m.id,
    }
    for key, value in clean.items():
        setattr(m, key, value)
    session.flush()
    changes.add("measurement", m.id)
    return EditResult(Edit("set_measurement", old), changes, m.id)


@_operation
def delete_measurement(session: Session, measurement_id: int) -> EditResult:
    _get(session, Measurement, measurement_id, "measurement")
    return _delete_tree(session, "measurement", measurement_id, "restore_measurement")


@_operation
def restore_measurement(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "measurement", "delete_measurement", "measurement_id")


# -- annotations -----------------------------------------------------------------------


def _pin(
    session: Session, journey_id: int, touchpoint_id: Any, stage_id: Any
) -> tuple[int | None, int | None]:
    if (touchpoint_id is None) == (stage_id is None):
        raise EditError("An annotation is pinned to exactly one touchpoint or one stage.")
    if touchpoint_id is not None:
        tp = _get(session, Touchpoint, touchpoint_id, "touchpoint")
        if tp.journey_id != journey_id:
            raise EditError("That touchpoint is in another journey.")
        return tp.id, None
    stage = _get(session, Stage, stage_id, "stage")
    if stage.journey_id != journey_id:
        raise EditError("That stage is in another journey.")
    return None, stage.id


@_operation
def add_annotation(
    session: Session,
    kind: str,
    text: str,
    touchpoint_id: int | None = None,
    stage_id: int | None = None,
    index: int | None = None,
) -> EditResult:
    if touchpoint_id is not None:
        journey_id = _get(session, Touchpoint, touchpoint_id, "touchpoint").journey_id
    elif stage_id is not None:
        journey_id = _get(session, Stage, stage_id, "stage").journey_id
    else:
        raise EditError("An annotation is pinned to exactly one touchpoint or one stage.")
    tp_id, st_id = _pin(session, journey_id, touchpoint_id, stage_id)
    ann = Annotation(
        journey_id=journey_id,
        kind=_choice(kind, AnnotationKind, "An annotation's kind"),
        text=_name(text, "An annotation's text"),
        touchpoint_id=tp_id,
        stage_id=st_id,
    )
    _insert_ordered(session, ann, "annotation", index)
    changes = Changes().add("annotation", ann.id).add("touchpoint", tp_id).add("stage", st_id)
    return EditResult(Edit("delete_annotation", {"annotation_id": ann.id}), changes, ann.id)


@_operation
def edit_annotation(session: Session, annotation_id: int, **updates: Any) -> EditResult:
    ann = _get(session, Annotation, annotation_id, "annotation")
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
    old.update(
        _fields(
            ann,
            updates,
            {
                "kind": lambda v: _choice(v, AnnotationKind, "An annotation's kind"),
                "text": lambda v: _name(v, "An annotation's text"),
            },
        )
    )
    changes = before.add("annotation", annotation_id)
    changes.add("touchpoint", ann.touchpoint_id).add("stage", ann.stage_id)
    return EditResult(Edit("edit_annotation", {"annotation_id": annotation_id, **old}), changes)


@_operation
def reorder_annotation(session: Session, annotation_id: int, index: int) -> EditResult:
    ann = _get(session, Annotation, annotation_id, "annotation")
    old = _move_ordered(session, ann, "annotation", {"journey_id": ann.journey_id}, index)
    return EditResult(
        Edit("reorder_annotation", {"annotation_id": annotation_id, "index": old}),
        Changes().add("annotation", annotation_id),
    )


@_operation
def delete_annotation(session: Session, annotation_id: int) -> EditResult:
    _get(session, Annotation, annotation_id, "annotation")
    return _delete_tree(session, "annotation", annotation_id, "restore_annotation")


@_operation
def restore_annotation(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "annotation", "delete_annotation", "annotation_id")


# -- text cells ------------------------------------------------------------------------------


@_operation
def set_text_cell(
    session: Session, stage_id: int, lane_id: int, text: str, cell_id: int | None = None
) -> EditResult:
    """Set the free text of a text-lane cell; empty text removes the cell.

    ``cell_id`` is for undo: a removed cell comes back under its old id.
    """
    _cell(session, stage_id, lane_id, LaneKind.TEXT)
    text = _text(text, "A cell's text")
    cell = session.exec(
        select(TextCell).where(TextCell.stage_id == stage_id, TextCell.lane_id == lane_id)
    ).first()
    old = cell.text if cell else ""
    inverse: dict[str, Any] = {"stage_id": stage_id, "lane_id": lane_id, "text": old}
    if cell is None and text:
        cell = TextCell(stage_id=stage_id, lane_id=lane_id, text=text)
        free = isinstance(cell_id, int) and not isinstance(cell_id, bool)
        if free and session.get(TextCell, cell_id) is None:
            cell.id = cell_id
        session.add(cell)
    elif cell is not None and not text:
        inverse["cell_id"] = cell.id
        session.delete(cell)
    elif cell is not None:
        cell.text = text
    session.flush()
    return EditResult(
        Edit("set_text_cell", inverse),
        Changes()
        .add("text_cell", cell.id if cell else None)
        .add("stage", stage_id)
        .add("lane", lane_id),
    )


# -- dot-voting -------------------------------------------------------------------------------


@_operation
def add_vote_round(
    session: Session, journey_id: int, name: str, dots_per_participant: int = 3
) -> EditResult:
    _get(session, Journey, journey_id, "journey")
    if isinstance(dots_per_participant, bool) or not isinstance(dots_per_participant, int):
        raise EditError("Dots per participant must be a whole number.")
    if not 1 <= dots_per_participant <= 50:
        raise EditError("Dots per participant must be from 1 to 50.")
    vote_round = VoteRound(
        journey_id=journey_id,
        name=_name(name, "A voting round's name"),
        dots_per_participant=dots_per_participant,
    )
    session.add(vote_round)
    session.flush()
    return EditResult(
        Edit("delete_vote_round", {"round_id": vote_round.id}),
        Changes().add("vote_round", vote_round.id),
        vote_round.id,
    )


@_operation
def set_vote_round_state(session: Session, round_id: int, state: str) -> EditResult:
    vote_round = _get(session, VoteRound, round_id, "voting round")
    old = vote_round.state
    vote_round.state = _choice(state, RoundState, "A round's state")
    return EditResult(
        Edit("set_vote_round_state", {"round_id": round_id, "state": old}),
        Changes().add("vote_round", round_id),
    )


@_operation
def delete_vote_round(session: Session, round_id: int) -> EditResult:
    _get(session, VoteRound, round_id, "voting round")
    return _delete_tree(session, "vote_round", round_id, "restore_vote_round")


@_operation
def restore_vote_round(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "vote_round", "delete_vote_round", "round_id")


@_operation
def vote(
    session: Session,
    round_id: int,
    participant: str,
    touchpoint_id: int | None = None,
    annotation_id: int | None = None,
) -> EditResult:
    vote_round = _get(session, VoteRound, round_id, "voting round")
    if vote_round.state != RoundState.OPEN:
        raise EditError(f"Voting round {vote_round.name!r} is closed.")
    participant = _name(participant, "A participant's name")
    if (touchpoint_id is None) == (annotation_id is None):
        raise EditError("A vote goes on exactly one touchpoint or one annotation.")
    if touchpoint_id is not None:
        target_journey = _get(session, Touchpoint, touchpoint_id, "touchpoint").journey_id
    else:
        target_journey = _get(session, Annotation, annotation_id, "annotation").journey_id
    if target_journey != vote_round.journey_id:
        raise EditError("That item is in another journey than the voting round.")
    used = session.exec(
        select(Vote).where(Vote.round_id == round_id, Vote.participant == participant)
    ).all()
    if len(used) >= vote_round.dots_per_participant:
        raise EditError(
            f"{participant} has used all {vote_round.dots_per_participant} dots in this round."
        )
    vote = Vote(
        round_id=round_id,
        participant=participant,
        touchpoint_id=touchpoint_id,
        annotation_id=annotation_id,
    )
    session.add(vote)
    session.flush()
    changes = Changes().add("vote", vote.id).add("touchpoint", touchpoint_id)
    changes.add("annotation", annotation_id)
    return EditResult(Edit("unvote", {"vote_id": vote.id}), changes, vote.id)


@_operation
def unvote(session: Session, vote_id: int) -> EditResult:
    _get(session, Vote, vote_id, "vote")
    return _delete_tree(session, "vote", vote_id, "restore_vote")


@_operation
def restore_vote(session: Session, captured: subtree.Captured) -> EditResult:
    return _restore_tree(session, captured, "vote", "unvote", "vote_id")


# -- for bulk writers (importers): the same rules, without one write per row -----------------
#
# An importer of thousands of rows checks each one with these (the very rules of the
# operations above, raising the same EditError), then writes them with executemany.


def check_cell(session: Session, stage_id: int, lane_id: int, kind: str) -> int:
    """The journey of cell (stage, lane) whose lane must be of ``kind``, as add_touchpoint and
    set_text_cell check it."""
    return _cell(session, stage_id, lane_id, kind).journey_id


def touchpoint_values(title: Any, **fields: Any) -> dict[str, Any]:
    """The columns add_touchpoint would store for ``title`` and ``fields`` (cell checked apart)."""
    tp = Touchpoint(journey_id=0, stage_id=0, lane_id=0, title=_name(title, "A touchpoint's title"))
    _fields(tp, fields, _TOUCHPOINT_FIELDS)
    return {key: getattr(tp, key) for key in _TOUCHPOINT_FIELDS}


def measurement_values(
    metric: MetricDefinition,
    value: Any,
    measured_on: Any,
    sample_size: Any = None,
    source: Any = "",
) -> tuple[float, dt.date, int | None, str]:
    """(value, date, sample size, source) as set_measurement would store them for ``metric``."""
    return (
        _metric_value(metric, value),
        _date(measured_on),
        _sample_size(sample_size),
        _text(source, "A source"),
    )


def annotation_values(kind: Any, text: Any, touchpoint_id: Any, stage_id: Any) -> tuple[str, str]:
    """(kind, text) as add_annotation would store them (the pinned item is checked apart)."""
    if (touchpoint_id is None) == (stage_id is None):
        raise EditError("An annotation is pinned to exactly one touchpoint or one stage.")
    kind = _choice(kind, AnnotationKind, "An annotation's kind")
    return kind, _name(text, "An annotation's text")


def text_cell_value(text: Any) -> str:
    """The text set_text_cell would store (the cell is checked with :func:`check_cell`)."""
    return _text(text, "A cell's text")


#: Ids per query when deleting many rows (below every SQLite build's variable limit).
_ID_CHUNK = 10_000


@_operation
def delete_measurements(session: Session, ids: Sequence[int]) -> EditResult:
    """Delete many measurements as one step: the undo of a measurements import."""
    wanted = list(dict.fromkeys(ids))
    captured: list[dict[str, Any]] = []
    for start in range(0, len(wanted), _ID_CHUNK):
        chunk = subtree.capture(session, "measurement", wanted[start : start + _ID_CHUNK])
        subtree.delete_captured(session, chunk)
        captured.extend(chunk.get("measurement", ()))
    if len(captured) != len(wanted):
        found = {m["id"] for m in captured}
        missing = next(i for i in wanted if i not in found)
        raise EditError(f"There is no measurement with id {missing!r}.")
    return EditResult(
        Edit("restore_measurements", {"captured": {"measurement": captured}}),
        _changes_of({"measurement": captured}),
    )


@_operation
def restore_measurements(session: Session, captured: subtree.Captured) -> EditResult:
    subtree.restore_captured(session, captured)
    ids = [m["id"] for m in captured.get("measurement", ())]
    return EditResult(Edit("delete_measurements", {"ids": ids}), _changes_of(captured))


# -- composite ------------------------------------------------------------------------------


@_operation
def batch(session: Session, edits: Iterable[Edit]) -> EditResult:
    """Several edits as one transaction and one undo step (inverses run in reverse)."""
    results = []
    changes = Changes()
    for edit in edits:
        op = _OPS.get(edit.op)
        if op is None:
            raise EditError(f"Unknown operation {edit.op!r}.")
        result = op(session, **edit.args)
        results.append(result)
        changes.merge(result.changes)
    inverse = Edit("batch", {"edits": [r.inverse for r in reversed(results)]})
    created = results[0].created_id if len(results) == 1 else None
    return EditResult(inverse, changes, created)
