"""Copy a whole journey (e.g. the future-state version of a current-state map).

The copy is one editing operation, ``duplicate_journey``: one transaction,
undoable like any other edit (its inverse deletes the copy). Stages, lanes,
touchpoints, text cells, measurements and annotations are copied with their
order, each copied stage, lane and touchpoint naming its original in
``origin_id`` (so a comparison pairs them exactly); dot-votes are not,
because they record a workshop held on the original.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session

from journeymapper.editing.core import Changes, Edit, EditResult, operation, perform
from journeymapper.editing.structure import add_journey
from journeymapper.model.enums import JourneyState
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Journey
from journeymapper.store import subtree
from journeymapper.store.origins import ORIGIN_TABLES

#: Tables copied with a journey, parents first, and the id columns to remap in each.
_COPIED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("stage", ("journey_id",)),
    ("lane", ("journey_id",)),
    ("touchpoint", ("journey_id", "stage_id", "lane_id")),
    ("text_cell", ("stage_id", "lane_id")),
    ("measurement", ("touchpoint_id",)),
    ("annotation", ("journey_id", "touchpoint_id", "stage_id")),
    ("connector", ("journey_id", "source_id", "target_id")),
)
#: Which table a foreign-key column points at.
_TARGET = {
    "journey_id": "journey",
    "stage_id": "stage",
    "lane_id": "lane",
    "touchpoint_id": "touchpoint",
    "source_id": "touchpoint",
    "target_id": "touchpoint",
}


def _next_id(session: Session, table: str) -> int:
    t = subtree.TABLES[table].__table__  # type: ignore[attr-defined]
    return int(session.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()) + 1


@operation
def duplicate_journey(
    session: Session, journey_id: int, name: str, state: str = JourneyState.FUTURE
) -> EditResult:
    """Copy journey ``journey_id`` under ``name`` right after the original.

    Registered as an editing operation: ``duplicate_journey(doc, …)`` runs it in
    one transaction and ``Edit("duplicate_journey", …)`` replays it.
    """
    source = session.get(Journey, journey_id) if isinstance(journey_id, int) else None
    if source is None:
        raise EditError(f"There is no journey with id {journey_id!r}.")
    created = perform(
        session,
        add_journey,
        name=name,
        persona_id=source.persona_id,
        state=state,
        description=source.description,
        index=source.position + 1,
    ).created_id
    assert created is not None
    captured = subtree.capture(session, "journey", [journey_id])
    new_ids: dict[str, dict[int, int]] = {"journey": {journey_id: created}}
    for table, refs in _COPIED:
        old_rows = sorted(captured.get(table, ()), key=lambda r: r["id"])
        if not old_rows:
            continue
        start = _next_id(session, table)
        mapping = {r["id"]: start + i for i, r in enumerate(old_rows)}
        new_ids[table] = mapping
        copies: list[dict[str, Any]] = []
        for row in old_rows:
            copy = dict(row, id=mapping[row["id"]])
            if table in ORIGIN_TABLES:
                copy["origin_id"] = row["id"]
            for column in refs:
                if copy[column] is not None:
                    copy[column] = new_ids[_TARGET[column]][copy[column]]
            copies.append(copy)
        session.execute(insert(subtree.TABLES[table].__table__), copies)  # type: ignore[attr-defined]
    session.flush()
    return EditResult(
        Edit("delete_journey", {"journey_id": created}),
        Changes().add("journey", created),
        created,
    )


def copy_name(name: str, state: str = JourneyState.FUTURE) -> str:
    """A sensible default name for a copy: "Checkout (future state)"."""
    return f"{name} ({state} state)"


__all__ = ["copy_name", "duplicate_journey"]
