"""Team workspaces in the window: two windows converge, another process's edits arrive live,
a stale undo is refused, a server restart shows "reconnecting" and catches up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from journeymapper import editing
from journeymapper.team import server_schema
from journeymapper.team.document import TeamDocument
from journeymapper.templates import create_workspace
from journeymapper.ui.app import create_app
from journeymapper.ui.main_window import MainWindow
from journeymapper.ui.team_link import RECONNECTING
from tests.docks_support import ids as _ids
from tests.team.pg_server import PgServer
from tests.team.support import open_team, publish_copy
from tests.test_canvas_gestures import _cell_point, _centre
from tests.ui_helpers import drag

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def url(team_url: str, workspace: Path) -> str:
    server_schema.init_server(team_url)
    return publish_copy(workspace, team_url)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The canvas gesture tests' map: three cards in two cells of the blank template."""
    path = tmp_path / "map.jmap"
    doc = create_workspace(path, "blank")
    stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
    lanes = {name: id_ for id_, name in doc.rows("SELECT id, name FROM lane")}
    editing.add_touchpoint(doc, stages[0], lanes["Website"], "Landing page", emotion=1)
    editing.add_touchpoint(doc, stages[0], lanes["Website"], "Pricing page", emotion=0)
    editing.add_touchpoint(doc, stages[1], lanes["Store"], "Store visit", emotion=-1)
    doc.close()
    return path


def _window(qtbot, url: str) -> MainWindow:  # type: ignore[no-untyped-def]
    create_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(2600, 1500)
    win.show()
    assert win.open_path(url)
    win.view.reset_zoom()
    win.view.horizontalScrollBar().setValue(win.view.horizontalScrollBar().minimum())
    win.view.verticalScrollBar().setValue(win.view.verticalScrollBar().minimum())
    QApplication.processEvents()
    return win


def _stage_of(win: MainWindow, tp: int) -> int:
    assert win.scene.data is not None
    return win.scene.data.touchpoints[tp].stage_id


def test_two_windows_converge_on_a_drag_and_its_undo(qtbot, url: str) -> None:  # type: ignore[no-untyped-def]
    a, b = _window(qtbot, url), _window(qtbot, url)
    assert isinstance(a.controller.doc, TeamDocument)
    stages, lanes, cards = _ids(a)
    tp = cards["Landing page"]
    drag(a.view, _centre(a, tp), _cell_point(a, stages[2], lanes["Store"]))
    assert _stage_of(a, tp) == stages[2]
    qtbot.waitUntil(lambda: _stage_of(b, tp) == stages[2], timeout=3000)
    card = b.scene.layout.cards[tp]  # redrawn in its new cell in the other window
    assert b.scene.layout.cell_rect(stages[2], lanes["Store"]).contains(card.x, card.y)
    assert "changed the map" in b.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "Also here" in b.team_links.link.label.text(), timeout=5000)
    a.undo_action.trigger()
    qtbot.waitUntil(lambda: _stage_of(b, tp) == stages[0], timeout=3000)
    doc = open_team(url)
    try:
        assert doc.rows("SELECT stage_id FROM touchpoint WHERE id = ?", (tp,)) == [(stages[0],)]
    finally:
        doc.close()
    dialog = a.export_pdf_dialog() or a.pdf_dialog  # File > Export PDF… on a team workspace
    out = Path(a.controller.doc.path.name + ".pdf").absolute()
    dialog.output_edit.setText(str(out))
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    assert dialog.error is None
    assert dialog.report is not None and dialog.report.pages >= 1 and out.stat().st_size > 1000
    out.unlink()
    for fmt in ("json", "png"):  # exports work on a team workspace as on a file
        out = a.file_transfer.export(fmt, Path(a.controller.doc.path.name + f".{fmt}").absolute())
        assert out is not None and out.stat().st_size > 500
        out.unlink()


_OTHER = (
    "import sys\n"
    "from journeymapper import editing\n"
    "from journeymapper.team.document import TeamDocument\n"
    "doc = TeamDocument.open(sys.argv[1])\n"
    "editing.edit_touchpoint(doc, int(sys.argv[2]), title=sys.argv[3])\n"
    "doc.close()\n"
)


def _other_process_sets_title(url: str, tp: int, title: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", _OTHER, url, str(tp), title]
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, timeout=60)


def test_other_process_edit_arrives_and_stale_undo_is_refused(qtbot, url: str) -> None:  # type: ignore[no-untyped-def]
    a = _window(qtbot, url)
    _, _, cards = _ids(a)
    tp = cards["Store visit"]
    a.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title="Mine")
    _other_process_sets_title(url, tp, "Theirs")
    qtbot.waitUntil(lambda: a.scene.cards[tp].tp.title == "Theirs", timeout=3000)
    errors: list[str] = []
    a.controller.errorOccurred.connect(errors.append)
    a.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=2000)
    assert "can no longer be undone" in errors[0]
    assert a.scene.cards[tp].tp.title == "Theirs"
    qtbot.waitUntil(lambda: a.controller.undo_stack.index() == 1, timeout=2000)


def test_server_restart_shows_reconnecting_and_catches_up(  # type: ignore[no-untyped-def]
    qtbot, url: str, pg_server: PgServer
) -> None:
    a = _window(qtbot, url)
    _, _, cards = _ids(a)
    tp = cards["Pricing page"]
    link = a.team_links.link
    pg_server.stop()
    qtbot.waitUntil(lambda: link.label.text() == RECONNECTING, timeout=5000)
    state = a.findChild(QLabel, "readOnlyStatus")
    assert state.text() == "Not editable while offline"  # never "Editable" beside it
    errors: list[str] = []
    a.controller.errorOccurred.connect(errors.append)
    assert a.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title="X") is None
    assert errors and "reconnecting" in errors[0]  # refused, not queued
    pg_server.start()
    _other_process_sets_title(url, tp, "Set while A was away")
    qtbot.waitUntil(lambda: a.scene.cards[tp].tp.title == "Set while A was away", timeout=8000)
    assert RECONNECTING not in link.label.text()
    assert state.text() == "Editable"
    assert a.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title="Back")


def test_change_reaches_another_window_within_200_ms(qtbot, url: str) -> None:  # type: ignore[no-untyped-def]
    a, b = _window(qtbot, url), _window(qtbot, url)
    _, _, cards = _ids(a)
    tp = cards["Landing page"]
    delays = []
    for i in range(20):
        start = time.perf_counter()
        a.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title=f"T{i}")
        qtbot.waitUntil(lambda i=i: b.scene.cards[tp].tp.title == f"T{i}", timeout=3000)
        delays.append(time.perf_counter() - start)
    delays.sort()
    assert delays[len(delays) // 2] < 0.2, delays
