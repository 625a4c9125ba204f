"""Hearing other people's edits: LISTEN/NOTIFY on the workspace, with catch-up and presence.

Each edit's change set arrives as a NOTIFY when it commits (see ``TeamDocument.committing``).
The feed hands over other clients' change sets in commit order; after a dropped connection
it reconnects and reads what it missed from the change log, so nothing is skipped. It is
Qt-free: a window polls it when its socket is readable (ui/team_link.py).

Presence needs no table (the app runs no DDL): the feed's connection names the journey its
window shows in ``application_name``, so ``pg_stat_activity`` says who is where, and a
killed client leaves with its connection. Joining, switching journeys and leaving send a
small NOTIFY on the same channel, so other windows look again at once, not at a heartbeat.
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


#: Prefix of the live connections' ``application_name`` (kept short: names stop at 63 bytes).
_APP = "jm-live"
#: The NOTIFY payload that says "who is where changed" (edits always carry a seq "s").
_PRESENCE_NOTE = '{{"p": 1, "c": "{client}"}}'


def presence_name(schema: str, journey_id: int | None) -> str:
    """The ``application_name`` of a window showing ``journey_id`` of workspace ``schema``."""
    return f"{_APP}:{schema}:{'' if journey_id is None else journey_id}"


def present(conn: psycopg.Connection, schema: str, journey_id: int | None) -> list[str]:
    """The roles of the other live windows on ``journey_id`` (None: on the workspace).

    ``pg_stat_activity`` shows every role the user name and ``application_name`` of
    everyone's sessions (the rest of other roles' rows is hidden), which is all it takes.
    """
    if journey_id is None:
        match, name = "starts_with(application_name, %s)", presence_name(schema, None)
    else:
        match, name = "application_name = %s", presence_name(schema, journey_id)
    rows = conn.execute(
        f"SELECT usename FROM pg_stat_activity WHERE {match} "
        "AND pid <> pg_backend_pid() ORDER BY backend_start, pid",
        (name,),
    ).fetchall()
    return [str(r[0]) for r in rows]


class ChangeFeed:
    """The change sets other windows commit to one team workspace, in order."""

    def __init__(self, doc: TeamDocument) -> None:
        self.doc = doc
        self.conn: psycopg.Connection | None = None
        self.last_seq = 0
        #: The journey the window shows (None: none yet); others see it in presence.
        self.journey_id: int | None = None
        #: Set when another window joined, left or switched journeys since last taken.
        self.presence_moved = False
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
            application_name=presence_name(schema, self.journey_id),
            options=f"-c search_path={schema}",
            connect_timeout=3,
        )
        self.conn = conn
        self._announce()  # before listening: a window does not hear its own arrival
        conn.execute(f'LISTEN "{self.doc.channel}"')
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
        if "p" in data:
            self.presence_moved |= data.get("c") != self.doc.client_id
            return None
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

    def show_journey(self, journey_id: int | None) -> None:
        """Move this window's presence to ``journey_id`` and tell the others at once."""
        if journey_id == self.journey_id:
            return
        self.journey_id = journey_id
        if self.live and self.conn is not None:
            name = presence_name(self.doc.entry.pg_schema, journey_id)
            self.conn.execute("SELECT set_config('application_name', %s, false)", (name,))
            self._announce()

    def _announce(self) -> None:
        assert self.conn is not None
        note = _PRESENCE_NOTE.format(client=self.doc.client_id)
        self.conn.execute("SELECT pg_notify(%s, %s)", (self.doc.channel, note))

    def take_presence_moved(self) -> bool:
        """Whether someone joined, left or switched journeys since the last call."""
        moved, self.presence_moved = self.presence_moved, False
        return moved

    def others(self) -> list[str]:
        """Who else has this journey open (one name per other window).

        Before the window shows a journey: who else has the workspace open at all.
        """
        if not self.live or self.conn is None:
            return []
        return present(self.conn, self.doc.entry.pg_schema, self.journey_id)

    def close(self) -> None:
        """Leave: others stop counting this window before its connection has gone."""
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.execute("SELECT set_config('application_name', %s, false)", (_APP,))
                self._announce()
            with contextlib.suppress(Exception):
                self.conn.close()
        self.conn = None
