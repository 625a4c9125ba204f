"""The card move rules (drop of a selection, arrow-key nudge), without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from journeymapper import editing
from journeymapper.editing.moves import move_edits, nudge_edits
from journeymapper.store.journey_data import load_journey
from tests.conftest import blank_map


def _args(edits: list[editing.Edit]) -> list[tuple[int, int, int, int | None]]:
    assert {e.op for e in edits} == {"move_touchpoint"}
    return [
        (e.args["touchpoint_id"], e.args["stage_id"], e.args["lane_id"], e.args.get("index"))
        for e in edits
    ]


def test_one_card_moves_straight_to_its_index() -> None:
    assert _args(move_edits([7], 1, 2, 3)) == [(7, 1, 2, 3)]


def test_several_cards_go_to_the_end_first_then_to_their_places_in_order() -> None:
    assert _args(move_edits([5, 9, 4], 1, 2, 1)) == [
        (5, 1, 2, None),
        (9, 1, 2, None),
        (4, 1, 2, None),
        (5, 1, 2, 1),
        (9, 1, 2, 2),
        (4, 1, 2, 3),
    ]


def test_nudge_moves_to_the_neighbouring_cell_and_keeps_cards_on_the_map() -> None:
    cells = {1: (10, 20), 2: (11, 21), 3: (12, 20)}
    stages, lanes = [10, 11, 12], [20, 21]
    assert _args(nudge_edits([1, 2, 3], cells, stages, lanes, 1, 0)) == [
        (1, 11, 20, None),
        (2, 12, 21, None),
    ]
    assert _args(nudge_edits([1, 2, 3], cells, stages, lanes, 0, 1)) == [
        (1, 10, 21, None),
        (3, 12, 21, None),
    ]
    assert nudge_edits([2], cells, stages, lanes, 0, 1) == []


def test_a_selection_dropped_into_a_cell_lands_in_order_at_the_index(tmp_path: Path) -> None:
    doc, journey, stages, lanes = blank_map(tmp_path / "w.jmap")
    web, store = lanes["Website"], lanes["Store"]
    stays = [editing.add_touchpoint(doc, stages[0], web, t).created_id for t in ("A", "B")]
    movers = [editing.add_touchpoint(doc, stages[1], store, t).created_id for t in ("X", "Y", "Z")]
    # Picked out of order: the rule keeps the order it is given.
    movers = [movers[2], movers[0], movers[1]]
    for edit in move_edits(movers, stages[0], web, 1):
        editing.apply(doc, edit)
    after = load_journey(doc, journey)
    assert [t.id for t in after.cell(stages[0], web)] == [stays[0], *movers, stays[1]]
    assert after.cell(stages[1], store) == []
    doc.close()


def test_the_rule_module_imports_no_qt() -> None:
    code = "import sys, journeymapper.editing.moves; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
