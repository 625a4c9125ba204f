"""Recovery: never-named workspaces live in the data folder; after a crash the next
start offers them back; a normal close cleans up."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from journeymapper.safety import recovery


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(folder))
    return folder


CRASHING_SESSION = """
import os, signal, sys
from pathlib import Path
from journeymapper import editing
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.safety import lock, recovery
from journeymapper.templates import create_workspace

data = Path(sys.argv[1])
marker = recovery.SessionMarker(data).start()
path = recovery.new_untitled_path(data)
doc = create_workspace(path, "blank")
lock.acquire(path)
marker.note_untitled(path)
journey = load_journey(doc, journey_ids(doc)[0][0])
lane = next(ln for ln in journey.lanes if ln.kind == "channel")
editing.add_touchpoint(doc, journey.stages[0].id, lane.id, "Work worth keeping")
print(path, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def crash_a_session(data_dir: Path) -> Path:
    """Run a session that makes a never-named workspace, edits it and is killed."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASHING_SESSION), str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode < 0, proc.stderr
    return Path(proc.stdout.strip())


def test_crashed_session_is_detected_and_its_workspace_offered(data_dir: Path) -> None:
    path = crash_a_session(data_dir)
    assert recovery.is_untitled(path, data_dir)
    assert recovery.crashed(data_dir)
    found = recovery.recoverable(data_dir)
    assert [r.path for r in found] == [path]
    assert found[0].touchpoints == 1 and "1 touchpoint" in found[0].label()
    recovery.dismiss_crashes(data_dir)
    assert not recovery.crashed(data_dir) and path.exists()


def test_a_running_session_is_not_a_crash(data_dir: Path) -> None:
    marker = recovery.SessionMarker(data_dir).start()
    marker.note_untitled(recovery.new_untitled_path(data_dir))
    assert not recovery.crashed(data_dir)  # it is us, and we run
    marker.finish()
    assert not list((data_dir / recovery.SESSIONS_FOLDER).glob("*.json"))


def _window(qtbot):
    from journeymapper.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show_error = lambda message: setattr(window, "last_error", message)
    return window


def test_next_start_offers_restore_and_close_cleans_up(qtbot, data_dir: Path) -> None:
    path = crash_a_session(data_dir)
    window = _window(qtbot)
    offered: list[list[recovery.Recoverable]] = []
    window.safety.ask_recover = lambda found: offered.append(found) or "restore"
    assert window.safety.offer_recovery()
    assert [r.path for r in offered[0]] == [path]
    assert window.controller.doc is not None and window.controller.doc.path == path
    titles = [r[0] for r in window.controller.doc.rows("SELECT title FROM touchpoint")]
    assert titles == ["Work worth keeping"]
    assert not recovery.crashed(data_dir)

    saved = data_dir.parent / "Kept.jmap"
    window.safety.ask_keep = lambda p: "save"
    window.safety.ask_save_path = lambda title, suggestion: str(saved)
    window.close()
    assert saved.exists() and not path.exists()  # saved under a name; the unnamed copy goes
    assert not list((data_dir / recovery.SESSIONS_FOLDER).glob("*.json"))
    assert not list(path.parent.iterdir())


def test_discarding_at_restart_deletes_the_orphans(qtbot, data_dir: Path) -> None:
    path = crash_a_session(data_dir)
    window = _window(qtbot)
    window.safety.ask_recover = lambda found: "discard"
    assert not window.safety.offer_recovery()
    assert not path.exists()
    window.close()


def test_blank_workspace_untouched_is_removed_on_close(qtbot, data_dir: Path) -> None:
    window = _window(qtbot)
    window.safety.ask_keep = lambda p: pytest.fail("nothing to keep, nothing to ask")
    assert window.safety.new_blank()
    path = window.controller.doc.path
    assert recovery.is_untitled(path, data_dir)
    window.close()
    assert not path.exists()
    assert not list((data_dir / recovery.SESSIONS_FOLDER).glob("*.json"))


def test_closing_an_edited_blank_workspace_asks_and_cancel_keeps_the_window(
    qtbot, data_dir: Path
) -> None:
    window = _window(qtbot)
    window.safety.new_blank()
    path = window.controller.doc.path
    window.scene.actions.add_stage()
    asked: list[Path] = []
    window.safety.ask_keep = lambda p: asked.append(p) or "cancel"
    assert not window.close()
    assert asked == [path] and window.controller.doc is not None and path.exists()
    window.safety.ask_keep = lambda p: "discard"
    assert window.close()
    assert not path.exists()
