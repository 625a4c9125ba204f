"""The workspace document: file format marks, safe open/close/save-as, bad input, migration."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from journeymapper import cli, editing
from journeymapper.model import migrations
from journeymapper.model.document import APPLICATION_ID, SCHEMA_VERSION, Document
from journeymapper.model.errors import DocumentError, ReadOnlyError
from journeymapper.store.journey_data import load_journey
from journeymapper.templates import create_workspace
from tests.conftest import V1_FILE, dump, sha256, user_tables

# -- creating, opening, closing -----------------------------------------------------


def _pragma(path: Path, name: str) -> Any:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def _side_files(path: Path) -> list[str]:
    return sorted(
        p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path
    )


def test_create_then_open_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "trip.jmap"
    doc = Document.create(path, name="Trip planning")
    journey = editing.add_journey(doc, "Booking a trip", state="future").created_id
    stage = editing.add_stage(doc, journey, "Search").created_id
    doc.close()

    again = Document.open(path)
    try:
        assert not again.read_only
        assert again.migrated_from is None
        assert again.workspace().name == "Trip planning"
        assert again.rows("SELECT id, name, state FROM journey") == [
            (journey, "Booking a trip", "future")
        ]
        assert again.rows("SELECT id, journey_id, name, position FROM stage") == [
            (stage, journey, "Search", 0)
        ]
        keys = [r[0] for r in again.rows("SELECT key FROM metric_definition ORDER BY position")]
        assert keys == ["engagement_rate", "csat", "nps", "conversion_rate", "ces", "drop_off_rate"]
    finally:
        again.close()


def test_create_refuses_an_existing_file(workspace: Path) -> None:
    before = sha256(workspace)
    with pytest.raises(DocumentError, match="already exists"):
        Document.create(workspace)
    assert sha256(workspace) == before


def test_file_marks_and_connection_settings(doc: Document) -> None:
    assert _pragma(doc.path, "application_id") == APPLICATION_ID == 0x4A4D4150
    assert _pragma(doc.path, "user_version") == SCHEMA_VERSION
    assert doc.rows("PRAGMA application_id")[0][0] == APPLICATION_ID
    assert doc.rows("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert doc.rows("PRAGMA journal_mode")[0][0] == "delete"
    assert doc.rows("PRAGMA foreign_keys")[0][0] == 1
    assert doc.rows("PRAGMA synchronous")[0][0] == 2  # FULL
    assert _pragma(doc.path, "journal_mode") == "delete"  # stored in the file, not WAL


def test_close_leaves_one_file_and_nothing_beside_it(workspace: Path) -> None:
    doc = Document.open(workspace)
    journey = editing.add_journey(doc, "Side files").created_id
    for i in range(5):
        editing.add_stage(doc, journey, f"Stage {i}")
    doc.rows("SELECT count(*) FROM stage")  # a read after the last commit
    doc.close()
    assert _side_files(workspace) == []
    assert not workspace.with_name(workspace.name + "-journal").exists()
    assert not workspace.with_name(workspace.name + "-wal").exists()
    assert not workspace.with_name(workspace.name + "-shm").exists()
    assert _pragma(workspace, "quick_check") == "ok"


def test_every_edit_is_committed_at_once(doc: Document) -> None:
    journey = editing.add_journey(doc, "Committed").created_id
    other = sqlite3.connect(f"file:{doc.path}?mode=ro", uri=True)
    try:
        assert other.execute("SELECT name FROM journey WHERE id = ?", (journey,)).fetchall() == [
            ("Committed",)
        ]
    finally:
        other.close()


class _SpyConnection:
    """Wraps the document's sqlite3 connection to see whether ``backup`` is used."""

    def __init__(self, real: sqlite3.Connection, calls: list[str]) -> None:
        self._real = real
        self._calls = calls

    def backup(self, target: sqlite3.Connection, **kwargs: Any) -> None:
        self._calls.append("backup")
        self._real.backup(target, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _names(rows: dict[str, list[tuple[Any, ...]]]) -> dict[int, str]:
    return {r[0]: r[1] for r in rows["journey"]}


def test_save_as_copies_with_the_backup_api_and_continues_on_the_copy(
    doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = editing.add_journey(doc, "Before save-as").created_id
    old_path = doc.path
    target = tmp_path / "copy.jmap"
    calls: list[str] = []
    real = doc.raw_connection()
    monkeypatch.setattr(doc, "raw_connection", lambda: _SpyConnection(real, calls))
    doc.save_as(target)
    monkeypatch.undo()
    assert calls == ["backup"]
    assert doc.path == target.resolve()
    assert not doc.read_only
    old_bytes = old_path.read_bytes()

    editing.edit_journey(doc, journey, name="After save-as")
    editing.add_stage(doc, journey, "Only in the copy")
    assert _names(dump(doc))[journey] == "After save-as"
    doc.close()

    assert old_path.read_bytes() == old_bytes
    assert _names(dump(old_path))[journey] == "Before save-as"
    assert "Only in the copy" not in [r[2] for r in dump(old_path)["stage"]]
    assert _names(dump(target))[journey] == "After save-as"
    assert [r[2] for r in dump(target)["stage"] if r[1] == journey] == ["Only in the copy"]
    assert _pragma(target, "application_id") == APPLICATION_ID
    assert _pragma(target, "user_version") == SCHEMA_VERSION
    assert _pragma(target, "journal_mode") == "delete"
    assert _side_files(target) == [] and _side_files(old_path) == []


def test_copy_to_a_missing_folder_fails_clearly(doc: Document, tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        doc.copy_to(tmp_path / "nowhere" / "copy.jmap")
    assert list(tmp_path.iterdir()) == [doc.path]


def test_read_only_open_refuses_writes(workspace: Path) -> None:
    before = sha256(workspace)
    doc = Document.open(workspace, read_only=True)
    try:
        assert doc.read_only
        assert len(doc.rows("SELECT * FROM lane")) == 11
        with pytest.raises(ReadOnlyError, match="read-only"):
            editing.add_journey(doc, "Not saved")
        with pytest.raises(ReadOnlyError):
            editing.apply(doc, editing.Edit("edit_workspace", {"name": "Renamed"}))
        with pytest.raises(ReadOnlyError), doc.transaction():
            pass
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            doc.rows("DELETE FROM lane")
    finally:
        doc.close()
    assert sha256(workspace) == before
    assert _side_files(workspace) == []


# -- bad input: Document.open and the CLI ---------------------------------------------------


_BLANK: list[bytes] = []


def _real_workspace(path: Path) -> bytes:
    if not _BLANK:
        create_workspace(path, "blank").close()
        _BLANK.append(path.read_bytes())
    path.write_bytes(_BLANK[0])
    return _BLANK[0]


def _text_file(path: Path) -> None:
    path.write_text("Stage,Lane,Title\nAwareness,Website,Landing page\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _other_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipe (name) VALUES ('Pancakes')")
    conn.commit()
    conn.close()


def _newer_schema(path: Path) -> None:
    _real_workspace(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def _truncated(path: Path) -> None:
    data = _real_workspace(path)
    path.write_bytes(data[: len(data) // 2])


def _corrupted(path: Path) -> None:
    data = bytearray(_real_workspace(path))
    pages = len(data) // 4096
    rng = random.Random(7)
    for page in range(pages // 3, 2 * pages // 3):
        data[page * 4096 : (page + 1) * 4096] = rng.randbytes(4096)
    path.write_bytes(bytes(data))
    # The damage must be one SQLite itself notices, or the test would prove nothing.
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()


BAD_FILES: dict[str, tuple[Callable[[Path], Any], str]] = {
    "text": (_text_file, "not an SQLite database"),
    "empty": (_empty_file, "is empty"),
    "other-application": (_other_application, "another application"),
    "newer-schema": (_newer_schema, "newer version of Journey Mapper"),
    "truncated": (_truncated, "damaged"),
    "corrupted": (_corrupted, "damaged"),
}


@pytest.fixture(params=sorted(BAD_FILES))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    make, message = BAD_FILES[request.param]
    path = tmp_path / "bad.jmap"
    make(path)
    yield path, message


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_line_error(code: int, err: str, message: str) -> None:
    assert code == 1
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("journeymapper: error: ")
    assert message in lines[0]


def test_bad_file_is_refused_by_document_open(bad_file: tuple[Path, str]) -> None:
    path, message = bad_file
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(DocumentError, match=message):
            Document.open(path, read_only=read_only)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_bad_file_is_refused_by_the_cli(
    bad_file: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, message = bad_file
    before = sha256(path)
    code, out, err = _cli(["info", str(path)], capsys)
    _assert_one_line_error(code, err, message)
    assert out == ""
    for argv in (["new", str(path)], ["info", "--json", str(path)]):
        code, _out, err = _cli(argv, capsys)
        _assert_one_line_error(code, err, "already exists" if argv[0] == "new" else message)
    assert sha256(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "no such folder" / "map.jmap"
    with pytest.raises(DocumentError, match="folder .* does not exist"):
        Document.open(path)
    with pytest.raises(DocumentError, match="folder .* does not exist"):
        Document.create(path)
    for argv in (["info", str(path)], ["new", str(path)], ["new", "--force", str(path)]):
        code, _out, err = _cli(argv, capsys)
        _assert_one_line_error(code, err, "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DocumentError, match="There is no file"):
        Document.open(tmp_path / "absent.jmap")
    code, _out, err = _cli(["info", str(tmp_path / "absent.jmap")], capsys)
    _assert_one_line_error(code, err, "There is no file")


def test_a_folder_is_not_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DocumentError, match="is a folder"):
        Document.open(tmp_path)
    code, _out, err = _cli(["info", str(tmp_path)], capsys)
    _assert_one_line_error(code, err, "is a folder")


def test_unknown_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.jmap"
    code, out, err = _cli(["new", str(path), "--template", "no-such-template"], capsys)
    _assert_one_line_error(code, err, "There is no template 'no-such-template'")
    assert "blank" in err  # names the templates that do exist
    assert list(tmp_path.iterdir()) == []


def test_unknown_template_with_force_keeps_the_existing_file(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256(workspace)
    code, _out, err = _cli(["new", "--force", str(workspace), "--template", "nope"], capsys)
    _assert_one_line_error(code, err, "There is no template 'nope'")
    assert sha256(workspace) == before
    assert sorted(p.name for p in workspace.parent.iterdir()) == [workspace.name]


# -- a read-only folder -------------------------------------------------------------------
#
# root ignores permission bits, so when the tests run as root the checks run in a
# child process that drops to "nobody" (uid 65534). It starts as root because the
# interpreter may live where nobody cannot read (pyenv under /root); it warms up
# every lazy import on a scratch workspace first, then drops its privileges.

_READ_ONLY_CHECK = textwrap.dedent(
    """
    import contextlib, io, json, os, sys
    from pathlib import Path
    from journeymapper import cli, editing
    from journeymapper.model.document import Document
    from journeymapper.model.errors import DocumentError, ReadOnlyError

    folder, scratch = Path(sys.argv[1]), Path(sys.argv[2])

    def run_cli(argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
        return [code, out.getvalue(), err.getvalue()]

    # Warm-up in a writable scratch folder: imports everything used below.
    run_cli(["new", str(scratch / "warm.jmap")])
    run_cli(["info", str(scratch / "warm.jmap")])
    warm = Document.open(scratch / "warm.jmap", read_only=True)
    with contextlib.suppress(ReadOnlyError):
        editing.add_journey(warm, "x")
    warm.close()
    with contextlib.suppress(DocumentError):
        Document.open(scratch / "missing.jmap")

    if os.geteuid() == 0:
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
        except PermissionError as exc:
            print(json.dumps({"skip": f"cannot drop root privileges here: {exc}"}))
            sys.exit(0)
    report = {"uid": os.geteuid()}
    try:
        (folder / "probe").touch()
        report["probe"] = "written"
    except PermissionError:
        report["probe"] = "refused"
    existing, fresh, old = folder / "map.jmap", folder / "fresh.jmap", folder / "old.jmap"
    doc = Document.open(existing)
    report["read_only"] = doc.read_only
    report["lanes"] = len(doc.rows("SELECT id FROM lane"))
    try:
        editing.add_journey(doc, "Not saved")
    except ReadOnlyError as exc:
        report["edit_error"] = str(exc)
    doc.close()
    try:
        Document.create(fresh)
    except DocumentError as exc:
        report["create_error"] = str(exc)
    try:
        Document.open(old)
    except DocumentError as exc:
        report["old_error"] = str(exc)
    report["cli_new"] = run_cli(["new", str(fresh)])
    report["cli_force"] = run_cli(["new", "--force", str(existing)])
    report["cli_info"] = run_cli(["info", str(existing)])
    print(json.dumps(report))
    """
)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A 0o555 folder holding a workspace and a v1 file, reachable by uid 65534."""
    outer = Path(tempfile.mkdtemp(prefix="jm-ro-"))
    outer.chmod(0o777)
    folder = outer / "locked"
    folder.mkdir()
    create_workspace(folder / "map.jmap", "blank").close()
    shutil.copyfile(V1_FILE, folder / "old.jmap")
    for f in folder.iterdir():
        f.chmod(0o644)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(outer)


def test_read_only_folder(read_only_folder: Path, tmp_path: Path) -> None:
    before = {p.name: sha256(p) for p in read_only_folder.iterdir()}
    result = subprocess.run(
        [sys.executable, "-c", _READ_ONLY_CHECK, str(read_only_folder), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(read_only_folder.parent),
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    if "skip" in report:
        pytest.skip(report["skip"])

    assert report["uid"] != 0
    assert report["probe"] == "refused"  # the folder really is read-only for the child
    assert report["read_only"] is True
    assert report["lanes"] == 11
    assert "read-only" in report["edit_error"]
    assert "Cannot write to the folder" in report["create_error"]
    assert "older file format" in report["old_error"]
    for name in ("cli_new", "cli_force"):
        code, _out, err = report[name]
        _assert_one_line_error(code, err, "Cannot write to the folder")
    code, out, err = report["cli_info"]
    assert code == 0 and err == "" and "Customer journey" in out
    assert {p.name: sha256(p) for p in read_only_folder.iterdir()} == before


# -- migration from version 1 ---------------------------------------------------------------


def _v1_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    return dump(path)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def test_v1_fixture_is_what_the_generator_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(V1_FILE.parent))
    try:
        import make_v1_workspace
    finally:
        sys.path.remove(str(V1_FILE.parent))
    fresh = tmp_path / "fresh_v1.jmap"
    make_v1_workspace.build(fresh)
    assert dump(fresh) == dump(V1_FILE)
    assert _pragma(V1_FILE, "user_version") == 1
    assert _pragma(V1_FILE, "application_id") == APPLICATION_ID


def test_v1_file_is_migrated_with_a_backup_and_keeps_all_data(v1_copy: Path) -> None:
    original = v1_copy.read_bytes()
    old = _v1_rows(v1_copy)
    conn = sqlite3.connect(f"file:{v1_copy}?mode=ro", uri=True)
    old_columns = {t: _columns(conn, t) for t in user_tables(conn)}
    conn.close()

    doc = Document.open(v1_copy)
    try:
        assert doc.migrated_from == 1
        assert not doc.read_only
        assert doc.backup_path == v1_copy.with_name("old.v1-backup.jmap")
        assert doc.backup_path.read_bytes() == original
        assert doc.rows("PRAGMA user_version")[0][0] == SCHEMA_VERSION

        raw = doc.raw_connection()
        for table, columns in old_columns.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            kept = raw.execute(f'SELECT {cols} FROM "{table}" ORDER BY id').fetchall()
            assert kept == old[table], table
        assert len(old["touchpoint"]) == 6 and len(old["measurement"]) == 6
        assert {r[0] for r in doc.rows("SELECT evidence FROM touchpoint")} == {"observed"}
        flagged = doc.rows("SELECT name FROM lane WHERE is_support = 1")
        assert flagged == [("Support desk",)]
        assert doc.rows("SELECT count(*) FROM lane WHERE is_support = 0")[0][0] == 4
        assert doc.rows("SELECT count(*) FROM metric_definition WHERE builtin = 1")[0][0] == 6
        data = load_journey(doc, 1)
        assert [s.name for s in data.stages] == ["Discover", "Compare", "Buy", "Get help"]
        landing = next(t for t in data.touchpoints.values() if t.title == "Landing page")
        assert landing.latest["csat"].value == 4.4

        # The migrated file takes every kind of edit, including the version-2 ones.
        tp = doc.rows("SELECT id FROM touchpoint ORDER BY id")[0][0]
        editing.edit_touchpoint(doc, tp, evidence="assumed")
        round_id = editing.add_vote_round(doc, 1, "Workshop").created_id
        editing.vote(doc, round_id, "Ann", touchpoint_id=tp)
        editing.set_setting(doc, "health.min_measurements", "2")
    finally:
        doc.close()

    again = Document.open(v1_copy)
    try:
        assert again.migrated_from is None
        assert again.rows("SELECT count(*) FROM vote")[0][0] == 1
    finally:
        again.close()
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == [
        "old.jmap",
        "old.v1-backup.jmap",
    ]


def _schema(path: Path) -> dict[str, Any]:
    """Tables with their columns, indexes and foreign keys, ignoring column order."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = {}
        for table in user_tables(conn):
            columns = sorted(
                (r[1], r[2].upper(), r[3], r[5])
                for r in conn.execute(f'PRAGMA table_info("{table}")')
            )
            indexes = sorted(
                (
                    r[1],
                    r[2],
                    tuple(c[2] for c in conn.execute(f'PRAGMA index_info("{r[1]}")')),
                )
                for r in conn.execute(f'PRAGMA index_list("{table}")')
            )
            keys = sorted(
                (r[2], r[3], r[4], r[6])
                for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')
            )
            schema[table] = {"columns": columns, "indexes": indexes, "foreign_keys": keys}
        return schema
    finally:
        conn.close()


def test_migrated_schema_equals_a_fresh_one(v1_copy: Path, tmp_path: Path) -> None:
    Document.open(v1_copy).close()
    fresh = tmp_path / "fresh.jmap"
    Document.create(fresh).close()
    migrated, created = _schema(v1_copy), _schema(fresh)
    assert sorted(migrated) == sorted(created)
    for table in created:
        assert migrated[table] == created[table], table


def test_failed_migration_leaves_the_file_as_it_was(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = v1_copy.read_bytes()
    # The step fails after its first statements have already run.
    broken = migrations.STEPS[1] + "\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setitem(migrations.STEPS, 1, broken)
    with pytest.raises(DocumentError, match="could not be upgraded.*left unchanged"):
        Document.open(v1_copy)
    assert v1_copy.read_bytes() == before
    assert _pragma(v1_copy, "user_version") == 1
    assert not v1_copy.with_name(v1_copy.name + "-journal").exists()

    monkeypatch.undo()
    doc = Document.open(v1_copy)  # the next attempt works
    try:
        assert doc.migrated_from == 1
    finally:
        doc.close()


def test_migration_interrupted_by_a_python_error_rolls_back(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = v1_copy.read_bytes()
    real = migrations._statements
    ran: list[str] = []

    def three_then_crash(script: str) -> Iterator[str]:
        for statement in real(script)[:3]:
            ran.append(statement)
            yield statement
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "_statements", three_then_crash)
    with pytest.raises(RuntimeError, match="power cut"):
        Document.open(v1_copy)
    monkeypatch.undo()
    assert len(ran) == 3 and ran[0].startswith("ALTER TABLE")
    assert v1_copy.read_bytes() == before
    assert _pragma(v1_copy, "user_version") == 1


def test_v1_file_opened_read_only_is_not_migrated(v1_copy: Path) -> None:
    before = v1_copy.read_bytes()
    with pytest.raises(DocumentError, match="older file format"):
        Document.open(v1_copy, read_only=True)
    assert v1_copy.read_bytes() == before
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == ["old.jmap"]
