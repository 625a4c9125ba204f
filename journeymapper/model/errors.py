"""The error types a user can see. Their messages are written for people."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


class JourneyMapperError(Exception):
    """Base of every error whose message is meant for the user."""


class DocumentError(JourneyMapperError):
    """A workspace file cannot be created, opened, migrated or written."""


class ReadOnlyError(DocumentError):
    """A write was attempted on a workspace opened read-only."""


class EditError(JourneyMapperError, ValueError):
    """An editing operation was refused: bad value, unknown item, wrong target."""


_FAILURES = (
    ("disk is full", "the disk is full. Free some space and try again"),
    (
        "readonly database",
        "the file can no longer be written (it was made read-only, moved "
        "or replaced by another program)",
    ),
    ("database is locked", "another program is using the file"),
    ("disk i/o error", "the disk reported an error while writing"),
    ("unable to open", "the file can no longer be opened (moved or deleted?)"),
)


def _orm_errors() -> tuple[type[BaseException], type[BaseException]] | None:
    """SQLAlchemy's database errors, once something imported it (start-up reads without it,
    and an exception of a module never imported cannot have been raised)."""
    exc = sys.modules.get("sqlalchemy.exc")
    return None if exc is None else (exc.OperationalError, exc.DatabaseError)


def is_write_failure(exc: BaseException) -> bool:
    """A failure of the file or disk (not a refused value): reported, never a traceback."""
    orm = _orm_errors()
    if isinstance(exc, sqlite3.OperationalError | OSError) or (orm and isinstance(exc, orm[0])):
        return True
    database = isinstance(exc, sqlite3.DatabaseError) or bool(orm and isinstance(exc, orm[1]))
    return database and "disk" in str(exc)


def describe_write_failure(exc: BaseException, path: Path) -> str:
    """One sentence for the user about a write that failed: nothing of it was saved."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror.lower()
    reason = next((say for sign, say in _FAILURES if sign in text), None)
    if reason is None and "no space" in text:
        reason = _FAILURES[0][1]
    return f"The change to {path.name} was not saved: {reason or text.rstrip('.')}."
