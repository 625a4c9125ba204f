"""Recognising a workspace file before anything is written to it.

A file is ours when it is an SQLite database with our application id, a file
format this version reads, and exactly the schema that format has (tables and
indexes; never a trigger or a view: a received file must carry no code). It is
inspected with ``trusted_schema`` off, first ``immutable`` so that a journal
beside a foreign or newer file is never replayed, and a hot journal is
replayed on a private copy before the real file is repaired.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from journeymapper.model import migrations
from journeymapper.model.errors import DocumentError

#: ``PRAGMA application_id`` of every workspace: the ASCII bytes "JMAP".
APPLICATION_ID = 0x4A4D4150
#: ``PRAGMA user_version`` written by this version of the code.
SCHEMA_VERSION = migrations.CURRENT_VERSION
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileCheck:
    """What :func:`check_file` learned about a file without writing to it."""

    path: Path
    schema_version: int


def _uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path))}?mode={mode}"


def _journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def journal_is_hot(path: Path) -> bool:
    """True when a rollback journal beside ``path`` holds a transaction to undo."""
    try:
        with _journal_path(path).open("rb") as fh:
            return fh.read(8) == _JOURNAL_MAGIC
    except OSError:
        return False


def _read_header(path: Path) -> bytes:
    """The first 100 bytes of a file that looks like an SQLite database, or a refusal."""
    if not path.exists():
        folder = path.parent
        if not folder.is_dir():
            raise DocumentError(f"The folder {folder} does not exist.")
        raise DocumentError(f"There is no file {path}.")
    if path.is_dir():
        raise DocumentError(f"{path} is a folder, not a workspace file.")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if not header:
        raise DocumentError(
            f"{path.name} is empty (0 bytes): it is not a Journey Mapper workspace."
        )
    if not header.startswith(_SQLITE_MAGIC):
        raise DocumentError(
            f"{path.name} is not a Journey Mapper workspace (it is not an SQLite database)."
        )
    if len(header) < 100:
        raise DocumentError(f"{path.name} is damaged: the file is truncated.")
    return header


def _marks(conn: sqlite3.Connection, path: Path, *, deep: bool) -> int:
    """Check the application id, version and (``deep``) schema and integrity; the version."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise DocumentError(
            f"{path.name} is an SQLite database of another application, "
            "not a Journey Mapper workspace."
        )
    if version > SCHEMA_VERSION:
        raise DocumentError(
            f"{path.name} was made by a newer version of Journey Mapper "
            f"(file format {version}; this version reads up to {SCHEMA_VERSION}). "
            "Update Journey Mapper to open it."
        )
    if version < 1:
        raise DocumentError(f"{path.name} is damaged: it has no file format version.")
    if deep:
        problem = migrations.schema_problem(conn, version)
        if problem is not None:
            raise DocumentError(
                f"{path.name} is refused: {problem}. A workspace file must carry no code; "
                "it was left unchanged."
            )
        problems = [" ".join(row[0].split()) for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise DocumentError(f"{path.name} is damaged: {'; '.join(problems)}.")
    return int(version)


def _inspect(uri: str, path: Path, *, deep: bool) -> int:
    """Open ``uri`` untrusted and check its marks; the file format version."""
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DocumentError(f"Cannot open {path.name}: {exc}.") from exc
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        return _marks(conn, path, deep=deep)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # damaged text is not UTF-8
        raise DocumentError(f"{path.name} is damaged and cannot be read: {exc}.") from exc
    finally:
        conn.close()


def _inspect_rolled_back(path: Path) -> None:
    """Check a file as its hot journal would leave it, on a private copy of both.

    The journal is replayed on the copy only, so a file that is then refused
    keeps its journal and its bytes exactly as they were.
    """
    with tempfile.TemporaryDirectory(prefix="jmap-check-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(_journal_path(path), _journal_path(copy))
        except OSError as exc:
            raise DocumentError(f"Cannot check {path.name}: {exc.strerror or exc}.") from exc
        _inspect(_uri(copy, "rw"), path, deep=True)


def check_file(path: str | os.PathLike[str]) -> FileCheck:
    """Recognise a workspace file, or raise :class:`DocumentError` saying why not.

    Reads only. A file is first read as it stands (``immutable``), so a foreign or
    newer file is refused before anything else. A file with a hot rollback journal
    left by a crash may be torn mid-write, so it is checked as the journal would
    leave it, on a private copy; only a file that passes is repaired by SQLite
    replaying the journal.
    """
    path = Path(path)
    _read_header(path)
    hot = journal_is_hot(path)
    if hot:  # a crash mid-write may leave the file torn until its journal is replayed
        _inspect_rolled_back(path)
    else:
        _inspect(_uri(path, "ro") + "&immutable=1", path, deep=False)
    mode = "rw" if hot and os.access(path, os.W_OK) else "ro"  # rw: SQLite repairs it
    version = _inspect(_uri(path, mode), path, deep=True)
    return FileCheck(path=path, schema_version=version)
