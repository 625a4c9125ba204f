"""Upgrading a team workspace's schema on the server (``team upgrade``), as files upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from journeymapper import editing
from journeymapper.cli.main import main
from journeymapper.interchange.workspace_export import dumps, export_workspace
from journeymapper.model.document import SCHEMA_VERSION, Document
from journeymapper.model.errors import DocumentError
from journeymapper.model.tables import ALL_TABLES
from journeymapper.team import server_schema
from journeymapper.team.document import TeamDocument
from tests.team.support import publish_copy

V4 = Path(__file__).resolve().parents[1] / "data" / "v4.jmap"

#: What versions 5 and 6 added, taken away again: a workspace as the version-4 app
#: published it (6 replaced the stage index of cards by their cell's).
_BACK_TO_V4 = """
DROP TABLE connector;
ALTER TABLE touchpoint DROP COLUMN system, DROP COLUMN duration_min, DROP COLUMN wait_min,
    DROP COLUMN failure_point;
DROP INDEX ix_touchpoint_cell;
CREATE INDEX ix_touchpoint_stage_id ON touchpoint (stage_id)
"""


def publish_v4(url: str, name: str) -> str:
    """Put tests/data/v4.jmap on the server as it is (no upgrade), at format 4; its URL."""
    source = sqlite3.connect(f"file:{V4}?mode=ro", uri=True)
    assert source.execute("PRAGMA user_version").fetchone()[0] == 4
    with psycopg.connect(url) as conn:
        schema = server_schema.create_workspace_schema(conn, name)
        conn.execute(f'SET LOCAL search_path TO "{schema}"')
        conn.execute(_BACK_TO_V4)
        conn.execute(
            "UPDATE journeymapper.workspace SET schema_version = 4 WHERE name = %s", (name,)
        )
        for model in ALL_TABLES:
            _copy_rows(source, conn, model)
        conn.commit()
    source.close()
    return f"{url}#{name}"


def _copy_rows(source: sqlite3.Connection, conn: psycopg.Connection, model: Any) -> None:
    """The rows of one table of the file, as stored (booleans as the server wants them)."""
    table = model.__tablename__
    if source.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is None:
        return
    cur = source.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    bools = {c.name for c in model.__table__.columns if c.type.python_type is bool}
    rows = [
        tuple(bool(v) if n in bools and v is not None else v for n, v in zip(names, r, strict=True))
        for r in cur.fetchall()
    ]
    if rows:
        marks = ", ".join(["%s"] * len(names))
        with conn.cursor() as c:
            c.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)


def _structure(url: str, name: str) -> set[tuple[object, ...]]:
    """Columns (type, null, default sequence or not) and triggers of a workspace's schema."""
    with psycopg.connect(url) as conn:
        schema = conn.execute(
            "SELECT pg_schema FROM journeymapper.workspace WHERE name = %s", (name,)
        ).fetchone()[0]
        cols = conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, "
            "coalesce(column_default, '') LIKE 'nextval%%' "
            "FROM information_schema.columns WHERE table_schema = %s",
            (schema,),
        ).fetchall()
        triggers = conn.execute(
            "SELECT event_object_table, trigger_name FROM information_schema.triggers "
            "WHERE trigger_schema = %s",
            (schema,),
        ).fetchall()
        indexes = conn.execute(
            "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = %s", (schema,)
        ).fetchall()
    return {("col", *c) for c in cols} | {("trg", *t) for t in triggers} | set(indexes)


def test_upgrade_on_the_server_equals_upgrading_the_file(
    team_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server_schema.init_server(team_url)
    old_url = publish_v4(team_url, "old")
    with pytest.raises(DocumentError, match="`journeymapper team upgrade URL`"):
        TeamDocument.open(old_url)
    assert main(["team", "list", team_url]) == 0
    assert "old\t(format 4)" in capsys.readouterr().out

    assert main(["team", "upgrade", team_url]) == 0
    assert f"Upgraded 'old' from format 4 to {SCHEMA_VERSION}" in capsys.readouterr().out
    assert main(["team", "upgrade", team_url]) == 0  # nothing left to do
    assert "0 team workspace(s) upgraded" in capsys.readouterr().out

    copy = tmp_path / "v4.jmap"
    shutil.copy(V4, copy)
    with Document.open(copy) as filed:  # the file is upgraded on open
        assert filed.migrated_from == 4
        expected = dumps(export_workspace(filed))
    new_url = publish_copy(copy, team_url)
    with TeamDocument.open(old_url) as upgraded, TeamDocument.open(new_url) as published:
        assert dumps(export_workspace(upgraded)) == expected
        assert dumps(export_workspace(published)) == expected
    assert _structure(team_url, "old") == _structure(team_url, new_url.rpartition("#")[2])

    with TeamDocument.open(old_url) as team:  # the new table and columns take edits
        cards = [r[0] for r in team.rows("SELECT id FROM touchpoint ORDER BY id LIMIT 2")]
        made = editing.add_connector(team, cards[0], cards[1], label="then")
        editing.edit_touchpoint(team, cards[0], system="CRM", failure_point=True)
        row = team.rows("SELECT system, failure_point FROM touchpoint WHERE id = ?", (cards[0],))
        assert tuple(row[0]) == ("CRM", 1)
        assert team.rows("SELECT label FROM connector")[0][0] == "then"
        assert made.changes.of("connector")


def test_a_failed_upgrade_leaves_the_workspace_as_it_was(
    team_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    server_schema.init_server(team_url)
    url = publish_v4(team_url, "clash")
    with psycopg.connect(team_url, autocommit=True) as conn:
        schema = conn.execute("SELECT pg_schema FROM journeymapper.workspace").fetchone()[0]
        conn.execute(f'CREATE TABLE "{schema}".connector (id integer)')  # step 4 -> 5 fails
    assert main(["team", "upgrade", team_url, "--workspace", "clash"]) == 1
    assert "Could not upgrade team workspace 'clash' (left as it was)" in capsys.readouterr().err
    with psycopg.connect(team_url, autocommit=True) as conn:
        version = conn.execute("SELECT schema_version FROM journeymapper.workspace").fetchone()
        added = conn.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = 'touchpoint' AND column_name = 'system'",
            (schema,),
        ).fetchone()
    assert version[0] == 4 and added[0] == 0  # the columns of the same step were undone too
    with pytest.raises(DocumentError, match="older format"):
        TeamDocument.open(url)
    assert main(["team", "upgrade", team_url, "--workspace", "nope"]) == 1
    assert "no team workspace 'nope'" in capsys.readouterr().err
