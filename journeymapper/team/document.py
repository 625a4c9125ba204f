"""A team workspace: the same Document, kept on a PostgreSQL server.

Every write transaction first takes the workspace's writers' lock (a transaction-level
advisory lock), so concurrent edits run one after another on fresh rows: positions stay
contiguous and no edit is lost. Each edit also writes what it touched to the change log and
sends it with NOTIFY in the same transaction, so other windows hear it exactly when it
commits. File-only things (PRAGMAs, locks, backups) stay in the file backend.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine
from sqlalchemy import exc as sa_exc
from sqlmodel import Session

from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError, EditError
from journeymapper.team import dialect, server_schema
from journeymapper.team.address import TeamAddress
from journeymapper.team.connection import ServerUnreachable, connect

#: NOTIFY payloads must stay under PostgreSQL's 8000 bytes; larger change sets say "all".
_PAYLOAD_LIMIT = 7000
_LOG_AND_NOTIFY = """
WITH edit AS (INSERT INTO jm_edit (client) VALUES (?) RETURNING seq),
rows AS (
    INSERT INTO jm_change (seq, tbl, row_id)
    SELECT edit.seq, t.tbl, t.row_id FROM edit, unnest(?::text[], ?::bigint[]) AS t(tbl, row_id)
)
SELECT seq, pg_notify(?, json_build_object(
    'c', ?::text, 's', seq, 'w', ?::text,
    CASE WHEN ?::boolean THEN 'all' ELSE 't' END,
    CASE WHEN ?::boolean THEN 'true'::json ELSE ?::json END
)::text) FROM edit
"""
LOST = "The connection to the team server was lost (reconnecting); the change was not saved."


def channel_of(schema: str) -> str:
    """The LISTEN/NOTIFY channel of a workspace schema."""
    return f"jm_{schema}"


class TeamDocument(Document):
    """An open team workspace: one engine and one long-lived session on the server."""

    is_file = False

    def __init__(
        self, address: TeamAddress, entry: server_schema.WorkspaceEntry, user: str = ""
    ) -> None:
        self.address = address.with_workspace(entry.name)
        self.user = user
        #: Set by the window while its live link is down: edits are refused, never queued.
        self.offline = False
        self.entry = entry
        self.path = Path(entry.name)
        self.read_only = False
        self.client_id = uuid.uuid4().hex
        self.channel = channel_of(entry.pg_schema)
        self.migrated_from = None
        self.backup_path = None
        self._depth = 0
        self._stamp: int | None = None
        self._told = False
        self._reader: psycopg.Connection | None = None
        self._engine = create_engine(
            "postgresql+psycopg://",
            creator=lambda: connect(self.address, entry.pg_schema),
            pool_size=1,
        )
        dialect.install(self._engine)
        self._session = Session(self._engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Any, *, read_only: bool = False, workspace: str | None = None) -> Any:
        """Open the workspace named in the address (or ``workspace``, or the only one)."""
        address = TeamAddress.parse(str(path), workspace)
        with connect(address, autocommit=True) as conn:
            entry = server_schema.find_workspace(conn, address.workspace)
            user = conn.info.user
        return cls(address, entry, user)

    def describe(self) -> str:
        return self.address.display()

    def location(self) -> str:
        return f"{self.address.conninfo}#{self.entry.name}"

    # -- transactions ------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One edit = one server transaction, after the writers' lock, on fresh rows."""
        if self._depth:
            self._depth += 1
            try:
                yield self.session
            finally:
                self._depth -= 1
            return
        if self.offline:
            raise DocumentError(LOST)
        self._depth = 1
        try:
            self._begin()
            self.session.expire_all()
            self._told = False
            yield self.session
            if not self._told:  # a change made outside the editing service (an import)
                self.committing(None)
            self.session.commit()
        except BaseException as exc:
            with contextlib.suppress(Exception):
                self.session.rollback()
            if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError | ServerUnreachable):
                raise DocumentError(LOST) from exc
            raise
        finally:
            self._depth = 0

    def _begin(self) -> None:
        """Start the edit's transaction with the writers' lock.

        A pooled connection the server dropped (a restart) fails here, before anything was
        done: it is replaced once, quietly; a server still away fails the edit.
        """
        for attempt in (1, 2):
            if self.session.in_transaction():  # a read left open: start fresh
                self.session.rollback()
            try:
                self.session.connection().exec_driver_sql(
                    "SELECT pg_advisory_xact_lock(hashtext(?))", (self.channel,)
                )
                return
            except sa_exc.DBAPIError as exc:
                if attempt == 2 or not exc.connection_invalidated:
                    raise

    def committing(self, changes: Any) -> int | None:
        """Log what this edit touched and NOTIFY it (delivered when the edit commits).

        One statement (one round trip): the edit's log row, its changed rows, the NOTIFY.
        """
        self._told = True
        ids = changes.ids if changes is not None else {}
        tables = [table for table, found in ids.items() for _ in found]
        rows = [int(i) for found in ids.values() for i in found]
        touched = {table: sorted(int(i) for i in found) for table, found in ids.items() if found}
        body = json.dumps(touched)
        whole = changes is None or len(body) > _PAYLOAD_LIMIT
        seq = (
            self.session.connection()
            .exec_driver_sql(
                _LOG_AND_NOTIFY,
                (
                    self.client_id,
                    tables,
                    rows,
                    self.channel,
                    self.client_id,
                    self.user,
                    whole,
                    whole,
                    body,
                ),
            )
            .scalar_one()
        )
        self._stamp = int(seq)
        return self._stamp

    def check_unchanged(self, changes: Any, stamp: int | None) -> None:
        """Refuse to undo a step when someone else changed one of its items since."""
        if stamp is None:
            return
        conn = self.session.connection()
        for table, ids in changes.ids.items():
            if not ids:
                continue
            found = conn.exec_driver_sql(
                "SELECT e.who FROM jm_change c JOIN jm_edit e ON e.seq = c.seq "
                "WHERE c.tbl = ? AND c.row_id = ANY(?) AND c.seq > ? AND e.client <> ? LIMIT 1",
                (table, [int(i) for i in ids], stamp, self.client_id),
            ).first()
            if found is not None:
                raise EditError(
                    f"{found[0]} has changed this {table.replace('_', ' ')} since; "
                    "this step can no longer be undone."
                )

    # -- reads -------------------------------------------------------------
    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Any]:
        """Run a read-only query, returning rows as a file's (ISO dates, 0/1 booleans).

        Inside an edit it reads the edit's own transaction. Outside, it reads on a separate
        autocommit connection (one round trip per query, what a redraw needs); a connection
        the server dropped is replaced once, since a read is safe to repeat.
        """
        query = dialect.to_pyformat(sql)
        if self._depth:
            try:
                cur = self.session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                dialect.file_like_loaders(cur)
                return list(cur.execute(query, params).fetchall())
            except (sa_exc.DBAPIError, psycopg.OperationalError) as exc:
                raise DocumentError(LOST) from exc
        for attempt in (1, 2):
            try:
                return list(self._reader_connection().execute(query, params).fetchall())
            except psycopg.OperationalError as exc:
                self._close_reader()
                if attempt == 2:
                    raise DocumentError(LOST) from exc
            except ServerUnreachable as exc:
                raise DocumentError(LOST) from exc
        raise AssertionError("unreachable")

    def _reader_connection(self) -> psycopg.Connection:
        if self._reader is None or self._reader.closed:
            self._reader = connect(self.address, self.entry.pg_schema, autocommit=True)
            dialect.file_like_loaders(self._reader)
        return self._reader

    def _close_reader(self) -> None:
        if self._reader is not None:
            with contextlib.suppress(Exception):
                self._reader.close()
        self._reader = None

    def columns(self, table: str) -> list[str]:
        return [
            r[0]
            for r in self.rows(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ?",
                (table,),
            )
        ]

    def raw_connection(self) -> Any:
        raise DocumentError("A team workspace has no file connection.")

    # -- whole-workspace operations ---------------------------------------
    def copy_to(self, target: Any) -> Path:
        """An offline copy of the workspace as a file (not merged back automatically)."""
        from journeymapper.team import transfer

        return transfer.copy_to_file(self, Path(target))

    def save_as(self, target: Any) -> None:
        raise DocumentError(
            "A team workspace stays on its server; take an offline copy with "
            "`journeymapper team copy` (or File > Save a copy)."
        )

    def close(self) -> None:
        self._close_reader()
        with contextlib.suppress(Exception):
            self.session.rollback()
        self.session.close()
        self.engine.dispose()
