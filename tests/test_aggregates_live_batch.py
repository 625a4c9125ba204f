"""The Charts dock's live sums follow a batch that also touches another journey's cards."""

from __future__ import annotations

from pathlib import Path

from journeymapper import editing
from journeymapper.analysis.aggregates_live import LiveAggregates
from journeymapper.editing import Edit
from journeymapper.editing.copy import duplicate_journey
from journeymapper.templates import create_workspace
from tests.aggregates_support import assert_live_aggregates_agree


def test_a_batch_renaming_a_card_and_deleting_one_of_another_journey(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "retail.jmap", "retail") as doc:
        shown = doc.rows("SELECT id FROM journey ORDER BY position, id LIMIT 1")[0][0]
        other = duplicate_journey(doc, shown, "Future").created_id
        live = LiveAggregates(doc, shown)
        live.all_sums()  # the sums exist: a rename is patched into them in place
        mine = doc.rows("SELECT id FROM touchpoint WHERE journey_id = ? LIMIT 1", (shown,))[0][0]
        theirs = doc.rows("SELECT id FROM touchpoint WHERE journey_id = ? LIMIT 1", (other,))[0][0]
        result = editing.batch(
            doc,
            [
                Edit("edit_touchpoint", {"touchpoint_id": mine, "title": "Renamed"}),
                Edit("delete_touchpoint", {"touchpoint_id": theirs}),
            ],
        )
        live.apply(result.changes)  # raised KeyError on the other journey's card
        assert_live_aggregates_agree(live, doc, shown)
