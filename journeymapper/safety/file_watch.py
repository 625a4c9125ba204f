"""Noticing that an open workspace was replaced or changed by another program.

The one-writer lock keeps Journey Mapper instances apart, but another program
(a sync client, a copy in a file manager) can still replace the file or write
into it. The window then must not go on editing as if nothing happened: it
compares the file's identity (device and inode) and SQLite's ``data_version``
with what it saw when it opened the file, and goes read-only when they differ.
"""

from __future__ import annotations

import os

from journeymapper.model.document import Document


class FileWatch:
    """What one open document looked like; :meth:`changed` says whether it still does."""

    def __init__(self) -> None:
        self._doc_id: int | None = None
        self._identity: tuple[int, int] | None = None
        self._version: int | None = None

    def follow(self, doc: Document) -> None:
        """Remember the file of ``doc`` as it is now."""
        self._doc_id = id(doc)
        self._identity = _identity(doc)
        self._version = _data_version(doc)

    def changed(self, doc: Document | None) -> str | None:
        """Why ``doc``'s file is no longer the one opened, or None when it still is."""
        if doc is None or doc.read_only:
            return None
        if self._doc_id != id(doc) or self._identity is None:
            self.follow(doc)
            return None
        name = doc.path.name
        identity = _identity(doc)
        if identity is None:
            return (
                f"{name} was moved or deleted by another program, so it is open read-only: "
                "changes cannot be saved. Use Save As to keep what you see."
            )
        if identity != self._identity:
            return (
                f"{name} was replaced by another program, so it is open read-only: "
                "changes cannot be saved. Open it again to see its new contents."
            )
        version = _data_version(doc)
        if version is not None and self._version is not None and version != self._version:
            return (
                f"{name} was changed by another program, so it is open read-only: "
                "changes cannot be saved. Open it again to see its new contents."
            )
        return None


def _identity(doc: Document) -> tuple[int, int] | None:
    try:
        st = os.stat(doc.path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _data_version(doc: Document) -> int | None:
    """SQLite's counter of commits made by other connections to the file."""
    try:
        return int(doc.raw_connection().execute("PRAGMA data_version").fetchone()[0])
    except Exception:  # noqa: BLE001 - a failing file reads as unknown
        return None
