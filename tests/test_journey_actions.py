"""With no workspace open the map's actions are greyed and the Outline says why; opening a
workspace turns them on, and the toolbar's Stage then adds a stage to the saved file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from journeymapper.model.document import Document
from journeymapper.templates import create_workspace
from journeymapper.ui.docks.outline import NO_WORKSPACE
from journeymapper.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "appdata"))
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _map_actions(window: MainWindow) -> list:  # type: ignore[type-arg]
    bar = window.toolbar  # type: ignore[attr-defined]
    return [bar.add_stage, bar.add_lane, bar.fit, bar.charts, bar.health,
            window.export_pdf_action, window.workshop.toggle_action]  # fmt: skip


def _stage_names(path: Path) -> list[str]:
    with Document.open(path, read_only=True) as doc:
        return [r[0] for r in doc.rows("SELECT name FROM stage ORDER BY position")]


def test_start_greys_map_actions_and_the_outline_says_no_workspace(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.controller.doc is None
    assert not any(action.isEnabled() for action in _map_actions(window))
    assert not window.map_menu.isEnabled() and not window.journey_menu.isEnabled()
    panel = window.outline_dock.panel
    assert panel.empty.isVisible() and panel.empty.text() == NO_WORKSPACE
    assert not panel.tree.isVisible() and not panel.search.isVisible()

    path = tmp_path / "Shop.jmap"
    create_workspace(path, "retail").close()
    assert window.open_path(path)
    assert all(action.isEnabled() for action in _map_actions(window))
    assert window.map_menu.isEnabled() and window.journey_menu.isEnabled()
    assert panel.tree.isVisible() and not panel.empty.isVisible()
    assert panel.model.rowCount() == len(_stage_names(path))

    before = _stage_names(path)
    button = window.toolbar.widgetForAction(window.toolbar.add_stage)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    after = _stage_names(path)
    assert len(after) == len(before) + 1 and after[:-1] == before
