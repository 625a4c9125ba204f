"""The compare view, driven like a user: menus, pickers, clicks on the change list.

A click on a difference selects that item on both maps; snapshots get a name that
the restore dialog lists and that the compare view offers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QListWidget, QTreeWidget

from journeymapper import editing
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.ui.dialogs.snapshots import SnapshotDialog
from tests.compare_support import future_pair, tp_named

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def retail(tmp_path: Path) -> Path:
    """The retail template with a changed future-state copy (see ``future_pair``)."""
    path = tmp_path / "retail.jmap"
    doc, _current, _future = future_pair(path)
    doc.close()
    return path


def _window(qtbot, path: Path):  # type: ignore[no-untyped-def]
    from journeymapper.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show_error = lambda message: setattr(window, "last_error", message)
    window.last_error = None
    assert window.open_path(path)
    return window


def _menu_action(menu, text: str):  # type: ignore[no-untyped-def]
    menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def _click_row(qtbot, widget: QListWidget | QTreeWidget, item) -> None:  # type: ignore[no-untyped-def]
    rect = widget.visualItemRect(item)
    assert not rect.isEmpty(), "the row is not on screen"
    qtbot.mouseClick(widget.viewport(), LEFT, pos=rect.center())


def _pick(qtbot, picker, label: str) -> None:  # type: ignore[no-untyped-def]
    items = picker.list.findItems(label, Qt.MatchFlag.MatchExactly)
    assert items, [picker.list.item(i).text() for i in range(picker.list.count())]
    _click_row(qtbot, picker.list, items[0])
    qtbot.mouseClick(picker.ok_button, LEFT)


def _row(tree: QTreeWidget, word: str, title: str):  # type: ignore[no-untyped-def]
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        if item.text(0) == word and f"\u201c{title}\u201d" in item.text(1):
            return item
    raise AssertionError(f"no {word} row for {title}")


def test_compare_with_a_journey_from_the_menu_and_click_a_difference(
    qtbot, retail: Path, data_dir: Path
) -> None:
    window = _window(qtbot, retail)
    window.show()
    _menu_action(window.journey_menu, "Compare with…").trigger()
    picker = window.compare.picker
    qtbot.waitExposed(picker)
    _pick(qtbot, picker, "Weekend store visit (future state)")
    dialog = window.compare.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    doc = window.controller.doc
    current, future = (jid for jid, _name in journey_ids(doc))
    assert dialog.panel_a.scene.data.id == current  # the current state is "before"
    assert dialog.panel_b.scene.data.id == future

    row = _row(dialog.changes, "moved", "Store stock checker")
    _click_row(qtbot, dialog.changes, row)
    a_id = tp_named(load_journey(doc, current), "Store stock checker").id
    b_id = tp_named(load_journey(doc, future), "Store stock checker").id
    assert dialog.panel_a.scene.selected_touchpoints() == [a_id]
    assert dialog.panel_b.scene.selected_touchpoints() == [b_id]
    ringed = sorted(zip(*dialog.chart.focus.getData(), strict=True))
    expected = [p for p in dialog.result.curve_a if p.touchpoint_id == a_id]
    expected += [p for p in dialog.result.curve_b if p.touchpoint_id == b_id]
    assert ringed == sorted((p.x, float(p.emotion)) for p in expected) and ringed
    card_b = dialog.panel_b.scene.cards[b_id]
    assert dialog.panel_b.view.mapToScene(dialog.panel_b.view.viewport().rect()).boundingRect(
    ).intersects(card_b.sceneBoundingRect())  # fmt: skip

    # An added card exists only in B: B selects it, A selects nothing.
    _click_row(qtbot, dialog.changes, _row(dialog.changes, "added", "Mobile checkout"))
    added = tp_named(load_journey(doc, future), "Mobile checkout").id
    assert dialog.panel_b.scene.selected_touchpoints() == [added]
    assert dialog.panel_a.scene.selected_touchpoints() == []

    # Marks: colour + symbol + word on the map, removed only on A, added only on B.
    words_b = {
        key: [b.word.text() for b in items[1:]] for key, items in dialog.panel_b.marks.marks.items()
    }
    assert words_b[("touchpoint", b_id)] == ["moved"]
    assert words_b[("touchpoint", added)] == ["added"]
    removed = tp_named(load_journey(doc, current), "Till queue").id
    assert ("touchpoint", removed) in dialog.panel_a.marks.marks
    assert all(k[1] != removed for k in dialog.panel_b.marks.marks)

    # A resolved pain point, clicked in its list, is selected on A's map.
    dialog.tabs.setCurrentWidget(dialog.pains)
    pains = dialog.pains
    resolved = next(
        pains.topLevelItem(n)
        for n in range(pains.topLevelItemCount())
        if pains.topLevelItem(n).text(0).strip().startswith("Only one or two tills")
    )
    _click_row(qtbot, pains, resolved)
    note_id = pains.differences[resolved.data(0, Qt.ItemDataRole.UserRole)].a_id
    assert dialog.panel_a.scene.notes[note_id].isSelected()
    assert len(dialog.chart.curve_a.xData) == len(dialog.result.curve_a)
    assert dialog.metrics.rowCount() == len(dialog.result.metric_deltas)


def test_compare_with_a_journey_of_another_file(
    qtbot, retail: Path, tmp_path: Path, data_dir: Path
) -> None:
    other = tmp_path / "other.jmap"
    shutil.copyfile(retail, other)
    window = _window(qtbot, retail)
    window.show()
    window.compare.ask_open_path = lambda: str(other)
    _menu_action(window.journey_menu, "Compare with…").trigger()
    picker = window.compare.picker
    qtbot.mouseClick(picker.more_button, LEFT)
    _pick(qtbot, picker, "other.jmap: Weekend store visit (future state)")
    dialog = window.compare.dialog
    assert dialog.result.b_label == "other.jmap: Weekend store visit (future state)"
    assert [d.line() for d in dialog.result.differences if d.item == "touchpoint"]
    other_doc = dialog.panel_b.scene.doc
    assert other_doc is not window.controller.doc and other_doc.read_only
    dialog.close()
    assert dialog.owned == [] and dialog.panel_b.scene.doc is None


def test_named_snapshot_is_listed_and_compared(qtbot, retail: Path, data_dir: Path) -> None:
    window = _window(qtbot, retail)
    window.show()
    _menu_action(window.file_menu, "Name a snapshot now…").trigger()
    ask = window.compare.name_dialog
    qtbot.waitExposed(ask)
    field = ask.findChild(QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, "after workshop 3")
    ok = ask.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, LEFT)

    listed = window.safety.snapshots()
    assert [s.name for s in listed] == ["after workshop 3"]
    assert (
        SnapshotDialog(listed, window)
        .list.item(0)
        .text()
        .startswith("\u201cafter workshop 3\u201d — ")
    )

    doc = window.controller.doc
    current = window.controller.journey_id
    editing.delete_touchpoint(doc, tp_named(load_journey(doc, current), "Till queue").id)
    _menu_action(window.file_menu, "Compare with snapshot…").trigger()
    picker = window.compare.picker
    _pick(qtbot, picker, listed[0].label())
    dialog = window.compare.dialog
    assert dialog.result.a_label == "snapshot after workshop 3"
    lines = dialog.result.lines()
    assert '- removed touchpoint "Till queue" (Purchase / Tills)' in lines
    assert dialog.result.matched_by["touchpoint"] == {"id": 25}  # one workspace: exact ids
    dialog.close()


def test_a_future_state_on_screen_is_compared_as_after(
    qtbot, retail: Path, tmp_path: Path, data_dir: Path
) -> None:
    window = _window(qtbot, retail)
    window.show()
    current, future = (jid for jid, _name in journey_ids(window.controller.doc))
    window.controller.set_journey(future)
    _menu_action(window.journey_menu, "Compare with…").trigger()
    _pick(qtbot, window.compare.picker, "Weekend store visit")
    dialog = window.compare.dialog
    assert (dialog.panel_a.scene.data.id, dialog.panel_b.scene.data.id) == (current, future)
    assert '+ added touchpoint "Mobile checkout" (Purchase / Tills)' in dialog.result.lines()
    other = tmp_path / "other.jmap"
    shutil.copyfile(retail, other)
    assert window.open_path(other)  # the window moves to another file: the view goes
    assert window.compare.dialog is None and not dialog.isVisible()


def test_a_rewritten_text_cell_is_marked_on_both_maps_and_clicked(
    qtbot, retail: Path, data_dir: Path
) -> None:
    from journeymapper.model.document import Document

    with Document.open(retail) as doc:
        future = journey_ids(doc)[1][0]
        data = load_journey(doc, future)
        stage = next(s.id for s in data.stages if s.name == "Purchase")
        lane = next(ln.id for ln in data.lanes if ln.name == "Thoughts")
        editing.set_text_cell(doc, stage, lane, "Paid in ten seconds with my phone.")
    window = _window(qtbot, retail)
    window.show()
    _menu_action(window.journey_menu, "Compare with…").trigger()
    _pick(qtbot, window.compare.picker, "Weekend store visit (future state)")
    dialog = window.compare.dialog
    qtbot.waitExposed(dialog)
    current = journey_ids(window.controller.doc)[0][0]
    old = load_journey(window.controller.doc, current)
    cell_a = (
        next(s.id for s in old.stages if s.name == "Purchase"),
        next(ln.id for ln in old.lanes if ln.name == "Thoughts"),
    )

    # The cell is outlined on both maps, with the "changed" colour, symbol and word.
    for panel, cell in ((dialog.panel_a, cell_a), (dialog.panel_b, (stage, lane))):
        outline, badge = panel.marks.marks[("text", cell)]
        assert badge.word.text() == "changed" and badge.symbol.text() == "✎"
        assert outline.pen().color().name() == "#b07800"
        assert outline.rect().contains(panel.scene.text_cells[cell].sceneBoundingRect())

    row = _row(dialog.changes, "changed", "Thoughts")
    assert row.text(2).startswith("Purchase / Thoughts: text ")
    dialog.panel_a.view.set_zoom(0.2)
    dialog.panel_a.view.centerOn(0, 0)
    _click_row(qtbot, dialog.changes, row)
    for panel, cell in ((dialog.panel_a, cell_a), (dialog.panel_b, (stage, lane))):
        shown = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
        assert shown.contains(panel.scene.text_cells[cell].sceneBoundingRect().center())
    dialog.close()


def test_metric_deltas_show_numbers_and_verdicts_whole_when_narrow(qtbot, retail: Path) -> None:
    from journeymapper.analysis.compare import compare_documents
    from journeymapper.model.document import Document
    from journeymapper.ui.dialogs.compare.panels import MetricTable

    with Document.open(retail, read_only=True) as doc:
        current, future = (jid for jid, _name in journey_ids(doc))
        result = compare_documents(doc, current, doc, future)
    table = MetricTable()
    qtbot.addWidget(table)
    table.resize(380, 300)  # the tab's share of a small screen
    table.show()
    table.show_deltas(result.metric_deltas)
    qtbot.wait(20)
    # What an item view keeps beside the text in a cell (QCommonStyle's item text margin).
    from PySide6.QtWidgets import QStyle

    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    for row in range(table.rowCount()):
        for col in (2, 3, 4):
            item = table.item(row, col)
            needed = table.fontMetrics().horizontalAdvance(item.text()) + 2 * margin
            assert table.visualItemRect(item).width() >= needed, item.text()
