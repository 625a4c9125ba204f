"""Dot-voting: rounds, participants, votes by click or key, results ranked.

Everything is stored in the workspace as VoteRound / Vote rows through the
controller, so every vote is committed at once and undoable, and the results
reach the outline and the PDF. Who takes part is kept in memory (numbered
P1…Pn or named); a reopened workspace lists the participants who voted.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent

from journeymapper import editing
from journeymapper.editing import Changes, Edit
from journeymapper.model.enums import AnnotationKind, RoundState
from journeymapper.store import vote_queries
from journeymapper.store.vote_queries import RoundInfo, VoteRow
from journeymapper.ui.canvas.items import CardItem, MarkerItem, clicked_item
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.view import JourneyView
from journeymapper.ui.controller import DocumentController

MAX_PARTICIPANTS = 50


class ParticipantsError(ValueError):
    """The participants field cannot be read (its message is shown to the facilitator)."""


def parse_participants(text: str) -> list[str]:
    """ "4" -> P1..P4; "Ann, Bob; Chris" -> those names (duplicates dropped)."""
    text = text.strip()
    if not text:
        raise ParticipantsError("Enter how many people vote (e.g. 6) or their names.")
    if text.isdigit():
        count = int(text)
        if not 1 <= count <= MAX_PARTICIPANTS:
            raise ParticipantsError(f"From 1 to {MAX_PARTICIPANTS} participants, please.")
        return [f"P{i}" for i in range(1, count + 1)]
    names: list[str] = []
    for part in text.replace(";", ",").replace("\n", ",").split(","):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    if not names:
        raise ParticipantsError("Enter how many people vote (e.g. 6) or their names.")
    if len(names) > MAX_PARTICIPANTS:
        raise ParticipantsError(f"At most {MAX_PARTICIPANTS} participants, please.")
    return names


@dataclass(frozen=True)
class ResultRow:
    label: str
    votes: int
    touchpoint_id: int | None
    annotation_id: int | None


class Voting(QObject):
    """The current round of the journey shown, and who is voting now."""

    #: Round, participant or votes changed: panels and bars refresh.
    changed = Signal()
    #: A short message for the room (why a vote was not counted).
    message = Signal(str)

    def __init__(self, controller: DocumentController, scene: JourneyScene) -> None:
        super().__init__(controller)
        self.controller = controller
        self.scene = scene
        self.round_id: int | None = None
        self.participants: list[str] = []
        self.current = 0
        self._known: dict[int, list[str]] = {}
        controller.journeyChanged.connect(self._load_latest)
        controller.changed.connect(self._on_changed)
        self._load_latest()

    # -- reading ---------------------------------------------------------------------------
    def info(self) -> RoundInfo | None:
        doc = self.controller.doc
        if doc is None or self.round_id is None:
            return None
        return vote_queries.load_round(doc, self.round_id)

    @property
    def participant(self) -> str | None:
        return self.participants[self.current] if self.participants else None

    @property
    def is_open(self) -> bool:
        info = self.info()
        return info is not None and info.state == RoundState.OPEN

    def votes_of(self, participant: str) -> list[VoteRow]:
        """One participant's dots in the round, oldest first."""
        doc = self.controller.doc
        if doc is None or self.round_id is None:
            return []
        return vote_queries.votes_of(doc, self.round_id, participant)

    def dots_left(self, participant: str | None = None) -> int:
        who = participant or self.participant
        info = self.info()
        if info is None or who is None:
            return 0
        return max(0, info.dots - len(self.votes_of(who)))

    def results(self) -> list[ResultRow]:
        """Every voted item of the round, most votes first (then by label)."""
        doc, data = self.controller.doc, self.scene.data
        if doc is None or self.round_id is None or data is None:
            return []
        numbers = {a.id: a for a in data.annotations}
        rows = []
        for tally in vote_queries.round_tallies(doc, self.round_id):
            tp_id, ann_id = tally.touchpoint_id, tally.annotation_id
            if tp_id is not None:
                tp = data.touchpoints.get(tp_id)
                label = tp.title if tp else f"Touchpoint {tp_id}"
            else:
                ann = numbers.get(ann_id)
                label = (
                    f"#{ann.number} {AnnotationKind(ann.kind).label}: {ann.text}"
                    if ann
                    else f"Annotation {ann_id}"
                )
            rows.append(ResultRow(label, tally.votes, tp_id, ann_id))
        rows.sort(key=lambda r: (-r.votes, r.label.lower()))
        return rows

    # -- following the document ------------------------------------------------------------
    def _latest(self) -> int | None:
        doc, journey = self.controller.doc, self.controller.journey_id
        if doc is None or journey is None:
            return None
        return vote_queries.latest_round(doc, journey)

    def _load_latest(self) -> None:
        self._use_round(self._latest())
        self.changed.emit()

    def _use_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        if round_id is None:
            self.participants, self.current = [], 0
            return
        known = self._known.get(round_id)
        if known is None:
            doc = self.controller.doc
            assert doc is not None
            known = vote_queries.round_participants(doc, round_id)
            self._known[round_id] = known
        self.participants = known
        self.current = min(self.current, max(0, len(known) - 1))

    def _on_changed(self, changes: Changes) -> None:
        if "vote_round" in changes:
            latest = self._latest()  # a round was started, or undone / redone
            if latest != self.round_id:
                self._use_round(latest)
        if {"vote", "vote_round", "touchpoint", "annotation"} & set(changes.ids):
            self.changed.emit()

    # -- rounds ----------------------------------------------------------------------------
    def start_round(self, dots: int, participants: list[str]) -> int | None:
        """A new open round of the journey shown (one undo step)."""
        doc, journey = self.controller.doc, self.controller.journey_id
        if doc is None or journey is None:
            return None
        count = vote_queries.round_count(doc, journey)
        result = self.controller.run(
            "Start voting round",
            editing.add_vote_round,
            journey_id=journey,
            name=f"Round {count + 1}",
            dots_per_participant=dots,
        )
        if result is None or result.created_id is None:
            return None
        self._known[result.created_id] = list(participants)
        self.current = 0
        self._use_round(result.created_id)
        self.changed.emit()
        return result.created_id

    def set_state(self, state: str) -> None:
        info = self.info()
        if info is None or info.state == state:
            return
        label = {
            RoundState.OPEN: "Reopen voting round",
            RoundState.CLOSED: "Close voting round" if info.state == "open" else "Reveal votes",
            RoundState.HIDDEN: "Hide votes",
        }[RoundState(state)]
        self.controller.run(label, editing.set_vote_round_state, round_id=info.id, state=state)

    def close(self) -> None:
        self.set_state(RoundState.CLOSED)

    def hide(self) -> None:
        self.set_state(RoundState.HIDDEN)

    def reveal(self) -> None:
        self.set_state(RoundState.CLOSED)

    def reopen(self) -> None:
        self.set_state(RoundState.OPEN)

    def reset(self) -> int:
        """Remove every vote of the round as one undo step; how many were removed."""
        doc = self.controller.doc
        if doc is None or self.round_id is None:
            return 0
        ids = vote_queries.round_vote_ids(doc, self.round_id)
        if ids:
            edits = [Edit.of(editing.unvote, vote_id=vote_id) for vote_id in ids]
            self.controller.run_batch(f"Reset {len(ids)} votes", edits)
        return len(ids)

    # -- participants ------------------------------------------------------------------------
    def select(self, index: int) -> None:
        if 0 <= index < len(self.participants) and index != self.current:
            self.current = index
            self.changed.emit()

    def step(self, delta: int) -> None:
        if self.participants:
            self.select((self.current + delta) % len(self.participants))

    # -- votes -------------------------------------------------------------------------------
    def vote(self, touchpoint_id: int | None = None, annotation_id: int | None = None) -> bool:
        """A dot of the current participant on an item; False (with a message) when refused."""
        info, who = self.info(), self.participant
        if info is None or who is None:
            self.message.emit("Start a voting round first.")
            return False
        if info.state != RoundState.OPEN:
            self.message.emit(f"{info.name} is {info.state}: reopen it to vote.")
            return False
        if self.dots_left(who) <= 0:
            self.message.emit(f"{who} has used all {info.dots} dots.")
            return False
        args = (
            {"touchpoint_id": touchpoint_id} if touchpoint_id else {"annotation_id": annotation_id}
        )
        result = self.controller.run(
            f"Vote ({who})", editing.vote, round_id=info.id, participant=who, **args
        )
        return result is not None

    def unvote(self, touchpoint_id: int | None = None, annotation_id: int | None = None) -> bool:
        """Take back the current participant's latest dot on an item."""
        info, who = self.info(), self.participant
        if info is None or who is None:
            return False
        if info.state != RoundState.OPEN:
            self.message.emit(f"{info.name} is {info.state}: reopen it to change votes.")
            return False
        mine = [
            v.id
            for v in self.votes_of(who)
            if (touchpoint_id and v.touchpoint_id == touchpoint_id)
            or (annotation_id and v.annotation_id == annotation_id)
        ]
        if not mine:
            self.message.emit(f"{who} has no dot there.")
            return False
        return (
            self.controller.run(f"Remove vote ({who})", editing.unvote, vote_id=mine[-1])
            is not None
        )

    def vote_selected(self, remove: bool = False) -> bool:
        """V / Shift+V: vote on (or take back from) the selected card or marker."""
        for item in self.scene.selectedItems():
            if isinstance(item, CardItem):
                return self.unvote(item.touchpoint_id) if remove else self.vote(item.touchpoint_id)
            if isinstance(item, MarkerItem):
                target = {"annotation_id": item.annotation_id}
                return self.unvote(**target) if remove else self.vote(**target)
        self.message.emit("Select a card first.")
        return False


class VoteClicks(QObject):
    """While voting, a click on a card or marker is a dot; Shift+click takes it back."""

    def __init__(self, voting: Voting, view: JourneyView) -> None:
        super().__init__(view)
        self.voting = voting
        self.view = view
        self.active = False
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self.active or event.type() not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
        ):
            return False
        assert isinstance(event, QMouseEvent)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        try:  # an exception escaping an event filter aborts PySide: report it, go on
            return self.click(event.position().toPoint(), event.modifiers())
        except Exception:  # noqa: BLE001
            traceback.print_exc()
            return True

    def click(self, pos: QPoint, modifiers: Qt.KeyboardModifier) -> bool:
        item = clicked_item(self.view.items(pos))
        remove = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        scene = self.voting.scene
        if isinstance(item, CardItem):
            scene.select_touchpoints([item.touchpoint_id])
            tp = item.touchpoint_id
            self.voting.unvote(tp) if remove else self.voting.vote(tp)
            return True
        if isinstance(item, MarkerItem):
            scene.clearSelection()
            item.setSelected(True)
            ann = item.annotation_id
            self.voting.unvote(annotation_id=ann) if remove else self.voting.vote(annotation_id=ann)
            return True
        return False
