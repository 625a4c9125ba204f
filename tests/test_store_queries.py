"""The store's lookups for the docks and the workshop, on a real workspace and without Qt.

Each function here used to be SQL inside a widget; now what a dock shows can
be checked from the file alone.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.store import item_queries, vote_queries
from journeymapper.store import workspace_queries as wq
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace


@pytest.fixture
def doc(tmp_path: Path) -> Iterator[Document]:
    document = create_workspace(tmp_path / "retail.jmap", "retail")
    yield document
    document.close()


def _first_journey(doc: Document) -> int:
    return find_journey(doc, None)


def test_no_qt_is_needed() -> None:
    """Importing the store's lookups loads no Qt (the docks' data is testable headless)."""
    code = (
        "import sys\n"
        "import journeymapper.store.item_queries, journeymapper.store.vote_queries\n"
        "import journeymapper.store.workspace_queries\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_journeys_and_their_settings(doc: Document) -> None:
    first = _first_journey(doc)
    rows = wq.list_journey_rows(doc)
    assert [r.id for r in rows] == [first]
    assert rows[0].name == "Weekend store visit"
    assert rows[0].persona_name == "Maya, weekend shopper"
    assert rows[0].state == "current"
    settings = wq.journey_settings(doc, first)
    assert settings is not None and settings.state == "current"
    assert settings.persona_id == wq.list_persona_rows(doc)[0].id

    second = editing.add_journey(doc, "Returns", state="future").created_id
    assert second is not None
    rows = wq.list_journey_rows(doc)
    assert [(r.id, r.persona_name, r.state) for r in rows] == [
        (first, "Maya, weekend shopper", "current"),
        (second, None, "future"),
    ]
    assert wq.journey_ids(doc) == [first, second]
    assert wq.journey_settings(doc, second) == wq.JourneySettings(None, "future")
    assert wq.journey_name(doc, second) == "Returns"
    assert wq.journey_exists(doc, second)

    editing.delete_journey(doc, second)
    assert not wq.journey_exists(doc, second)
    assert wq.journey_name(doc, second) is None
    assert wq.journey_settings(doc, second) is None
    assert wq.journey_ids(doc) == [first]


def test_journey_size_counts_what_a_delete_takes(doc: Document) -> None:
    first = _first_journey(doc)
    data = load_journey(doc, first)
    size = wq.journey_size(doc, first)
    assert size == wq.JourneySize(len(data.stages), len(data.touchpoints))
    assert size.stages == 6 and size.touchpoints > 0
    empty = editing.add_journey(doc, "Empty").created_id
    assert empty is not None
    assert wq.journey_size(doc, empty) == wq.JourneySize(0, 0)


def test_personas_fields_and_usage(doc: Document) -> None:
    maya = wq.list_persona_rows(doc)[0]
    assert maya.name == "Maya, weekend shopper" and maya.colour.startswith("#")
    added = editing.add_persona(doc, "Busy parent", goals="Save time", pains="Queues")
    new = added.created_id
    assert new is not None
    assert [p.id for p in wq.list_persona_rows(doc)] == [maya.id, new]
    fields = wq.persona_fields(doc, new)
    assert fields is not None
    assert (fields.name, fields.goals, fields.pains) == ("Busy parent", "Save time", "Queues")
    assert wq.persona_fields(doc, 9999) is None

    assert wq.persona_usage(doc, maya.id) == wq.PersonaUsage("Maya, weekend shopper", 1)
    assert wq.persona_usage(doc, new) == wq.PersonaUsage("Busy parent", 0)
    editing.add_journey(doc, "Second", persona_id=new)
    editing.add_journey(doc, "Third", persona_id=new)
    assert wq.persona_usage(doc, new) == wq.PersonaUsage("Busy parent", 2)
    assert wq.persona_usage(doc, 9999) is None


def test_has_touchpoints(doc: Document, tmp_path: Path) -> None:
    assert wq.has_touchpoints(doc)
    blank = create_workspace(tmp_path / "blank.jmap", "blank")
    try:
        assert not wq.has_touchpoints(blank)
        data = load_journey(blank, find_journey(blank, None))
        channel = next(ln.id for ln in data.lanes if ln.kind == "channel")
        editing.add_touchpoint(blank, data.stages[0].id, channel, "First card")
        assert wq.has_touchpoints(blank)
    finally:
        blank.close()


def test_stage_and_annotation_fields(doc: Document) -> None:
    data = load_journey(doc, _first_journey(doc))
    stage = data.stages[0]
    fields = item_queries.stage_fields(doc, stage.id)
    assert fields == item_queries.StageFields(
        stage.name, stage.description, stage.width, stage.colour
    )
    assert item_queries.stage_fields(doc, 9999) is None

    tp = next(iter(data.touchpoints.values()))
    on_card = editing.add_annotation(doc, "pain_point", "Too slow", touchpoint_id=tp.id)
    on_stage = editing.add_annotation(doc, "idea", "Club card", stage_id=stage.id)
    pinned = item_queries.annotation_fields(doc, on_card.created_id)  # type: ignore[arg-type]
    assert pinned == item_queries.AnnotationFields("pain_point", "Too slow", tp.title, None)
    pinned = item_queries.annotation_fields(doc, on_stage.created_id)  # type: ignore[arg-type]
    assert pinned == item_queries.AnnotationFields("idea", "Club card", None, stage.name)
    assert item_queries.annotation_fields(doc, 9999) is None


def test_cell_positions_follow_a_reorder(doc: Document) -> None:
    data = load_journey(doc, _first_journey(doc))
    stage, lane = data.stages[0].id, next(ln.id for ln in data.lanes if ln.kind == "channel")
    a = editing.add_touchpoint(doc, stage, lane, "A").created_id
    b = editing.add_touchpoint(doc, stage, lane, "B").created_id
    before = item_queries.cell_positions(doc, stage, lane)
    assert [p for _, p in before] == sorted(p for _, p in before)
    ids = [i for i, _ in before]
    assert ids.index(a) < ids.index(b)
    editing.move_touchpoint(doc, b, stage, lane, 0)
    after = [i for i, _ in item_queries.cell_positions(doc, stage, lane)]
    assert after[0] == b and set(after) == set(ids)
    assert item_queries.cell_positions(doc, 9999, lane) == []


def test_vote_rounds_participants_and_tallies(doc: Document) -> None:
    journey = _first_journey(doc)
    data = load_journey(doc, journey)
    tp1, tp2 = list(data.touchpoints)[:2]
    note = editing.add_annotation(doc, "note", "Queue", touchpoint_id=tp1).created_id
    assert vote_queries.latest_round(doc, journey) is None
    assert vote_queries.round_count(doc, journey) == 0

    first = editing.add_vote_round(doc, journey, "Round 1", dots_per_participant=2).created_id
    second = editing.add_vote_round(doc, journey, "Round 2").created_id
    assert first is not None and second is not None
    assert vote_queries.latest_round(doc, journey) == second
    assert vote_queries.round_count(doc, journey) == 2
    assert vote_queries.load_round(doc, first) == vote_queries.RoundInfo(
        first, "Round 1", 2, "open"
    )
    assert vote_queries.load_round(doc, 9999) is None

    v1 = editing.vote(doc, second, "Bob", touchpoint_id=tp1).created_id
    v2 = editing.vote(doc, second, "Ann", touchpoint_id=tp1).created_id
    v3 = editing.vote(doc, second, "Bob", annotation_id=note).created_id
    v4 = editing.vote(doc, second, "Bob", touchpoint_id=tp2).created_id
    editing.vote(doc, first, "Cy", touchpoint_id=tp2)

    assert vote_queries.round_participants(doc, second) == ["Bob", "Ann"]
    assert vote_queries.votes_of(doc, second, "Bob") == [
        vote_queries.VoteRow(v1, tp1, None),  # type: ignore[arg-type]
        vote_queries.VoteRow(v3, None, note),  # type: ignore[arg-type]
        vote_queries.VoteRow(v4, tp2, None),  # type: ignore[arg-type]
    ]
    assert vote_queries.votes_of(doc, second, "Cy") == []
    assert sorted(vote_queries.round_vote_ids(doc, second)) == sorted([v1, v2, v3, v4])
    tallies = {
        (t.touchpoint_id, t.annotation_id): t.votes for t in vote_queries.round_tallies(doc, second)
    }
    assert tallies == {(tp1, None): 2, (None, note): 1, (tp2, None): 1}

    editing.set_vote_round_state(doc, second, "hidden")
    info = vote_queries.load_round(doc, second)
    assert info is not None and info.state == "hidden"


def test_a_journey_read_without_measurements_keeps_every_card_and_no_values(
    doc: Document,
) -> None:
    """The Outline's read: the same cards, places and votes, but no measurement held."""
    journey = _first_journey(doc)
    full = load_journey(doc, journey)
    light = load_journey(doc, journey, measurements=False)
    assert any(t.latest for t in full.touchpoints.values())
    assert all(not t.latest and not t.previous for t in light.touchpoints.values())
    for tp_id, tp in full.touchpoints.items():
        other = light.touchpoints[tp_id]
        assert (other.title, other.stage_id, other.lane_id, other.position, other.votes) == (
            tp.title,
            tp.stage_id,
            tp.lane_id,
            tp.position,
            tp.votes,
        )
    assert list(light.touchpoints) == list(full.touchpoints)
