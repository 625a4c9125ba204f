"""Remembering: the last workspace reopens, File > Open recent, the start page, save folders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from journeymapper.templates import create_workspace
from journeymapper.ui import app as app_module
from journeymapper.ui.main_window import MainWindow
from journeymapper.ui.recent_files import MAX_RECENT, RecentFiles, app_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A settings file and a data folder of this test's own, never the user's."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    yield folder
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder.parent))


def run_app(argv: list[str], inspect: Callable[[MainWindow], object]) -> dict[str, object]:
    """Start the app as ``journeymapper`` does; once it has opened what it opens at start,
    call ``inspect`` on the window, then close it."""
    seen: dict[str, object] = {}
    timer = QTimer()

    def poll() -> None:
        for window in QApplication.topLevelWidgets():
            if (
                isinstance(window, MainWindow)
                and window.isVisible()
                and window.property("startupDone")
            ):
                timer.stop()
                seen["result"] = inspect(window)
                window.close()
                QApplication.quit()
                return

    timer.timeout.connect(poll)
    timer.start(20)
    QTimer.singleShot(30000, QApplication.quit)  # never hang the suite
    assert app_module.main(argv) == 0
    timer.stop()
    assert "result" in seen, "the window never finished starting"
    return seen


def _state(window: MainWindow) -> dict[str, object]:
    page = window.start_page  # type: ignore[attr-defined]
    return {"path": window.controller.path, "start_page": page.isVisible()}


def test_without_a_file_the_last_workspace_reopens(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "First.jmap", tmp_path / "Second.jmap"
    create_workspace(first, "retail").close()
    create_workspace(second, "blank").close()
    run_app([str(first)], lambda w: None)
    run_app([str(second)], lambda w: None)
    seen = run_app([], _state)["result"]
    assert seen["path"] == second  # type: ignore[index]
    assert seen["start_page"] is False  # type: ignore[index]
    assert RecentFiles(app_settings()).paths()[:2] == [second, first]


def test_the_start_page_shows_when_the_last_workspace_is_gone(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gone = tmp_path / "Gone.jmap"
    create_workspace(gone, "retail").close()
    run_app([str(gone)], lambda w: None)
    gone.unlink()

    def look(window: MainWindow) -> dict[str, object]:
        page = window.start_page  # type: ignore[attr-defined]
        return {
            "path": window.controller.path,
            "start_page": page.isVisible(),
            "tiles": sorted(page.tiles),
            "recent": [(b.text(), b.isEnabled()) for b in page.findChildren(QPushButton)],
        }

    seen = run_app([], look)["result"]
    assert seen["path"] is None  # not the sample
    assert seen["start_page"] is True
    assert {"blank", "retail"} <= set(seen["tiles"])
    assert ("Gone.jmap (not found)", False) in seen["recent"]
