"""Live updates: other windows hear each change set, catch up after a cut, see who is there."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest

from journeymapper import editing
from journeymapper.model.errors import DocumentError
from journeymapper.team import server_schema
from journeymapper.team.live import ChangeFeed, RemoteChange
from journeymapper.templates import create_workspace
from tests.team.pg_server import PgServer
from tests.team.support import open_team, publish_copy


@pytest.fixture
def live_url(team_url: str, tmp_path: Path) -> str:
    create_workspace(tmp_path / "map.jmap", "blank").close()
    server_schema.init_server(team_url)
    return publish_copy(tmp_path / "map.jmap", team_url)


def wait_for(feed: ChangeFeed, seconds: float = 5.0) -> list[RemoteChange]:
    """Poll until something arrives (or fail after ``seconds``)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            found = feed.poll(0.05)
        except psycopg.OperationalError:
            time.sleep(0.2)
            continue
        if found:
            return found
    raise AssertionError("no change arrived")


def test_other_window_hears_each_change_set_and_not_its_own(live_url: str) -> None:
    a, b = open_team(live_url), open_team(live_url)
    feed_a, feed_b = ChangeFeed(a), ChangeFeed(b)
    try:
        stage = a.rows("SELECT id FROM stage ORDER BY position")[0][0]
        lane = a.rows("SELECT id FROM lane WHERE name = 'Website'")[0][0]
        made = editing.add_touchpoint(a, stage, lane, "From Ann")
        heard = wait_for(feed_b)
        assert [h.changes.of("touchpoint") for h in heard if h.changes] == [{made.created_id}]
        assert feed_a.poll(0.2) == []  # a window does not hear its own edits back
        assert feed_b.others() == [feed_a.conn.info.user]  # Ann's window, seen by Bo
    finally:
        for x in (feed_a, feed_b, a, b):
            x.close()


def test_server_restart_refuses_edits_then_catches_up(live_url: str, pg_server: PgServer) -> None:
    a, b = open_team(live_url), open_team(live_url)
    feed_b = ChangeFeed(b)
    stage = a.rows("SELECT id FROM stage ORDER BY position")[0][0]
    try:
        pg_server.stop()
        with pytest.raises(DocumentError, match="reconnecting"):
            editing.edit_stage(a, stage, name="While down")
        with pytest.raises(psycopg.OperationalError):
            feed_b.poll(0.1)
        assert not feed_b.live
        pg_server.start()
        # The refused edit was not queued: the server still has the old name.
        assert a.rows("SELECT name FROM stage WHERE id = ?", (stage,)) != [("While down",)]
        editing.edit_stage(a, stage, name="After restart")  # reconnects by itself
        heard = wait_for(feed_b)  # reconnect + catch-up from the change log
        assert any(h.changes and stage in h.changes.of("stage") for h in heard)
        assert b.rows("SELECT name FROM stage WHERE id = ?", (stage,)) == [("After restart",)]
    finally:
        for x in (feed_b, a, b):
            x.close()


def test_bench_team_runs_and_loses_nothing(
    team_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    from journeymapper.cli.main import main

    main(["bench", "--team", team_url, "--team-seconds", "2", "--team-clients", "3"])
    out = capsys.readouterr().out
    assert "against a raw psycopg update+commit (<= 3x), turn about" in out
    for edit in ("move", "rename", "set measurement"):  # each timed beside its raw commit
        assert re.search(rf"^  {edit} +[\d.]+ ms +raw +[\d.]+ ms +ratio [\d.]+x$", out, re.M), out
    assert "change propagation p95" in out
    checks = "refused 0, heard_all True, converged True, ordered True"
    found = re.search(r"committed (\d+), logged (\d+), " + checks, out)
    assert found is not None, out
    assert found.group(1) == found.group(2) and int(found.group(1)) >= 20
