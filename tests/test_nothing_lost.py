"""Nothing lost, part 2 (issue 14): no write onto a held workspace, files that carry no
code, journals left alone or cleaned as they deserve, an exact lock, no tracebacks."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.cli import main
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.safety import lock
from journeymapper.safety.snapshots import restore_snapshot, take_snapshot
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.templates import create_workspace
from tests.conftest import sha256


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "map.jmap"
    with create_workspace(path, "blank") as doc:
        data = load_journey(doc, journey_ids(doc)[0][0])
        lane = next(ln for ln in data.lanes if ln.kind == "channel")
        editing.add_touchpoint(doc, data.stages[0].id, lane.id, "Card")
    return path


def _one_line_error(capsys: pytest.CaptureFixture[str], code: int, *words: str) -> str:
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("journeymapper: error: "), err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# -- 1. no silent overwrite ---------------------------------------------------------------
def test_save_as_onto_a_held_workspace_is_refused(workspace: Path, tmp_path: Path) -> None:
    held = lock.acquire(workspace)  # window A
    before = sha256(workspace)
    other = tmp_path / "other.jmap"
    create_workspace(other, "retail").close()
    with Document.open(other) as doc, pytest.raises(lock.LockedElsewhere, match="held by"):
        doc.save_as(workspace)  # window B's Save As
    assert sha256(workspace) == before
    assert held is not None and held.held
    held.release()


def test_new_from_template_onto_a_held_workspace_is_refused(
    qtbot, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from journeymapper.ui.app import create_app
    from journeymapper.ui.main_window import MainWindow

    held = lock.acquire(workspace)  # window A
    before = sha256(workspace)
    create_app()
    window = MainWindow()  # window B: File > New from template, onto A's file
    qtbot.addWidget(window)
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    assert not window.create_from_template(workspace, "retail")
    assert shown and "held by" in shown[0]
    assert sha256(workspace) == before
    assert held is not None and held.held
    held.release()


def test_restore_snapshot_onto_a_held_workspace_is_refused(workspace: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.jmap"
    create_workspace(other, "retail").close()
    with Document.open(other) as doc:
        snap = take_snapshot(doc, tmp_path / "snaps", dt.datetime(2024, 1, 1))
    held = lock.acquire(workspace)
    before = sha256(workspace)
    with pytest.raises(lock.LockedElsewhere):
        restore_snapshot(snap.path, workspace, overwrite=True)
    assert sha256(workspace) == before
    assert held is not None
    held.release()
    assert restore_snapshot(snap.path, workspace, overwrite=True) == workspace.resolve()


def test_cli_writes_onto_a_held_workspace_are_refused(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = lock.acquire(workspace)
    before = sha256(workspace)
    csv = tmp_path / "m.csv"
    csv.write_text("touchpoint,metric,value,date\nCard,csat,4,2024-03-01\n", encoding="utf-8")
    survey = tmp_path / "s.csv"
    survey.write_text("touchpoint,date,nps\nCard,2024-03-01,9\n", encoding="utf-8")
    for argv in (
        ["import", "measurements", str(csv), str(workspace)],
        ["import", "survey", str(survey), str(workspace)],
        ["new", "--force", str(workspace)],
        ["import", "csv", str(csv), "-o", str(workspace), "--force"],
        ["export", "json", str(tmp_path / "other.jmap"), "-o", str(workspace)],
    ):
        if argv[0] == "export":
            create_workspace(tmp_path / "other.jmap", "blank").close()
        _one_line_error(capsys, main(argv), "open in another window", "held by")
        assert sha256(workspace) == before, argv
    assert held is not None
    held.release()
    assert main(["import", "measurements", str(csv), str(workspace)]) == 0


# -- 3. a workspace file can carry no code ------------------------------------------------
TRIGGER = "CREATE TRIGGER wipe AFTER UPDATE ON touchpoint BEGIN DELETE FROM touchpoint; END;"


def _add_object(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        TRIGGER,
        "CREATE VIEW everything AS SELECT * FROM touchpoint",
        "CREATE TABLE extra (x)",
        "CREATE INDEX ix_extra ON touchpoint (title)",
    ],
)
def test_a_file_with_foreign_schema_objects_is_refused_untouched(
    workspace: Path, sql: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_object(workspace, sql)
    before = sha256(workspace)
    with pytest.raises(DocumentError, match="refused"):
        Document.open(workspace)
    _one_line_error(capsys, main(["info", str(workspace)]), "refused")
    assert sha256(workspace) == before
    assert not lock.lock_path(workspace).exists()


def test_the_frozen_current_schema_is_what_create_writes(tmp_path: Path) -> None:
    from journeymapper.model import migrations

    fresh = tmp_path / "fresh.jmap"
    Document.create(fresh).close()
    conn = sqlite3.connect(fresh)
    try:
        assert migrations.fingerprint(conn) in migrations.expected_fingerprints(
            migrations.CURRENT_VERSION
        )
        assert migrations.schema_problem(conn, migrations.CURRENT_VERSION) is None
    finally:
        conn.close()


def _hot_journal(path: Path, *, schema_change: bool = False) -> bytes:
    """Leave a hot journal beside ``path`` (as a crash mid-commit would): its bytes.

    ``schema_change`` (as a migration makes) puts page 1 in the journal too."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = 1")
    conn.execute("BEGIN")
    if schema_change:
        conn.execute("CREATE TABLE scratch (x)")
    conn.execute("UPDATE touchpoint SET title = title || '!'")
    columns = [row[1] for row in conn.execute("PRAGMA table_info(touchpoint)")]
    picked = ", ".join("id + 1000" if c == "id" else c for c in columns)
    conn.execute(f"INSERT INTO touchpoint SELECT {picked} FROM touchpoint")
    journal = path.with_name(path.name + "-journal")
    for _ in range(40):
        conn.execute("INSERT INTO setting VALUES (hex(randomblob(8)), zeroblob(2000))")
    data = journal.read_bytes()
    copy = path.read_bytes()
    conn.close()  # rolls back: put the crashed state back by hand
    path.write_bytes(copy)
    journal.write_bytes(data)
    return data


@pytest.mark.parametrize("change", ["trigger", "newer"])
def test_a_hot_journal_beside_a_refused_file_is_left_alone(workspace: Path, change: str) -> None:
    if change == "trigger":
        _add_object(workspace, TRIGGER)
    else:
        _add_object(workspace, "PRAGMA user_version = 99")
    journal_bytes = _hot_journal(workspace)
    journal = workspace.with_name(workspace.name + "-journal")
    before = sha256(workspace)
    with pytest.raises(DocumentError):
        Document.open(workspace)
    assert sha256(workspace) == before
    assert journal.read_bytes() == journal_bytes


def test_a_hot_journal_beside_a_good_file_still_repairs_it(workspace: Path) -> None:
    _hot_journal(workspace)
    with Document.open(workspace) as doc:
        assert [r[0] for r in doc.rows("SELECT title FROM touchpoint")] == ["Card"]
    assert not workspace.with_name(workspace.name + "-journal").exists()


def test_a_file_torn_mid_write_beside_its_hot_journal_is_repaired(workspace: Path) -> None:
    """A crash while SQLite writes page 1 can leave its header torn (here its page
    count); the journal holds the page as it was, so the file opens repaired."""
    _hot_journal(workspace, schema_change=True)
    with workspace.open("r+b") as torn:
        torn.seek(28)  # the header's database size in pages
        torn.write(b"\xff" * 4)
    with Document.open(workspace) as doc:
        assert [r[0] for r in doc.rows("SELECT title FROM touchpoint")] == ["Card"]
        assert not doc.rows("SELECT name FROM sqlite_master WHERE name = 'scratch'")
    assert not workspace.with_name(workspace.name + "-journal").exists()


# -- 6. journals a crash leaves with a zeroed header --------------------------------------
def test_zero_header_journal_is_cleaned_on_a_clean_open_and_close(workspace: Path) -> None:
    journal = workspace.with_name(workspace.name + "-journal")
    journal.write_bytes(bytes(512))
    Document.open(workspace).close()
    assert not journal.exists()
    journal.write_bytes(b"")
    Document.open(workspace).close()
    assert not journal.exists()


# -- 5. the lock is exact -----------------------------------------------------------------
def _race_once(workspace: Path) -> int:
    """Two forked processes start together on a stale lock; how many got it."""
    go_r, go_w = os.pipe()
    res_r, res_w = os.pipe()
    done_r, done_w = os.pipe()
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:  # child: wait for the start, try, answer, hold until told
            try:
                os.close(go_w)
                os.close(done_w)  # so that the parent's close reaches us as end of file
                os.read(go_r, 1)
                try:
                    held = lock.acquire(workspace)  # kept until the parent says done
                except DocumentError:
                    held = None
                os.write(res_w, b"Y" if held is not None else b"N")
                os.read(done_r, 1)
            finally:
                os._exit(0)
        pids.append(pid)
    os.write(go_w, b"gg")
    answers = b""
    while len(answers) < 2:
        answers += os.read(res_r, 2)
    for fd in (done_w, go_w, go_r, res_r, res_w, done_r):
        os.close(fd)
    for pid in pids:
        os.waitpid(pid, 0)
    return answers.count(b"Y")


def test_two_instances_on_a_stale_lock_never_both_get_it(workspace: Path) -> None:
    file = lock.lock_path(workspace)
    record = '{"pid": 999999, "host": "%s", "since": "2024-01-01 00:00:00"}'
    import socket

    for trial in range(300):
        if trial % 2:
            file.write_text(record % socket.gethostname(), encoding="utf-8")  # a crashed one
        else:
            file.unlink(missing_ok=True)  # none at all
        assert _race_once(workspace) == 1, f"trial {trial}"


def test_no_lock_on_a_full_disk_is_never_silent(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def full(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(lock.LockUnavailable, match="No space left"):
        lock.acquire(workspace)


# -- 1. a window notices its file replaced under it ---------------------------------------
def test_a_window_whose_file_is_replaced_goes_read_only_with_a_banner(
    qtbot, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymapper.ui.main_window import MainWindow

    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "appdata"))
    window = MainWindow()
    qtbot.addWidget(window)
    errors: list[str] = []
    window.show_error = errors.append  # type: ignore[method-assign]
    assert window.open_path(workspace)
    other = tmp_path / "other.jmap"
    create_workspace(other, "retail").close()
    os.replace(other, workspace)  # another program replaces the file
    doc = window.controller.doc
    data = load_journey(doc, window.controller.journey_id)
    stage = data.stages[0].id
    lane = next(ln.id for ln in data.lanes if ln.kind == "channel")
    before = sha256(workspace)
    window.controller.run("Add", editing.add_touchpoint, stage_id=stage, lane_id=lane, title="x")
    assert doc.read_only
    banner = window.safety.banner
    assert not banner.isHidden() and "replaced by another program" in banner.text()
    assert sha256(workspace) == before
    window.safety.close_cleanly()
