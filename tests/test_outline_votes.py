"""The Outline dock shows each touchpoint's visible dot-votes and follows vote edits and undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import ids, make_workspace, open_window, settle


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, make_workspace(tmp_path / "map.jmap"))


def _row(win: MainWindow, tp_id: int) -> str:
    return win.outline_dock.panel.tp_items[tp_id].text()


def test_vote_count_follows_votes_undo_and_hidden_rounds(window: MainWindow) -> None:
    ctl = window.controller
    _, _, cards = ids(window)
    pricing = cards["Pricing page"]
    made = ctl.run("New round", editing.add_vote_round, journey_id=ctl.journey_id, name="Pains")
    assert made is not None
    round_id = made.created_id
    assert _row(window, pricing) == "Pricing page"

    for who in ("P1", "P2"):
        assert ctl.run(
            "Vote", editing.vote, round_id=round_id, participant=who, touchpoint_id=pricing
        )
    settle()
    assert _row(window, pricing) == "Pricing page  ·  2 votes"
    assert _row(window, cards["Landing page"]) == "Landing page"

    ctl.undo_stack.undo()  # unvote: the change names the vote, not the touchpoint
    settle()
    assert _row(window, pricing) == "Pricing page  ·  1 vote"
    ctl.undo_stack.redo()
    settle()
    assert _row(window, pricing) == "Pricing page  ·  2 votes"

    assert ctl.run("Hide", editing.set_vote_round_state, round_id=round_id, state="hidden")
    settle()
    assert _row(window, pricing) == "Pricing page"
    ctl.undo_stack.undo()
    settle()
    assert _row(window, pricing) == "Pricing page  ·  2 votes"

    # a rename keeps the count; search still matches the title only
    assert ctl.run("Rename", editing.edit_touchpoint, touchpoint_id=pricing, title="Plans")
    settle()
    assert _row(window, pricing) == "Plans  ·  2 votes"
    panel = window.outline_dock.panel
    panel.search.setText("votes")
    assert panel.status.text() == "0 of 3 touchpoints match"
