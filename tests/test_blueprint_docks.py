"""A blueprint's connectors in the Inspector and the Outline, driven with real clicks and
keys, checked on screen and in the saved file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.docks.outline import ID_ROLE, KIND_ROLE
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import click_index, db, open_window, settle
from tests.ui_helpers import click


@pytest.fixture
def workspace(hotel_blueprint: Path) -> Path:
    return hotel_blueprint


@pytest.fixture
def window(qtbot, workspace: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, workspace, (2600, 1500))
    win.view.reset_zoom()
    return win


def _arrow(win: MainWindow, label: str) -> ConnectorItem:
    return next(i for i in win.scene.blueprint.items.values() if i.route and i.route.label == label)


def _click_arrow(win: MainWindow, item: ConnectorItem) -> None:
    """Click the middle of the connector's first segment, as a person would."""
    assert item.route is not None
    (x0, y0), (x1, y1) = item.route.points[0], item.route.points[1]
    mid = ((x0 + x1) / 2, (y0 + y1) / 2)
    win.view.centerOn(*mid)
    QApplication.processEvents()
    click(win.view, mid)
    settle()


def _label(path: Path, conn_id: int) -> list[tuple[str, str]]:
    return db(path, "SELECT kind, label FROM connector WHERE id = ?", (conn_id,))


def test_inspector_edits_a_connectors_label_and_kind(window: MainWindow, workspace: Path) -> None:
    item = _arrow(window, "Ready")
    conn_id = item.connector_id
    _click_arrow(window, item)
    inspector = window.inspector_dock.inspector
    assert item.isSelected() and inspector.shown == ("connector", conn_id)
    assert inspector.heading.text() == "Connector"
    form = inspector.connector
    assert (
        form.label.text() == "Ready" and form.kind.currentData() == _label(workspace, conn_id)[0][0]
    )
    assert " → " in form.ends.text()
    form.label.setFocus()
    form.label.selectAll()
    QTest.keyClicks(form.label, "Tray is up")
    QTest.keyClick(form.label, Qt.Key.Key_Return)
    kind = _label(workspace, conn_id)[0][0]
    assert _label(workspace, conn_id) == [(kind, "Tray is up")]
    assert window.scene.blueprint.items[conn_id].route.label == "Tray is up"  # type: ignore[union-attr]
    window.undo_action.trigger()  # the typing was one undo step
    assert _label(workspace, conn_id) == [(kind, "Ready")]
    assert form.label.text() == "Ready"
    window.redo_action.trigger()
    form.kind.setCurrentIndex(form.kind.findData("dependency"))
    assert _label(workspace, conn_id) == [("dependency", "Tray is up")]
    assert window.scene.blueprint.items[conn_id].route.kind == "dependency"  # type: ignore[union-attr]
    # A label over the limit is refused beside the field and never written.
    form.label.setFocus()
    form.label.selectAll()
    QTest.keyClicks(form.label, "x" * 201)
    assert "at most 200 characters" in form._errors["label"].text()
    assert _label(workspace, conn_id)[0][1] == "x" * 200


def test_outline_lists_connectors_and_selects_them_both_ways(
    window: MainWindow, workspace: Path
) -> None:
    panel = window.outline_dock.panel
    assert len(panel.conn_items) == 15 == db(workspace, "SELECT count(*) FROM connector")[0][0]
    group = panel.proxy.index(panel.proxy.rowCount() - 1, 0)
    assert group.data(KIND_ROLE) == "connectors" and group.data() == "Connectors  (15)"
    item = _arrow(window, "Ready")
    conn_id = item.connector_id
    row = panel.proxy.mapFromSource(panel.conn_items[conn_id].index())
    assert row.parent() == group and "Ready" in row.data() and " → " in row.data()
    # Outline -> canvas (and the Inspector follows).
    click_index(panel.tree, row)
    assert item.isSelected()
    assert [i for i in window.scene.selectedItems()] == [item]
    assert window.inspector_dock.inspector.shown == ("connector", conn_id)
    # Canvas -> outline.
    other = _arrow(window, "Room request")
    _click_arrow(window, other)
    selected = panel.tree.selectionModel().selectedIndexes()
    assert [(i.data(KIND_ROLE), i.data(ID_ROLE)) for i in selected] == [
        ("connector", other.connector_id)
    ]
    # An edit shows in the row; deleting the connector removes it, undo brings it back.
    form = window.inspector_dock.inspector.connector
    form.label.setFocus()
    form.label.selectAll()
    QTest.keyClicks(form.label, "Rush")
    QTest.keyClick(form.label, Qt.Key.Key_Return)
    assert "Rush" in panel.conn_items[other.connector_id].text()
    _click_arrow(window, other)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert db(workspace, "SELECT count(*) FROM connector")[0][0] == 14
    assert other.connector_id not in panel.conn_items and len(panel.conn_items) == 14
    window.undo_action.trigger()
    assert db(workspace, "SELECT label FROM connector WHERE id = ?", (other.connector_id,)) == [
        ("Rush",)
    ]
    assert "Rush" in panel.conn_items[other.connector_id].text()
    # A plain map shows no arrows, so the outline lists none.
    window.scene.context_menu.connectors.set_view("journey")
    settle()
    assert panel.conn_items == {}
