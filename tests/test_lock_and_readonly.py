"""One writer: a second opener is told the file is open elsewhere and offered read-only;
a read-only file opens read-only with a banner and no gesture writes."""

from __future__ import annotations

import getpass
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.model import document as document_module
from journeymapper.model.document import Document
from journeymapper.safety import lock
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.templates import create_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "map.jmap"
    with create_workspace(path, "blank") as doc:
        data = load_journey(doc, journey_ids(doc)[0][0])
        lane = next(ln for ln in data.lanes if ln.kind == "channel")
        for i in range(3):
            editing.add_touchpoint(doc, data.stages[0].id, lane.id, f"Card {i}")
    return path


@pytest.fixture
def other_process():
    proc = subprocess.Popen(["sleep", "60"])
    yield proc
    proc.kill()
    proc.wait()


HOLD = """
import sys, time
from journeymapper.safety import lock
held = lock.acquire(sys.argv[1])
print("held" if held else "none", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(workspace: Path):
    """Another process that really holds the workspace's lock (as another instance would)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(workspace)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def _write_lock(path: Path, pid: int, host: str | None = None) -> None:
    record = {"pid": pid, "host": host or socket.gethostname(), "since": "2024-01-01T00:00:00"}
    lock.lock_path(path).write_text(json.dumps(record), encoding="utf-8")


# -- the lock itself ----------------------------------------------------------------------
def test_lock_names_this_process_and_is_removed_on_release(workspace: Path) -> None:
    held = lock.acquire(workspace)
    assert held is not None
    owner = lock.read_owner(workspace.resolve())
    assert owner is not None and owner.pid == os.getpid()
    with pytest.raises(lock.LockedElsewhere, match="open in another window"):
        lock.acquire(workspace)  # a second window of this same process
    held.release()
    assert not lock.lock_path(workspace).exists()
    lock.acquire(workspace).release()


def test_live_other_process_holds_the_lock(workspace: Path, holder) -> None:
    with pytest.raises(lock.LockedElsewhere) as caught:
        lock.acquire(workspace)
    message = str(caught.value)
    assert str(holder.pid) in message and getpass.getuser() in message
    assert "this computer" in message and "since 20" in message  # host, user and time
    holder.kill()
    holder.wait()
    held = lock.acquire(workspace)  # its process is gone: the OS freed the lock
    assert held is not None and lock.read_owner(workspace.resolve()).pid == os.getpid()
    held.release()


def test_a_lock_naming_an_unrelated_live_process_is_stale(workspace: Path) -> None:
    _write_lock(workspace, 1)  # PID 1 runs, but it does not hold the lock
    assert lock.pid_alive(1)
    held = lock.acquire(workspace)
    assert held is not None and lock.read_owner(workspace.resolve()).pid == os.getpid()
    held.release()


def test_lock_from_another_machine_is_respected(workspace: Path) -> None:
    _write_lock(workspace, 1, host="some-other-host.example")
    with pytest.raises(lock.LockedElsewhere, match="some-other-host"):
        lock.acquire(workspace)


def test_garbage_lock_file_is_taken_over(workspace: Path) -> None:
    lock.lock_path(workspace).write_bytes(b"\x00garbage")
    held = lock.acquire(workspace)
    assert held is not None
    held.release()


def test_release_leaves_someone_elses_lock_alone(workspace: Path) -> None:
    held = lock.acquire(workspace)
    assert held is not None
    lock.lock_path(workspace).unlink()  # removed behind our back, then made anew by another
    _write_lock(workspace, 4242)
    held.release()
    assert lock.read_owner(workspace.resolve()).pid == 4242


def _simulate_read_only_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make the OS report ``path`` read-only (chmod does not stop root)."""
    real_access = os.access
    target = path.resolve()

    def access(p: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(p)).resolve() == target:
            return False
        return real_access(p, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    if os.geteuid() != 0:
        path.chmod(0o444)


def test_read_only_file_opens_read_only_and_refuses_writes(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _simulate_read_only_file(monkeypatch, workspace)
    before = workspace.read_bytes()
    with Document.open(workspace) as doc:
        assert doc.read_only
        assert "read-only file" in lock.why_read_only(doc.path)
    assert workspace.read_bytes() == before
    workspace.chmod(0o644)


# -- the main window ----------------------------------------------------------------------
@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(folder))
    return folder


def _window(qtbot):
    from journeymapper.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show_error = lambda message: setattr(window, "last_error", message)
    window.last_error = None
    return window


def _drag_first_card(window) -> None:
    from tests.ui_helpers import drag

    card = next(iter(window.scene.cards.values()))
    centre = card.sceneBoundingRect().center()
    drag(window.view, (centre.x(), centre.y()), (centre.x() + 400, centre.y() + 150))


def test_second_window_is_offered_read_only(qtbot, workspace: Path, data_dir: Path) -> None:
    first = _window(qtbot)
    assert first.open_path(workspace)
    assert not first.controller.doc.read_only
    assert lock.lock_path(workspace).exists()

    second = _window(qtbot)
    asked: list[str] = []
    second.safety.ask_read_only = lambda message: asked.append(message) or True
    assert second.open_path(workspace)
    assert asked and "open in another window" in asked[0]
    assert second.controller.doc.read_only
    banner = second.safety.banner
    assert not banner.isHidden() and "open in another window" in banner.text()
    assert first.safety.banner.isHidden()

    # No gesture writes: a drag does nothing, shows no error, and the file is unchanged.
    before = workspace.read_bytes()
    second.show()
    qtbot.waitExposed(second)
    _drag_first_card(second)
    second.scene.actions.delete_selection()
    assert second.last_error is None
    assert not second.map_menu.isEnabled() and not second.undo_action.isEnabled()
    bar = second.toolbar  # adding is off; looking and exporting are not
    assert not bar.add_stage.isEnabled() and not bar.add_lane.isEnabled()
    assert bar.fit.isEnabled() and bar.health.isEnabled() and second.export_pdf_action.isEnabled()
    assert workspace.read_bytes() == before

    first.close()
    assert not lock.lock_path(workspace).exists()
    second.close()
    assert not lock.lock_path(workspace).exists()


def test_open_elsewhere_and_declined_opens_nothing(
    qtbot, workspace: Path, data_dir: Path, holder
) -> None:
    other_process = holder
    window = _window(qtbot)
    window.safety.ask_read_only = lambda message: False
    before = workspace.read_bytes()
    window.open_path(workspace)
    assert window.controller.doc is None
    assert workspace.read_bytes() == before
    assert lock.read_owner(workspace.resolve()).pid == other_process.pid
    window.close()
    assert lock.read_owner(workspace.resolve()).pid == other_process.pid


def test_stale_lock_after_a_crash_is_taken_over_silently(
    qtbot, workspace: Path, data_dir: Path, other_process
) -> None:
    _write_lock(workspace, other_process.pid)
    other_process.kill()
    other_process.wait()
    window = _window(qtbot)
    window.safety.ask_read_only = lambda message: pytest.fail("a stale lock was respected")
    assert window.open_path(workspace)
    assert not window.controller.doc.read_only
    assert window.safety.banner.isHidden()
    window.close()
    assert not lock.lock_path(workspace).exists()


def test_read_only_file_shows_the_banner_and_no_gesture_writes(
    qtbot, workspace: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _simulate_read_only_file(monkeypatch, workspace)
    window = _window(qtbot)
    before = workspace.read_bytes()
    assert window.open_path(workspace)
    assert window.controller.doc.read_only
    assert not window.safety.banner.isHidden()
    assert "read-only file" in window.safety.banner.text()
    assert "[read-only]" in window.windowTitle()
    window.show()
    qtbot.waitExposed(window)
    _drag_first_card(window)
    assert window.last_error is None
    assert workspace.read_bytes() == before
    assert not lock.lock_path(workspace).exists()  # a read-only open takes no lock
    workspace.chmod(0o644)
    window.close()


def test_document_module_probe_is_used(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder where no file can be created opens read-only (the folder probe)."""
    monkeypatch.setattr(document_module, "_folder_writable", lambda folder: False)
    with Document.open(workspace) as doc:
        assert doc.read_only
