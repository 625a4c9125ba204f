"""What a team server holds besides the workspace tables, and the only DDL the app runs.

``team init`` creates the ``journeymapper`` schema once: the registry of workspaces (name,
PostgreSQL schema, file format version) and a trigger function keeping id sequences ahead
of rows inserted with their own ids (undo restores, imports). ``team init --workspace``
adds one schema per workspace: the same SQLModel tables as a file, plus the change log
that live updates and the stale-undo check read, and may grant a role the right to use
it (rows only). ``team upgrade`` migrates. Nothing else runs DDL: publishing fills an
empty workspace with rows, and opening or editing one only reads and writes rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import psycopg
from psycopg import sql
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from journeymapper.model.errors import DocumentError
from journeymapper.model.file_check import SCHEMA_VERSION
from journeymapper.model.tables import ALL_TABLES

META = "journeymapper"
#: Version of the server-only objects (registry, change log); bumped when they change.
SERVER_FORMAT = 1

_INIT = f"""
CREATE SCHEMA IF NOT EXISTS {META};
CREATE TABLE IF NOT EXISTS {META}.server_format (version integer NOT NULL);
CREATE TABLE IF NOT EXISTS {META}.workspace (
    name text PRIMARY KEY,
    pg_schema text UNIQUE NOT NULL,
    schema_version integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION {META}.keep_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    seq text := pg_get_serial_sequence(
        quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME), 'id');
    last bigint;
BEGIN
    EXECUTE format('SELECT last_value FROM %s', seq) INTO last;
    IF NEW.id >= last THEN
        PERFORM setval(seq, NEW.id);
    END IF;
    RETURN NEW;
END $$;
"""

_CHANGE_LOG = """
CREATE TABLE jm_edit (
    seq bigserial PRIMARY KEY,
    client text NOT NULL,
    who text NOT NULL DEFAULT current_user,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE jm_change (
    seq bigint NOT NULL REFERENCES jm_edit ON DELETE CASCADE,
    tbl text NOT NULL,
    row_id bigint NOT NULL,
    PRIMARY KEY (seq, tbl, row_id)
);
CREATE INDEX jm_change_row ON jm_change (tbl, row_id, seq);
"""


@dataclass(frozen=True)
class WorkspaceEntry:
    """One row of the registry: a team workspace on the server."""

    name: str
    pg_schema: str
    schema_version: int


def init_server(conninfo: str) -> bool:
    """Create the registry once; True when it was created now, False when it was there."""
    with psycopg.connect(conninfo, autocommit=True) as conn, conn.transaction():
        existed = _format(conn) is not None
        if not existed:
            conn.execute(_INIT)
            conn.execute(f"INSERT INTO {META}.server_format VALUES (%s)", (SERVER_FORMAT,))
    return not existed


def init_workspace(conninfo: str, name: str, grant: str | None = None) -> bool:
    """Create the registry if needed and an empty workspace ``name``; True when made now.

    ``grant`` names a role that may then use the workspace (read and write rows, no DDL).
    """
    init_server(conninfo)
    with psycopg.connect(conninfo, autocommit=True) as conn, conn.transaction():
        found = conn.execute(
            f"SELECT pg_schema FROM {META}.workspace WHERE name = %s", (name,)
        ).fetchone()
        schema = str(found[0]) if found else create_workspace_schema(conn, name)
        if grant:
            grant_workspace(conn, schema, grant)
    return found is None


def grant_workspace(conn: psycopg.Connection, schema: str, role: str) -> None:
    """Let ``role`` open, edit and publish into the workspace in ``schema``: rows only."""
    who, ws = sql.Identifier(role), sql.Identifier(schema)
    for statement in (
        "GRANT USAGE ON SCHEMA {meta} TO {who}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA {meta} TO {who}",
        "GRANT USAGE ON SCHEMA {ws} TO {who}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {ws} TO {who}",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {ws} TO {who}",
    ):
        conn.execute(sql.SQL(statement).format(meta=sql.Identifier(META), who=who, ws=ws))


def _format(conn: psycopg.Connection) -> int | None:
    found = conn.execute("SELECT to_regclass(%s)", (f"{META}.server_format",)).fetchone()
    if found is None or found[0] is None:
        return None
    row = conn.execute(f"SELECT max(version) FROM {META}.server_format").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def check_server(conn: psycopg.Connection) -> None:
    """Refuse a server with no registry, or one made by a newer Journey Mapper."""
    version = _format(conn)
    if version is None:
        raise DocumentError(
            "This database holds no team workspaces yet: run `journeymapper team init URL` once."
        )
    if version > SERVER_FORMAT:
        raise DocumentError(
            f"This server was set up by a newer Journey Mapper (server format {version}); "
            "update the app to open it."
        )


def list_workspaces(conn: psycopg.Connection) -> list[WorkspaceEntry]:
    check_server(conn)
    rows = conn.execute(
        f"SELECT name, pg_schema, schema_version FROM {META}.workspace ORDER BY name"
    ).fetchall()
    return [WorkspaceEntry(str(n), str(s), int(v)) for n, s, v in rows]


def find_workspace(conn: psycopg.Connection, name: str | None) -> WorkspaceEntry:
    """The named workspace (or the only one), refusing a schema newer than this app."""
    entries = list_workspaces(conn)
    names = ", ".join(e.name for e in entries) or "none"
    if name is None:
        if len(entries) != 1:
            raise DocumentError(
                f"Name the team workspace to open (add #NAME to the address); on this server: "
                f"{names}."
            )
        entry = entries[0]
    else:
        found = [e for e in entries if e.name == name]
        if not found:
            raise DocumentError(f"There is no team workspace {name!r} on this server: {names}.")
        entry = found[0]
    if entry.schema_version > SCHEMA_VERSION:
        raise DocumentError(
            f"Team workspace {entry.name!r} uses a newer format ({entry.schema_version}) than "
            f"this Journey Mapper ({SCHEMA_VERSION}); update the app to open it."
        )
    if entry.schema_version < SCHEMA_VERSION:
        raise DocumentError(
            f"Team workspace {entry.name!r} uses an older format ({entry.schema_version}) "
            f"than this Journey Mapper ({SCHEMA_VERSION}): upgrade it on the server with "
            "`journeymapper team upgrade URL` (after everyone has updated the app)."
        )
    return entry


def _schema_name(name: str, taken: set[str]) -> str:
    stem = "ws_" + (re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "workspace")
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}_{n}"
    return candidate


def table_ddl() -> list[str]:
    """CREATE TABLE / INDEX statements of the SQLModel tables, in PostgreSQL's dialect."""
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    out: list[str] = []
    for model in ALL_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        out.append(str(CreateTable(table).compile(dialect=dialect)))
        out.extend(str(CreateIndex(ix).compile(dialect=dialect)) for ix in table.indexes)
    return out


def create_workspace_schema(conn: psycopg.Connection, name: str) -> str:
    """Make the schema of a new, empty workspace (tables, change log, sequence triggers).

    Runs in the caller's transaction on ``conn``, which also registers the workspace, so
    that everything commits or nothing does. Returns the PostgreSQL schema's name.
    """
    check_server(conn)
    if conn.execute(f"SELECT 1 FROM {META}.workspace WHERE name = %s", (name,)).fetchone():
        raise DocumentError(f"There is already a team workspace named {name!r} on this server.")
    taken = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace").fetchall()}
    schema = _schema_name(name, taken)
    conn.execute(f'CREATE SCHEMA "{schema}"')
    conn.execute(f'SET LOCAL search_path TO "{schema}"')
    for statement in table_ddl():
        conn.execute(statement)  # type: ignore[arg-type]
    conn.execute(_CHANGE_LOG)
    for model in ALL_TABLES:
        table = model.__tablename__
        if "id" in model.__table__.c:  # type: ignore[attr-defined]
            conn.execute(
                f'CREATE TRIGGER jm_keep_sequence BEFORE INSERT ON "{schema}"."{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION {META}.keep_sequence()"
            )
    conn.execute(
        f"INSERT INTO {META}.workspace (name, pg_schema, schema_version) VALUES (%s, %s, %s)",
        (name, schema, SCHEMA_VERSION),
    )
    return schema
