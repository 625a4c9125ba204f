"""The error types a user can see. Their messages are written for people."""

from __future__ import annotations


class JourneyMapperError(Exception):
    """Base of every error whose message is meant for the user."""


class DocumentError(JourneyMapperError):
    """A workspace file cannot be created, opened, migrated or written."""


class ReadOnlyError(DocumentError):
    """A write was attempted on a workspace opened read-only."""


class EditError(JourneyMapperError, ValueError):
    """An editing operation was refused: bad value, unknown item, wrong target."""
