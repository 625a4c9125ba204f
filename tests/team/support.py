"""Helpers of the team tests: publish a file as a fresh workspace, dump a team workspace."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from journeymapper.model.document import Document
from journeymapper.model.tables import ALL_TABLES
from journeymapper.store.order_keys import SPARSE
from journeymapper.team import server_schema, transfer
from journeymapper.team.address import TeamAddress
from journeymapper.team.document import TeamDocument
from tests.conftest import ranked_rows

_names = itertools.count(1)


def publish_copy(path: Path, url: str) -> str:
    """Publish ``path`` under a new unique name; the URL that opens it."""
    name = f"ws{next(_names)}"
    server_schema.init_workspace(url, name)
    transfer.publish(path, TeamAddress.parse(url), name)
    return f"{url}#{name}"


def open_team(url: str) -> TeamDocument:
    return TeamDocument.open(url)


def team_dump(doc: Document) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every workspace table, ordered by primary key (as committed), with
    sparse order keys as ranks (an undo restores a card's place, not its old key)."""
    out = {}
    for model in ALL_TABLES:
        table = model.__tablename__
        keys = ", ".join(c.name for c in model.__table__.primary_key.columns)  # type: ignore[attr-defined]
        out[table] = [tuple(r) for r in doc.rows(f"SELECT * FROM {table} ORDER BY {keys}")]
        if table in SPARSE:
            columns = [c.name for c in model.__table__.columns]  # type: ignore[attr-defined]
            out[table] = ranked_rows(table, columns, out[table])
    return out
