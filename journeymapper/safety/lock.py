"""One writer per workspace: a ``<file>.lock`` beside it, held with an OS lock.

SQLite's own locks only last for a transaction, so two instances could both
edit a file and silently interleave their changes. The lock file is created
atomically (``O_CREAT|O_EXCL``) and held with ``fcntl.flock`` for as long as
the document is open for writing. The OS releases a flock when its holder
dies, so a lock file nobody holds is stale whatever process id it names (a
crashed instance, or a PID since reused by an unrelated process). A lock from
another machine (a shared folder) is respected: its flock cannot be seen.

Every write target (Save As, Restore, imports, CLI writes) passes
:func:`writing`, the one check that refuses to write onto a held workspace.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from journeymapper.model.errors import DocumentError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: exclusive create only
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
#: Errors meaning "nothing can be written here at all": no lock, and the write fails on its own.
_READ_ONLY_ERRNOS = {
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.ENAMETOOLONG,
}


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as written in the lock file."""

    pid: int
    host: str
    since: str
    user: str = ""

    def describe(self) -> str:
        where = "this computer" if self.host == socket.gethostname() else self.host
        who = f"{self.user} on {where}" if self.user else where
        return f"{who} since {self.since or 'an unknown time'} (process {self.pid})"


class LockedElsewhere(DocumentError):
    """The workspace is open for writing in another window or program."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        holder = owner.describe() if owner else "a program whose lock record cannot be read"
        super().__init__(
            f"{path.name} is open in another window or program: held by {holder}. "
            "It can be opened read-only, and nothing can be written onto it."
        )
        self.path = path
        self.owner = owner


class LockUnavailable(DocumentError):
    """No lock could be taken for a reason other than a read-only folder (e.g. a full disk)."""


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


def pid_alive(pid: int) -> bool:
    """True when a process with ``pid`` runs on this machine (used by crash recovery)."""
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


def _parse(text: str) -> LockOwner | None:
    try:
        data = json.loads(text)
        return LockOwner(
            int(data["pid"]),
            str(data["host"]),
            str(data.get("since", "")),
            str(data.get("user", "")),
        )
    except (ValueError, KeyError, TypeError):
        return None


def read_owner(path: Path) -> LockOwner | None:
    """The owner named in the lock of workspace ``path``; None when unlocked or unreadable."""
    try:
        return _parse(lock_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _try_flock(fd: int) -> bool:
    """Take the OS lock on ``fd`` without waiting; False when another holder has it."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def held_by_other(path: str | os.PathLike[str]) -> LockOwner | None | bool:
    """Whether someone holds ``path``'s lock: False when nobody; else the owner (None: unreadable).

    Probes the OS lock without taking it over (a stale lock file is left as is).
    """
    file = lock_path(Path(path).resolve())
    try:
        fd = os.open(file, os.O_RDONLY)
    except OSError:
        return False
    try:
        owner = _read_fd(fd)
        if owner is not None and owner.host != socket.gethostname():
            return owner
        if _try_flock(fd):
            return False
        return owner
    finally:
        os.close(fd)


def _read_fd(fd: int) -> LockOwner | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return _parse(os.read(fd, 4096).decode("utf-8", "replace"))
    except OSError:
        return None


def is_stale(owner: LockOwner | None, path: Path) -> bool:
    """True when nobody holds the lock of ``path`` (its OS lock is free) on this machine."""
    if owner is not None and owner.host != socket.gethostname():
        return False
    return held_by_other(path) is False


class WriterLock:
    """A held lock on one workspace; :meth:`release` removes the lock file and frees the OS lock."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.file = lock_path(path)
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            if _same_file(fd, self.file):
                self.file.unlink()  # while still holding the flock: no one can take it meanwhile
        with contextlib.suppress(OSError):
            os.close(fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()


def _same_file(fd: int, file: Path) -> bool:
    """True when ``fd`` is still the file at ``file`` (not unlinked or replaced meanwhile)."""
    try:
        st = os.stat(file)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_ino, st.st_dev) == (mine.st_ino, mine.st_dev)


def _record() -> bytes:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    return json.dumps(
        {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "user": user,
            "since": dt.datetime.now().isoformat(sep=" ", timespec="seconds"),
        }
    ).encode("utf-8")


def _claim(fd: int) -> None:
    """Write our record into the lock file we hold. A full disk leaves it empty but held."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, _record())
        os.fsync(fd)


def _open_lock_file(file: Path) -> tuple[int, bool] | None:
    """Open (creating atomically when missing) the lock file: (fd, created by us).

    None when the file vanished between the two opens (released: try again).
    """
    try:
        return os.open(file, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644), True
    except FileExistsError:
        pass
    try:
        return os.open(file, os.O_RDWR), False
    except FileNotFoundError:
        return None


def _attempt(path: Path, file: Path) -> WriterLock | None:
    """One try: the lock, or None when the lock file changed under us (try again)."""
    opened = _open_lock_file(file)
    if opened is None:
        return None
    fd, created = opened
    try:
        if not created:
            owner = _read_fd(fd)
            if owner is not None and owner.host != socket.gethostname():
                raise LockedElsewhere(path, owner)
        if not _try_flock(fd):
            raise LockedElsewhere(path, _read_fd(fd))
        if not _same_file(fd, file):
            os.close(fd)
            return None
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise
    _claim(fd)
    return WriterLock(path, fd)


def acquire(path: str | os.PathLike[str]) -> WriterLock | None:
    """Lock ``path`` for writing by this process.

    Returns None only when the folder cannot be written (the document is
    read-only anyway). Raises :class:`LockedElsewhere` when another window or
    program holds it, and :class:`LockUnavailable` when the lock cannot be made
    for another reason (a full disk): never a silent "no lock".
    """
    path = Path(path).resolve()
    file = lock_path(path)
    for _attempt_no in range(20):
        try:
            held = _attempt(path, file)
        except OSError as exc:
            if exc.errno in _READ_ONLY_ERRNOS:
                return None
            raise LockUnavailable(
                f"Cannot lock {path.name} for editing: {exc.strerror or exc}. It is open read-only."
            ) from exc
        if held is not None:
            return held
    raise LockUnavailable(f"Cannot lock {path.name}: its lock file keeps changing.")


@contextlib.contextmanager
def writing(target: str | os.PathLike[str]) -> Iterator[None]:
    """The one check before writing a workspace file: refuse a target another window holds.

    Holds ``target``'s lock while the block writes, so no one opens it halfway.
    A target in a folder where no lock can be made is left to fail on its own.
    """
    held = acquire(target)
    try:
        yield
    finally:
        if held is not None:
            held.release()


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
