"""Two people on one team workspace at once: nothing corrupt, nothing lost, undo stays theirs."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.model.errors import EditError
from journeymapper.team import server_schema
from journeymapper.team.document import TeamDocument
from journeymapper.templates import create_workspace
from tests.conftest import position_problems
from tests.team.support import open_team, publish_copy, team_dump


@pytest.fixture
def shared_url(team_url: str, tmp_path: Path) -> str:
    """A published workspace whose first cell holds six cards; the URL that opens it."""
    doc = create_workspace(tmp_path / "map.jmap", "blank")
    stage = doc.rows("SELECT id FROM stage ORDER BY position")[0][0]
    lane = doc.rows("SELECT id FROM lane WHERE name = 'Website'")[0][0]
    for i in range(6):
        editing.add_touchpoint(doc, stage, lane, f"Card {i}")
    doc.close()
    server_schema.init_server(team_url)
    return publish_copy(tmp_path / "map.jmap", team_url)


def _cell(doc: TeamDocument) -> tuple[int, int, list[int]]:
    stage, lane = doc.rows("SELECT stage_id, lane_id FROM touchpoint ORDER BY id LIMIT 1")[0]
    ids = [
        r[0]
        for r in doc.rows(
            "SELECT id FROM touchpoint WHERE stage_id = ? AND lane_id = ? ORDER BY position",
            (stage, lane),
        )
    ]
    return stage, lane, ids


def test_concurrent_reorders_in_one_cell_keep_positions_and_both_moves(shared_url: str) -> None:
    a, b = open_team(shared_url), open_team(shared_url)
    stage, lane, cards = _cell(a)
    rng = random.Random(7)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def move(doc: TeamDocument, card: int, index: int | None) -> None:
        try:
            start.wait()
            editing.move_touchpoint(doc, card, stage, lane, index)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    try:
        for _ in range(300):
            first, last = rng.sample(cards, 2)
            threads = [
                threading.Thread(target=move, args=(a, first, 0)),
                threading.Thread(target=move, args=(b, last, None)),
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert errors == []
            order = _cell(a)[2]
            # Either order of commit leaves both moves applied: first in front, last at the end.
            assert order[0] == first and order[-1] == last
            assert sorted(order) == sorted(cards)
        assert position_problems(a) == []
        assert len(a.rows("SELECT seq FROM jm_edit")) == 600  # every edit logged, none lost
    finally:
        a.close()
        b.close()


def test_same_field_later_wins_and_stale_undo_is_refused(shared_url: str) -> None:
    a, b = open_team(shared_url), open_team(shared_url)
    try:
        _, _, cards = _cell(a)
        mine = editing.edit_touchpoint(a, cards[0], title="Ann's title")
        theirs = editing.edit_touchpoint(b, cards[0], title="Bo's title")
        assert a.rows("SELECT title FROM touchpoint WHERE id = ?", (cards[0],)) == [("Bo's title",)]
        before = team_dump(a)
        with pytest.raises(EditError, match="can no longer be undone"):
            editing.apply(a, mine.inverse, undoing=mine)
        assert team_dump(a) == before  # refused: nothing written
        # Bo may undo his own step (nobody changed the card since), and Ann an untouched one.
        editing.apply(b, theirs.inverse, undoing=theirs)
        other = editing.edit_touchpoint(a, cards[1], owner="Ann")
        editing.apply(a, other.inverse, undoing=other)
        rows = a.rows(
            "SELECT id, title, owner FROM touchpoint WHERE id IN (?, ?) ORDER BY id",
            (cards[0], cards[1]),
        )
        assert rows == [(cards[0], "Ann's title", ""), (cards[1], "Card 1", "")]
    finally:
        a.close()
        b.close()


def test_rows_held_from_an_earlier_edit_are_read_again_after_someone_elses(
    shared_url: str,
) -> None:
    """An edit keeps its rows for the next one only while nobody else edited in between."""
    a, b = open_team(shared_url), open_team(shared_url)
    try:
        card = _cell(a)[2][0]
        editing.edit_touchpoint(a, card, title="A1")
        editing.edit_touchpoint(b, card, title="B")
        second = editing.edit_touchpoint(a, card, title="A2")  # must see "B" as the old title
        editing.apply(a, second.inverse, undoing=second)
        assert a.rows("SELECT title FROM touchpoint WHERE id = ?", (card,))[0][0] == "B"
        third = editing.edit_touchpoint(a, card, title="A3")  # nobody between: rows kept
        editing.apply(a, third.inverse, undoing=third)
        assert b.rows("SELECT title FROM touchpoint WHERE id = ?", (card,))[0][0] == "B"
    finally:
        a.close()
        b.close()
