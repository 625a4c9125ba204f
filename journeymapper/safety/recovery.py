"""Never-named workspaces and crash recovery.

A new workspace the user has not named yet still has a real file, in the app's
data folder (``<data>/untitled``), so every edit is saved at once like any
other. While the app runs it keeps a session marker (``<data>/sessions``)
listing the never-named workspaces it has open. A normal close removes the
marker (and the never-named workspaces the user saved elsewhere or discarded);
a marker whose process is gone means a crash, and the next start offers its
workspaces back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from journeymapper.model.document import FILE_SUFFIX
from journeymapper.safety import lock
from journeymapper.safety.snapshots import SnapshotInfo, workspace_counts

UNTITLED_FOLDER = "untitled"
SESSIONS_FOLDER = "sessions"


def untitled_folder(data_dir: Path) -> Path:
    folder = Path(data_dir) / UNTITLED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def is_untitled(path: Path, data_dir: Path) -> bool:
    """True for a workspace living in the never-named folder."""
    return Path(path).resolve().parent == (Path(data_dir) / UNTITLED_FOLDER).resolve()


def new_untitled_path(data_dir: Path, now: dt.datetime | None = None) -> Path:
    """A fresh, unused file name for a never-named workspace."""
    now = now or dt.datetime.now()
    folder = untitled_folder(data_dir)
    base = f"Untitled {now:%Y-%m-%d %H.%M.%S}"
    path = folder / f"{base}{FILE_SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{base} ({n}){FILE_SUFFIX}"
        n += 1
    return path


def discard(path: Path) -> None:
    """Delete a never-named workspace and anything beside it (journal, lock)."""
    path = Path(path)
    for p in (path, path.with_name(path.name + "-journal"), lock.lock_path(path)):
        with contextlib.suppress(OSError):
            p.unlink()


@dataclass(frozen=True)
class Recoverable:
    """A never-named workspace left behind by a session that crashed."""

    path: Path
    modified: dt.datetime
    journeys: int
    touchpoints: int

    def label(self) -> str:
        return SnapshotInfo(self.path, self.modified, self.journeys, self.touchpoints).label()


class SessionMarker:
    """This run of the app, as a file that only a crash leaves behind."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir) / SESSIONS_FOLDER
        self.file = self.folder / f"{socket.gethostname()}-{os.getpid()}.json"
        self.untitled: list[str] = []

    def start(self) -> SessionMarker:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._write()
        return self

    def _write(self) -> None:
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now().isoformat(timespec="seconds"),
            "untitled": self.untitled,
        }
        tmp = self.file.with_name(self.file.name + ".tmp")
        with contextlib.suppress(OSError):
            tmp.write_text(json.dumps(record), encoding="utf-8")
            os.replace(tmp, self.file)

    def note_untitled(self, path: Path) -> None:
        """Remember that this session has a never-named workspace open."""
        text = str(Path(path).resolve())
        if text not in self.untitled:
            self.untitled.append(text)
            self._write()

    def forget_untitled(self, path: Path) -> None:
        text = str(Path(path).resolve())
        if text in self.untitled:
            self.untitled.remove(text)
            self._write()

    def finish(self) -> None:
        """A normal close: nothing to recover next time."""
        with contextlib.suppress(OSError):
            self.file.unlink()


def _crashed(data_dir: Path) -> list[tuple[Path, list[str]]]:
    """Markers of sessions on this machine whose process is gone, with their workspaces."""
    folder = Path(data_dir) / SESSIONS_FOLDER
    found = []
    for file in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            pid, host = int(data["pid"]), str(data["host"])
            untitled = [str(p) for p in data.get("untitled", [])]
        except (OSError, ValueError, KeyError, TypeError):
            found.append((file, []))  # unreadable marker: a crash while writing it
            continue
        if host != socket.gethostname() or pid == os.getpid():
            continue
        if not lock.pid_alive(pid):
            found.append((file, untitled))
    return found


def recoverable(data_dir: Path) -> list[Recoverable]:
    """Never-named workspaces of crashed sessions that still exist and nobody has open."""
    seen: set[Path] = set()
    result = []
    for _marker, untitled in _crashed(data_dir):
        for text in untitled:
            path = Path(text)
            if path in seen or not path.is_file():
                continue
            owner = lock.read_owner(path)
            if owner is not None and not lock.is_stale(owner, path):
                continue  # another running instance has it open
            seen.add(path)
            counts = workspace_counts(path) or (0, 0)
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
            result.append(Recoverable(path, modified, *counts))
    result.sort(key=lambda r: r.modified, reverse=True)
    return result


def crashed(data_dir: Path) -> bool:
    """True when a previous session on this machine ended without a normal close."""
    return bool(_crashed(data_dir))


def dismiss_crashes(data_dir: Path) -> None:
    """Forget the crashed sessions once the user has answered the recovery offer."""
    for marker, _untitled in _crashed(data_dir):
        with contextlib.suppress(OSError):
            marker.unlink()
