"""The editing API: every operation, its inverse (undo) and the inverse's inverse (redo).

Each case runs an operation on a small but complete map, then checks that undo
brings back exactly the previous file content, that redo brings back exactly
the edited content, and that every ordered scope stays numbered 0..n-1.
Refused edits raise EditError with a readable message and change nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from journeymapper import editing
from journeymapper.editing import Edit, EditResult
from journeymapper.editing import copy as journey_copy
from journeymapper.model.document import Document
from journeymapper.model.enums import BUILTIN_METRICS
from journeymapper.model.errors import EditError
from tests.conftest import dump, position_problems


@dataclass(frozen=True)
class Ids:
    """Ids of the sample map (the same in every test: the file is copied)."""

    journey: int
    stages: list[int]
    lanes: dict[str, int]
    tps: list[int]
    anns: list[int]
    measurements: list[int]
    persona: int
    round: int
    votes: list[int]
    other_journey: int
    other_stage: int
    other_lane: int
    other_tp: int


def build_sample(doc: Document) -> Ids:
    """The blank template plus touchpoints, measurements, notes, votes and a second journey."""
    journey = doc.rows("SELECT id FROM journey")[0][0]
    stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
    lanes = {r[1]: r[0] for r in doc.rows("SELECT id, name FROM lane ORDER BY position")}
    web, store = lanes["Website"], lanes["Store"]
    add_tp = editing.add_touchpoint
    tps = [
        add_tp(doc, stages[0], web, "Landing page", emotion=1).created_id,
        add_tp(doc, stages[0], web, "Search results", owner="SEO").created_id,
        add_tp(doc, stages[0], web, "Newsletter sign-up").created_id,
        add_tp(doc, stages[1], web, "Pricing page", emotion=-1).created_id,
        add_tp(doc, stages[2], store, "Checkout", evidence="assumed").created_id,
    ]
    measurements = [
        editing.set_measurement(doc, tps[0], "csat", 4.0, "2024-01-10").created_id,
        editing.set_measurement(doc, tps[0], "csat", 4.5, "2024-03-10", sample_size=90).created_id,
        editing.set_measurement(doc, tps[3], "nps", -20, "2024-02-01", source="Poll").created_id,
    ]
    anns = [
        editing.add_annotation(doc, "pain_point", "Slow", touchpoint_id=tps[0]).created_id,
        editing.add_annotation(doc, "idea", "Chat", stage_id=stages[1]).created_id,
        editing.add_annotation(doc, "note", "Check prices", touchpoint_id=tps[3]).created_id,
    ]
    editing.set_text_cell(doc, stages[0], lanes["Customer actions"], "Searches")
    editing.set_text_cell(doc, stages[1], lanes["Thoughts"], "Too many plans")
    persona = editing.add_persona(doc, "Busy parent", goals="Save time").created_id
    editing.edit_journey(doc, journey, persona_id=persona)
    vote_round = editing.add_vote_round(doc, journey, "Workshop", 2).created_id
    votes = [
        editing.vote(doc, vote_round, "Ann", touchpoint_id=tps[0]).created_id,
        editing.vote(doc, vote_round, "Ann", annotation_id=anns[1]).created_id,
        editing.vote(doc, vote_round, "Bo", touchpoint_id=tps[3]).created_id,
    ]
    editing.set_setting(doc, "last_journey", str(journey))
    other = editing.add_journey(doc, "Other journey").created_id
    other_stage = editing.add_stage(doc, other, "Elsewhere").created_id
    other_lane = editing.add_lane(doc, other, "Web", channel_kind="online").created_id
    other_tp = add_tp(doc, other_stage, other_lane, "Foreign card").created_id
    ids = [*tps, *measurements, *anns, persona, vote_round, *votes, other_tp]
    assert all(isinstance(i, int) for i in ids)
    return Ids(
        journey, stages, lanes, tps, anns, measurements, persona, vote_round, votes,
        other, other_stage, other_lane, other_tp,
    )  # fmt: skip


@pytest.fixture(scope="session")
def sample(blank_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Ids]:
    path = tmp_path_factory.mktemp("sample") / "sample.jmap"
    path.write_bytes(blank_bytes)
    doc = Document.open(path)
    ids = build_sample(doc)
    doc.close()
    return path.read_bytes(), ids


@pytest.fixture
def mapdoc(sample: tuple[bytes, Ids], tmp_path: Path) -> Iterator[tuple[Document, Ids]]:
    path = tmp_path / "sample.jmap"
    path.write_bytes(sample[0])
    doc = Document.open(path)
    yield doc, sample[1]
    doc.close()


def test_sample_is_consistent(mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    assert position_problems(doc) == []
    assert doc.rows("PRAGMA foreign_key_check") == []
    # cards added at the end of a cell follow one another: keys rise in the order they came
    positions = [
        r[0]
        for r in doc.rows(
            "SELECT position FROM touchpoint WHERE stage_id = ? AND lane_id = ? ORDER BY id",
            (ids.stages[0], ids.lanes["Website"]),
        )
    ]
    assert len(positions) == 3 and positions == sorted(set(positions))


def test_position_checker_can_fail(mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    doc.raw_connection().execute("UPDATE stage SET position = 7 WHERE id = ?", (ids.stages[2],))
    assert position_problems(doc) != []
    doc.raw_connection().rollback()


# -- every operation, undone and redone ------------------------------------------------------

Op = Callable[[Document, Ids], EditResult]


def _batch_move(doc: Document, i: Ids) -> EditResult:
    web, store = i.lanes["Website"], i.lanes["Store"]
    return editing.batch(
        doc,
        [
            Edit("move_touchpoint", {"touchpoint_id": i.tps[0], "stage_id": i.stages[3],
                                     "lane_id": store, "index": 0}),
            Edit("move_touchpoint", {"touchpoint_id": i.tps[1], "stage_id": i.stages[3],
                                     "lane_id": store, "index": 0}),
            Edit("edit_touchpoint", {"touchpoint_id": i.tps[2], "title": "Renamed"}),
            Edit("add_touchpoint", {"stage_id": i.stages[0], "lane_id": web, "title": "New"}),
            Edit("delete_stage", {"stage_id": i.stages[1]}),
        ],
    )  # fmt: skip


OPERATIONS: dict[str, Op] = {
    "edit_workspace": lambda d, i: editing.edit_workspace(
        d, name="Renamed", author="Me", description="About"
    ),
    "set_setting new": lambda d, i: editing.set_setting(d, "theme", "dark"),
    "set_setting change": lambda d, i: editing.set_setting(d, "last_journey", "99"),
    "set_setting remove": lambda d, i: editing.set_setting(d, "last_journey", None),
    "add_persona": lambda d, i: editing.add_persona(d, "Student", index=0, colour="#112233"),
    "edit_persona": lambda d, i: editing.edit_persona(d, i.persona, name="Parent", pains="Time"),
    "delete_persona (linked)": lambda d, i: editing.delete_persona(d, i.persona),
    "add_journey": lambda d, i: editing.add_journey(
        d, "Future", persona_id=i.persona, state="future", index=0
    ),
    "edit_journey": lambda d, i: editing.edit_journey(
        d, i.journey, name="Renamed", state="future", persona_id=None
    ),
    "reorder_journey": lambda d, i: editing.reorder_journey(d, i.journey, 1),
    "delete_journey": lambda d, i: editing.delete_journey(d, i.journey),
    "duplicate_journey": lambda d, i: journey_copy.duplicate_journey(
        d, i.journey, "Future state", state="future"
    ),
    "add_stage middle": lambda d, i: editing.add_stage(d, i.journey, "Middle", index=2),
    "add_stage end": lambda d, i: editing.add_stage(d, i.journey, "End", width=200.0),
    "edit_stage": lambda d, i: editing.edit_stage(
        d, i.stages[1], name="Compare", width=500.0, colour="#ABCDEF", description="x"
    ),
    "rename_stage": lambda d, i: editing.rename_stage(d, i.stages[0], "First"),
    "resize_stage": lambda d, i: editing.resize_stage(d, i.stages[0], 123.5),
    "reorder_stage forward": lambda d, i: editing.reorder_stage(d, i.stages[0], 3),
    "reorder_stage back": lambda d, i: editing.reorder_stage(d, i.stages[4], 0),
    "reorder_stage past end": lambda d, i: editing.reorder_stage(d, i.stages[1], 99),
    "delete_stage first": lambda d, i: editing.delete_stage(d, i.stages[0]),
    "delete_stage with votes": lambda d, i: editing.delete_stage(d, i.stages[1]),
    "add_lane channel": lambda d, i: editing.add_lane(
        d, i.journey, "Chat", channel_kind="online", index=0, is_support=True
    ),
    "add_lane text": lambda d, i: editing.add_lane(d, i.journey, "Notes", kind="text", index=5),
    "add_lane emotion": lambda d, i: editing.add_lane(d, i.journey, "Mood", kind="emotion"),
    "edit_lane": lambda d, i: editing.edit_lane(
        d, i.lanes["Store"], name="Shop", channel_kind="online", is_support=True, height=150.0
    ),
    "rename_lane": lambda d, i: editing.rename_lane(d, i.lanes["Thoughts"], "Feelings"),
    "resize_lane": lambda d, i: editing.resize_lane(d, i.lanes["Emotion"], 200),
    "reorder_lane": lambda d, i: editing.reorder_lane(d, i.lanes["Website"], 9),
    "reorder_lane to top": lambda d, i: editing.reorder_lane(d, i.lanes["Backstage"], 0),
    "delete_lane with cards": lambda d, i: editing.delete_lane(d, i.lanes["Website"]),
    "delete_lane text": lambda d, i: editing.delete_lane(d, i.lanes["Customer actions"]),
    "add_touchpoint first in cell": lambda d, i: editing.add_touchpoint(
        d, i.stages[0], i.lanes["Website"], "Ad click", index=0, emotion=-2, colour="#FF0000"
    ),
    "add_touchpoint empty cell": lambda d, i: editing.add_touchpoint(
        d, i.stages[4], i.lanes["Phone"], "Call", interaction="indirect", evidence="proposed"
    ),
    "edit_touchpoint": lambda d, i: editing.edit_touchpoint(
        d, i.tps[1], title="Results", description="d", owner="o", emotion=2, colour=""
    ),
    "edit_touchpoint clear emotion": lambda d, i: editing.edit_touchpoint(
        d, i.tps[0], emotion=None
    ),
    "move_touchpoint to another cell": lambda d, i: editing.move_touchpoint(
        d, i.tps[0], i.stages[1], i.lanes["Website"], 0
    ),
    "move_touchpoint to an empty cell": lambda d, i: editing.move_touchpoint(
        d, i.tps[1], i.stages[4], i.lanes["Phone"]
    ),
    "move_touchpoint within cell": lambda d, i: editing.move_touchpoint(
        d, i.tps[2], i.stages[0], i.lanes["Website"], 0
    ),
    "move_touchpoint within cell to end": lambda d, i: editing.move_touchpoint(
        d, i.tps[0], i.stages[0], i.lanes["Website"], None
    ),
    "delete_touchpoint with everything": lambda d, i: editing.delete_touchpoint(d, i.tps[0]),
    "delete_touchpoint middle": lambda d, i: editing.delete_touchpoint(d, i.tps[1]),
    "add_metric": lambda d, i: editing.add_metric(d, "wait_time", "Wait time", 0, 120, "min"),
    "delete_metric with measurements": lambda d, i: editing.delete_metric(
        d, d.rows("SELECT id FROM metric_definition WHERE key = 'wait'")[0][0]
    ),
    "set_measurement new": lambda d, i: editing.set_measurement(
        d, i.tps[4], "conversion_rate", 12.5, dt.date(2024, 5, 1), sample_size=10, source="BI"
    ),
    "set_measurement change": lambda d, i: editing.set_measurement(
        d, i.tps[0], "ces", 3, "2024-04-01", measurement_id=i.measurements[0]
    ),
    "delete_measurement": lambda d, i: editing.delete_measurement(d, i.measurements[1]),
    "delete_measurements": lambda d, i: editing.delete_measurements(d, i.measurements[::2]),
    "add_annotation on touchpoint": lambda d, i: editing.add_annotation(
        d, "opportunity", "Upsell", touchpoint_id=i.tps[4], index=0
    ),
    "add_annotation on stage": lambda d, i: editing.add_annotation(
        d, "note", "Busy season", stage_id=i.stages[4]
    ),
    "edit_annotation": lambda d, i: editing.edit_annotation(
        d, i.anns[0], kind="idea", text="Faster pages"
    ),
    "edit_annotation repin": lambda d, i: editing.edit_annotation(
        d, i.anns[0], stage_id=i.stages[2]
    ),
    "reorder_annotation": lambda d, i: editing.reorder_annotation(d, i.anns[2], 0),
    "delete_annotation with votes": lambda d, i: editing.delete_annotation(d, i.anns[1]),
    "delete_annotation first": lambda d, i: editing.delete_annotation(d, i.anns[0]),
    "set_text_cell new": lambda d, i: editing.set_text_cell(
        d, i.stages[2], i.lanes["Thoughts"], "Hmm"
    ),
    "set_text_cell change": lambda d, i: editing.set_text_cell(
        d, i.stages[0], i.lanes["Customer actions"], "Asks friends"
    ),
    "set_text_cell clear": lambda d, i: editing.set_text_cell(
        d, i.stages[0], i.lanes["Customer actions"], ""
    ),
    "add_vote_round": lambda d, i: editing.add_vote_round(d, i.journey, "Second", 5),
    "set_vote_round_state": lambda d, i: editing.set_vote_round_state(d, i.round, "closed"),
    "delete_vote_round": lambda d, i: editing.delete_vote_round(d, i.round),
    "vote": lambda d, i: editing.vote(d, i.round, "Bo", annotation_id=i.anns[2]),
    "unvote": lambda d, i: editing.unvote(d, i.votes[1]),
    "batch": _batch_move,
    "add_opportunity": lambda d, i: editing.add_opportunity(
        d, "Faster search", owner="Web", value=5, effort=2, due_on="2027-01-31", index=0
    ),
    "edit_opportunity": lambda d, i: editing.edit_opportunity(
        d, _opp(d), value=1, effort=5, status="done"
    ),
    "reorder_opportunity": lambda d, i: editing.reorder_opportunity(d, _opp(d), 5),
    "delete_opportunity with links": lambda d, i: editing.delete_opportunity(d, _opp(d)),
    "add_solution": lambda d, i: editing.add_solution(d, _opp(d), "Try it", index=0),
    "edit_solution": lambda d, i: editing.edit_solution(
        d, _first(d, "solution"), status="adopted", owner="Ann"
    ),
    "delete_solution": lambda d, i: editing.delete_solution(d, _first(d, "solution")),
    "add_target on a stage": lambda d, i: editing.add_target(
        d, _opp(d), "drop_off_rate", 10, stage_id=i.stages[1], from_value=30
    ),
    "edit_target": lambda d, i: editing.edit_target(d, _first(d, "target"), to_value=5),
    "delete_target": lambda d, i: editing.delete_target(d, _first(d, "target")),
    "link_opportunity stage": lambda d, i: editing.link_opportunity(
        d, _opp(d), stage_id=i.stages[3]
    ),
    "unlink_opportunity": lambda d, i: editing.unlink_opportunity(
        d, _opp(d), touchpoint_id=i.tps[0]
    ),
}


def _first(d: Document, table: str) -> int:
    return int(d.rows(f"SELECT min(id) FROM {table}")[0][0])


def _opp(d: Document) -> int:
    return _first(d, "opportunity")


def _portfolio(d: Document, i: Ids) -> None:
    """An opportunity with a solution, a card target and links (for the portfolio cases)."""
    opp = editing.add_opportunity(d, "Fix search").created_id
    editing.add_opportunity(d, "Second")
    editing.add_solution(d, opp, "Filters")
    editing.add_target(d, opp, "csat", 4.5, touchpoint_id=i.tps[0], from_value=3)
    editing.link_opportunity(d, opp, touchpoint_id=i.tps[0])
    pain = editing.add_annotation(d, "pain_point", "Slow", touchpoint_id=i.tps[0]).created_id
    editing.link_opportunity(d, opp, annotation_id=pain)


def _custom_metric(d: Document, i: Ids) -> None:
    metric = editing.add_metric(d, "wait", "Wait", 0, 60).created_id
    editing.set_measurement(d, i.tps[0], metric, 5, "2024-01-01")
    editing.set_measurement(d, i.tps[3], "wait", 7.5, "2024-01-02")


#: Valid edits that some cases need first (not part of what is undone).
def _blueprint(doc: Document, i: Ids) -> None:
    """A backstage layer with a step, and connectors touchpoint -> step -> touchpoint."""
    lane = editing.add_lane(doc, i.journey, "Kitchen", kind="backstage").created_id
    assert lane is not None
    step = editing.add_touchpoint(doc, i.stages[0], lane, "Cook", owner="Kitchen").created_id
    editing.add_connector(doc, i.tps[0], step, "handoff", "Ticket")
    editing.add_connector(doc, step, i.tps[4], "flow")


def _step_of(doc: Document) -> int:
    return int(doc.rows("SELECT id FROM touchpoint WHERE title = 'Cook'")[0][0])


def _connector_of(doc: Document) -> int:
    return int(doc.rows("SELECT min(id) FROM connector")[0][0])


OPERATIONS.update(
    {
        "add_lane frontstage": lambda d, i: editing.add_lane(
            d, i.journey, "Desk staff", kind="frontstage", index=2
        ),
        "add_touchpoint step in a layer": lambda d, i: editing.add_touchpoint(
            d, i.stages[1], _step_lane(d), "Prepare", system="PMS", wait_min=5, failure_point=True
        ),
        "edit_touchpoint step fields": lambda d, i: editing.edit_touchpoint(
            d, _step_of(d), system="KDS", duration_min=12.5, wait_min=3, failure_point=True
        ),
        "move_touchpoint step to a channel": lambda d, i: editing.move_touchpoint(
            d, _step_of(d), i.stages[2], i.lanes["Store"], 0
        ),
        "delete_touchpoint with connectors": lambda d, i: editing.delete_touchpoint(d, _step_of(d)),
        "add_connector": lambda d, i: editing.add_connector(
            d, i.tps[1], i.tps[3], "dependency", "Needs prices"
        ),
        "edit_connector": lambda d, i: editing.edit_connector(
            d, _connector_of(d), kind="flow", label="Order"
        ),
        "delete_connector": lambda d, i: editing.delete_connector(d, _connector_of(d)),
        "set_journey_view": lambda d, i: editing.set_journey_view(d, i.journey, "blueprint"),
    }
)


def _step_lane(doc: Document) -> int:
    return int(doc.rows("SELECT id FROM lane WHERE kind = 'backstage'")[0][0])


SETUP: dict[str, Callable[[Document, Ids], Any]] = {
    **{
        name: _blueprint
        for name in (
            "add_touchpoint step in a layer",
            "edit_touchpoint step fields",
            "move_touchpoint step to a channel",
            "delete_touchpoint with connectors",
            "edit_connector",
            "delete_connector",
        )
    },
    "add_lane emotion": lambda d, i: editing.delete_lane(d, i.lanes["Emotion"]),
    **{
        name: _portfolio
        for name in (
            "edit_opportunity",
            "reorder_opportunity",
            "delete_opportunity with links",
            "add_solution",
            "edit_solution",
            "delete_solution",
            "add_target on a stage",
            "edit_target",
            "delete_target",
            "link_opportunity stage",
            "unlink_opportunity",
        )
    },  # fmt: skip
    "delete_metric with measurements": _custom_metric,
    "closed round": lambda d, i: editing.set_vote_round_state(d, i.round, "closed"),
    "hidden round": lambda d, i: editing.set_vote_round_state(d, i.round, "hidden"),
    "votes beyond the dots after two new ones": lambda d, i: (
        editing.vote(d, i.round, "Cy", touchpoint_id=i.tps[1]),
        editing.vote(d, i.round, "Cy", touchpoint_id=i.tps[2]),
    ),
}


def test_every_operation_has_a_case() -> None:
    covered = {name.split()[0] for name in OPERATIONS}
    covered |= {"restore_" + n.split("_", 1)[1] for n in covered if n.startswith("delete_")}
    covered |= {"restore_vote", "delete_metric", "restore_metric"}
    assert set(editing.operation_names()) <= covered


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_operation_undo_redo(name: str, mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    if name in SETUP:
        SETUP[name](doc, ids)
    before = dump(doc.path)
    result = OPERATIONS[name](doc, ids)
    after = dump(doc.path)
    assert after != before, "the operation changed nothing"
    assert position_problems(doc) == []
    assert doc.rows("PRAGMA foreign_key_check") == []

    undo = editing.apply(doc, result.inverse)
    assert dump(doc.path) == before
    assert position_problems(doc) == []
    redo = editing.apply(doc, undo.inverse)
    assert dump(doc.path) == after
    assert position_problems(doc) == []
    editing.apply(doc, redo.inverse)  # and undo once more
    assert dump(doc.path) == before
    assert doc.rows("PRAGMA foreign_key_check") == []


def test_add_reports_created_id_and_changes(mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    result = editing.add_touchpoint(doc, ids.stages[3], ids.lanes["Email"], "Receipt")
    assert result.created_id == doc.rows("SELECT max(id) FROM touchpoint")[0][0]
    assert result.changes.of("touchpoint") == {result.created_id}
    assert result.inverse == Edit("delete_touchpoint", {"touchpoint_id": result.created_id})


def test_delete_stage_takes_its_subtree_and_restore_brings_ids_back(
    mapdoc: tuple[Document, Ids],
) -> None:
    doc, ids = mapdoc
    result = editing.delete_stage(doc, ids.stages[0])
    assert doc.rows("SELECT count(*) FROM touchpoint WHERE stage_id = ?", (ids.stages[0],)) == [
        (0,)
    ]
    assert doc.rows("SELECT id FROM measurement WHERE touchpoint_id = ?", (ids.tps[0],)) == []
    assert doc.rows("SELECT id FROM vote WHERE id = ?", (ids.votes[0],)) == []
    assert {ids.tps[0], ids.tps[1], ids.tps[2]} <= result.changes.of("touchpoint")
    editing.apply(doc, result.inverse)
    assert doc.rows("SELECT id FROM vote WHERE id = ?", (ids.votes[0],)) == [(ids.votes[0],)]
    stages = doc.rows("SELECT id FROM stage WHERE journey_id = ? ORDER BY position", (ids.journey,))
    assert [r[0] for r in stages] == ids.stages


def test_move_touchpoint_numbers_both_cells(mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    web = ids.lanes["Website"]
    editing.move_touchpoint(doc, ids.tps[1], ids.stages[1], web, 0)

    def cell(stage: int) -> list[int]:
        return [
            r[0]
            for r in doc.rows(
                "SELECT id FROM touchpoint WHERE stage_id = ? AND lane_id = ? ORDER BY position",
                (stage, web),
            )
        ]

    assert cell(ids.stages[0]) == [ids.tps[0], ids.tps[2]]
    assert cell(ids.stages[1]) == [ids.tps[1], ids.tps[3]]


def test_delete_persona_unlinks_and_restore_relinks(mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    result = editing.delete_persona(doc, ids.persona)
    assert doc.rows("SELECT persona_id FROM journey WHERE id = ?", (ids.journey,)) == [(None,)]
    editing.apply(doc, result.inverse)
    assert doc.rows("SELECT persona_id FROM journey WHERE id = ?", (ids.journey,)) == [
        (ids.persona,)
    ]


def test_an_edit_that_changes_nothing_has_an_empty_inverse(mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    before = dump(doc.path)
    name = doc.rows("SELECT name FROM stage WHERE id = ?", (ids.stages[0],))[0][0]
    result = editing.rename_stage(doc, ids.stages[0], name)
    assert result.inverse == Edit("edit_stage", {"stage_id": ids.stages[0]})
    assert dump(doc.path) == before


def test_metric_bounds_are_inclusive(mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    for metric in BUILTIN_METRICS:
        for value in (
            metric.min_value,
            metric.max_value,
            (metric.min_value + metric.max_value) / 2,
        ):
            result = editing.set_measurement(doc, ids.tps[4], metric.key, value, "2024-06-01")
            stored = doc.rows("SELECT value FROM measurement WHERE id = ?", (result.created_id,))
            assert stored == [(float(value),)]


def test_session_objects_see_raw_position_changes(mapdoc: tuple[Document, Ids]) -> None:
    """ORM objects loaded before a reorder must not write stale positions back later."""
    doc, ids = mapdoc
    editing.reorder_stage(doc, ids.stages[4], 0)
    editing.edit_stage(doc, ids.stages[0], name="Still second")
    editing.reorder_stage(doc, ids.stages[0], 4)
    editing.edit_stage(doc, ids.stages[1], name="Now first")
    assert position_problems(doc) == []
    order = [r[0] for r in doc.rows("SELECT id FROM stage WHERE journey_id = ? ORDER BY position",
                                    (ids.journey,))]  # fmt: skip
    assert order == [ids.stages[4], ids.stages[1], ids.stages[2], ids.stages[3], ids.stages[0]]


# -- refused edits ----------------------------------------------------------------------------

NOT_A_NUMBER = [math.nan, math.inf, -math.inf, True, False, "5", None]
BAD_COLOURS = ["red", "#12345", "#1234567", "#gggggg", "123456", 123456, None]


def _measurement_cases() -> dict[str, tuple[Op, str]]:
    cases: dict[str, tuple[Op, str]] = {}
    for m in BUILTIN_METRICS:
        step = (m.max_value - m.min_value) / 1000
        for label, value in (("below", m.min_value - step), ("above", m.max_value + step)):
            cases[f"{m.key} {label} range"] = (
                lambda d, i, k=m.key, v=value: editing.set_measurement(
                    d, i.tps[0], k, v, "2024-01-01"
                ),
                f"{m.name} must be from {m.min_value:g}{m.unit} to {m.max_value:g}{m.unit}",
            )
        for value in NOT_A_NUMBER:
            cases[f"{m.key} {value!r}"] = (
                lambda d, i, k=m.key, v=value: editing.set_measurement(
                    d, i.tps[0], k, v, "2024-01-01"
                ),
                "must be a number",
            )
    cases["changed measurement out of range"] = (
        lambda d, i: editing.set_measurement(
            d, i.tps[0], "csat", 6, "2024-01-01", measurement_id=i.measurements[0]
        ),
        "CSAT must be from 1 to 5",
    )
    return cases


def _unknown_id_cases() -> dict[str, tuple[Op, str]]:
    missing = 987654
    calls: dict[str, tuple[Op, str]] = {
        "edit_stage": (lambda d, i: editing.edit_stage(d, missing, name="x"), "no stage"),
        "delete_stage": (lambda d, i: editing.delete_stage(d, missing), "no stage"),
        "reorder_stage": (lambda d, i: editing.reorder_stage(d, missing, 0), "no stage"),
        "add_stage": (lambda d, i: editing.add_stage(d, missing, "x"), "no journey"),
        "edit_lane": (lambda d, i: editing.edit_lane(d, missing, name="x"), "no lane"),
        "delete_lane": (lambda d, i: editing.delete_lane(d, missing), "no lane"),
        "add_touchpoint stage": (
            lambda d, i: editing.add_touchpoint(d, missing, i.lanes["Website"], "x"),
            "no stage",
        ),
        "add_touchpoint lane": (
            lambda d, i: editing.add_touchpoint(d, i.stages[0], missing, "x"),
            "no lane",
        ),
        "edit_touchpoint": (
            lambda d, i: editing.edit_touchpoint(d, missing, title="x"),
            "no touchpoint",
        ),
        "move_touchpoint": (
            lambda d, i: editing.move_touchpoint(d, missing, i.stages[0], i.lanes["Website"]),
            "no touchpoint",
        ),
        "delete_touchpoint": (
            lambda d, i: editing.delete_touchpoint(d, missing),
            "no touchpoint",
        ),
        "set_measurement touchpoint": (
            lambda d, i: editing.set_measurement(d, missing, "csat", 3, "2024-01-01"),
            "no touchpoint",
        ),
        "set_measurement metric": (
            lambda d, i: editing.set_measurement(d, i.tps[0], "happiness", 3, "2024-01-01"),
            "no metric 'happiness'",
        ),
        "set_measurement metric id": (
            lambda d, i: editing.set_measurement(d, i.tps[0], missing, 3, "2024-01-01"),
            "no metric",
        ),
        "set_measurement id": (
            lambda d, i: editing.set_measurement(
                d, i.tps[0], "csat", 3, "2024-01-01", measurement_id=missing
            ),
            "no measurement",
        ),
        "delete_measurement": (
            lambda d, i: editing.delete_measurement(d, missing),
            "no measurement",
        ),
        "edit_annotation": (
            lambda d, i: editing.edit_annotation(d, missing, text="x"),
            "no annotation",
        ),
        "add_annotation": (
            lambda d, i: editing.add_annotation(d, "note", "x", touchpoint_id=missing),
            "no touchpoint",
        ),
        "delete_annotation": (
            lambda d, i: editing.delete_annotation(d, missing),
            "no annotation",
        ),
        "edit_journey": (lambda d, i: editing.edit_journey(d, missing, name="x"), "no journey"),
        "edit_journey persona": (
            lambda d, i: editing.edit_journey(d, i.journey, persona_id=missing),
            "no persona",
        ),
        "delete_journey": (lambda d, i: editing.delete_journey(d, missing), "no journey"),
        "delete_persona": (lambda d, i: editing.delete_persona(d, missing), "no persona"),
        "set_text_cell": (
            lambda d, i: editing.set_text_cell(d, missing, i.lanes["Thoughts"], "x"),
            "no stage",
        ),
        "vote round": (
            lambda d, i: editing.vote(d, missing, "Ann", touchpoint_id=i.tps[0]),
            "no voting round",
        ),
        "vote target": (
            lambda d, i: editing.vote(d, i.round, "Cy", touchpoint_id=missing),
            "no touchpoint",
        ),
        "unvote": (lambda d, i: editing.unvote(d, missing), "no vote"),
        "delete_metric": (lambda d, i: editing.delete_metric(d, missing), "no metric"),
        "string id": (lambda d, i: editing.delete_stage(d, str(i.stages[0])), "no stage"),
        "bool id": (lambda d, i: editing.delete_stage(d, True), "no stage"),
        "none id": (lambda d, i: editing.edit_touchpoint(d, None, title="x"), "no touchpoint"),
    }
    return {f"unknown id: {k}": v for k, v in calls.items()}


def _empty_name_cases() -> dict[str, tuple[Op, str]]:
    cases: dict[str, tuple[Op, str]] = {}
    for blank in ("", "   ", None):
        cases |= {
            f"empty {blank!r}: add_stage": (
                lambda d, i, b=blank: editing.add_stage(d, i.journey, b),
                "stage's name cannot be empty",
            ),
            f"empty {blank!r}: rename_stage": (
                lambda d, i, b=blank: editing.rename_stage(d, i.stages[0], b),
                "stage's name cannot be empty",
            ),
            f"empty {blank!r}: add_lane": (
                lambda d, i, b=blank: editing.add_lane(d, i.journey, b),
                "lane's name cannot be empty",
            ),
            f"empty {blank!r}: add_touchpoint": (
                lambda d, i, b=blank: editing.add_touchpoint(d, i.stages[0], i.lanes["Website"], b),
                "touchpoint's title cannot be empty",
            ),
            f"empty {blank!r}: edit_touchpoint": (
                lambda d, i, b=blank: editing.edit_touchpoint(d, i.tps[0], title=b),
                "touchpoint's title cannot be empty",
            ),
            f"empty {blank!r}: add_journey": (
                lambda d, i, b=blank: editing.add_journey(d, b),
                "journey's name cannot be empty",
            ),
            f"empty {blank!r}: add_persona": (
                lambda d, i, b=blank: editing.add_persona(d, b),
                "persona's name cannot be empty",
            ),
            f"empty {blank!r}: annotation text": (
                lambda d, i, b=blank: editing.add_annotation(d, "note", b, stage_id=i.stages[0]),
                "annotation's text cannot be empty",
            ),
            f"empty {blank!r}: workspace name": (
                lambda d, i, b=blank: editing.edit_workspace(d, name=b),
                "workspace name cannot be empty",
            ),
            f"empty {blank!r}: participant": (
                lambda d, i, b=blank: editing.vote(d, i.round, b, touchpoint_id=i.tps[1]),
                "participant's name cannot be empty",
            ),
            f"empty {blank!r}: vote round": (
                lambda d, i, b=blank: editing.add_vote_round(d, i.journey, b),
                "voting round's name cannot be empty",
            ),
        }
    return cases


def _failing_batch(d: Document, i: Ids) -> EditResult:
    return editing.batch(
        d,
        [
            Edit("edit_touchpoint", {"touchpoint_id": i.tps[0], "title": "Changed"}),
            Edit("delete_stage", {"stage_id": i.stages[1]}),
            Edit("move_touchpoint", {"touchpoint_id": i.tps[1], "stage_id": i.stages[0],
                                     "lane_id": i.lanes["Emotion"]}),
        ],
    )  # fmt: skip


REFUSED: dict[str, tuple[Op, str]] = {
    **_measurement_cases(),
    **_unknown_id_cases(),
    **_empty_name_cases(),
    "move to a text lane": (
        lambda d, i: editing.move_touchpoint(d, i.tps[0], i.stages[0], i.lanes["Thoughts"]),
        "Touchpoints go in channel lanes; 'Thoughts' is a text lane",
    ),
    "move to the emotion lane": (
        lambda d, i: editing.move_touchpoint(d, i.tps[0], i.stages[0], i.lanes["Emotion"]),
        "'Emotion' is an emotion lane",
    ),
    "add to a text lane": (
        lambda d, i: editing.add_touchpoint(d, i.stages[0], i.lanes["Customer actions"], "x"),
        "Touchpoints go in channel lanes",
    ),
    "move to a stage of another journey": (
        lambda d, i: editing.move_touchpoint(d, i.tps[0], i.other_stage, i.lanes["Website"]),
        "different journeys",
    ),
    "move to a cell of another journey": (
        lambda d, i: editing.move_touchpoint(d, i.tps[0], i.other_stage, i.other_lane),
        "only be moved within its journey",
    ),
    "add in a stage and lane of two journeys": (
        lambda d, i: editing.add_touchpoint(d, i.other_stage, i.lanes["Website"], "x"),
        "different journeys",
    ),
    "text in a channel lane": (
        lambda d, i: editing.set_text_cell(d, i.stages[0], i.lanes["Website"], "x"),
        "'Website' is not a text lane",
    ),
    "annotation on a stage of another journey": (
        lambda d, i: editing.edit_annotation(d, i.anns[0], stage_id=i.other_stage),
        "That stage is in another journey",
    ),
    "annotation pinned twice": (
        lambda d, i: editing.add_annotation(
            d, "note", "x", touchpoint_id=i.tps[0], stage_id=i.stages[0]
        ),
        "exactly one touchpoint or one stage",
    ),
    "annotation pinned nowhere": (
        lambda d, i: editing.add_annotation(d, "note", "x"),
        "exactly one touchpoint or one stage",
    ),
    "annotation kind": (
        lambda d, i: editing.add_annotation(d, "rant", "x", stage_id=i.stages[0]),
        "kind must be one of pain_point, opportunity, idea, note, not 'rant'",
    ),
    "emotion 3": (lambda d, i: editing.edit_touchpoint(d, i.tps[0], emotion=3), "out of range"),
    "emotion -3": (lambda d, i: editing.edit_touchpoint(d, i.tps[0], emotion=-3), "out of range"),
    "emotion 1.5": (
        lambda d, i: editing.edit_touchpoint(d, i.tps[0], emotion=1.5),
        "whole number from -2 to 2",
    ),
    "emotion True": (
        lambda d, i: editing.edit_touchpoint(d, i.tps[0], emotion=True),
        "whole number from -2 to 2",
    ),
    "emotion text": (
        lambda d, i: editing.add_touchpoint(d, i.stages[0], i.lanes["Website"], "x", emotion="1"),
        "whole number from -2 to 2",
    ),
    "emotion inf": (
        lambda d, i: editing.edit_touchpoint(d, i.tps[0], emotion=-math.inf),
        "whole number from -2 to 2",
    ),
    "emotion nan": (
        lambda d, i: editing.edit_touchpoint(d, i.tps[0], emotion=math.nan),
        "whole number from -2 to 2",
    ),
    **{
        f"stage colour {c!r}": (
            lambda d, i, c=c: editing.edit_stage(d, i.stages[0], colour=c),
            "A colour must look like #1a2b3c",
        )
        for c in [*BAD_COLOURS, ""]
    },
    **{
        f"touchpoint colour {c!r}": (
            lambda d, i, c=c: editing.edit_touchpoint(d, i.tps[0], colour=c),
            "A colour must look like #1a2b3c",
        )
        for c in BAD_COLOURS
    },
    "persona colour": (
        lambda d, i: editing.add_persona(d, "P", colour="blue"),
        "A colour must look like #1a2b3c",
    ),
    "stage width": (
        lambda d, i: editing.resize_stage(d, i.stages[0], 10),
        "width must be from 120 to 4000",
    ),
    "stage width nan": (
        lambda d, i: editing.resize_stage(d, i.stages[0], math.nan),
        "width must be a number",
    ),
    "lane height": (
        lambda d, i: editing.resize_lane(d, i.lanes["Website"], 1e9),
        "height must be from 32 to 3000",
    ),
    "unknown field": (
        lambda d, i: editing.edit_stage(d, i.stages[0], size=3),
        "Cannot edit size here",
    ),
    "channel kind on a text lane": (
        lambda d, i: editing.edit_lane(d, i.lanes["Thoughts"], channel_kind="online"),
        "Cannot edit channel_kind here",
    ),
    "bad channel kind": (
        lambda d, i: editing.add_lane(d, i.journey, "x", channel_kind="satellite"),
        "A channel must be one of online, offline",
    ),
    "second emotion lane": (
        lambda d, i: editing.add_lane(d, i.journey, "Mood", kind="emotion"),
        "already has an emotion lane",
    ),
    "journey state": (
        lambda d, i: editing.edit_journey(d, i.journey, state="past"),
        "state must be one of current, future",
    ),
    "evidence": (
        lambda d, i: editing.edit_touchpoint(d, i.tps[0], evidence="rumour"),
        "Evidence must be one of observed, assumed, proposed",
    ),
    "reorder index text": (
        lambda d, i: editing.reorder_stage(d, i.stages[0], "2"),
        "A position must be a whole number",
    ),
    "reorder index bool": (
        lambda d, i: editing.reorder_lane(d, i.lanes["Website"], True),
        "A position must be a whole number",
    ),
    "measurement date": (
        lambda d, i: editing.set_measurement(d, i.tps[0], "csat", 3, "10/01/2024"),
        "A date must be written YYYY-MM-DD",
    ),
    "sample size": (
        lambda d, i: editing.set_measurement(d, i.tps[0], "csat", 3, "2024-01-01", sample_size=0),
        "sample size must be a whole number of 1 or more",
    ),
    "measurement of another touchpoint": (
        lambda d, i: editing.set_measurement(
            d, i.tps[1], "csat", 3, "2024-01-01", measurement_id=i.measurements[0]
        ),
        "belongs to another touchpoint",
    ),
    "metric key": (
        lambda d, i: editing.add_metric(d, "Wait Time", "Wait", 0, 10),
        "lower-case letters",
    ),
    "metric key taken": (
        lambda d, i: editing.add_metric(d, "csat", "Again", 0, 10),
        "already a metric 'csat'",
    ),
    "metric bounds": (
        lambda d, i: editing.add_metric(d, "wait", "Wait", 10, 10),
        "lowest value must be below its highest",
    ),
    "delete a built-in metric": (
        lambda d, i: editing.delete_metric(d, 1),
        "built in and cannot be deleted",
    ),
    "votes beyond the dots": (
        lambda d, i: editing.vote(d, i.round, "Ann", touchpoint_id=i.tps[2]),
        "Ann has used all 2 dots in this round",
    ),
    "votes beyond the dots after two new ones": (
        lambda d, i: editing.vote(d, i.round, "Cy", touchpoint_id=i.tps[4]),
        "Cy has used all 2 dots",
    ),
    "closed round": (
        lambda d, i: editing.vote(d, i.round, "Dee", touchpoint_id=i.tps[2]),
        "Voting round 'Workshop' is closed",
    ),
    "hidden round": (
        lambda d, i: editing.vote(d, i.round, "Dee", touchpoint_id=i.tps[2]),
        "is closed",
    ),
    "round state": (
        lambda d, i: editing.set_vote_round_state(d, i.round, "paused"),
        "state must be one of open, closed, hidden",
    ),
    "vote on another journey": (
        lambda d, i: editing.vote(d, i.round, "Dee", touchpoint_id=i.other_tp),
        "another journey than the voting round",
    ),
    "vote on two things": (
        lambda d, i: editing.vote(
            d, i.round, "Dee", touchpoint_id=i.tps[0], annotation_id=i.anns[0]
        ),
        "exactly one touchpoint or one annotation",
    ),
    "dots per participant": (
        lambda d, i: editing.add_vote_round(d, i.journey, "R", 0),
        "Dots per participant must be from 1 to 50",
    ),
    "batch failing at its last step": (_failing_batch, "'Emotion' is an emotion lane"),
    "unknown operation": (
        lambda d, i: editing.apply(d, Edit("teleport", {})),
        "Unknown operation 'teleport'",
    ),
    "unknown operation in a batch": (
        lambda d, i: editing.batch(
            d, [Edit("delete_stage", {"stage_id": i.stages[0]}), Edit("teleport", {})]
        ),
        "Unknown operation 'teleport'",
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_edit_changes_nothing(name: str, mapdoc: tuple[Document, Ids]) -> None:
    doc, ids = mapdoc
    op, message = REFUSED[name]
    if name in SETUP:
        SETUP[name](doc, ids)
    before = dump(doc.path)
    with pytest.raises(EditError) as info:
        op(doc, ids)
    text = str(info.value)
    assert message in text
    assert text[0].isupper() or text[0] in "'\"", text
    assert text.endswith("."), text
    assert "Traceback" not in text and "sqlite" not in text.lower()
    assert dump(doc.path) == before
    assert position_problems(doc) == []
    # The document is still usable after the refusal.
    editing.rename_stage(doc, ids.stages[0], "Still editable")
    assert doc.rows("SELECT name FROM stage WHERE id = ?", (ids.stages[0],)) == [
        ("Still editable",)
    ]
