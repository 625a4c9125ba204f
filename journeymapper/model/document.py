"""The workspace document: one SQLite file, opened safely, edited transactionally.

SQLite is used as an application file format: every edit commits at once, so
there is never an unsaved state. Opening never writes to a file before it has
been recognised as ours and of a schema we understand; a file from an older
schema is copied aside before it is migrated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymapper.model import migrations
from journeymapper.model.enums import BUILTIN_METRICS
from journeymapper.model.errors import (
    DocumentError,
    ReadOnlyError,
    describe_write_failure,
    is_write_failure,
)
from journeymapper.model.file_check import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    FileCheck,
    _journal_path,
    _uri,
    check_file,
    journal_is_hot,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from journeymapper.model.tables import Workspace

__all__ = [
    "APPLICATION_ID",
    "FILE_SUFFIX",
    "SCHEMA_VERSION",
    "Document",
    "FileCheck",
    "_uri",
    "backup_path_for",
    "check_file",
]

FILE_SUFFIX = ".jmap"


def _folder_writable(folder: Path) -> bool:
    """True when a file can really be created in ``folder`` (os.access lies to root)."""
    probe = folder / f".jmap-write-probe-{os.getpid()}"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return False
    probe.unlink(missing_ok=True)
    return True


def backup_path_for(path: Path, version: int) -> Path:
    """Where the pre-migration copy of a file of schema ``version`` is kept."""
    return path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")


class Document:
    """An open workspace: one SQLite connection, one long-lived session over it, one file.

    The session (and SQLAlchemy with it) is made on first use: reading a journey needs only
    the connection, so the app can paint a map before it imports the ORM (ui/startup.py).
    """

    #: False for a team workspace (no file: no lock, snapshots or file watch).
    is_file = True

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._conn = self._connect(path, read_only)
        self._engine: Engine | None = None
        self._session: Session | None = None
        self._depth = 0
        self.migrated_from: int | None = None
        self.backup_path: Path | None = None

    # -- opening ---------------------------------------------------------
    @staticmethod
    def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(
            _uri(path, "ro" if read_only else "rw"), uri=True, check_same_thread=False
        )
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        if not read_only:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine over the document's one connection (made on first use)."""
        if self._engine is None:
            self._engine = _engine_over(self._conn)
        return self._engine

    @property
    def session(self) -> Session:
        """The long-lived ORM session (made on first use; imports SQLModel then)."""
        if self._session is None:
            from sqlmodel import Session

            self._session = Session(self.engine, expire_on_commit=False)
        return self._session

    @classmethod
    def create(
        cls, path: str | os.PathLike[str], *, name: str | None = None, overwrite: bool = False
    ) -> Document:
        """Create a new, empty workspace file (built-in metrics, no journeys)."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise DocumentError(f"{path} already exists.")
        folder = path.parent
        if not folder.is_dir():
            raise DocumentError(f"The folder {folder} does not exist.")
        if not _folder_writable(folder):
            raise DocumentError(f"Cannot write to the folder {folder}: it is read-only.")
        tmp = path.with_name(path.name + ".creating")
        tmp.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(tmp)
            conn.close()
            from sqlmodel import Session, SQLModel

            from journeymapper.model.tables import MetricDefinition, Workspace

            made = cls._connect(tmp, read_only=False)
            engine = _engine_over(made)
            SQLModel.metadata.create_all(engine)
            with Session(engine) as session:
                session.add(
                    Workspace(
                        name=name or path.stem,
                        created_at=dt.datetime.now().isoformat(timespec="seconds"),
                    )
                )
                for i, m in enumerate(BUILTIN_METRICS):
                    session.add(
                        MetricDefinition(
                            key=m.key,
                            name=m.name,
                            unit=m.unit,
                            min_value=m.min_value,
                            max_value=m.max_value,
                            higher_is_better=m.higher_is_better,
                            builtin=True,
                            position=i,
                        )
                    )
                session.commit()
            with engine.begin() as c:
                c.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                c.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            engine.dispose()
            made.close()
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise DocumentError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return cls(path, read_only=False)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> Document:
        """Open a workspace, migrating an older one after keeping a backup copy.

        A file (or folder) that cannot be written is opened read-only instead
        of failing; :attr:`read_only` tells the caller.
        """
        path = Path(path).resolve()
        info = check_file(path)
        writable = os.access(path, os.W_OK) and _folder_writable(path.parent)
        if info.schema_version < SCHEMA_VERSION:
            if read_only or not writable:
                raise DocumentError(
                    f"{path.name} uses an older file format ({info.schema_version}) and must "
                    "be upgraded, but it is opened read-only. Copy it to a writable folder."
                )
            backup = backup_path_for(path, info.schema_version)
            _copy_database(path, backup)
            try:
                migrations.migrate(path, info.schema_version)
            except sqlite3.Error as exc:
                raise DocumentError(
                    f"{path.name} could not be upgraded from file format "
                    f"{info.schema_version} ({exc}); it was left unchanged."
                ) from exc
            doc = cls(path, read_only=False)
            doc.migrated_from = info.schema_version
            doc.backup_path = backup
            return doc
        return cls(path, read_only=read_only or not writable)

    # -- transactions ----------------------------------------------------
    @contextlib.contextmanager
    def _joined(self) -> Iterator[Session]:
        """A nested transaction joins the outer one: composite edits commit once."""
        self._depth += 1
        try:
            yield self.session
        finally:
            self._depth -= 1

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit of change: commits on success, rolls back on error.

        Nested calls join the outer transaction, so composite edits commit once.
        """
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be saved.")
        if self._depth:
            with self._joined() as session:
                yield session
            return
        self._depth = 1
        try:
            # Bind the connection now: raw SQL on a connection taken before the session
            # existed (raw_connection()) is then committed with the session.
            self.session.connection()
            yield self.session
            self.session.commit()
        except BaseException as exc:
            with contextlib.suppress(Exception):  # a failed disk may fail the rollback too
                self.session.rollback()
            if is_write_failure(exc):
                raise DocumentError(describe_write_failure(exc, self.path)) from exc
            raise
        finally:
            self._depth = 0

    def committing(self, changes: Any) -> int | None:
        """Called inside an edit's transaction with what it changed, before it commits.

        A file has no one else to tell; a team workspace logs and broadcasts the change set
        and returns its stamp (what a later undo checks against).
        """
        return None

    def check_unchanged(self, changes: Any, stamp: int | None) -> None:
        """Refuse an undo whose items someone else changed since ``stamp`` (team only)."""

    def columns(self, table: str) -> list[str]:
        """The column names of ``table`` (older files lack some)."""
        return [r[1] for r in self.rows(f'PRAGMA table_info("{table}")')]

    def describe(self) -> str:
        """Where the workspace lives, as shown to the user."""
        return str(self.path)

    def location(self) -> str | Path:
        """What opens this workspace again (a worker thread's own connection)."""
        return self.path

    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Any]:
        """Run a read-only SQL query and return its rows (fast path for whole-map reads)."""
        raw = self.raw_connection()
        try:
            return raw.execute(sql, params).fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            # Damage that passes quick_check (e.g. bytes that are not UTF-8 in a text column)
            # is the user's problem to hear about; a refused write stays the caller's error.
            damaged = type(exc) is sqlite3.DatabaseError or isinstance(exc, UnicodeDecodeError)
            signs = ("decode", "malformed", "no such column", "no such table")
            if not (damaged or any(sign in str(exc) for sign in signs)):
                raise
            raise DocumentError(f"{self.path.name} is damaged and cannot be read: {exc}.") from exc

    def raw_connection(self) -> sqlite3.Connection:
        """The DB-API connection: the session's (the same one: StaticPool), joined to its
        transaction once a session exists."""
        if self._session is None:
            return self._conn
        conn = self._session.connection().connection.dbapi_connection
        assert isinstance(conn, sqlite3.Connection)
        return conn

    # -- whole-file operations -------------------------------------------
    def workspace(self) -> Workspace:
        from sqlmodel import select

        from journeymapper.model.tables import Workspace

        ws = self.session.exec(select(Workspace)).first()
        if ws is None:
            raise DocumentError(f"{self.path.name} is damaged: it has no workspace record.")
        return ws

    def copy_to(self, target: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of the workspace with SQLite's backup API."""
        target = Path(target)
        if not target.parent.is_dir():
            raise DocumentError(f"The folder {target.parent} does not exist.")
        if self._depth:
            raise DocumentError("Cannot copy the workspace in the middle of a change.")
        if self._session is not None:
            self._session.commit()
        tmp = target.with_name(target.name + ".saving")
        try:
            dst = sqlite3.connect(tmp)
            try:
                self.raw_connection().backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            reason = getattr(exc, "strerror", None) or exc
            raise DocumentError(f"Cannot save a copy to {target}: {reason}.") from exc
        return target

    def save_as(self, target: str | os.PathLike[str]) -> None:
        """Copy the workspace to ``target`` and continue editing the copy."""
        from journeymapper.safety import lock  # the one check of every write target

        target = Path(target).resolve()
        if target == self.path:
            return
        with lock.writing(target):
            self.copy_to(target)
        self.close()
        self.path = target
        self.read_only = False
        self._conn = self._connect(target, read_only=False)
        self._engine = self._session = None

    def close(self) -> None:
        """Release the file. After a clean close the workspace is one file, nothing beside it."""
        session, engine = self._session, self._engine
        if session is not None:
            with contextlib.suppress(Exception):
                session.rollback()
        if not self.read_only:
            with contextlib.suppress(Exception):
                self._drop_dead_journal()
        if session is not None:
            session.close()
        if engine is not None:
            engine.dispose()
        self._conn.close()

    def _drop_dead_journal(self) -> None:
        """Remove a journal a crash left with a zeroed header (it holds nothing to undo).

        Done under SQLite's RESERVED lock, so no other writer is writing a journal now.
        """
        journal = _journal_path(self.path)
        if not journal.exists():
            return
        raw = self.raw_connection()
        raw.execute("BEGIN IMMEDIATE")
        try:
            if not journal_is_hot(self.path):
                journal.unlink(missing_ok=True)
        finally:
            raw.execute("ROLLBACK")

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _engine_over(conn: sqlite3.Connection) -> Engine:
    """An engine whose one pooled connection is ``conn`` (StaticPool: never a second)."""
    from sqlalchemy.pool import StaticPool
    from sqlmodel import create_engine

    return create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)


def _copy_database(source: Path, target: Path) -> None:
    """Copy a database file exactly, without writing to ``source``.

    The copy is byte for byte (so the user's backup is their file as it was),
    taken while a read transaction holds SQLite's shared lock so that no other
    writer can change the file meanwhile. A WAL-mode file keeps recent pages
    beside it, so it is copied through the backup API instead.
    """
    tmp = target.with_name(target.name + ".saving")
    src = sqlite3.connect(_uri(source, "ro"), uri=True, isolation_level=None)
    try:
        src.execute("BEGIN")
        wal = src.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if wal:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        else:
            shutil.copyfile(source, tmp)
        src.execute("COMMIT")
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or exc
        raise DocumentError(f"Cannot keep a backup copy at {target}: {reason}.") from exc
    finally:
        src.close()
