"""Edits that make a journey map a service blueprint: connectors between cards, and the view.

Steps are cards in blueprint layers (lanes of a layer kind), so adding, moving and
deleting them are the card operations of :mod:`.touchpoints`; their extra fields
(system, duration, wait, failure point) are card fields. What is new here is the
connector: an arrow from one card to another, deleted with either card (the
subtree capture takes it along, so undoing the card's delete brings it back).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from journeymapper.editing import rules
from journeymapper.editing.core import Changes, Edit, EditResult, load, operation, perform
from journeymapper.editing.removal import Removal, removable
from journeymapper.editing.structure import set_setting
from journeymapper.model.enums import ConnectorKind, JourneyView
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Connector, Journey
from journeymapper.store.blueprint_queries import view_key

#: A connector's label is a short phrase on the arrow.
MAX_LABEL = 200


def _label(value: Any) -> str:
    label = rules.text(value, "A connector's label").strip()
    if len(label) > MAX_LABEL:
        raise EditError(f"A connector's label is at most {MAX_LABEL} characters.")
    return label


CONNECTOR_FIELDS: rules.Validators = {
    "kind": lambda v: rules.choice(v, ConnectorKind, "A connector's kind"),
    "label": _label,
}


def _card_journey(session: Session, card_id: Any, what: str) -> int:
    """The journey of a card (touchpoint or step), read in plain SQL."""
    if not isinstance(card_id, int) or isinstance(card_id, bool):
        raise EditError(f"There is no {what} card with id {card_id!r}.")
    session.flush()
    found = (
        session.connection()
        .exec_driver_sql("SELECT journey_id FROM touchpoint WHERE id = ?", (card_id,))
        .first()
    )
    if found is None:
        raise EditError(f"There is no {what} card with id {card_id}.")
    return int(found[0])


def _changes(conn: Connector) -> Changes:
    return Changes().add("connector", conn.id)


@operation
def add_connector(
    session: Session, source_id: int, target_id: int, kind: str = "flow", label: str = ""
) -> EditResult:
    """An arrow from one card to another card of the same journey (never to itself)."""
    journey_id = _card_journey(session, source_id, "source")
    if _card_journey(session, target_id, "target") != journey_id:
        raise EditError("A connector joins two cards of the same journey.")
    if source_id == target_id:
        raise EditError("A connector goes from one card to another, not to the same card.")
    twin = (
        session.connection()
        .exec_driver_sql(
            "SELECT 1 FROM connector WHERE source_id = ? AND target_id = ?", (source_id, target_id)
        )
        .first()
    )
    if twin is not None:
        raise EditError("These two cards are already connected in this direction.")
    conn = Connector(journey_id=journey_id, source_id=source_id, target_id=target_id)
    rules.fields(conn, {"kind": kind, "label": label}, CONNECTOR_FIELDS)
    session.add(conn)
    session.flush()
    return EditResult(Edit("delete_connector", {"connector_id": conn.id}), _changes(conn), conn.id)


@operation
def edit_connector(session: Session, connector_id: int, **updates: Any) -> EditResult:
    """Change a connector's kind or label."""
    conn = load(session, Connector, connector_id, "connector")
    old = rules.fields(conn, updates, CONNECTOR_FIELDS)
    return EditResult(Edit("edit_connector", {"connector_id": connector_id, **old}), _changes(conn))


delete_connector, restore_connector = removable(
    Removal(
        "connector",
        Connector,
        "connector",
        "connector_id",
        "delete_connector",
        "restore_connector",
    )
)


@operation
def set_journey_view(session: Session, journey_id: int, view: str) -> EditResult:
    """Show a journey as a plain map or as a blueprint (remembered per journey)."""
    load(session, Journey, journey_id, "journey")
    view = rules.choice(view, JourneyView, "A journey's view")
    stored = None if view == JourneyView.JOURNEY else view
    result = perform(session, set_setting, key=view_key(journey_id), value=stored)
    old = result.inverse.args["value"] or JourneyView.JOURNEY.value
    return EditResult(
        Edit("set_journey_view", {"journey_id": journey_id, "view": old}),
        Changes().add("setting").add("journey", journey_id),
    )
