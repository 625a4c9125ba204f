"""Edits for workshop dot-voting: rounds, their state, and the dots participants place."""

from __future__ import annotations

from sqlmodel import Session, select

from journeymapper.editing import rules
from journeymapper.editing.core import Changes, Edit, EditResult, load, operation
from journeymapper.editing.removal import Removal, removable
from journeymapper.model.enums import RoundState
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Annotation, Journey, Touchpoint, Vote, VoteRound


@operation
def add_vote_round(
    session: Session, journey_id: int, name: str, dots_per_participant: int = 3
) -> EditResult:
    load(session, Journey, journey_id, "journey")
    if isinstance(dots_per_participant, bool) or not isinstance(dots_per_participant, int):
        raise EditError("Dots per participant must be a whole number.")
    if not 1 <= dots_per_participant <= 50:
        raise EditError("Dots per participant must be from 1 to 50.")
    vote_round = VoteRound(
        journey_id=journey_id,
        name=rules.name(name, "A voting round's name"),
        dots_per_participant=dots_per_participant,
    )
    session.add(vote_round)
    session.flush()
    return EditResult(
        Edit("delete_vote_round", {"round_id": vote_round.id}),
        Changes().add("vote_round", vote_round.id),
        vote_round.id,
    )


@operation
def set_vote_round_state(session: Session, round_id: int, state: str) -> EditResult:
    vote_round = load(session, VoteRound, round_id, "voting round")
    old = vote_round.state
    vote_round.state = rules.choice(state, RoundState, "A round's state")
    return EditResult(
        Edit("set_vote_round_state", {"round_id": round_id, "state": old}),
        Changes().add("vote_round", round_id),
    )


delete_vote_round, restore_vote_round = removable(
    Removal(
        "vote_round",
        VoteRound,
        "voting round",
        "round_id",
        "delete_vote_round",
        "restore_vote_round",
    )
)


def _target_journey(session: Session, touchpoint_id: int | None, annotation_id: int | None) -> int:
    """The journey of the one item a vote goes on."""
    if (touchpoint_id is None) == (annotation_id is None):
        raise EditError("A vote goes on exactly one touchpoint or one annotation.")
    if touchpoint_id is not None:
        return load(session, Touchpoint, touchpoint_id, "touchpoint").journey_id
    return load(session, Annotation, annotation_id, "annotation").journey_id


@operation
def vote(
    session: Session,
    round_id: int,
    participant: str,
    touchpoint_id: int | None = None,
    annotation_id: int | None = None,
) -> EditResult:
    vote_round = load(session, VoteRound, round_id, "voting round")
    if vote_round.state != RoundState.OPEN:
        raise EditError(f"Voting round {vote_round.name!r} is closed.")
    participant = rules.name(participant, "A participant's name")
    if _target_journey(session, touchpoint_id, annotation_id) != vote_round.journey_id:
        raise EditError("That item is in another journey than the voting round.")
    used = session.exec(
        select(Vote).where(Vote.round_id == round_id, Vote.participant == participant)
    ).all()
    if len(used) >= vote_round.dots_per_participant:
        raise EditError(
            f"{participant} has used all {vote_round.dots_per_participant} dots in this round."
        )
    dot = Vote(
        round_id=round_id,
        participant=participant,
        touchpoint_id=touchpoint_id,
        annotation_id=annotation_id,
    )
    session.add(dot)
    session.flush()
    changes = Changes().add("vote", dot.id).add("touchpoint", touchpoint_id)
    changes.add("annotation", annotation_id)
    return EditResult(Edit("unvote", {"vote_id": dot.id}), changes, dot.id)


unvote, restore_vote = removable(Removal("vote", Vote, "vote", "vote_id", "unvote", "restore_vote"))
