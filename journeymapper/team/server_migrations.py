"""Upgrading team workspaces on the server through the same steps as files.

``STEPS[n]`` in :mod:`journeymapper.model.migrations` upgrades a file from version n; the
server runs the same step, statement for statement, except where SQLite's SQL does not
fit PostgreSQL (a new table's id is SERIAL there, and it gets the sequence trigger every
server table has): those statements have a frozen server variant kept here, beside it.
Team workspaces began at version 4, so the server needs steps from 4 on only.

Only ``journeymapper team upgrade URL`` runs these (the app itself never runs DDL on the
server); each workspace is upgraded in its own transaction, under its writers' lock,
with its new version recorded in the registry in that same transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from journeymapper.model import migrations
from journeymapper.model.errors import DocumentError
from journeymapper.team import server_schema
from journeymapper.team.server_schema import META, WorkspaceEntry

#: The oldest workspace version a server can hold (team workspaces began at it).
FIRST_SERVER_VERSION = 4

#: Server variants of a step's statements, by step and by the statement's first words.
_CONNECTOR_V5 = """
CREATE TABLE connector (id SERIAL NOT NULL, journey_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL, target_id INTEGER NOT NULL, kind VARCHAR NOT NULL,
    label VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE,
    FOREIGN KEY(source_id) REFERENCES touchpoint (id) ON DELETE CASCADE,
    FOREIGN KEY(target_id) REFERENCES touchpoint (id) ON DELETE CASCADE)
"""
SERVER_VARIANTS: dict[int, dict[str, str]] = {4: {"CREATE TABLE connector": _CONNECTOR_V5}}
#: Tables a step creates, which get the server's keep-sequence trigger.
NEW_TABLES: dict[int, tuple[str, ...]] = {4: ("connector",)}


def step_statements(version: int) -> list[str]:
    """The server's statements upgrading a workspace from ``version`` to ``version + 1``."""
    variants = SERVER_VARIANTS.get(version, {})
    out = []
    for statement in migrations._statements(migrations.STEPS[version]):
        head = next((k for k in variants if statement.startswith(k)), None)
        out.append(variants[head].strip() if head else statement)
    for table in NEW_TABLES.get(version, ()):
        out.append(
            f'CREATE TRIGGER jm_keep_sequence BEFORE INSERT ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {META}.keep_sequence()"
        )
    return out


def upgrade_workspace(conn: psycopg.Connection, entry: WorkspaceEntry) -> int:
    """Upgrade one workspace to the app's version in one transaction; the version it had.

    ``conn`` is in autocommit mode; the transaction is this function's own, so a failed
    step leaves the workspace exactly as it was.
    """
    target = migrations.CURRENT_VERSION
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"jm_{entry.pg_schema}",))
        row = conn.execute(
            f"SELECT schema_version FROM {META}.workspace WHERE name = %s FOR UPDATE",
            (entry.name,),
        ).fetchone()
        version = int(row[0]) if row else target
        if version >= target:
            return version
        if version < FIRST_SERVER_VERSION:
            raise DocumentError(
                f"Team workspace {entry.name!r} has format {version}, older than any server "
                "workspace can be; it cannot be upgraded here."
            )
        conn.execute(f'SET LOCAL search_path TO "{entry.pg_schema}"')
        for step in range(version, target):
            for statement in step_statements(step):
                conn.execute(statement)  # type: ignore[arg-type]
        conn.execute(
            f"UPDATE {META}.workspace SET schema_version = %s WHERE name = %s",
            (target, entry.name),
        )
    return version


def upgrade_server(
    conninfo: str, name: str | None = None, say: Callable[[str], None] = print
) -> int:
    """Upgrade every older workspace (or only ``name``); how many were upgraded."""
    done = 0
    with psycopg.connect(conninfo, autocommit=True) as conn:
        entries = server_schema.list_workspaces(conn)
        if name is not None:
            entries = [e for e in entries if e.name == name]
            if not entries:
                raise DocumentError(f"There is no team workspace {name!r} on this server.")
        for entry in entries:
            try:
                was = upgrade_workspace(conn, entry)
            except psycopg.Error as exc:
                raise DocumentError(
                    f"Could not upgrade team workspace {entry.name!r} (left as it was): {exc}"
                ) from exc
            if was < migrations.CURRENT_VERSION:
                done += 1
                say(f"Upgraded {entry.name!r} from format {was} to {migrations.CURRENT_VERSION}.")
            elif was > migrations.CURRENT_VERSION:
                say(f"{entry.name!r} has a newer format ({was}); left alone (update the app).")
    return done
