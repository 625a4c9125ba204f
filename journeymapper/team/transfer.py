"""Moving a whole workspace between a file and a server: publish and offline copy.

Publishing writes rows into a workspace ``team init --workspace`` made empty (no DDL).
Rows go across table by table in dependency order with their own ids, so a copy is the
same workspace (its JSON export is identical). An offline copy is a separate file from
then on: nothing merges it back automatically.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.model.tables import ALL_TABLES
from journeymapper.team import server_schema
from journeymapper.team.address import TeamAddress
from journeymapper.team.connection import connect


def _columns(model: Any) -> list[tuple[str, bool]]:
    """(column, is boolean) of a table, in table order."""
    return [
        (c.name, c.type.python_type is bool)
        for c in model.__table__.columns  # type: ignore[attr-defined]
    ]


def publish(source: Path, address: TeamAddress, name: str | None = None) -> str:
    """Upload the file ``source`` into the empty team workspace ``name``; its name.

    Rows only (``team init --workspace`` made the tables): all of them commit, or none.
    """
    name = name or address.workspace or source.stem
    with Document.open(source, read_only=True) as doc, connect(address) as conn:
        try:
            schema = _empty_workspace(conn, address, name)
            conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
            for model in ALL_TABLES:
                _upload(doc, conn, model)
            conn.commit()
        except psycopg.Error as exc:
            conn.rollback()
            raise DocumentError(f"Could not publish {source.name}: {exc}") from exc
    return name


def _empty_workspace(conn: psycopg.Connection, address: TeamAddress, name: str) -> str:
    """The PostgreSQL schema of workspace ``name``, refusing one missing or holding rows."""
    server = TeamAddress(address.conninfo).display()
    init = f"journeymapper team init {server} --workspace {shlex.quote(name)}"
    if name not in {e.name for e in server_schema.list_workspaces(conn)}:
        raise DocumentError(
            f"There is no team workspace {name!r} on this server yet: create it with "
            f"`{init}`, then publish into it."
        )
    schema = server_schema.find_workspace(conn, name).pg_schema  # refuses another format
    filled = [
        model.__tablename__
        for model in ALL_TABLES
        if conn.execute(
            sql.SQL("SELECT EXISTS (SELECT 1 FROM {}.{})").format(
                sql.Identifier(schema), sql.Identifier(model.__tablename__)
            )
        ).fetchone()
        == (True,)
    ]
    if filled:
        raise DocumentError(
            f"Team workspace {name!r} is not empty (it holds {', '.join(filled[:3])}"
            f"{' …' if len(filled) > 3 else ''}); publish uploads only into a new one: "
            f"create it with `journeymapper team init {server} --workspace NEW-NAME`."
        )
    return schema


def _upload(doc: Document, conn: psycopg.Connection, model: Any) -> None:
    table = model.__tablename__
    cols = _columns(model)
    present = set(doc.columns(table))
    names = [c for c, _ in cols if c in present]
    bools = {c for c, b in cols if b}
    found = doc.rows(f"SELECT {', '.join(names)} FROM {table}")
    rows = [
        tuple(bool(v) if c in bools and v is not None else v for c, v in zip(names, r, strict=True))
        for r in found
    ]
    if rows:
        marks = ", ".join(["%s"] * len(names))
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)


def copy_to_file(team: Document, target: Path) -> Path:
    """Write an offline copy of an open team workspace to the file ``target``."""
    tmp = target.with_name(target.name + ".copying")
    tmp.unlink(missing_ok=True)
    with Document.create(tmp, overwrite=True) as doc, doc.transaction() as session:
        conn = session.connection()
        for model in reversed(ALL_TABLES):
            conn.exec_driver_sql(f"DELETE FROM {model.__tablename__}")
        for model in ALL_TABLES:
            names = [c for c, _ in _columns(model)]
            found = team.rows(f"SELECT {', '.join(names)} FROM {model.__tablename__} ORDER BY 1")
            if found:
                marks = ", ".join(["?"] * len(names))
                conn.exec_driver_sql(
                    f"INSERT INTO {model.__tablename__} ({', '.join(names)}) VALUES ({marks})",
                    [tuple(r) for r in found],
                )
    tmp.replace(target)
    return target
