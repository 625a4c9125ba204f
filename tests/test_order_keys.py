"""Cards' sparse order keys: one row written per move, the order always the model's."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper import editing
from journeymapper.bench.generate import generate_workspace
from journeymapper.editing import Edit
from journeymapper.model.document import Document
from journeymapper.store import order_keys
from journeymapper.store.journey_data import load_journey
from tests.conftest import dump, position_problems

CELL_ORDER = "SELECT id FROM touchpoint WHERE stage_id = ? AND lane_id = ? ORDER BY position, id"


def _cell(doc: Document, cell: tuple[int, int]) -> list[int]:
    return [r[0] for r in doc.rows(CELL_ORDER, cell)]


def _cells(doc: Document) -> list[tuple[int, int]]:
    """Two cells of the first journey's channel lane 'Website' and a third of 'Store'."""
    stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
    lanes = {r[1]: r[0] for r in doc.rows("SELECT id, name FROM lane")}
    return [
        (stages[0], lanes["Website"]),
        (stages[1], lanes["Website"]),
        (stages[0], lanes["Store"]),
    ]


# -- against a plain list model, with keys so close that renumbering happens often ---------

CELL = st.integers(0, 2)
#: Mostly the same few places, so that inserts keep landing between the same neighbours.
INDEX = st.one_of(st.sampled_from([0, 1, 1, 1, 2, None]), st.integers(-1, 12))
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), CELL, INDEX),
        st.tuples(st.just("move"), st.integers(0, 99), CELL, INDEX),
        st.tuples(st.just("delete"), st.integers(0, 99)),
        st.tuples(st.just("undo")),
    ),
    max_size=40,
)


def _place(cells: dict[int, list[int]], k: int, card: int, index: int | None) -> None:
    """Put ``card`` in cell ``k`` at ``index`` as the editing service clamps it."""
    members = cells[k]
    at = len(members) if index is None else max(0, min(index, len(members)))
    members.insert(at, card)


class _Run:
    """One example: a document, the model of its cells' orders, and the undo history."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.where = _cells(doc)
        self.cells = {k: _cell(doc, c) for k, c in enumerate(self.where)}
        self.history: list[tuple[Edit, dict[int, list[int]]]] = []

    def cards(self) -> list[int]:
        return sorted(card for members in self.cells.values() for card in members)

    def step(self, op: tuple) -> None:  # type: ignore[type-arg]
        before = {k: list(v) for k, v in self.cells.items()}
        kind, *args = op
        if kind == "undo":
            if self.history:
                inverse, self.cells = self.history.pop()
                editing.apply(self.doc, inverse)
            return
        if kind == "add":
            k, index = args
            result = editing.add_touchpoint(self.doc, *self.where[k], "Card", index=index)
            assert result.created_id is not None
            _place(self.cells, k, result.created_id, index)
        else:
            cards = self.cards()
            if not cards:
                return
            card = cards[args[0] % len(cards)]
            home = next(k for k, members in self.cells.items() if card in members)
            self.cells[home].remove(card)
            if kind == "move":
                result = editing.move_touchpoint(self.doc, card, *self.where[args[1]], args[2])
                _place(self.cells, args[1], card, args[2])
            else:
                result = editing.delete_touchpoint(self.doc, card)
        self.history.append((result.inverse, before))

    def check(self) -> None:
        for k, cell in enumerate(self.where):
            assert _cell(self.doc, cell) == self.cells[k]
        assert position_problems(self.doc) == []
        data = load_journey(self.doc, self.doc.rows("SELECT id FROM journey LIMIT 1")[0][0])
        for k, cell in enumerate(self.where):
            shown = data.cell(*cell)
            assert [t.id for t in shown] == self.cells[k]
            assert [t.position for t in shown] == list(range(len(shown)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_order_follows_a_list_model_through_renumbering(
    blank_bytes: bytes,
    steps: list[tuple],  # type: ignore[type-arg]
) -> None:
    """Keys two apart within ±64: most inserts between neighbours renumber a cell."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setattr(order_keys, "GAP", 2)
        mp.setattr(order_keys, "LIMIT", 64)
        path = Path(tmp) / "map.jmap"
        path.write_bytes(blank_bytes)
        doc = Document.open(path)
        try:
            start = dump(doc)
            run = _Run(doc)
            for op in steps:
                run.step(op)
                run.check()
            while run.history:
                run.step(("undo",))
                run.check()
            assert dump(doc) == start  # every card back at its place, none left over
        finally:
            doc.close()


def test_many_inserts_at_one_spot_keep_their_order(blank_bytes: bytes, tmp_path: Path) -> None:
    """Always between the same two cards (real spacing): the cell renumbers and goes on."""
    path = tmp_path / "map.jmap"
    path.write_bytes(blank_bytes)
    doc = Document.open(path)
    cell = _cells(doc)[0]
    first = editing.add_touchpoint(doc, *cell, "First").created_id
    last = editing.add_touchpoint(doc, *cell, "Last").created_id
    added = [editing.add_touchpoint(doc, *cell, f"#{i}", index=1).created_id for i in range(40)]
    assert _cell(doc, cell) == [first, *reversed(added), last]
    assert position_problems(doc) == []
    doc.close()


# -- a move at scale writes one row -------------------------------------------------------


@pytest.fixture(scope="module")
def big_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bench's 10,000-card workspace (about 120 cards a cell), as generated."""
    return generate_workspace(tmp_path_factory.mktemp("big") / "big.jmap", touchpoints=10_000)


def _rows_written(doc: Document, edit: object) -> int:
    """How many rows SQLite changed while ``edit`` (a callable) ran."""
    conn = doc.raw_connection()
    before = conn.total_changes
    edit()  # type: ignore[operator]
    return doc.raw_connection().total_changes - before


def test_a_move_at_ten_thousand_cards_writes_one_row(big_map: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.jmap"
    path.write_bytes(big_map.read_bytes())
    doc = Document.open(path)
    tp, stage, lane = doc.rows("SELECT id, stage_id, lane_id FROM touchpoint ORDER BY id")[0]
    other = doc.rows("SELECT id FROM stage WHERE id != ? ORDER BY id LIMIT 1", (stage,))[0][0]
    home, away = _cell(doc, (stage, lane)), _cell(doc, (other, lane))
    assert len(home) > 50 and len(away) > 50
    for target, index in (((other, lane), 0), ((stage, lane), 0), ((other, lane), None)):
        moved = lambda t=target, i=index: editing.move_touchpoint(doc, tp, *t, i)  # noqa: E731
        assert _rows_written(doc, moved) == 1
    assert _cell(doc, (other, lane)) == [*away, tp]
    result = editing.move_touchpoint(doc, tp, stage, lane, 0)
    assert result.inverse.args["index"] == len(away)  # its rank where it was
    # into the middle of the cell: generated keys are 0..n-1, so the first time renumbers it
    editing.move_touchpoint(doc, tp, stage, lane, 30)
    assert _rows_written(doc, lambda: editing.move_touchpoint(doc, tp, stage, lane, 10)) == 1
    assert _cell(doc, (stage, lane)) == [*home[1:11], tp, *home[11:]]
    # its undo puts it back at its place, writing one row too
    undo = editing.move_touchpoint(doc, tp, other, lane, 5).inverse
    assert _rows_written(doc, lambda: editing.apply(doc, undo)) == 1
    assert _cell(doc, (stage, lane)) == [*home[1:11], tp, *home[11:]]
    doc.close()


def test_a_full_cell_renumbers_only_itself(big_map: Path, tmp_path: Path) -> None:
    """Generated keys are 0..n-1: the first insert between two of them spreads that cell."""
    path = tmp_path / "big.jmap"
    path.write_bytes(big_map.read_bytes())
    doc = Document.open(path)
    tp, stage, lane = doc.rows("SELECT id, stage_id, lane_id FROM touchpoint ORDER BY id")[0]
    other = doc.rows("SELECT id FROM stage WHERE id != ? ORDER BY id LIMIT 1", (stage,))[0][0]
    away = _cell(doc, (other, lane))
    elsewhere = doc.rows(
        "SELECT id, position FROM touchpoint WHERE NOT (stage_id = ? AND lane_id = ?) "
        "AND id != ? ORDER BY id",
        (other, lane, tp),
    )
    written = _rows_written(doc, lambda: editing.move_touchpoint(doc, tp, other, lane, 3))
    assert written == len(away) + 1  # the cell's own cards and the moved one
    assert _cell(doc, (other, lane)) == [*away[:3], tp, *away[3:]]
    assert (
        doc.rows(
            "SELECT id, position FROM touchpoint WHERE NOT (stage_id = ? AND lane_id = ?) "
            "AND id != ? ORDER BY id",
            (other, lane, tp),
        )
        == elsewhere
    )
    # now there is room: the next insert at the same spot writes one row
    again = lambda: editing.add_touchpoint(doc, other, lane, "Next", index=3)  # noqa: E731
    assert _rows_written(doc, again) == 1
    doc.close()


def test_any_integer_keys_order_a_cell(blank_bytes: bytes, tmp_path: Path) -> None:
    """A file (an import, a hand edit) may hold any integers, ties too: (key, id) orders."""
    path = tmp_path / "map.jmap"
    path.write_bytes(blank_bytes)
    doc = Document.open(path)
    cell = _cells(doc)[0]
    ids = [editing.add_touchpoint(doc, *cell, f"#{i}").created_id for i in range(4)]
    with doc.transaction() as session:
        for tp, key in zip(ids, (7, -3, 7, 2**40), strict=True):
            session.connection().exec_driver_sql(
                "UPDATE touchpoint SET position = ? WHERE id = ?", (key, tp)
            )
    assert _cell(doc, cell) == [ids[1], ids[0], ids[2], ids[3]]
    editing.move_touchpoint(doc, ids[3], *cell, 2)  # between the tie: renumbered, then placed
    assert _cell(doc, cell) == [ids[1], ids[0], ids[3], ids[2]]
    assert position_problems(doc) == []
    shown = load_journey(doc, doc.rows("SELECT id FROM journey LIMIT 1")[0][0]).cell(*cell)
    assert [t.position for t in shown] == [0, 1, 2, 3]
    doc.close()


@pytest.mark.parametrize(
    ("low", "high", "key"),
    [(None, None, 0), (None, 5, 5 - order_keys.GAP), (5, None, 5 + order_keys.GAP),
     (0, 10, 5), (4, 5, None), (5, 5, None), (order_keys.LIMIT, None, None),
     (None, -order_keys.LIMIT, None)],
)  # fmt: skip
def test_between(low: int | None, high: int | None, key: int | None) -> None:
    assert order_keys.between(low, high) == key


def test_an_older_file_gets_the_cell_index(tmp_path: Path) -> None:
    """A version-4/5 file is upgraded: the cell's index replaces the stage's, and a move's
    reads use it (the stage index alone scanned every card of the stage)."""
    path = tmp_path / "old.jmap"
    path.write_bytes((Path(__file__).parent / "data" / "v4.jmap").read_bytes())
    doc = Document.open(path)
    try:
        assert doc.migrated_from == 4
        conn = doc.raw_connection()
        names = {r[1] for r in conn.execute("PRAGMA index_list(touchpoint)")}
        assert "ix_touchpoint_cell" in names and "ix_touchpoint_stage_id" not in names
        plan = conn.execute(
            f"EXPLAIN QUERY PLAN {CELL_ORDER.replace('id FROM', 'position FROM')}", (1, 1)
        ).fetchall()
        assert any("ix_touchpoint_cell" in str(r[-1]) for r in plan), plan
        stage, lane = doc.rows(
            "SELECT stage_id, lane_id FROM touchpoint GROUP BY stage_id, lane_id "
            "ORDER BY count(*) DESC LIMIT 1"
        )[0]
        before = _cell(doc, (stage, lane))
        assert len(before) >= 2
        editing.move_touchpoint(doc, before[0], stage, lane, None)
        assert _cell(doc, (stage, lane)) == [*before[1:], before[0]]
    finally:
        doc.close()
