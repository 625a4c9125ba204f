"""Connecting to a team server: libpq does the work (service files, .pgpass, TLS settings)."""

from __future__ import annotations

from typing import Any

import psycopg

from journeymapper.model.errors import DocumentError
from journeymapper.team.address import TeamAddress


class ServerUnreachable(DocumentError):
    """The server cannot be reached (down, restarting, network cut)."""


def connect(address: TeamAddress, schema: str | None = None, **kwargs: Any) -> psycopg.Connection:
    """A psycopg connection; libpq reads service files, .pgpass and TLS settings itself."""
    options = {"application_name": f"journeymapper:{schema or '-'}"}
    if schema:
        options["options"] = f"-c search_path={schema}"
    try:
        return psycopg.connect(address.conninfo, **options, **kwargs)
    except psycopg.Error as exc:
        raise ServerUnreachable(f"Cannot connect to {address.display()}: {exc}".strip()) from exc
