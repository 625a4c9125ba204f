"""Hearing other people's edits: LISTEN/NOTIFY on the workspace, with catch-up and presence.

Each edit's change set arrives as a NOTIFY when it commits (see ``TeamDocument.committing``).
The feed hands over other clients' change sets in commit order; after a dropped connection
it reconnects and reads what it missed from the change log, so nothing is skipped. It is
Qt-free: a window polls it when its socket is readable (ui/team_link.py).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass

import psycopg

from journeymapper.editing.core import Changes
from journeymapper.team.document import TeamDocument


@dataclass(frozen=True)
class RemoteChange:
    """One edit someone else committed: its log number and what it touched.

    ``changes`` is None when the edit touched too much to list (an import): reload.
    """

    seq: int
    changes: Changes | None
    #: The database role that made the edit (for the "Ann changed …" notice).
    who: str = ""


class ChangeFeed:
    """The change sets other windows commit to one team workspace, in order."""

    def __init__(self, doc: TeamDocument) -> None:
        self.doc = doc
        self.conn: psycopg.Connection | None = None
        self.last_seq = 0
        self._connect(catch_up=False)

    @property
    def live(self) -> bool:
        return self.conn is not None and not self.conn.closed

    def fileno(self) -> int | None:
        return self.conn.fileno() if self.live and self.conn is not None else None

    def _connect(self, *, catch_up: bool) -> list[RemoteChange]:
        address, schema = self.doc.address, self.doc.entry.pg_schema
        conn = psycopg.connect(
            address.conninfo,
            autocommit=True,
            application_name=f"journeymapper-live:{schema}",
            options=f"-c search_path={schema}",
            connect_timeout=3,
        )
        conn.execute(f'LISTEN "{self.doc.channel}"')
        self.conn = conn
        if not catch_up:
            row = conn.execute("SELECT coalesce(max(seq), 0) FROM jm_edit").fetchone()
            self.last_seq = int(row[0]) if row else 0
            return []
        return self._missed()

    def _missed(self) -> list[RemoteChange]:
        """Edits committed by others since the last one heard (read from the change log)."""
        assert self.conn is not None
        rows = self.conn.execute(
            "SELECT e.seq, e.client, c.tbl, c.row_id, e.who FROM jm_edit e "
            "LEFT JOIN jm_change c ON c.seq = e.seq WHERE e.seq > %s ORDER BY e.seq",
            (self.last_seq,),
        ).fetchall()
        by_seq: dict[int, tuple[str, Changes | None, str]] = {}
        for seq, client, table, row_id, who in rows:
            _, changes, _ = by_seq.setdefault(seq, (client, Changes() if table else None, who))
            if changes is not None and table:
                changes.add(table, row_id)
        out = []
        for seq, (client, changes, who) in by_seq.items():
            self.last_seq = max(self.last_seq, seq)
            if client != self.doc.client_id:
                out.append(RemoteChange(seq, changes, who))
        return out

    def poll(self, timeout: float = 0.0) -> list[RemoteChange]:
        """What others committed since the last poll (reconnecting first when cut off).

        Raises ``psycopg.OperationalError`` while the server cannot be reached.
        """
        if not self.live:
            return self._connect(catch_up=True)
        assert self.conn is not None
        out: list[RemoteChange] = []
        try:
            notes = list(self.conn.notifies(timeout=timeout, stop_after=1)) if timeout else []
            notes += self.conn.notifies(timeout=0)  # and whatever else has arrived
            for note in notes:
                change = self._decode(note.payload)
                if change is not None:
                    out.append(change)
        except psycopg.OperationalError:
            self.close()
            raise
        return out

    def _decode(self, payload: str) -> RemoteChange | None:
        data = json.loads(payload)
        seq = int(data["s"])
        if seq <= self.last_seq:
            return None  # already caught up from the log
        self.last_seq = seq
        if data.get("c") == self.doc.client_id:
            return None
        who = str(data.get("w", ""))
        if data.get("all"):
            return RemoteChange(seq, None, who)
        changes = Changes()
        for table, ids in data.get("t", {}).items():
            changes.add(table, *ids)
        return RemoteChange(seq, changes, who)

    def others(self) -> list[str]:
        """Who else has this workspace open (one name per other window)."""
        if not self.live or self.conn is None:
            return []
        rows = self.conn.execute(
            "SELECT usename FROM pg_stat_activity WHERE application_name = %s "
            "AND pid <> pg_backend_pid() ORDER BY backend_start",
            (f"journeymapper-live:{self.doc.entry.pg_schema}",),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
        self.conn = None
