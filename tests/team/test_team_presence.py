"""Presence per journey: the status bar names who else has the window's journey open.

Two people (two database roles) in two windows of one workspace: on different journeys
neither sees the other; on the same journey each sees the other within the live budget;
switching away or closing the window leaves at once.
"""

from __future__ import annotations

import signal
import statistics
import time
from pathlib import Path

import psycopg
import pytest
from PySide6.QtWidgets import QApplication, QLabel

from journeymapper import editing
from journeymapper.team import server_schema
from journeymapper.team.live import ChangeFeed, presence_name, present
from journeymapper.templates import create_workspace
from journeymapper.ui.main_window import MainWindow
from journeymapper.ui.team_link import presence_text
from tests.team.pg_server import PgServer
from tests.team.support import open_team, publish_copy
from tests.team.test_team_two_processes import _start
from tests.team.test_team_window import _window

ALONE = presence_text([])


@pytest.fixture
def two_journeys(tmp_path: Path) -> Path:
    """A blank map and its future-state copy: two journeys of one workspace."""
    path = tmp_path / "two.jmap"
    doc = create_workspace(path, "blank")
    journey = doc.rows("SELECT id FROM journey")[0][0]
    editing.duplicate_journey(doc, journey, "Future onboarding")
    doc.close()
    return path


@pytest.fixture
def url(team_url: str, two_journeys: Path, pg_server: PgServer) -> str:
    server_schema.init_server(team_url)
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        for role in ("ann", "ben"):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(f"CREATE ROLE {role} LOGIN SUPERUSER")
    return publish_copy(two_journeys, team_url)


def _as(url: str, role: str) -> str:
    return url.replace("postgres@", f"{role}@", 1)


def _presence(win: MainWindow) -> str:
    label = win.findChild(QLabel, "teamPresence")
    assert label is not None and label.isVisible()
    return label.text()


def _choose_journey(win: MainWindow, name: str) -> None:
    """Journey > NAME, as the menu offers it."""
    win.journey_menu.aboutToShow.emit()
    (action,) = [a for a in win.journey_menu.actions() if a.text() == name]
    action.trigger()
    QApplication.processEvents()


def _timed(qtbot, act, condition) -> float:  # type: ignore[no-untyped-def]
    """Seconds from ``act`` (a gesture in one window) until ``condition`` holds."""
    start = time.perf_counter()
    act()
    qtbot.waitUntil(condition, timeout=5000)
    return time.perf_counter() - start


def test_status_bar_names_who_has_the_same_journey_open(  # type: ignore[no-untyped-def]
    qtbot, url: str, tmp_path: Path
) -> None:
    ann = _window(qtbot, _as(url, "ann"))
    ben = _window(qtbot, _as(url, "ben"))
    first, future = (
        name
        for _, name in ann.controller.doc.rows("SELECT id, name FROM journey ORDER BY position")
    )
    qtbot.waitUntil(lambda: _presence(ann) == "Also here: ben", timeout=5000)
    assert _presence(ben) == "Also here: ann"
    delays = []
    for _ in range(4):
        # Different journeys: neither sees the other.
        away = lambda: _choose_journey(ben, future)  # noqa: E731
        delays.append(_timed(qtbot, away, lambda: _presence(ann) == ALONE))
        assert _presence(ben) == ALONE
        # The same journey again: each sees the other.
        back = lambda: _choose_journey(ben, first)  # noqa: E731
        delays.append(_timed(qtbot, back, lambda: _presence(ann) == "Also here: ben"))
        assert _presence(ben) == "Also here: ann"
    assert statistics.median(delays) < 0.2, delays
    assert ann.statusBar().grab().save(str(tmp_path / "presence.png"))  # to look at
    ben.close()  # closing the window leaves the journey
    qtbot.waitUntil(lambda: _presence(ann) == ALONE, timeout=2000)


def test_a_second_window_of_one_person_is_counted(qtbot, url: str) -> None:  # type: ignore[no-untyped-def]
    ann = _window(qtbot, _as(url, "ann"))
    _window(qtbot, _as(url, "ben"))
    _window(qtbot, _as(url, "ben"))
    qtbot.waitUntil(lambda: _presence(ann) == "Also here: ben \u00d72", timeout=5000)


def test_a_killed_window_process_leaves(qtbot, url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ben's window, in a process of its own, is SIGKILLed: Ann's status bar drops him."""
    ann = _window(qtbot, _as(url, "ann"))
    meet = tmp_path / "meet"
    meet.mkdir()
    ben = _start(_as(url, "ben"), 1, meet)  # opens its window, then waits for a second driver
    try:
        qtbot.waitUntil(lambda: _presence(ann) == "Also here: ben", timeout=60000)
        ben.send_signal(signal.SIGKILL)
        ben.wait(timeout=30)
        qtbot.waitUntil(lambda: _presence(ann) == ALONE, timeout=10000)  # the heartbeat
    finally:
        if ben.poll() is None:
            ben.kill()
        ben.communicate()


def test_feed_presence_follows_the_journey_and_a_killed_client_leaves(url: str) -> None:
    a, b = open_team(_as(url, "ann")), open_team(_as(url, "ben"))
    feed_a, feed_b = ChangeFeed(a), ChangeFeed(b)
    try:
        first, future = (j for (j,) in a.rows("SELECT id FROM journey ORDER BY position"))
        assert feed_a.others() == ["ben"]  # no journey shown yet: the whole workspace
        feed_a.show_journey(first)
        feed_b.show_journey(future)
        assert feed_a.others() == [] and feed_b.others() == []
        _wait(lambda: feed_a.poll(0.05) == [] and feed_a.take_presence_moved())
        feed_b.show_journey(first)
        _wait(lambda: feed_a.poll(0.05) == [] and feed_a.take_presence_moved())
        assert feed_a.others() == ["ben"] and feed_b.others() == ["ann"]
        assert feed_a.conn is not None and feed_b.conn is not None
        with psycopg.connect(a.address.conninfo, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (feed_b.conn.info.backend_pid,))
        _wait(lambda: feed_a.others() == [])  # a killed client's connection is gone
    finally:
        for x in (feed_a, feed_b, a, b):
            x.close()


def test_presence_needs_no_privilege(url: str, pg_server: PgServer) -> None:
    """Ordinary roles (no superuser, no pg_read_all_stats) see each other's presence."""
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        for role in ("dee", "eli"):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER")
    doc = open_team(url)
    schema, journey = doc.entry.pg_schema, doc.rows("SELECT min(id) FROM journey")[0][0]
    doc.close()
    here = presence_name(schema, journey)
    dbname = url.rsplit("/", 1)[1].split("#")[0]
    conninfo = f"host=127.0.0.1 port={pg_server.port} dbname={dbname}"
    with (
        psycopg.connect(f"{conninfo} user=dee application_name={here}") as dee,
        psycopg.connect(f"{conninfo} user=eli application_name={here}") as eli,
    ):
        assert present(dee, schema, journey) == ["eli"]
        assert present(eli, schema, journey) == ["dee"]
        assert present(eli, schema, journey + 1) == []


def _wait(condition, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)
