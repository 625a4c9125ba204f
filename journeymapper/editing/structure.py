"""Edits to the frame of a workspace: its details, settings, personas, journeys, stages, lanes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from journeymapper.editing import rules
from journeymapper.editing.core import (
    Changes,
    Edit,
    EditResult,
    edit_fields,
    insert_new,
    load,
    operation,
    reorder,
)
from journeymapper.editing.removal import Removal, removable
from journeymapper.model.document import Document
from journeymapper.model.enums import ChannelKind, JourneyState, LaneKind
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Journey, Lane, Persona, Setting, Stage, Workspace

# -- workspace and settings -------------------------------------------------


@operation
def edit_workspace(session: Session, **updates: Any) -> EditResult:
    ws = session.exec(select(Workspace)).one()
    old = rules.fields(ws, updates, rules.WORKSPACE_FIELDS)
    return EditResult(Edit("edit_workspace", old), Changes().add("workspace", ws.id))


@operation
def set_setting(session: Session, key: str, value: str | None) -> EditResult:
    key = rules.name(key, "A setting name")
    row = session.get(Setting, key)
    old = row.value if row else None
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=rules.text(value, "A setting")))
    else:
        row.value = rules.text(value, "A setting")
    session.flush()
    return EditResult(Edit("set_setting", {"key": key, "value": old}), Changes().add("setting"))


# -- personas -----------------------------------------------------------------


@operation
def add_persona(session: Session, name: str, index: int | None = None, **fields: Any) -> EditResult:
    persona = Persona(name=rules.name(name, "A persona's name"))
    rules.fields(persona, fields, rules.PERSONA_FIELDS)
    return insert_new(session, persona, "persona", index)


@operation
def edit_persona(session: Session, persona_id: int, **updates: Any) -> EditResult:
    persona = load(session, Persona, persona_id, "persona")
    return edit_fields(persona, "persona", updates, rules.PERSONA_FIELDS)


def _unlink_journeys(session: Session, persona_id: int) -> tuple[dict[str, Any], Changes]:
    """A deleted persona leaves its journeys without one; the restore links them back."""
    journeys = session.exec(select(Journey).where(Journey.persona_id == persona_id)).all()
    linked = [j.id for j in journeys]
    for journey in journeys:
        journey.persona_id = None
    session.flush()
    return {"journey_ids": linked}, Changes().add("journey", *linked)


def _relink_journeys(session: Session, persona_id: int, links: Mapping[str, Any]) -> Changes:
    journey_ids = links["journey_ids"]
    for journey_id in journey_ids:
        load(session, Journey, journey_id, "journey").persona_id = persona_id
    return Changes().add("journey", *journey_ids)


delete_persona, restore_persona = removable(
    Removal.of(
        "persona",
        Persona,
        detach=_unlink_journeys,
        reattach=_relink_journeys,
        links=("journey_ids",),
    )
)


# -- journeys -----------------------------------------------------------------


def _persona_ref(session: Session, value: Any) -> int | None:
    if value is None:
        return None
    return load(session, Persona, value, "persona").id


@operation
def add_journey(
    session: Session,
    name: str,
    persona_id: int | None = None,
    state: str = "current",
    description: str = "",
    index: int | None = None,
) -> EditResult:
    journey = Journey(
        name=rules.name(name, "A journey's name"),
        persona_id=_persona_ref(session, persona_id),
        state=rules.choice(state, JourneyState, "A journey's state"),
        description=rules.text(description, "A description"),
    )
    return insert_new(session, journey, "journey", index)


@operation
def edit_journey(session: Session, journey_id: int, **updates: Any) -> EditResult:
    journey = load(session, Journey, journey_id, "journey")
    validators: rules.Validators = {
        "name": lambda v: rules.name(v, "A journey's name"),
        "persona_id": lambda v: _persona_ref(session, v),
        "state": lambda v: rules.choice(v, JourneyState, "A journey's state"),
        "description": lambda v: rules.text(v, "A description"),
    }
    return edit_fields(journey, "journey", updates, validators)


@operation
def reorder_journey(session: Session, journey_id: int, index: int) -> EditResult:
    journey = load(session, Journey, journey_id, "journey")
    return reorder(session, journey, "journey", {}, index)


delete_journey, restore_journey = removable(Removal.of("journey", Journey))


# -- stages -------------------------------------------------------------------


@operation
def add_stage(
    session: Session, journey_id: int, name: str, index: int | None = None, **fields: Any
) -> EditResult:
    load(session, Journey, journey_id, "journey")
    stage = Stage(journey_id=journey_id, name=rules.name(name, "A stage's name"))
    rules.fields(stage, fields, rules.STAGE_FIELDS)
    return insert_new(session, stage, "stage", index)


@operation
def edit_stage(session: Session, stage_id: int, **updates: Any) -> EditResult:
    stage = load(session, Stage, stage_id, "stage")
    return edit_fields(stage, "stage", updates, rules.STAGE_FIELDS)


def rename_stage(doc: Document, stage_id: int, name: str) -> EditResult:
    return edit_stage(doc, stage_id, name=name)


def resize_stage(doc: Document, stage_id: int, width: float) -> EditResult:
    return edit_stage(doc, stage_id, width=width)


@operation
def reorder_stage(session: Session, stage_id: int, index: int) -> EditResult:
    stage = load(session, Stage, stage_id, "stage")
    return reorder(session, stage, "stage", {"journey_id": stage.journey_id}, index)


delete_stage, restore_stage = removable(Removal.of("stage", Stage))


# -- lanes --------------------------------------------------------------------


def _new_lane(
    session: Session, journey_id: int, name: str, kind: str, channel_kind: str | None
) -> Lane:
    """A lane of a valid kind (channel lanes online or offline; one emotion lane a journey)."""
    kind = rules.choice(kind, LaneKind, "A lane's kind")
    if kind == LaneKind.CHANNEL:
        channel_kind = rules.choice(channel_kind or "online", ChannelKind, "A channel")
    elif channel_kind is not None:
        raise EditError("Only channel lanes are online or offline.")
    lane = Lane(
        journey_id=journey_id,
        name=rules.name(name, "A lane's name"),
        kind=kind,
        channel_kind=channel_kind,
    )
    if kind == LaneKind.EMOTION:
        existing = session.exec(
            select(Lane).where(Lane.journey_id == journey_id, Lane.kind == LaneKind.EMOTION)
        ).first()
        if existing is not None:
            raise EditError("This journey already has an emotion lane.")
    return lane


@operation
def add_lane(
    session: Session,
    journey_id: int,
    name: str,
    kind: str = "channel",
    channel_kind: str | None = None,
    index: int | None = None,
    **fields: Any,
) -> EditResult:
    load(session, Journey, journey_id, "journey")
    lane = _new_lane(session, journey_id, name, kind, channel_kind)
    rules.fields(lane, fields, rules.lane_fields(lane.kind))
    return insert_new(session, lane, "lane", index)


@operation
def edit_lane(session: Session, lane_id: int, **updates: Any) -> EditResult:
    lane = load(session, Lane, lane_id, "lane")
    return edit_fields(lane, "lane", updates, rules.lane_fields(lane.kind))


def rename_lane(doc: Document, lane_id: int, name: str) -> EditResult:
    return edit_lane(doc, lane_id, name=name)


def resize_lane(doc: Document, lane_id: int, height: float) -> EditResult:
    return edit_lane(doc, lane_id, height=height)


@operation
def reorder_lane(session: Session, lane_id: int, index: int) -> EditResult:
    lane = load(session, Lane, lane_id, "lane")
    return reorder(session, lane, "lane", {"journey_id": lane.journey_id}, index)


delete_lane, restore_lane = removable(Removal.of("lane", Lane))
