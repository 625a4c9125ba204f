"""Workspace-level lookups: the journeys and personas of a file, and what a deletion takes.

The Workspace dock, the window and the safety guard ask these instead of
running SQL, so what they show can be tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymapper.model.document import Document


@dataclass(frozen=True)
class JourneyRow:
    """One line of the journey list: the journey, its persona's name and its state."""

    id: int
    name: str
    persona_name: str | None
    state: str


@dataclass(frozen=True)
class JourneySettings:
    """What the persona and state pickers show for one journey."""

    persona_id: int | None
    state: str


@dataclass(frozen=True)
class JourneySize:
    """How much goes with a journey when it is deleted (said in the confirmation)."""

    stages: int
    touchpoints: int


@dataclass(frozen=True)
class PersonaRow:
    """One line of the persona list and of the persona picker."""

    id: int
    name: str
    colour: str


@dataclass(frozen=True)
class PersonaFields:
    """The editable fields of one persona, as its form shows them."""

    name: str
    description: str
    goals: str
    pains: str
    colour: str


@dataclass(frozen=True)
class PersonaUsage:
    """A persona's name and how many journeys would lose it if it were deleted."""

    name: str
    journeys: int


def list_journey_rows(doc: Document) -> list[JourneyRow]:
    """Every journey in the user's order, with its persona's name (None when it has none)."""
    return [
        JourneyRow(r[0], r[1], r[2], str(r[3]))
        for r in doc.rows(
            "SELECT j.id, j.name, p.name, j.state FROM journey j "
            "LEFT JOIN persona p ON p.id = j.persona_id ORDER BY j.position, j.id"
        )
    ]


def journey_ids(doc: Document) -> list[int]:
    """Every journey id in the user's order (the first is the one to fall back on)."""
    return [r[0] for r in doc.rows("SELECT id FROM journey ORDER BY position, id")]


def journey_exists(doc: Document, journey_id: int) -> bool:
    """Whether the journey is still there (an undo or a delete may have removed it)."""
    return bool(doc.rows("SELECT 1 FROM journey WHERE id = ?", (journey_id,)))


def journey_name(doc: Document, journey_id: int) -> str | None:
    """The journey's name, or None when it does not exist."""
    found = doc.rows("SELECT name FROM journey WHERE id = ?", (journey_id,))
    return str(found[0][0]) if found else None


def journey_settings(doc: Document, journey_id: int) -> JourneySettings | None:
    """The journey's persona and state, or None when it does not exist."""
    found = doc.rows("SELECT persona_id, state FROM journey WHERE id = ?", (journey_id,))
    return JourneySettings(found[0][0], str(found[0][1])) if found else None


def journey_size(doc: Document, journey_id: int) -> JourneySize:
    """How many stages and touchpoints the journey holds (zero for a missing one)."""
    stages, touchpoints = doc.rows(
        "SELECT (SELECT count(*) FROM stage WHERE journey_id = ?), "
        "(SELECT count(*) FROM touchpoint WHERE journey_id = ?)",
        (journey_id, journey_id),
    )[0]
    return JourneySize(stages, touchpoints)


def list_persona_rows(doc: Document) -> list[PersonaRow]:
    """Every persona in the user's order."""
    return [
        PersonaRow(r[0], r[1], r[2])
        for r in doc.rows("SELECT id, name, colour FROM persona ORDER BY position, id")
    ]


def persona_fields(doc: Document, persona_id: int) -> PersonaFields | None:
    """The persona's editable fields, or None when it does not exist."""
    found = doc.rows(
        "SELECT name, description, goals, pains, colour FROM persona WHERE id = ?",
        (persona_id,),
    )
    return PersonaFields(*found[0]) if found else None


def persona_usage(doc: Document, persona_id: int) -> PersonaUsage | None:
    """The persona's name and how many journeys use it, or None when it does not exist."""
    found = doc.rows(
        "SELECT name, (SELECT count(*) FROM journey WHERE persona_id = p.id) "
        "FROM persona p WHERE id = ?",
        (persona_id,),
    )
    return PersonaUsage(found[0][0], found[0][1]) if found else None


def has_touchpoints(doc: Document) -> bool:
    """Whether any journey of the workspace holds a card (a never-named file worth keeping)."""
    return bool(doc.rows("SELECT 1 FROM touchpoint LIMIT 1"))
