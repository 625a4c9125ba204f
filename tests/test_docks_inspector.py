"""The Inspector dock driven like a person: click on the map, type, pick, press buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QColorDialog

from journeymapper import editing
from journeymapper.ui.docks.inspector import Inspector
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import click_index, db, ids, settle, window_fixtures
from tests.ui_helpers import click

workspace, window = window_fixtures()


def _inspector(win: MainWindow) -> Inspector:
    return win.inspector_dock.inspector


def _click_card(win: MainWindow, title: str) -> int:
    tp = ids(win)[2][title]
    rect = win.scene.layout.cards[tp]
    click(win.view, (rect.cx, rect.cy))
    settle()
    assert win.scene.selected_touchpoints() == [tp]
    return tp


def test_nothing_selected_shows_a_hint(window: MainWindow) -> None:
    inspector = _inspector(window)
    assert inspector.heading.text() == "Nothing selected"
    assert inspector.pages.currentWidget() is inspector.empty


def test_typing_a_title_is_one_undo_step(window: MainWindow, workspace: Path) -> None:
    tp = _click_card(window, "Landing page")
    form = _inspector(window).touchpoint
    assert form.title.text() == "Landing page"
    assert form.owner.text() == "Web team"
    before = window.controller.undo_stack.count()
    form.title.setFocus()
    form.title.selectAll()
    QTest.keyClicks(form.title, "Welcome home")
    assert form.title.text() == "Welcome home"  # the echo never moved the cursor or ate a space
    assert window.scene.cards[tp].tp.title == "Welcome home"
    assert db(workspace, "SELECT title FROM touchpoint WHERE id=?", (tp,)) == [("Welcome home",)]
    assert window.controller.undo_stack.count() == before + 1
    window.controller.undo_stack.undo()
    assert db(workspace, "SELECT title FROM touchpoint WHERE id=?", (tp,)) == [("Landing page",)]
    assert form.title.text() == "Landing page"
    assert window.scene.cards[tp].tp.title == "Landing page"
    window.controller.undo_stack.redo()
    assert form.title.text() == "Welcome home"


def test_empty_title_is_refused_inline(window: MainWindow, workspace: Path) -> None:
    tp = _click_card(window, "Landing page")
    form = _inspector(window).touchpoint
    form.title.setFocus()
    form.title.selectAll()
    QTest.keyClick(form.title, Qt.Key.Key_Delete)
    error = form._errors["title"]
    assert error.isVisible() and "cannot be empty" in error.text()
    assert form.title.text() == ""  # the user's field is left alone
    assert db(workspace, "SELECT title FROM touchpoint WHERE id=?", (tp,)) == [("Landing page",)]
    assert window.controller.undo_stack.count() == 0
    assert not hasattr(window, "last_error")  # no message box for a field-level problem
    QTest.keyClicks(form.title, "Home")
    assert not error.isVisible()
    assert db(workspace, "SELECT title FROM touchpoint WHERE id=?", (tp,)) == [("Home",)]


def test_choices_colour_and_description(
    window: MainWindow, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tp = _click_card(window, "Store visit")
    form = _inspector(window).touchpoint
    assert form.emotion.currentData() == -1
    form.emotion.setCurrentIndex(form.emotion.findData(2))
    form.evidence.setCurrentIndex(form.evidence.findData("assumed"))
    form.interaction.setCurrentIndex(form.interaction.findData("indirect"))
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#ff8800"))
    QTest.mouseClick(form.colour.button, Qt.MouseButton.LeftButton)
    form.description.setFocus()
    QTest.keyClicks(form.description, "Queue at the till")
    row = db(
        workspace,
        "SELECT emotion, evidence, interaction, colour, description FROM touchpoint WHERE id=?",
        (tp,),
    )
    assert row == [(2, "assumed", "indirect", "#ff8800", "Queue at the till")]
    assert window.scene.cards[tp].tp.emotion == 2
    assert form.colour.button.text() == "#ff8800"
    form.emotion.setCurrentIndex(form.emotion.findData(None))
    assert db(workspace, "SELECT emotion FROM touchpoint WHERE id=?", (tp,)) == [(None,)]
    QTest.mouseClick(form.colour.reset, Qt.MouseButton.LeftButton)
    assert db(workspace, "SELECT colour FROM touchpoint WHERE id=?", (tp,)) == [("",)]
    # description typing was one step, undone in one go
    while window.controller.undo_stack.canUndo():
        window.controller.undo_stack.undo()
    assert db(workspace, "SELECT emotion, description FROM touchpoint WHERE id=?", (tp,)) == [
        (-1, "")
    ]
    assert form.description.toPlainText() == ""
    assert form.emotion.currentData() == -1


def test_out_of_range_csat_is_shown_inline_and_never_written(
    window: MainWindow, workspace: Path
) -> None:
    tp = _click_card(window, "Landing page")
    panel = _inspector(window).measurements
    assert panel.table.rowCount() == 2
    panel.metric_combo.setCurrentIndex(panel.metric_combo.findData("csat"))
    QTest.keyClicks(panel.value, "7")
    assert panel.value_error.isVisible()
    assert "CSAT must be from 1 to 5" in panel.value_error.text()
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert db(workspace, "SELECT count(*) FROM measurement WHERE touchpoint_id=?", (tp,)) == [(2,)]
    assert window.controller.undo_stack.count() == 0
    panel.value.clear()
    QTest.keyClicks(panel.value, "abc")
    assert "must be a number" in panel.value_error.text()
    QTest.keyClicks(panel.sample, "0")
    assert "sample size" in panel.sample_error.text().lower()
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert db(workspace, "SELECT count(*) FROM measurement WHERE touchpoint_id=?", (tp,)) == [(2,)]


def test_add_and_delete_a_dated_value(window: MainWindow, workspace: Path) -> None:
    tp = _click_card(window, "Landing page")
    panel = _inspector(window).measurements
    panel.metric_combo.setCurrentIndex(panel.metric_combo.findData("conversion_rate"))
    panel.date.setDate(QDate(2024, 6, 1))
    QTest.keyClicks(panel.value, "38.5")
    QTest.keyClicks(panel.sample, "200")
    QTest.keyClicks(panel.source, "Analytics")
    assert not panel.value_error.isVisible()
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    rows = db(
        workspace,
        "SELECT d.key, m.value, m.measured_on, m.sample_size, m.source FROM measurement m "
        "JOIN metric_definition d ON d.id = m.metric_id WHERE m.touchpoint_id=? "
        "AND d.key='conversion_rate'",
        (tp,),
    )
    assert rows == [("conversion_rate", 38.5, "2024-06-01", 200, "Analytics")]
    assert panel.table.rowCount() == 3
    assert panel.value.text() == ""
    texts = [panel.table.item(r, 2).text() for r in range(3)]
    assert "38.5%" in texts
    row = texts.index("38.5%")
    click_index(panel.table, panel.table.model().index(row, 0))
    assert panel.delete_button.isEnabled()
    QTest.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 2
    assert db(workspace, "SELECT count(*) FROM measurement WHERE touchpoint_id=?", (tp,)) == [(2,)]
    window.controller.undo_stack.undo()  # the delete
    assert panel.table.rowCount() == 3
    window.controller.undo_stack.undo()  # the add
    assert panel.table.rowCount() == 2


def test_stage_and_annotation_pages(window: MainWindow, workspace: Path) -> None:
    stages, _lanes, _cards = ids(window)
    head = window.scene.layout.stages[stages[1]]
    click(window.view, (head.cx, head.cy))
    settle()
    inspector = _inspector(window)
    assert inspector.heading.text() == "Stage"
    form = inspector.stage
    assert form.name.text() == "Consideration"
    form.name.setFocus()
    form.name.selectAll()
    QTest.keyClicks(form.name, "Research")
    form.width_spin.setValue(420)
    assert db(workspace, "SELECT name, width FROM stage WHERE id=?", (stages[1],)) == [
        ("Research", 420.0)
    ]
    assert window.scene.headers[stages[1]].stage.name == "Research"

    marker_id = next(iter(window.scene.markers))
    window.scene.clearSelection()
    window.scene.markers[marker_id].setSelected(True)
    settle()
    assert inspector.heading.text().startswith("Annotation ")
    ann = inspector.annotation
    assert "Pricing page" in ann.pinned.text() or "stage" in ann.pinned.text()
    ann.kind.setCurrentIndex(ann.kind.findData("opportunity"))
    ann.text.setFocus()
    ann.text.selectAll()
    QTest.keyClicks(ann.text, "Faster page")
    assert db(workspace, "SELECT kind, text FROM annotation WHERE id=?", (marker_id,)) == [
        ("opportunity", "Faster page")
    ]


def test_edit_elsewhere_refreshes_the_shown_item_and_deletion_clears_it(
    window: MainWindow,
) -> None:
    tp = _click_card(window, "Pricing page")
    form = _inspector(window).touchpoint
    window.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title="Plans")
    assert form.title.text() == "Plans"
    window.scene.actions.delete_selection()
    settle()
    assert _inspector(window).heading.text() == "Nothing selected"
    window.controller.undo_stack.undo()
    window.scene.select_touchpoints([tp])
    settle()
    assert form.title.text() == "Plans"


def test_several_cards_selected(window: MainWindow) -> None:
    window.scene.select_touchpoints(list(ids(window)[2].values())[:2])
    settle()
    assert _inspector(window).heading.text() == "2 touchpoints selected"
