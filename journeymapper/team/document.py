"""A team workspace: the same Document, kept on a PostgreSQL server.

Every write transaction first takes the workspace's writers' lock (a transaction-level
advisory lock), so concurrent edits run one after another on fresh rows: positions stay
in order and no edit is lost. Each edit also writes what it touched to the change log and
sends it with NOTIFY in the same transaction, so other windows hear it exactly when it
commits. An edit costs the round trips of its own SQL plus two: BEGIN with the lock, and
the log with NOTIFY and COMMIT; rows the session already holds are not read again when the
edit's sequence number shows nobody else edited since. File-only things (PRAGMAs, locks,
backups) stay in the file backend.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session

from journeymapper.editing.core import DEFER_WRITE
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError, EditError
from journeymapper.team import dialect, server_schema
from journeymapper.team.address import TeamAddress
from journeymapper.team.connection import ServerUnreachable, connect

#: NOTIFY payloads must stay under PostgreSQL's 8000 bytes; larger change sets say "all".
_PAYLOAD_LIMIT = 7000
#: The edit's start, one round trip: BEGIN, the writers' lock, then (only once the lock is
#: held, hence the fenced subquery) the edit's sequence number, so seqs follow commit order.
_BEGIN = (
    "BEGIN; SELECT nextval('jm_edit_seq_seq') "
    "FROM (SELECT pg_advisory_xact_lock(hashtext(%s)) OFFSET 0) AS locked"
)
#: The edit's end, one round trip: its log row, its changed rows, the NOTIFY, and COMMIT.
#: Plain statements with the values bound client-side (a CTE over arrays and a payload built
#: on the server cost the server twice as much); the changed rows are a VALUES list.
_LOG = "INSERT INTO jm_edit (seq, client) VALUES (%s, %s);\n"
_CHANGED = "INSERT INTO jm_change (seq, tbl, row_id) VALUES {rows};\n"
_NOTIFY_COMMIT = "SELECT pg_notify(%s, %s);\nCOMMIT"
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
        self._seq = 0
        #: The seq of this document's last committed edit (None: unknown, re-read rows).
        self._committed: int | None = None
        #: The session's identity map is weak: rows loaded are held here, so that the next
        #: edit finds them (when nobody else edited in between) instead of reading again.
        self._held: dict[Any, Any] = {}
        self._touched: dict[str, set[int]] = {}
        self._whole = False
        self._reader: psycopg.Connection | None = None
        self._engine = create_engine(
            "postgresql+psycopg://",
            creator=lambda: connect(self.address, entry.pg_schema, autocommit=True),
            pool_size=1,
        )
        dialect.install(self._engine)
        self._session = Session(self._engine, expire_on_commit=False)
        event.listen(self._session, "loaded_as_persistent", self._hold)
        event.listen(self._session, "pending_to_persistent", self._hold)
        event.listen(self._session, "persistent_to_deleted", self._release)
        #: Plain UPDATEs an edit wrote and nobody has read since: sent before the next
        #: statement, or with the log and COMMIT (a field edit's one round trip of its own).
        self._deferred: list[tuple[str, tuple[Any, ...]]] = []
        self._session.info[DEFER_WRITE] = self._defer
        event.listen(self._engine, "before_cursor_execute", self._send_deferred)

    def _hold(self, session: Session, obj: Any) -> None:
        self._held[sa_inspect(obj).identity_key] = obj

    def _release(self, session: Session, obj: Any) -> None:
        self._held.pop(sa_inspect(obj).identity_key, None)

    def _defer(self, sql: str, params: tuple[Any, ...]) -> None:
        if not self._depth:  # outside an edit nothing would send it: run it now
            self.session.connection().exec_driver_sql(sql, params)
            return
        self._deferred.append((dialect.to_pyformat(sql), params))

    def _send_deferred(self, *_args: Any) -> None:
        """Before any other statement of the edit: what it reads must see the writes."""
        if self._deferred:
            sql, params = self._deferred_batch()
            psycopg.ClientCursor(self._driver()).execute(sql, params)

    def _deferred_batch(self) -> tuple[str, list[Any]]:
        """The deferred UPDATEs as one simple query (values bound client-side), and forget them."""
        batch, self._deferred = self._deferred, []
        return "".join(f"{sql};\n" for sql, _ in batch), [v for _, ps in batch for v in ps]

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
        """One edit = one server transaction, after the writers' lock, on fresh rows.

        The driver connection is in autocommit mode: the edit opens its transaction itself,
        with the lock in the same round trip, and closes it with the change log and NOTIFY
        in the same round trip as COMMIT (two round trips besides the edit's own SQL).
        """
        if self._depth:
            with self._joined() as session:
                yield session
            return
        if self.offline:
            raise DocumentError(LOST)
        self._depth = 1
        self._touched, self._whole = {}, False
        try:
            if not self._begin():
                self.session.expire_all()
            self._told = False
            yield self.session
            if not self._told:  # a change made outside the editing service (an import)
                self.committing(None)
            self.session.flush()
            pending, pending_params = self._deferred_batch()
            end, end_params = self._log_notify_commit()
            psycopg.ClientCursor(self._driver()).execute(
                pending + end, [*pending_params, *end_params]
            )
            self.session.commit()  # the server has committed; this settles the ORM's side
            self._committed = self._seq
        except BaseException as exc:
            self._committed = None
            self._deferred = []
            with contextlib.suppress(Exception):
                self.session.rollback()
            if isinstance(
                exc,
                sa_exc.OperationalError
                | sa_exc.InterfaceError
                | psycopg.OperationalError
                | psycopg.InterfaceError
                | ServerUnreachable,
            ):
                raise DocumentError(LOST) from exc
            raise
        finally:
            self._depth = 0

    def _driver(self) -> psycopg.Connection:
        """The psycopg connection under the session (autocommit; edits BEGIN themselves)."""
        return self.session.connection().connection.dbapi_connection  # type: ignore[return-value]

    def _begin(self) -> bool:
        """Start the edit's transaction with the writers' lock and take its sequence number.

        True when nobody else has edited since this document's last edit: seqs are taken
        only under the lock, so the next number means no other edit came between, and the
        rows the session holds are still the server's (they need no re-reading).
        A pooled connection the server dropped (a restart) fails here, before anything was
        done: it is replaced once, quietly; a server still away fails the edit.
        """
        for attempt in (1, 2):
            if self.session.in_transaction():  # a read left open: start fresh
                self.session.rollback()
            try:
                cur = psycopg.ClientCursor(self._driver())  # one simple query, no BEGIN first
                cur.execute(_BEGIN, (self.channel,))
                while cur.nextset():
                    pass
                row = cur.fetchone()
                self._seq = int(row[0]) if row else 0
                return self._committed is not None and self._seq == self._committed + 1
            except (psycopg.OperationalError, psycopg.InterfaceError):
                with contextlib.suppress(Exception):
                    self.session.connection().invalidate()
                with contextlib.suppress(Exception):
                    self.session.rollback()
                if attempt == 2:
                    raise
        return False

    def committing(self, changes: Any) -> int | None:
        """Note what this edit touched; the log rows and NOTIFY go with its COMMIT.

        Its sequence number was taken under the lock, so it is known now (the undo stamp).
        Operations nested in one transaction add up to one logged edit.
        """
        self._told = True
        if changes is None:
            self._whole = True
        else:
            for table, found in changes.ids.items():
                self._touched.setdefault(table, set()).update(int(i) for i in found)
        self._stamp = self._seq
        return self._stamp

    def _log_notify_commit(self) -> tuple[str, list[Any]]:
        """The edit's end: one simple query (values bound client-side), COMMIT included."""
        touched = {table: sorted(found) for table, found in self._touched.items() if found}
        body: dict[str, Any] = {"c": self.client_id, "s": self._seq, "w": self.user, "t": touched}
        payload = json.dumps(body, separators=(",", ":"))
        if self._whole or len(payload) > _PAYLOAD_LIMIT:
            payload = json.dumps({"c": self.client_id, "s": self._seq, "w": self.user, "all": True})
        rows = [(table, i) for table, found in touched.items() for i in found]
        sql = _LOG + (_CHANGED.format(rows=", ".join(["(%s, %s, %s)"] * len(rows))) if rows else "")
        params: list[Any] = [self._seq, self.client_id]
        for table, i in rows:
            params += [self._seq, table, i]
        return sql + _NOTIFY_COMMIT, [*params, self.channel, payload]

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
                self._send_deferred()
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
