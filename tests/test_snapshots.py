"""Snapshots: taken only when something changed and the interval passed, checked,
pruned by the retention rule, listed with counts, restored as a new copy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.safety.snapshots import (
    KEEP_DAYS,
    KEEP_LATEST,
    SnapshotKeeper,
    integrity_ok,
    list_snapshots,
    name_path,
    restore_snapshot,
    retained,
    snapshot_folder,
    snapshot_name,
)
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.templates import create_workspace

NOW = dt.datetime(2024, 6, 15, 12, 0, 0)


# -- retention ------------------------------------------------------------------------
def test_retention_keeps_latest_ten_and_one_per_day_for_a_week() -> None:
    hourly = [NOW - dt.timedelta(hours=h) for h in range(24 * 14)]
    keep = retained(hourly, NOW)
    assert set(hourly[:KEEP_LATEST]) <= keep
    days = {s.date() for s in keep}
    assert days == {NOW.date() - dt.timedelta(days=d) for d in range(KEEP_DAYS)}
    # Newest of each earlier day: 23:00 of that day.
    for d in range(1, KEEP_DAYS):
        day = NOW.date() - dt.timedelta(days=d)
        assert dt.datetime.combine(day, dt.time(23)) in keep
    assert len(keep) == KEEP_LATEST + KEEP_DAYS - 1  # today's newest is among the ten


def test_retention_keeps_everything_when_few() -> None:
    few = [NOW - dt.timedelta(days=30 * i) for i in range(5)]
    assert retained(few, NOW) == set(few)
    assert retained([], NOW) == set()


stamps = st.lists(
    st.datetimes(min_value=dt.datetime(2024, 5, 1), max_value=NOW), max_size=60, unique=True
)


@settings(max_examples=150, deadline=None)
@given(stamps)
def test_retention_properties(times: list[dt.datetime]) -> None:
    keep = retained(times, NOW)
    assert keep <= set(times)
    ordered = sorted(times, reverse=True)
    assert set(ordered[:KEEP_LATEST]) <= keep
    assert len(keep) <= KEEP_LATEST + KEEP_DAYS
    week = NOW.date() - dt.timedelta(days=KEEP_DAYS - 1)
    for day in {t.date() for t in times if t.date() >= week}:
        newest = max(t for t in times if t.date() == day)
        assert newest in keep
    for t in keep - set(ordered[:KEEP_LATEST]):
        assert t.date() >= week and t == max(x for x in times if x.date() == t.date())
    assert retained(keep, NOW) == keep  # pruning twice changes nothing


# -- the keeper ------------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def _cell(doc: Document) -> tuple[int, int]:
    data = load_journey(doc, journey_ids(doc)[0][0])
    lane = next(ln for ln in data.lanes if ln.kind == "channel")
    return data.stages[0].id, lane.id


@pytest.fixture
def opened(tmp_path: Path):
    doc = create_workspace(tmp_path / "map.jmap", "blank")
    yield doc
    doc.close()


def test_snapshot_only_when_changed_and_interval_passed(opened: Document, tmp_path: Path) -> None:
    clock = Clock()
    keeper = SnapshotKeeper(opened, tmp_path / "data", interval_s=300, clock=clock)
    stage, lane = _cell(opened)
    assert keeper.tick() is None, "nothing changed yet"
    editing.add_touchpoint(opened, stage, lane, "first")
    first = keeper.tick()
    assert first is not None and first.touchpoints == 1
    clock.advance(60)
    editing.add_touchpoint(opened, stage, lane, "second")
    assert keeper.tick() is None, "too soon after the last snapshot"
    clock.advance(300)
    second = keeper.tick()
    assert second is not None and second.touchpoints == 2
    clock.advance(900)
    assert keeper.tick() is None, "nothing changed since the last snapshot"
    listed = keeper.snapshots()
    assert [s.touchpoints for s in listed] == [2, 1]  # newest first
    assert [s.taken_at for s in listed] == [NOW + dt.timedelta(seconds=360), NOW]
    assert all(integrity_ok(s.path) for s in listed)
    assert "2 touchpoints" in listed[0].label()
    assert keeper.folder == snapshot_folder(tmp_path / "data", opened.path)


def test_keeper_prunes_by_retention(opened: Document, tmp_path: Path) -> None:
    clock = Clock()
    keeper = SnapshotKeeper(opened, tmp_path / "data", interval_s=60, clock=clock)
    stage, lane = _cell(opened)
    for i in range(KEEP_LATEST + 5):
        editing.add_touchpoint(opened, stage, lane, f"t{i}")
        assert keeper.tick() is not None
        clock.advance(120)
    listed = keeper.snapshots()
    assert len(listed) == KEEP_LATEST  # all on one day: the newest ten stay
    assert listed[0].touchpoints == KEEP_LATEST + 5
    assert not list(keeper.folder.glob("*.part"))


def test_read_only_documents_are_not_snapshotted(tmp_path: Path) -> None:
    path = tmp_path / "map.jmap"
    create_workspace(path, "blank").close()
    with Document.open(path, read_only=True) as doc:
        assert not SnapshotKeeper(doc, tmp_path / "data").due()


def test_restore_is_a_new_copy_and_never_overwrites(opened: Document, tmp_path: Path) -> None:
    clock = Clock()
    keeper = SnapshotKeeper(opened, tmp_path / "data", interval_s=60, clock=clock)
    stage, lane = _cell(opened)
    editing.add_touchpoint(opened, stage, lane, "kept")
    snap = keeper.tick()
    assert snap is not None
    editing.add_touchpoint(opened, stage, lane, "later")
    before = opened.path.read_bytes()
    with pytest.raises(DocumentError, match="already exists"):
        restore_snapshot(snap.path, opened.path)
    assert opened.path.read_bytes() == before
    restored = Document.open(restore_snapshot(snap.path, tmp_path / "restored"))
    try:
        assert restored.path == (tmp_path / "restored.jmap").resolve()
        assert not restored.read_only
        assert [r[0] for r in restored.rows("SELECT title FROM touchpoint")] == ["kept"]
    finally:
        restored.close()
    assert snap.path.exists() and integrity_ok(snap.path)


def test_damaged_snapshots_are_not_listed(opened: Document, tmp_path: Path) -> None:
    keeper = SnapshotKeeper(opened, tmp_path / "data", clock=Clock())
    stage, lane = _cell(opened)
    editing.add_touchpoint(opened, stage, lane, "x")
    assert keeper.tick() is not None
    (keeper.folder / "20240101-000000-000000.jmap").write_bytes(b"not a database at all")
    assert len(list_snapshots(keeper.folder)) == 1


# -- named snapshots -----------------------------------------------------------------------
def test_named_snapshot_lists_its_name_beside_unnamed_ones(
    opened: Document, tmp_path: Path
) -> None:
    clock = Clock()
    keeper = SnapshotKeeper(opened, tmp_path / "data", interval_s=300, clock=clock)
    stage, lane = _cell(opened)
    editing.add_touchpoint(opened, stage, lane, "first")
    assert keeper.tick() is not None  # an unnamed one, as every older snapshot is
    clock.advance(10)
    named = keeper.take_named("  after\nworkshop 3 ")
    assert named.name == "after workshop 3"
    assert keeper.tick() is None, "a named snapshot counts as the latest one"
    listed = keeper.snapshots()
    assert [s.name for s in listed] == ["after workshop 3", ""]
    assert listed[0].label().startswith("\u201cafter workshop 3\u201d — ")
    assert listed[1].label().startswith("2024-06-15 12:00:00 — ")  # unnamed: as before
    assert snapshot_name(listed[0].path) == "after workshop 3"
    assert name_path(listed[0].path).read_text(encoding="utf-8") == "after workshop 3"


def test_named_snapshots_survive_pruning(opened: Document, tmp_path: Path) -> None:
    clock = Clock()
    keeper = SnapshotKeeper(opened, tmp_path / "data", interval_s=60, clock=clock)
    stage, lane = _cell(opened)
    keeper.take_named("baseline")
    for i in range(KEEP_LATEST + 3):
        clock.advance(120)
        editing.add_touchpoint(opened, stage, lane, f"t{i}")
        assert keeper.tick() is not None
    listed = keeper.snapshots()
    assert len(listed) == KEEP_LATEST + 1
    assert listed[-1].name == "baseline" and listed[-1].touchpoints == 0
    pruned = {p.name for p in keeper.folder.iterdir()}
    assert not any(n.endswith(".name") and n[: -len(".name")] not in pruned for n in pruned)
