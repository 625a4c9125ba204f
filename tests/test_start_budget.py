"""The start: the frame paints before anything heavy loads, the map paints before SQLAlchemy,
SQLModel, the editing modules and pyqtgraph, and the window that follows edits as always."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from journeymapper.launch import desktop_files
from journeymapper.safety import lock
from journeymapper.templates import create_workspace
from journeymapper.ui.startup_preview import open_for_preview
from tests.app_start_support import run_app

#: All of the app that is loaded when its frame first paints: Qt and these small modules.
FIRST_PAINT = {
    "journeymapper",
    "journeymapper.launch",
    "journeymapper.geometry",
    "journeymapper.geometry.palette",
    "journeymapper.model",
    "journeymapper.model.errors",
    "journeymapper.paths",
    "journeymapper.ui",
    "journeymapper.ui.app",
    "journeymapper.ui.recent_files",
    "journeymapper.ui.startup",
    "journeymapper.ui.style",
    "journeymapper.ui.window_host",
}
LATE = ["journeymapper.editing", "journeymapper.ui.main_window", "sqlalchemy", "sqlmodel"]


@pytest.fixture()
def settings(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "settings"
    yield folder
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))


def _cards(path: Path) -> set[int]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM touchpoint")}


def test_the_map_paints_before_the_orm_and_the_window_then_edits_as_always(
    tmp_path: Path, settings: Path
) -> None:
    path = tmp_path / "Retail.jmap"
    create_workspace(path, "retail").close()
    before = _cards(path)
    seen = run_app([str(path), "--poke"], settings, tmp_path / "data")
    assert seen["heavy_at_first_paint"] == []
    assert set(seen["ours_at_first_paint"]) <= FIRST_PAINT  # type: ignore[arg-type]
    first_map = seen["map_paint"]
    assert first_map == {"heavy": [], "interactive": False, "window": "LoadingFrame"}
    # Clicking a card and pressing Delete on that early map changes nothing ...
    assert seen["poked_early"] in before and seen["early_window"] == "LoadingFrame"
    # ... the real window, built on the same open document, has everything and edits.
    assert set(LATE) <= set(seen["heavy_when_done"])  # type: ignore[arg-type]
    assert seen["path"] == str(path.resolve()) and seen["cards"] == len(before)
    assert seen["interactive"] is True and seen["undo_stack"] == 0
    assert seen["start_page"] is False and seen["error"] is None
    assert seen["poked"] in before and seen["undo_after_poke"] == 1
    assert _cards(path) == before - {seen["poked"]}


def test_a_refused_file_never_paints_a_map_and_the_window_says_why(
    tmp_path: Path, settings: Path
) -> None:
    foreign = tmp_path / "Foreign.jmap"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    data = foreign.read_bytes()
    seen = run_app([str(foreign)], settings, tmp_path / "data")
    assert seen["map_paint"]["window"] == "MainWindow"  # type: ignore[index]
    assert seen["path"] is None and seen["start_page"] is True
    assert "another application" in str(seen["error"])
    assert foreign.read_bytes() == data


def test_a_workspace_another_window_holds_is_left_to_the_window_to_ask(tmp_path: Path) -> None:
    path = tmp_path / "Held.jmap"
    create_workspace(path, "retail").close()
    held = lock.acquire(path)
    try:
        assert open_for_preview(path) is None
    finally:
        assert held is not None
        held.release()
    doc = open_for_preview(path)
    assert doc is not None and not doc.read_only
    doc.close()


def test_only_a_plain_desktop_start_skips_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "Map.jmap"
    create_workspace(path, "blank").close()
    assert desktop_files(["gui"]) == []
    assert desktop_files(["gui", str(path)]) == [str(path)]
    assert desktop_files([str(path)]) == [str(path)]  # what "Open with" runs
    # Everything else goes to the full command line, which says what is wrong:
    for argv in ([], ["--help"], ["gui", "--help"], ["info", str(path)], ["templates"]):
        assert desktop_files(argv) is None, argv
    assert desktop_files(["gui", str(tmp_path / "missing.jmap")]) is None
    assert desktop_files([str(tmp_path / "missing.jmap")]) is None
    assert desktop_files(["gui", str(path), str(path)]) is None
