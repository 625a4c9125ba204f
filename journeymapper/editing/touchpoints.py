"""Edits to what fills the cells of a map: touchpoint cards and the text of text lanes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from journeymapper.editing import rules
from journeymapper.editing.core import (
    Changes,
    Edit,
    EditResult,
    edit_fields,
    insert_new,
    load,
    move_row,
    operation,
)
from journeymapper.editing.removal import Removal, removable
from journeymapper.model.enums import CARD_LANE_KINDS, Evidence, LaneKind
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Lane, Stage, TextCell, Touchpoint
from journeymapper.store.order_keys import RANK_OF_T


@dataclass(frozen=True)
class CellTarget:
    """What the checks of a target cell need, read with one plain query."""

    journey_id: int
    stage_name: str
    lane_name: str


def _lane_kind_error(lane_name: str, kind: str, want: str | frozenset[str]) -> EditError:
    if want == LaneKind.CHANNEL or want == CARD_LANE_KINDS:
        article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
        return EditError(
            f"Touchpoints go in channel lanes; {lane_name!r} is {article} {kind} lane."
        )
    return EditError(f"{lane_name!r} is not a {want} lane.")


def cell_target(
    session: Session, stage_id: Any, lane_id: Any, want: str | frozenset[str]
) -> CellTarget:
    """Check that (stage, lane) is a cell of one journey and that the lane is of kind ``want``
    (or of one of the kinds in ``want``: cards go in channel lanes and blueprint layers)."""
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
        load(session, Stage, stage_id, "stage")
        load(session, Lane, lane_id, "lane")
        raise EditError("That cell does not exist.")  # unreachable: one of the two raised
    return _checked_cell(tuple(found), want)


def _checked_cell(found: tuple[Any, ...], want: str | frozenset[str]) -> CellTarget:
    """The cell's target from (stage journey, stage name, lane journey, lane name, kind)."""
    stage_journey, stage_name, lane_journey, lane_name, kind = found
    if stage_journey != lane_journey:
        raise EditError(f"Stage {stage_name!r} and lane {lane_name!r} are in different journeys.")
    if kind != want and not (isinstance(want, frozenset) and kind in want):
        raise _lane_kind_error(lane_name, kind, want)
    return CellTarget(stage_journey, stage_name, lane_name)


# -- touchpoints --------------------------------------------------------------


@operation
def add_touchpoint(
    session: Session,
    stage_id: int,
    lane_id: int,
    title: str,
    index: int | None = None,
    **fields: Any,
) -> EditResult:
    """Add a card; one typed by hand is an assumption until someone measures it.

    Templates, imports and copies pass the evidence they carry, so only a card
    given none starts as ``assumed`` (bulk imports keep the table's own default).
    """
    fields.setdefault("evidence", Evidence.ASSUMED.value)
    target = cell_target(session, stage_id, lane_id, CARD_LANE_KINDS)
    tp = Touchpoint(
        journey_id=target.journey_id,
        stage_id=stage_id,
        lane_id=lane_id,
        title=rules.name(title, "A touchpoint's title"),
    )
    rules.fields(tp, fields, rules.TOUCHPOINT_FIELDS)
    return insert_new(session, tp, "touchpoint", index)


@operation
def edit_touchpoint(session: Session, touchpoint_id: int, **updates: Any) -> EditResult:
    tp = load(session, Touchpoint, touchpoint_id, "touchpoint")
    return edit_fields(tp, "touchpoint", updates, rules.TOUCHPOINT_FIELDS)


#: A move's facts in one read (on a server each statement is a round trip): where the card
#: is (its rank in its cell: its key orders, see store/order_keys), the target cell's
#: journeys, names and lane kind, and how many cards the cell holds.
_MOVE_FACTS = (
    f"SELECT t.journey_id, t.stage_id, t.lane_id, {RANK_OF_T}, "
    "s.journey_id, s.name, l.journey_id, l.name, l.kind, "
    "(SELECT count(*) FROM touchpoint WHERE stage_id = s.id AND lane_id = l.id) "
    "FROM touchpoint t, stage s, lane l WHERE t.id = ? AND s.id = ? AND l.id = ?"
)


def _move_facts(session: Session, touchpoint_id: Any, stage_id: Any, lane_id: Any) -> tuple:
    """The card's (journey, stage, lane, rank), the target cell, its card count."""
    if not isinstance(touchpoint_id, int) or isinstance(touchpoint_id, bool):
        raise EditError(f"There is no touchpoint with id {touchpoint_id!r}.")
    session.flush()
    found = None
    if all(isinstance(v, int) and not isinstance(v, bool) for v in (stage_id, lane_id)):
        found = (
            session.connection()
            .exec_driver_sql(_MOVE_FACTS, (touchpoint_id, stage_id, lane_id))
            .first()
        )
    if found is None:  # say which part is missing
        load(session, Touchpoint, touchpoint_id, "touchpoint")
        cell_target(session, stage_id, lane_id, CARD_LANE_KINDS)
        raise EditError("That cell does not exist.")  # unreachable: one of the two raised
    target = _checked_cell(tuple(found[4:9]), CARD_LANE_KINDS)
    return tuple(found[:4]), target, int(found[9])


@operation
def move_touchpoint(
    session: Session, touchpoint_id: int, stage_id: int, lane_id: int, index: int | None = None
) -> EditResult:
    placed, target, count = _move_facts(session, touchpoint_id, stage_id, lane_id)
    journey_id, old_stage, old_lane, old_rank = placed
    if target.journey_id != journey_id:
        raise EditError("A touchpoint can only be moved within its journey; copy it instead.")
    key = move_row(
        session,
        "touchpoint",
        touchpoint_id,
        {"stage_id": old_stage, "lane_id": old_lane},
        old_rank,
        {"stage_id": stage_id, "lane_id": lane_id},
        index,
        count,
    )
    tp = session.identity_map.get(session.identity_key(Touchpoint, touchpoint_id))
    if tp is not None:  # the session's copy of the card follows, with no re-read
        for column, value in (("stage_id", stage_id), ("lane_id", lane_id), ("position", key)):
            set_committed_value(tp, column, value)
    return EditResult(
        Edit(
            "move_touchpoint",
            {
                "touchpoint_id": touchpoint_id,
                "stage_id": old_stage,
                "lane_id": old_lane,
                "index": old_rank,
            },
        ),
        Changes().add("touchpoint", touchpoint_id),
    )


delete_touchpoint, restore_touchpoint = removable(Removal.of("touchpoint", Touchpoint))


# -- text cells ---------------------------------------------------------------


@operation
def set_text_cell(
    session: Session, stage_id: int, lane_id: int, text: str, cell_id: int | None = None
) -> EditResult:
    """Set the free text of a text-lane cell; empty text removes the cell.

    ``cell_id`` is for undo: a removed cell comes back under its old id.
    """
    cell_target(session, stage_id, lane_id, LaneKind.TEXT)
    text = rules.text(text, "A cell's text")
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
