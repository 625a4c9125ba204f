"""Snapshots: consistent copies of an open workspace, kept in the app's data folder.

Every edit is already saved, so a snapshot is not a save: it is a way back to
how the map looked an hour or a day ago, after a bad import or a deleted
journey. A :class:`SnapshotKeeper` copies the workspace (SQLite backup API) at
most every ``interval`` seconds and only when something changed, checks every
copy with ``PRAGMA integrity_check`` before keeping it, and prunes old copies
with :func:`retained` (the newest ten plus the newest of each day for a week).
A snapshot is restored as a new copy under a new name, never over a file.

A snapshot may carry a name ("after workshop 3"), kept beside it in a small text
file (``<stamp>.jmap.name``) so that older, unnamed snapshots list as before. A
named snapshot was asked for by a person: pruning never deletes it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from journeymapper.model.document import FILE_SUFFIX, Document, check_file
from journeymapper.model.errors import DocumentError
from journeymapper.safety import lock

#: Default minimum time between two snapshots of one workspace.
DEFAULT_INTERVAL_S = 5 * 60
KEEP_LATEST = 10
KEEP_DAYS = 7
_STAMP = "%Y%m%d-%H%M%S-%f"
_SOURCE_NOTE = "source.txt"
#: The suffix of the text file that names a snapshot (beside ``<stamp>.jmap``).
NAME_SUFFIX = ".name"
#: Longest snapshot name kept (a label, not a note).
MAX_NAME = 120


@dataclass(frozen=True)
class SnapshotInfo:
    """One kept snapshot, as listed to the user."""

    path: Path
    taken_at: dt.datetime
    journeys: int
    touchpoints: int
    #: What the user called it ("" for the timer's snapshots and older ones).
    name: str = ""

    def label(self) -> str:
        counts = (
            f"{self.taken_at:%Y-%m-%d %H:%M:%S} — {self.journeys} journey"
            f"{'s' if self.journeys != 1 else ''}, {self.touchpoints} touchpoint"
            f"{'s' if self.touchpoints != 1 else ''}"
        )
        return f"“{self.name}” — {counts}" if self.name else counts


def clean_name(name: str) -> str:
    """One line, no surrounding blanks, at most :data:`MAX_NAME` characters."""
    return " ".join(name.split())[:MAX_NAME]


def name_path(snapshot: Path) -> Path:
    """Where the name of ``snapshot`` is kept."""
    return snapshot.with_name(snapshot.name + NAME_SUFFIX)


def snapshot_name(snapshot: Path) -> str:
    """The name of a snapshot ("" when it has none or the note cannot be read)."""
    try:
        return clean_name(name_path(snapshot).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


# -- retention (pure) -------------------------------------------------------------------
def retained(
    stamps: Iterable[dt.datetime],
    now: dt.datetime,
    *,
    latest: int = KEEP_LATEST,
    days: int = KEEP_DAYS,
) -> set[dt.datetime]:
    """Which snapshot times to keep: the ``latest`` newest, plus the newest of each of
    the last ``days`` calendar days (today included). Everything else may go."""
    ordered = sorted(set(stamps), reverse=True)
    keep = set(ordered[:latest])
    first_day = now.date() - dt.timedelta(days=days - 1)
    seen_days: set[dt.date] = set()
    for stamp in ordered:
        day = stamp.date()
        if first_day <= day <= now.date() and day not in seen_days:
            seen_days.add(day)
            keep.add(stamp)
    return keep


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)


# -- where snapshots live -----------------------------------------------------------------
def snapshot_folder(data_dir: Path, workspace: Path) -> Path:
    """The folder holding the snapshots of one workspace (keyed by its full path)."""
    resolved = str(Path(workspace).resolve())
    digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:12]
    stem = "".join(c if c.isalnum() or c in "-_ " else "_" for c in Path(workspace).stem)[:40]
    return Path(data_dir) / "snapshots" / f"{stem or 'workspace'}-{digest}"


def _stamp_of(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.stem, _STAMP)
    except ValueError:
        return None


def workspace_counts(path: Path) -> tuple[int, int] | None:
    """(journeys, touchpoints) of a snapshot, read-only; None when it cannot be read."""
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return None
    try:
        journeys = conn.execute("SELECT count(*) FROM journey").fetchone()[0]
        touchpoints = conn.execute("SELECT count(*) FROM touchpoint").fetchone()[0]
        return int(journeys), int(touchpoints)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def list_snapshots(folder: Path) -> list[SnapshotInfo]:
    """The snapshots in ``folder``, newest first (unreadable ones are left out)."""
    found: list[SnapshotInfo] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*{FILE_SUFFIX}"):
        stamp = _stamp_of(path)
        counts = workspace_counts(path) if stamp is not None else None
        if stamp is not None and counts is not None:
            found.append(SnapshotInfo(path, stamp, *counts, snapshot_name(path)))
    found.sort(key=lambda s: s.taken_at, reverse=True)
    return found


def prune(folder: Path, now: dt.datetime) -> list[Path]:
    """Delete the unnamed snapshots :func:`retained` does not keep; return what was deleted.

    Named snapshots are never pruned (someone asked for each of them).
    """
    paths = {}
    for p in folder.glob(f"*{FILE_SUFFIX}"):
        stamp = _stamp_of(p)
        if stamp is not None and not snapshot_name(p):
            paths[stamp] = p
    keep = retained(paths, now)
    gone = []
    for stamp, path in paths.items():
        if stamp not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                name_path(path).unlink(missing_ok=True)
                gone.append(path)
    return gone


def integrity_ok(path: Path) -> bool:
    """``PRAGMA integrity_check`` on a file, read-only."""
    try:
        conn = _read_only(path)
        try:
            return [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def take_snapshot(doc: Document, folder: Path, now: dt.datetime, name: str = "") -> SnapshotInfo:
    """Copy ``doc`` into ``folder`` as a snapshot stamped ``now``; checked before it is kept.

    A ``name`` is written beside the copy (after it, so a name never names nothing).
    """
    folder.mkdir(parents=True, exist_ok=True)
    note = folder / _SOURCE_NOTE
    if not note.exists():
        with contextlib.suppress(OSError):
            note.write_text(str(doc.path), encoding="utf-8")
    final = folder / f"{now.strftime(_STAMP)}{FILE_SUFFIX}"
    part = folder / f"{final.name}.part"
    doc.copy_to(part)
    if not integrity_ok(part):
        part.unlink(missing_ok=True)
        raise DocumentError(f"A snapshot of {doc.path.name} failed its integrity check.")
    os.replace(part, final)
    name = clean_name(name)
    if name:
        note_part = folder / f"{name_path(final).name}.part"
        note_part.write_text(name, encoding="utf-8")
        os.replace(note_part, name_path(final))
    counts = workspace_counts(final) or (0, 0)
    return SnapshotInfo(final, now, *counts, name)


def restore_snapshot(snapshot: Path, target: Path, *, overwrite: bool = False) -> Path:
    """Copy a snapshot to ``target`` as a new workspace (the snapshot stays); return its path.

    Refuses to replace an existing file unless ``overwrite`` says the user agreed.
    """
    target = Path(target)
    if target.suffix != FILE_SUFFIX:
        target = target.with_suffix(FILE_SUFFIX)
    if target.exists() and not overwrite:
        raise DocumentError(f"{target} already exists; choose another name.")
    check_file(snapshot)
    source = Document.open(snapshot, read_only=True)
    try:
        with lock.writing(target):  # never onto a workspace another window holds
            source.copy_to(target)
    finally:
        source.close()
    return target.resolve()


# -- the keeper ---------------------------------------------------------------------------
def change_marker(doc: Document) -> tuple[int, int, int]:
    """Something that changes whenever the workspace does: our connection's change
    count (our edits) and ``PRAGMA data_version`` (commits by anyone else)."""
    conn = doc.raw_connection()
    version = conn.execute("PRAGMA data_version").fetchone()[0]
    return (id(conn), conn.total_changes, int(version))


class SnapshotKeeper:
    """Decides when to snapshot one open workspace; driven by a timer in the UI."""

    def __init__(
        self,
        doc: Document,
        data_dir: Path,
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.doc = doc
        self.folder = snapshot_folder(data_dir, doc.path)
        self.interval_s = interval_s
        self.clock = clock
        self._last_time: dt.datetime | None = None
        self._last_marker = change_marker(doc)

    def due(self) -> bool:
        """True when something changed since the last snapshot and the interval passed."""
        if self.doc.read_only or change_marker(self.doc) == self._last_marker:
            return False
        if self._last_time is None:
            return True
        return (self.clock() - self._last_time).total_seconds() >= self.interval_s

    def tick(self) -> SnapshotInfo | None:
        """Take a snapshot when :meth:`due`; prune old ones. Returns the new snapshot."""
        if not self.due():
            return None
        now = self.clock()
        marker = change_marker(self.doc)
        info = take_snapshot(self.doc, self.folder, now)
        self._last_time, self._last_marker = now, marker
        prune(self.folder, now)
        return info

    def take_named(self, name: str) -> SnapshotInfo:
        """A snapshot now, whatever the timer says, under the name the user gave it."""
        now = self.clock()
        marker = change_marker(self.doc)
        info = take_snapshot(self.doc, self.folder, now, name)
        self._last_time, self._last_marker = now, marker
        return info

    def snapshots(self) -> list[SnapshotInfo]:
        return list_snapshots(self.folder)
