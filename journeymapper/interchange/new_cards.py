"""New cards for survey labels that name no touchpoint, made by the import that needs them.

A label the user chose to "create" (or any unmatched label, with ``create_unmatched``)
gets a card titled like the label in the stage and lane its mapping names, or that
its row's stage and lane columns name. While a file is read, such a card is a
placeholder (a negative id) that the rows' values point at; the write creates the
cards first, in the import's one transaction, so they come and go with its values:
all or nothing, one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymapper.interchange.importing import Writer
from journeymapper.interchange.mapping.table import Mapping, NewCard
from journeymapper.model.document import Document
from journeymapper.model.enums import LaneKind
from journeymapper.store.journey_data import journey_ids, load_journey


@dataclass(frozen=True)
class Target:
    """A touchpoint a row may name (a new card's id is negative until it is written)."""

    id: int
    journey: str
    stage: str
    lane: str


Finder = Callable[[str, str, str], Target | str]


def one_journey(doc: Document, journey_id: int | None) -> int | None:
    """The journey new cards go into: the one named, else the workspace's only one."""
    if journey_id is None and len(journeys := journey_ids(doc)) == 1:
        return journeys[0][0]
    return journey_id


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class _Card:
    placeholder: int
    title: str
    stage_id: int
    lane_id: int
    where: str


class NewCards:
    """The cards an import makes for labels, keyed by (title, stage, lane)."""

    def __init__(self, doc: Document, journey_id: int | None, mapping: Mapping | None) -> None:
        self.create = {_key(k): v for k, v in (mapping.create if mapping else {}).items()}
        self.unmatched = mapping.create_unmatched if mapping else None
        self.cards: dict[tuple[str, int, int], _Card] = {}
        #: Existing cards by comparison title: a card made by an earlier import is reused.
        self.index: dict[str, list[Target]] = {}
        self._journey = ""
        self._stages: dict[str, tuple[int, str]] = {}
        self._lanes: dict[str, tuple[int, str]] = {}
        self._why_not = ""
        if self.create or self.unmatched is not None:
            self._read(doc, journey_id)

    def _read(self, doc: Document, journey_id: int | None) -> None:
        journey_id = one_journey(doc, journey_id)
        if journey_id is None:
            names = ", ".join(repr(n) for _, n in journey_ids(doc))
            self._why_not = (
                f"New cards need one journey to go into: name it (--journey; journeys: {names})."
            )
            return
        data = load_journey(doc, journey_id)
        self._journey = data.name
        self._stages = {_key(s.name): (s.id, s.name) for s in data.stages}
        self._lanes = {
            _key(ln.name): (ln.id, ln.name) for ln in data.lanes if ln.kind == LaneKind.CHANNEL
        }

    def wanted(self, title: str, known: bool) -> NewCard | None:
        """The place of a new card for ``title``, or None when its rows go to a known card."""
        place = self.create.get(_key(title))
        if place is None and not known:
            place = self.unmatched
        return place

    def finder(self, base: Finder, index: dict[str, list[Target]]) -> Finder:
        """``base`` with new cards for the labels that ask for one."""
        if not self.create and self.unmatched is None:
            return base
        self.index = index

        def find(title: str, stage: str, lane: str) -> Target | str:
            place = self.wanted(title, _key(title) in index) if title else None
            if place is None:
                return base(title, stage, lane)
            return self.target(title, place.stage or stage, place.lane or lane)

        return find

    def target(self, title: str, stage: str, lane: str) -> Target | str:
        """The (placeholder) card for ``title`` in ``stage`` / ``lane``, or why there is none."""
        if self._why_not:
            return self._why_not
        if not stage or not lane:
            return (
                f"A new card for {title!r} needs a stage and a lane: map the stage and lane "
                f"columns, or say where it goes ('{title.strip()}=+STAGE / LANE', or the "
                "dialog's 'New card in' choice)."
            )
        found_stage = self._stages.get(_key(stage))
        if found_stage is None:
            known = ", ".join(repr(n) for _, n in self._stages.values())
            return f"There is no stage {stage!r} for the new card {title!r}. Stages: {known}."
        found_lane = self._lanes.get(_key(lane))
        if found_lane is None:
            known = ", ".join(repr(n) for _, n in self._lanes.values())
            return (
                f"There is no channel lane {lane!r} for the new card {title!r}. "
                f"Channel lanes: {known}."
            )
        names = (self._journey, found_stage[1], found_lane[1])
        for there in self.index.get(_key(title), []):
            if (there.journey, there.stage, there.lane) == names:
                return there  # made by an earlier import of this survey: values go onto it
        key = (_key(title), found_stage[0], found_lane[0])
        card = self.cards.get(key)
        if card is None:
            where = f"{found_stage[1]} / {found_lane[1]}"
            card = _Card(-len(self.cards) - 1, title.strip(), *key[1:], where)
            self.cards[key] = card
        return Target(card.placeholder, self._journey, found_stage[1], found_lane[1])

    def write(self, w: Writer, column: str | None) -> dict[int, int]:
        """Create the cards (before the values that point at them): placeholder → id."""
        made: dict[int, int] = {}
        for card in self.cards.values():
            result = w.run(
                None,  # a card is made for a label, not for one line of the file
                column,
                "add_touchpoint",
                "touchpoints",
                stage_id=card.stage_id,
                lane_id=card.lane_id,
                title=card.title,
            )
            if result is not None and result.created_id is not None:
                made[card.placeholder] = result.created_id
        return made

    def note(self) -> str:
        """``, 2 new cards ("A" in Buy / Web, …)`` for the plan's one-line description."""
        if not self.cards:
            return ""
        n = len(self.cards)
        shown = ", ".join(f"{c.title!r} in {c.where}" for c in list(self.cards.values())[:4])
        more = ", …" if n > 4 else ""
        return f", {n} new {'card' if n == 1 else 'cards'} ({shown}{more})"


def card_places(doc: Document, journey_id: int | None) -> tuple[list[str], list[str]]:
    """Stage names and channel-lane names a new card may go to ([] when no one journey)."""
    journey_id = one_journey(doc, journey_id)
    if journey_id is None:
        return [], []
    data = load_journey(doc, journey_id)
    return [s.name for s in data.stages], [
        ln.name for ln in data.lanes if ln.kind == LaneKind.CHANNEL
    ]
