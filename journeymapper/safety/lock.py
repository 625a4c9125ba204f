"""One writer per workspace: a ``<file>.lock`` beside it naming the process that edits it.

SQLite's own locks only last for a transaction, so two instances could both
edit a file and silently interleave their changes. The lock file lives as long
as the document is open for writing. A lock left by a process that no longer
runs on this machine (a crash) is stale and taken over; a lock from another
machine (a shared folder) is respected, because we cannot tell whether it runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from journeymapper.model.errors import DocumentError

LOCK_SUFFIX = ".lock"

#: Paths this process holds a lock on (so a second window in the same process is refused too).
_HELD: set[Path] = set()


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as written in the lock file."""

    pid: int
    host: str
    since: str

    def describe(self) -> str:
        where = "this computer" if self.host == socket.gethostname() else self.host
        return f"Journey Mapper (process {self.pid}) on {where} since {self.since}"


class LockedElsewhere(DocumentError):
    """The workspace is open for writing in another instance."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        super().__init__(
            f"{path.name} is open in another window or program: {owner.describe()}. "
            "It can be opened read-only."
        )
        self.path = path
        self.owner = owner


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


def pid_alive(pid: int) -> bool:
    """True when a process with ``pid`` runs on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just not ours
    except OSError:
        return False
    return True


def read_owner(path: Path) -> LockOwner | None:
    """The owner named in the lock of workspace ``path``; None when unlocked or unreadable."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockOwner(int(data["pid"]), str(data["host"]), str(data.get("since", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(owner: LockOwner | None, path: Path) -> bool:
    """A lock is stale when its process is gone (same host) or the file is unreadable."""
    if owner is None:
        return True
    if owner.host != socket.gethostname():
        return False
    if owner.pid == os.getpid():
        return path not in _HELD
    return not pid_alive(owner.pid)


class WriterLock:
    """A held lock on one workspace; :meth:`release` removes the lock file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = lock_path(path)

    def release(self) -> None:
        if self.path not in _HELD:
            return
        _HELD.discard(self.path)
        owner = read_owner(self.path)
        if owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname():
            with contextlib.suppress(OSError):
                self.file.unlink()

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _write_new(file: Path) -> bool:
    """Create ``file`` holding our pid and host, atomically; False when it already exists.

    The record is written to a private file first and then hard-linked into
    place, so another process never reads a half-written lock.
    """
    record = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": dt.datetime.now().isoformat(timespec="seconds"),
    }
    tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    try:
        os.link(tmp, file)
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system: exclusive create instead
        try:
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return True


def acquire(path: str | os.PathLike[str]) -> WriterLock | None:
    """Lock ``path`` for writing by this process.

    Returns None when no lock file can be created (read-only folder: the
    document is read-only anyway). Raises :class:`LockedElsewhere` when a live
    process holds it.
    """
    path = Path(path).resolve()
    file = lock_path(path)
    for _attempt in range(3):
        try:
            if _write_new(file):
                _HELD.add(path)
                return WriterLock(path)
        except OSError:
            return None
        owner = read_owner(path)
        if not is_stale(owner, path):
            assert owner is not None
            raise LockedElsewhere(path, owner)
        with contextlib.suppress(FileNotFoundError):
            file.unlink()  # stale: its process is gone; try again
    raise DocumentError(f"Cannot lock {path.name}: its lock file keeps changing.")


def why_read_only(path: Path) -> str:
    """A sentence for the read-only banner: why ``path`` cannot be written."""
    path = Path(path)
    if not os.access(path, os.W_OK):
        return f"{path.name} is a read-only file, so it is open read-only: changes cannot be saved."
    if not os.access(path.parent, os.W_OK):
        return (
            f"The folder {path.parent} is read-only, so {path.name} is open read-only: "
            "changes cannot be saved."
        )
    return f"{path.name} is open read-only: changes cannot be saved."
