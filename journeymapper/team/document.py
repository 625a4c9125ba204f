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
        self.engine = create_engine(
            "postgresql+psycopg://",
            creator=lambda: connect(self.address, entry.pg_schema),
            pool_pre_ping=True,
            pool_size=1,
        )
        dialect.install(self.engine)
        self.session = Session(self.engine, expire_on_commit=False)

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
            self._end_reads()
            conn = self.session.connection()
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext(?))", (self.channel,))
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

    def _end_reads(self) -> None:
        """Close a read transaction the session may hold, so the edit starts fresh."""
        if self.session.in_transaction():
            self.session.rollback()

    def committing(self, changes: Any) -> int | None:
        """Log what this edit touched and NOTIFY it (delivered when the edit commits)."""
        self._told = True
        conn = self.session.connection()
        seq = int(
            conn.exec_driver_sql(
                "INSERT INTO jm_edit (client) VALUES (?) RETURNING seq", (self.client_id,)
            ).scalar_one()
        )
        ids = changes.ids if changes is not None else {}
        rows = [(seq, table, int(i)) for table, found in ids.items() for i in found]
        if rows:
            conn.exec_driver_sql("INSERT INTO jm_change (seq, tbl, row_id) VALUES (?, ?, ?)", rows)
        touched = {table: sorted(int(i) for i in found) for table, found in ids.items() if found}
        head = {"c": self.client_id, "s": seq, "w": self.user}
        payload = json.dumps({**head, "t": touched})
        if changes is None or len(payload) > _PAYLOAD_LIMIT:
            payload = json.dumps({**head, "all": True})
        conn.exec_driver_sql("SELECT pg_notify(?, ?)", (self.channel, payload))
        self._stamp = seq
        return seq

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
        """Run a read-only query; outside an edit, the read transaction ends at once."""
        try:
            dbapi = self.session.connection().connection.dbapi_connection
            cur = dbapi.cursor()  # type: ignore[union-attr]
            dialect.file_like_loaders(cur)
            cur.execute(dialect.to_pyformat(sql), params)
            found = cur.fetchall()
        except (
            sa_exc.OperationalError,
            sa_exc.InterfaceError,
            psycopg.OperationalError,
            ServerUnreachable,
        ) as exc:
            with contextlib.suppress(Exception):
                self.session.rollback()
            raise DocumentError(LOST) from exc
        if not self._depth:
            self.session.rollback()
        return found

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
        with contextlib.suppress(Exception):
            self.session.rollback()
        self.session.close()
        self.engine.dispose()
