"""Shared set-up of the window tests: a small workspace, a shown main window, file reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.ui.app import create_app
from journeymapper.ui.main_window import MainWindow
from tests.conftest import blank_map, frame_ids


def make_workspace(path: Path) -> Path:
    """Blank template + three cards, a persona, measurements, text and annotations."""
    doc, journey, stages, lanes = blank_map(path)
    landing = editing.add_touchpoint(
        doc, stages[0], lanes["Website"], "Landing page", emotion=1, owner="Web team"
    ).created_id
    pricing = editing.add_touchpoint(
        doc,
        stages[1],
        lanes["Website"],
        "Pricing page",
        description="Compare the plans",
        emotion=0,
    ).created_id
    store = editing.add_touchpoint(
        doc, stages[2], lanes["Store"], "Store visit", emotion=-1, owner="Retail ops"
    ).created_id
    editing.set_measurement(doc, landing, "csat", 4.0, "2024-01-10", sample_size=120)
    editing.set_measurement(doc, landing, "csat", 4.4, "2024-03-10", source="Survey")
    editing.set_measurement(doc, store, "nps", 12, "2024-02-01")
    editing.set_text_cell(doc, stages[0], lanes["Customer actions"], "Searches online")
    editing.add_annotation(doc, "pain_point", "Slow to load", touchpoint_id=pricing)
    editing.add_annotation(doc, "idea", "Loyalty card", stage_id=stages[3])
    persona = editing.add_persona(doc, "Busy parent", goals="Save time").created_id
    editing.edit_journey(doc, journey, persona_id=persona)
    _ = store
    doc.close()
    return path


def open_window(qtbot: Any, path: Path, size: tuple[int, int] = (1600, 1000)) -> MainWindow:
    create_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    assert win.open_path(path)
    QApplication.processEvents()
    return win


def open_canvas(qtbot: Any, path: Path) -> MainWindow:
    """A large window at 100 % zoom, scrolled to the map's top-left (for mouse gestures)."""
    win = open_window(qtbot, path, (2600, 1500))
    view = win.view
    view.reset_zoom()
    view.ensureVisible(0, 0, 10, 10, 0, 0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    QApplication.processEvents()
    return win


def window_fixtures() -> tuple[Any, Any]:
    """A test module's ``workspace`` (:func:`make_workspace`) and ``window`` (it, opened) fixtures.

    Use as ``workspace, window = window_fixtures()``, so every module gets the same pair
    without importing fixtures by name.
    """

    @pytest.fixture(name="workspace")
    def workspace_fixture(tmp_path: Path) -> Path:
        return make_workspace(tmp_path / "map.jmap")

    @pytest.fixture(name="window")
    def window_fixture(qtbot: Any, workspace: Path) -> MainWindow:
        return open_window(qtbot, workspace)

    return workspace_fixture, window_fixture


def settle() -> None:
    """Let the docks react: they follow canvas selection on the next event-loop turn."""
    QApplication.processEvents()


def ids(win: MainWindow) -> tuple[list[int], dict[str, int], dict[str, int]]:
    data = win.scene.data
    assert data is not None
    stages, lanes = frame_ids(data)
    cards = {t.title: t.id for t in data.touchpoints.values()}
    return stages, lanes, cards


def db(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Read the saved file with a fresh connection."""
    with Document.open(path, read_only=True) as doc:
        return doc.rows(sql, params)


def click_index(view: QAbstractItemView, index: QModelIndex) -> None:
    """Click a row of an item view like a person (scrolling it into view first)."""
    view.scrollTo(index)
    rect = view.visualRect(index)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )
    settle()
