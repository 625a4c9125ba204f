"""The editing machinery itself: naming operations by function, and the one delete/restore."""

from __future__ import annotations

import pytest

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.model.document import Document
from journeymapper.model.errors import EditError
from tests.conftest import dump


def test_perform_takes_the_function_or_its_name(doc: Document) -> None:
    with doc.transaction() as s:
        by_function = editing.perform(s, editing.add_journey, name="By function").created_id
        by_name = editing.perform(s, "add_journey", name="By name").created_id
    assert by_function is not None and by_name is not None
    with doc.transaction() as s:
        renamed = editing.perform(s, editing.edit_journey, journey_id=by_name, name="Renamed")
    assert renamed.inverse == Edit("edit_journey", {"journey_id": by_name, "name": "By name"})


def test_perform_and_edit_of_refuse_what_is_not_an_operation(doc: Document) -> None:
    """rename_stage is a convenience over edit_stage, not a registered operation."""
    with doc.transaction() as s, pytest.raises(EditError, match="not an editing operation"):
        editing.perform(s, editing.rename_stage, stage_id=1, name="x")
    with pytest.raises(EditError, match="not an editing operation"):
        Edit.of(editing.resize_lane, lane_id=1, height=40)
    with doc.transaction() as s, pytest.raises(EditError, match="Unknown operation"):
        editing.perform(s, "no_such_operation")


@pytest.mark.parametrize(
    ("delete", "restore", "id_arg"),
    [
        ("delete_persona", "restore_persona", "persona_id"),
        ("delete_journey", "restore_journey", "journey_id"),
        ("delete_stage", "restore_stage", "stage_id"),
        ("delete_lane", "restore_lane", "lane_id"),
        ("delete_touchpoint", "restore_touchpoint", "touchpoint_id"),
        ("delete_metric", "restore_metric", "metric_id"),
        ("delete_measurement", "restore_measurement", "measurement_id"),
        ("delete_annotation", "restore_annotation", "annotation_id"),
        ("delete_vote_round", "restore_vote_round", "round_id"),
        ("unvote", "restore_vote", "vote_id"),
    ],
)
def test_removals_keep_their_names_and_arguments(delete: str, restore: str, id_arg: str) -> None:
    """Recorded undo stacks and files name these operations and arguments: they must not drift."""
    assert {delete, restore} <= set(editing.operation_names())
    assert getattr(editing, delete).__name__ == delete
    assert Edit.of(getattr(editing, delete), **{id_arg: 1}) == Edit(delete, {id_arg: 1})
    # Arguments are checked before the session is touched, so no document is needed here.
    with pytest.raises(TypeError):
        editing.perform(None, delete, **{id_arg: 1, "unexpected": 2})  # type: ignore[arg-type]
    with pytest.raises(EditError, match="There is no"):
        editing.perform(None, delete, **{id_arg: "x"})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        editing.perform(None, restore)  # type: ignore[arg-type]


def test_deleting_a_persona_unlinks_its_journeys_and_undo_links_them_back(doc: Document) -> None:
    persona = editing.add_persona(doc, "Pat").created_id
    journey = editing.add_journey(doc, "Pat's way", persona_id=persona).created_id
    before = dump(doc)
    deleted = editing.delete_persona(doc, persona)
    assert set(deleted.inverse.args) == {"captured", "journey_ids"}
    assert deleted.inverse.args["journey_ids"] == [journey]
    assert journey in deleted.changes.of("journey")
    restored = editing.apply(doc, deleted.inverse)
    assert restored.inverse == Edit("delete_persona", {"persona_id": persona})
    assert journey in restored.changes.of("journey")
    assert dump(doc) == before
