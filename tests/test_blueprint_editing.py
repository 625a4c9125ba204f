"""Service blueprint edits: steps in layers, connectors, the view, and the v4 -> v5 upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.model.document import SCHEMA_VERSION, Document
from journeymapper.model.errors import EditError
from journeymapper.store.blueprint_queries import connectors_of, journey_view
from journeymapper.store.journey_data import load_journey
from tests.conftest import dump, position_problems

V4_FILE = Path(__file__).parent / "data" / "v4.jmap"


def _setup(doc: Document) -> dict[str, int]:
    journey = doc.rows("SELECT id FROM journey")[0][0]
    stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
    lanes = {r[1]: r[0] for r in doc.rows("SELECT id, name FROM lane")}
    front = editing.add_lane(doc, journey, "Desk staff", kind="frontstage").created_id
    back = editing.add_lane(doc, journey, "Kitchen", kind="backstage").created_id
    tp = editing.add_touchpoint(doc, stages[0], lanes["Website"], "Order").created_id
    step = editing.add_touchpoint(
        doc, stages[0], front, "Take order", owner="Front desk", system="POS", duration_min=2
    ).created_id
    cook = editing.add_touchpoint(
        doc, stages[1], back, "Cook", owner="Kitchen", wait_min=25, failure_point=True
    ).created_id
    assert None not in (front, back, tp, step, cook)
    return {"journey": journey, "front": front, "back": back, "tp": tp, "step": step,
            "cook": cook, "stage0": stages[0]}  # fmt: skip


def test_steps_carry_their_fields_and_refuse_bad_ones(doc: Document) -> None:
    ids = _setup(doc)
    data = load_journey(doc, ids["journey"])
    cook = data.touchpoints[ids["cook"]]
    assert (cook.owner, cook.wait_min, cook.failure_point) == ("Kitchen", 25.0, True)
    assert data.touchpoints[ids["step"]].system == "POS"
    assert data.touchpoints[ids["tp"]].system is None
    before = dump(doc)
    for field, value, message in [
        ("wait_min", -1, "A wait \\(minutes\\) must be from 0"),
        ("duration_min", "long", "A duration \\(minutes\\) must be a number"),
        ("wait_min", float("inf"), "must be a number"),
    ]:
        with pytest.raises(EditError, match=message):
            editing.edit_touchpoint(doc, ids["cook"], **{field: value})
    assert dump(doc) == before
    undo = editing.edit_touchpoint(doc, ids["cook"], wait_min=None, system="KDS").inverse
    assert load_journey(doc, ids["journey"]).touchpoints[ids["cook"]].wait_min is None
    editing.apply(doc, undo)
    assert dump(doc) == before


def test_connectors_are_validated(doc: Document) -> None:
    ids = _setup(doc)
    other = editing.add_journey(doc, "Other").created_id
    stage = editing.add_stage(doc, other, "S").created_id
    lane = editing.add_lane(doc, other, "L", kind="backstage").created_id
    foreign = editing.add_touchpoint(doc, stage, lane, "Elsewhere").created_id
    editing.add_connector(doc, ids["tp"], ids["step"])
    before = dump(doc)
    cases = [
        ((ids["tp"], ids["tp"]), {}, "not to the same card"),
        ((ids["tp"], foreign), {}, "same journey"),
        ((ids["tp"], ids["step"]), {}, "already connected"),
        ((ids["step"], ids["cook"]), {"kind": "teleport"}, "kind must be one of"),
        ((ids["step"], 99999), {}, "no target card with id 99999"),
        ((ids["step"], ids["cook"]), {"label": "x" * 201}, "at most 200"),
    ]
    for (source, target), extra, message in cases:
        with pytest.raises(EditError, match=message):
            editing.add_connector(doc, source, target, **extra)
    assert dump(doc) == before
    # The reverse direction is another connector.
    editing.add_connector(doc, ids["step"], ids["tp"], "dependency")


def test_deleting_a_card_takes_its_connectors_and_undo_brings_them_back(doc: Document) -> None:
    ids = _setup(doc)
    a = editing.add_connector(doc, ids["tp"], ids["step"], "flow", "Orders").created_id
    b = editing.add_connector(doc, ids["step"], ids["cook"], "handoff", "Ticket").created_id
    c = editing.add_connector(doc, ids["tp"], ids["cook"], "dependency").created_id
    before = dump(doc)
    result = editing.delete_touchpoint(doc, ids["step"])
    assert result.changes.of("connector") == {a, b}
    assert set(connectors_of(doc, [ids["tp"], ids["cook"]])) == {c}
    redo = editing.apply(doc, result.inverse).inverse
    assert dump(doc) == before
    restored = connectors_of(doc, [ids["step"]])
    assert (restored[a].label, restored[b].kind) == ("Orders", "handoff")
    editing.apply(doc, redo)
    assert doc.rows("SELECT count(*) FROM connector")[0][0] == 1
    # Deleting the whole layer lane takes its cards' connectors too.
    editing.apply(doc, editing.delete_lane(doc, ids["back"]).inverse)
    assert doc.rows("PRAGMA foreign_key_check") == []
    assert position_problems(doc) == []


def test_edit_connector_and_its_inverse(doc: Document) -> None:
    ids = _setup(doc)
    conn = editing.add_connector(doc, ids["tp"], ids["step"]).created_id
    assert conn is not None
    before = dump(doc)
    inverse = editing.edit_connector(doc, conn, kind="handoff", label="Hands over").inverse
    assert connectors_of(doc, [ids["tp"]])[conn].label == "Hands over"
    editing.apply(doc, inverse)
    assert dump(doc) == before
    delete = editing.delete_connector(doc, conn)
    assert connectors_of(doc, [ids["tp"]]) == {}
    editing.apply(doc, delete.inverse)
    assert dump(doc) == before


def test_the_view_is_remembered_per_journey_and_undoable(doc: Document) -> None:
    ids = _setup(doc)
    other = editing.add_journey(doc, "Other").created_id
    assert journey_view(doc, ids["journey"]) == "journey"
    inverse = editing.set_journey_view(doc, ids["journey"], "blueprint").inverse
    assert journey_view(doc, ids["journey"]) == "blueprint"
    assert journey_view(doc, other) == "journey"
    editing.apply(doc, inverse)
    assert journey_view(doc, ids["journey"]) == "journey"
    with pytest.raises(EditError, match="view must be one of"):
        editing.set_journey_view(doc, ids["journey"], "gallery")


def test_duplicating_a_journey_copies_its_connectors(doc: Document) -> None:
    ids = _setup(doc)
    editing.add_connector(doc, ids["tp"], ids["cook"], "handoff", "Ticket")
    copy = editing.duplicate_journey(doc, ids["journey"], "Future").created_id
    assert copy is not None
    data = load_journey(doc, copy)
    (conn,) = data.connectors.values()
    assert data.touchpoints[conn.source_id].title == "Order"
    assert data.touchpoints[conn.target_id].title == "Cook"
    assert conn.label == "Ticket"


def test_v4_file_migrates_with_a_backup_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.jmap"
    path.write_bytes(V4_FILE.read_bytes())
    original = path.read_bytes()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    old = dump(path)
    conn.close()
    doc = Document.open(path)
    try:
        assert doc.migrated_from == 4 and SCHEMA_VERSION >= 5  # on to 6: the cell index
        assert doc.backup_path is not None and doc.backup_path.read_bytes() == original
        raw = doc.raw_connection()
        tp_cols = (
            "id, journey_id, stage_id, lane_id, position, title, description, "
            "interaction, owner, emotion, colour, evidence, origin_id"
        )
        assert (
            raw.execute(f"SELECT {tp_cols} FROM touchpoint ORDER BY 1").fetchall()
            == old["touchpoint"]
        )
        for table in ("stage", "lane", "annotation", "opportunity", "opportunity_link"):
            assert raw.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall() == old[table]
        steps = raw.execute(
            "SELECT count(*) FROM touchpoint WHERE system IS NOT NULL OR wait_min IS NOT NULL "
            "OR duration_min IS NOT NULL OR failure_point IS NOT NULL"
        ).fetchone()
        assert steps == (0,)
        assert raw.execute("SELECT count(*) FROM connector").fetchone() == (0,)
        # The upgraded file takes blueprint edits at once.
        journey, first = doc.rows("SELECT journey_id, id FROM touchpoint ORDER BY id")[0]
        lane = editing.add_lane(doc, journey, "Support", kind="support_process").created_id
        stage = doc.rows("SELECT id FROM stage WHERE journey_id = ?", (journey,))[0][0]
        step = editing.add_touchpoint(doc, stage, lane, "Sync stock", wait_min=5).created_id
        assert editing.add_connector(doc, first, step, "dependency").created_id
    finally:
        doc.close()
    again = Document.open(path)
    assert again.migrated_from is None
    again.close()
