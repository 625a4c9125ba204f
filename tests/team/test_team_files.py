"""Publish, offline copy, the CLI, refusals, and a client killed in the middle of an edit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest

from journeymapper import editing
from journeymapper.cli.main import main
from journeymapper.interchange.workspace_export import dumps, export_workspace
from journeymapper.model.document import SCHEMA_VERSION, Document
from journeymapper.model.errors import DocumentError
from journeymapper.team import server_schema
from journeymapper.team.address import TeamAddress
from journeymapper.team.document import TeamDocument
from journeymapper.templates import create_workspace
from tests.conftest import position_problems
from tests.team.support import open_team, publish_copy, team_dump

ROOT = Path(__file__).resolve().parents[2]


def test_publish_then_copy_round_trip_is_identical(
    team_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "retail.jmap"
    create_workspace(source, "retail").close()
    assert main(["team", "publish", str(source), team_url]) == 1  # not set up yet
    assert "team init" in capsys.readouterr().err
    assert main(["team", "init", team_url]) == 0
    assert main(["team", "init", team_url]) == 0
    assert "nothing changed" in capsys.readouterr().out
    publish = ["team", "publish", str(source), team_url, "--workspace", "Retail"]
    assert main(publish) == 1  # publish makes no tables: the workspace comes from init
    err = capsys.readouterr().err
    assert "no team workspace 'Retail'" in err and "team init" in err
    assert "--workspace Retail" in err
    assert main(["team", "init", f"{team_url}#Retail"]) == 0
    assert "Created the empty team workspace 'Retail'" in capsys.readouterr().out
    assert main(publish) == 0
    assert main(publish) == 1
    err = capsys.readouterr().err
    assert "'Retail' is not empty" in err and "team init" in err
    assert main(["team", "init", team_url, "--workspace", "Retail"]) == 0
    assert "already exists" in capsys.readouterr().out
    copy = tmp_path / "copy.jmap"
    assert main(["team", "copy", team_url, "--workspace", "Retail", "-o", str(copy)]) == 0
    with Document.open(source) as a, Document.open(copy) as b:
        assert dumps(export_workspace(b)) == dumps(export_workspace(a))
    assert main(["team", "copy", team_url, "--workspace", "Nope", "-o", str(copy)]) == 1
    assert "no team workspace 'Nope'" in capsys.readouterr().err


def test_newer_schema_on_the_server_is_refused(team_url: str, tmp_path: Path) -> None:
    create_workspace(tmp_path / "m.jmap", "blank").close()
    server_schema.init_server(team_url)
    url = publish_copy(tmp_path / "m.jmap", team_url)
    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE journeymapper.workspace SET schema_version = %s", (SCHEMA_VERSION + 1,)
        )
    with pytest.raises(DocumentError, match="newer format"):
        TeamDocument.open(url)


def test_address_never_shows_the_password() -> None:
    address = TeamAddress.parse(
        "postgresql://ann:s3cret@db.example/team?sslmode=verify-full&password=x#Retail"
    )
    assert address.workspace == "Retail"
    assert "sslmode=verify-full" in address.conninfo  # TLS settings go to libpq untouched
    shown = address.display()
    assert "s3cret" not in shown and "password" not in shown
    assert shown == "postgresql://ann@db.example/team?sslmode=verify-full#Retail"


_KILLED = textwrap.dedent(
    """
    import sys, time
    from journeymapper import editing
    from journeymapper.editing.core import perform
    from journeymapper.team.document import TeamDocument
    doc = TeamDocument.open(sys.argv[1])
    card, stage, lane = (int(x) for x in sys.argv[2:5])
    with doc.transaction() as session:
        perform(session, editing.move_touchpoint, touchpoint_id=card, stage_id=stage,
                lane_id=lane, index=0)
        session.flush()
        print("inside", flush=True)
        time.sleep(120)
    """
)


def test_client_killed_mid_edit_leaves_the_server_consistent(team_url: str, tmp_path: Path) -> None:
    doc = create_workspace(tmp_path / "m.jmap", "blank")
    stage = doc.rows("SELECT id FROM stage ORDER BY position")[0][0]
    lane = doc.rows("SELECT id FROM lane WHERE name = 'Website'")[0][0]
    cards = [editing.add_touchpoint(doc, stage, lane, f"C{i}").created_id for i in range(4)]
    doc.close()
    server_schema.init_server(team_url)
    url = publish_copy(tmp_path / "m.jmap", team_url)
    team = open_team(url)
    before = team_dump(team)
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED, url, str(cards[-1]), str(stage), str(lane)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "inside"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        assert team_dump(team) == before  # the half-done move never happened
        editing.move_touchpoint(team, cards[0], stage, lane, None)  # the lock was released
        order = [r[0] for r in team.rows("SELECT id FROM touchpoint ORDER BY position")]
        assert order == [*cards[1:], cards[0]]
        assert position_problems(team) == []
    finally:
        child.kill()
        team.close()


def test_qmark_sql_becomes_pyformat_leaving_quoted_text_alone() -> None:
    from journeymapper.team.dialect import to_pyformat

    sql = "SELECT '?', \"a?\" FROM t WHERE k LIKE 'health.%' AND x = ? AND y % 2 = ?"
    assert to_pyformat(sql) == (
        "SELECT '?', \"a?\" FROM t WHERE k LIKE 'health.%%' AND x = %s AND y %% 2 = %s"
    )


def _role_url(url: str, role: str) -> str:
    return url.replace("postgres@", f"{role}@", 1)


def test_publish_and_editing_run_no_ddl(team_url: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A role that may only read and write rows publishes a file and edits it in a window:
    nothing after `team init` needs to create or alter anything."""
    source = tmp_path / "retail.jmap"
    create_workspace(source, "retail").close()
    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute(  # roles belong to the cluster: a rerun on the same one finds it
            "DO $$ BEGIN CREATE ROLE designer LOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
    db = team_url.rsplit("/", 1)[1]
    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute(f'REVOKE CREATE, TEMPORARY ON DATABASE "{db}" FROM PUBLIC')
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    assert main(["team", "init", team_url, "--workspace", "Retail", "--grant", "designer"]) == 0
    with psycopg.connect(team_url, autocommit=True) as conn:
        (schema,) = conn.execute("SELECT pg_schema FROM journeymapper.workspace").fetchone()
        rights = conn.execute(
            "SELECT has_database_privilege('designer', current_database(), 'CREATE'), "
            "has_schema_privilege('designer', %s, 'CREATE'), "
            "has_schema_privilege('designer', 'journeymapper', 'CREATE')",
            (schema,),
        ).fetchone()
    assert rights == (False, False, False)
    url = _role_url(team_url, "designer")
    assert main(["team", "init", url, "--workspace", "Other"]) == 1  # DDL is refused to it
    assert main(["team", "publish", str(source), url, "--workspace", "Retail"]) == 0

    from journeymapper.ui.app import create_app
    from journeymapper.ui.main_window import MainWindow
    from tests.docks_support import ids
    from tests.test_canvas_gestures import _cell_point, _centre
    from tests.ui_helpers import drag

    create_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(2600, 1500)
    win.show()
    assert win.open_path(f"{url}#Retail")
    doc = win.controller.doc
    assert isinstance(doc, TeamDocument) and doc.user == "designer"
    win.view.reset_zoom()
    stages, _, _ = ids(win)
    win.view.horizontalScrollBar().setValue(win.view.horizontalScrollBar().minimum())
    win.view.verticalScrollBar().setValue(win.view.verticalScrollBar().minimum())
    tp, lane = doc.rows(
        "SELECT t.id, t.lane_id FROM touchpoint t JOIN lane l ON l.id = t.lane_id "
        "WHERE t.stage_id = ? ORDER BY l.position, t.position",
        (stages[0],),
    )[0]
    there = stages[1]
    drag(win.view, _centre(win, tp), _cell_point(win, there, lane))  # a move, by the mouse
    assert win.scene.data is not None and win.scene.data.touchpoints[tp].stage_id == there
    win.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title="Hi")
    win.undo_action.trigger()  # the rename
    win.undo_action.trigger()  # the move
    win.redo_action.trigger()
    win.redo_action.trigger()
    win.close()
    with psycopg.connect(team_url, autocommit=True) as conn:
        found = conn.execute(
            f'SELECT t.title, t.stage_id, (SELECT array_agg(DISTINCT who) FROM "{schema}".jm_edit) '
            f'FROM "{schema}".touchpoint t WHERE t.id = %s',
            (tp,),
        ).fetchone()
    assert found == ("Hi", there, ["designer"])
