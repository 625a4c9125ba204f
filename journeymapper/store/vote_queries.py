"""Dot-voting lookups: one round, who voted in it, and how the votes fall.

The workshop's voting state asks these, so a round's progress and results can
be checked without a window. (The whole-journey tallies for the canvas and the
PDF are in ``journey_data``.)
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymapper.model.document import Document


@dataclass(frozen=True)
class RoundInfo:
    """One voting round: its name, dots per participant and state (open, closed, hidden)."""

    id: int
    name: str
    dots: int
    state: str


@dataclass(frozen=True)
class VoteRow:
    """One dot: on a touchpoint or on an annotation (exactly one of the two is set)."""

    id: int
    touchpoint_id: int | None
    annotation_id: int | None


@dataclass(frozen=True)
class Tally:
    """How many dots one voted item got in a round."""

    touchpoint_id: int | None
    annotation_id: int | None
    votes: int


def load_round(doc: Document, round_id: int) -> RoundInfo | None:
    """The round, or None when it does not exist (e.g. its start was undone)."""
    found = doc.rows(
        "SELECT id, name, dots_per_participant, state FROM vote_round WHERE id = ?",
        (round_id,),
    )
    return RoundInfo(found[0][0], found[0][1], found[0][2], str(found[0][3])) if found else None


def latest_round(doc: Document, journey_id: int) -> int | None:
    """The newest round of the journey (the one the workshop resumes), or None."""
    return doc.rows("SELECT max(id) FROM vote_round WHERE journey_id = ?", (journey_id,))[0][0]


def round_count(doc: Document, journey_id: int) -> int:
    """How many rounds the journey has had (names the next one)."""
    return int(
        doc.rows("SELECT count(*) FROM vote_round WHERE journey_id = ?", (journey_id,))[0][0]
    )


def votes_of(doc: Document, round_id: int, participant: str) -> list[VoteRow]:
    """One participant's dots in the round, oldest first."""
    return [
        VoteRow(r[0], r[1], r[2])
        for r in doc.rows(
            "SELECT id, touchpoint_id, annotation_id FROM vote "
            "WHERE round_id = ? AND participant = ? ORDER BY id",
            (round_id, participant),
        )
    ]


def round_vote_ids(doc: Document, round_id: int) -> list[int]:
    """Every dot of the round (a reset removes them all)."""
    return [r[0] for r in doc.rows("SELECT id FROM vote WHERE round_id = ?", (round_id,))]


def round_participants(doc: Document, round_id: int) -> list[str]:
    """Who voted in the round, in the order they first voted (a reopened file lists them)."""
    return [
        r[0]
        for r in doc.rows(
            "SELECT participant FROM vote WHERE round_id = ? GROUP BY participant ORDER BY min(id)",
            (round_id,),
        )
    ]


def round_tallies(doc: Document, round_id: int) -> list[Tally]:
    """Dots per voted item of the round (unordered: the caller ranks them by label too)."""
    return [
        Tally(r[0], r[1], r[2])
        for r in doc.rows(
            "SELECT touchpoint_id, annotation_id, count(*) FROM vote WHERE round_id = ? "
            "GROUP BY touchpoint_id, annotation_id",
            (round_id,),
        )
    ]
