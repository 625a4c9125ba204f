"""The portfolio's editing operations: validation messages, links, and their inverses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.model.errors import EditError
from tests.conftest import dump


@pytest.fixture
def places(doc: Document) -> dict[str, int]:
    stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
    lanes = {r[1]: r[0] for r in doc.rows("SELECT id, name FROM lane")}
    tp = editing.add_touchpoint(doc, stages[1], lanes["Website"], "Checkout").created_id
    pain = editing.add_annotation(doc, "pain_point", "Slow", touchpoint_id=tp).created_id
    note = editing.add_annotation(doc, "note", "FYI", stage_id=stages[0]).created_id
    assert tp and pain and note
    return {"stage": stages[1], "tp": tp, "pain": pain, "note": note}


def _undo_redo(doc: Document, result: editing.EditResult) -> None:
    """Undo ``result`` and redo it, checking the file returns to each state."""
    after = dump(doc)
    redo = editing.apply(doc, result.inverse).inverse
    editing.apply(doc, redo)
    assert dump(doc) == after


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": 0}, "Value must be a whole number from 1 to 5, not 0"),
        ({"effort": 6}, "Effort must be a whole number from 1 to 5, not 6"),
        ({"value": 2.5}, "Value must be a whole number from 1 to 5"),
        ({"confidence": "sure"}, "Confidence must be one of low, medium, high"),
        ({"status": "stuck"}, "status must be one of idea, planned, in_progress, done"),
        ({"due_on": "next week"}, "A date must be written YYYY-MM-DD"),
        ({"title": "  "}, "An opportunity's title cannot be empty"),
    ],
)
def test_bad_opportunity_fields_get_clear_messages(
    doc: Document, fields: dict[str, Any], message: str
) -> None:
    before = dump(doc)
    with pytest.raises(EditError, match=message):
        editing.add_opportunity(doc, **{"title": "Faster checkout", **fields})
    assert dump(doc) == before


def test_add_edit_delete_opportunity_round_trip(doc: Document) -> None:
    start = dump(doc)
    added = editing.add_opportunity(doc, "Faster checkout", owner=" Ops ", due_on="2026-05-01")
    assert doc.rows("SELECT title, owner, due_on FROM opportunity") == [
        ("Faster checkout", "Ops", "2026-05-01")
    ]
    opp = added.created_id
    assert opp is not None
    moved = editing.edit_opportunity(doc, opp, value=5, effort=1)  # one matrix drag
    assert moved.inverse.args == {"opportunity_id": opp, "value": 3, "effort": 3}
    _undo_redo(doc, moved)
    started = editing.edit_opportunity(doc, opp, status="in_progress")
    assert doc.rows("SELECT started_on FROM opportunity") == [(dt.date.today().isoformat(),)]
    assert started.inverse.args == {"opportunity_id": opp, "status": "idea", "started_on": None}
    _undo_redo(doc, started)
    gone = editing.delete_opportunity(doc, opp)
    assert doc.rows("SELECT count(*) FROM opportunity") == [(0,)]
    _undo_redo(doc, gone)
    editing.apply(doc, editing.apply(doc, gone.inverse).inverse)  # restore, delete again
    assert dump(doc) == start


def test_links_to_pain_points_touchpoints_and_stages(doc: Document, places: dict[str, int]) -> None:
    opp = editing.add_opportunity(doc, "Faster checkout").created_id
    assert opp is not None
    linked = editing.link_opportunity(doc, opp, annotation_id=places["pain"])
    assert linked.changes.of("annotation") == {places["pain"]}
    assert places["tp"] in linked.changes.of("touchpoint")  # the card redraws as answered
    editing.link_opportunity(doc, opp, touchpoint_id=places["tp"])
    editing.link_opportunity(doc, opp, stage_id=places["stage"])
    with pytest.raises(EditError, match="already linked"):
        editing.link_opportunity(doc, opp, annotation_id=places["pain"])
    with pytest.raises(EditError, match="Only pain points .* this is a note"):
        editing.link_opportunity(doc, opp, annotation_id=places["note"])
    with pytest.raises(EditError, match="exactly one pain point, touchpoint or stage"):
        editing.link_opportunity(doc, opp, touchpoint_id=places["tp"], stage_id=places["stage"])
    with pytest.raises(EditError, match="There is no pain point with id 9999"):
        editing.link_opportunity(doc, opp, annotation_id=9999)
    unlinked = editing.unlink_opportunity(doc, opp, stage_id=places["stage"])
    _undo_redo(doc, unlinked)
    with pytest.raises(EditError, match="not linked"):
        editing.unlink_opportunity(doc, opp, stage_id=places["stage"])


def test_deleting_a_pain_point_unlinks_it_and_undo_relinks(
    doc: Document, places: dict[str, int]
) -> None:
    opp = editing.add_opportunity(doc, "Faster checkout").created_id
    assert opp is not None
    editing.link_opportunity(doc, opp, annotation_id=places["pain"])
    links = doc.rows("SELECT * FROM opportunity_link")
    deleted = editing.delete_annotation(doc, places["pain"])
    assert doc.rows("SELECT count(*) FROM opportunity_link") == [(0,)]
    assert opp in deleted.changes.of("opportunity")  # the portfolio refreshes
    editing.apply(doc, deleted.inverse)
    assert doc.rows("SELECT * FROM opportunity_link") == links
    # Deleting the card under it goes the same way.
    deleted = editing.delete_touchpoint(doc, places["tp"])
    assert doc.rows("SELECT count(*) FROM opportunity_link") == [(0,)]
    editing.apply(doc, deleted.inverse)
    assert doc.rows("SELECT * FROM opportunity_link") == links


def test_targets_are_validated_against_their_metric(doc: Document, places: dict[str, int]) -> None:
    opp = editing.add_opportunity(doc, "Faster checkout").created_id
    tp = places["tp"]
    with pytest.raises(EditError, match="There is no metric 'happiness'"):
        editing.add_target(doc, opp, "happiness", 5, touchpoint_id=tp)
    with pytest.raises(EditError, match="cannot be set there: CSAT must be from 1 to 5; 7 is"):
        editing.add_target(doc, opp, "csat", 7, touchpoint_id=tp)
    with pytest.raises(EditError, match="must improve Customer Effort Score: lower is better"):
        editing.add_target(doc, opp, "ces", 6, touchpoint_id=tp, from_value=4)
    with pytest.raises(EditError, match="exactly one touchpoint or one stage"):
        editing.add_target(doc, opp, "csat", 4, touchpoint_id=tp, stage_id=places["stage"])
    with pytest.raises(EditError, match="A date must be written"):
        editing.add_target(doc, opp, "csat", 4, touchpoint_id=tp, by_date="2026-13-01")
    added = editing.add_target(
        doc, opp, "ces", 3, touchpoint_id=tp, from_value=5, by_date="2026-09-30"
    )
    assert tp in added.changes.of("touchpoint")
    target = added.created_id
    with pytest.raises(EditError, match="does not improve on 5"):
        editing.edit_target(doc, target, to_value=6)
    edited = editing.edit_target(doc, target, to_value=2.5, by_date=None)
    assert edited.inverse.args == {
        "target_id": target,
        "to_value": 3.0,
        "by_date": dt.date(2026, 9, 30),
    }
    _undo_redo(doc, edited)
    stage_target = editing.add_target(doc, opp, "drop_off_rate", 20, stage_id=places["stage"])
    _undo_redo(doc, stage_target)


def test_solutions_hang_under_their_opportunity(doc: Document) -> None:
    opp = editing.add_opportunity(doc, "Faster checkout").created_id
    first = editing.add_solution(doc, opp, "Express lane", owner="Ops").created_id
    editing.add_solution(doc, opp, "Self-scan", index=0)
    assert doc.rows("SELECT title, position FROM solution ORDER BY position") == [
        ("Self-scan", 0),
        ("Express lane", 1),
    ]
    with pytest.raises(EditError, match="A solution's status must be one of idea, testing"):
        editing.edit_solution(doc, first, status="maybe")
    _undo_redo(doc, editing.edit_solution(doc, first, status="adopted"))
    with pytest.raises(EditError, match="There is no opportunity with id 77"):
        editing.add_solution(doc, 77, "Orphan")
    before = dump(doc)
    gone = editing.delete_opportunity(doc, opp)
    assert doc.rows("SELECT count(*) FROM solution") == [(0,)]
    editing.apply(doc, gone.inverse)
    assert dump(doc) == before
