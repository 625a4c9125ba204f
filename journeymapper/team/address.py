"""Recognising and showing a ``postgresql://`` address without ever keeping its password.

The address goes to libpq untouched (service names, ``.pgpass``, ``sslmode`` and other
parameters all work); only the ``#workspace`` fragment is ours, and the password is
dropped from anything shown or stored.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from journeymapper.model.errors import DocumentError

SCHEMES = ("postgresql", "postgres")


def is_team_url(text: str) -> bool:
    """True for an address of a team workspace (as opposed to a file path)."""
    return urllib.parse.urlsplit(str(text)).scheme.lower() in SCHEMES


@dataclass(frozen=True)
class TeamAddress:
    """A server address (what libpq connects to) and the workspace name on it, if given."""

    conninfo: str
    workspace: str | None = None

    @classmethod
    def parse(cls, text: str, workspace: str | None = None) -> TeamAddress:
        if not is_team_url(text):
            raise DocumentError(f"{text!r} is not a postgresql:// address.")
        base, _, fragment = str(text).partition("#")
        name = workspace or urllib.parse.unquote(fragment) or None
        return cls(base, name)

    def with_workspace(self, name: str) -> TeamAddress:
        return TeamAddress(self.conninfo, name)

    def display(self) -> str:
        """The address as shown in titles, recent lists and settings: no password."""
        parts = urllib.parse.urlsplit(self.conninfo)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.partition(':')[0]}@{host}"
        query = urllib.parse.urlencode(
            [
                (k, v)
                for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
                if k != "password"
            ]
        )
        shown = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, ""))
        return shown + (f"#{urllib.parse.quote(self.workspace)}" if self.workspace else "")
