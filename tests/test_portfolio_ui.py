"""The Portfolio dock and the portfolio on the map, driven by real gestures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper.model.document import Document
from journeymapper.ui.app import create_app
from journeymapper.ui.canvas.portfolio_links import RESOLVED_OPACITY
from journeymapper.ui.main_window import MainWindow
from tests.portfolio_support import retail_portfolio
from tests.ui_helpers import move_mouse

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def retail(tmp_path: Path) -> Path:
    path = tmp_path / "retail.jmap"
    retail_portfolio(path).close()
    return path


@pytest.fixture
def window(qtbot, retail: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    create_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1800, 1200)
    win.show()
    assert win.open_path(retail)
    win.portfolio_dock.show()
    QApplication.processEvents()
    return win


def _db(path: Path, sql: str, params: tuple = ()) -> list:  # type: ignore[type-arg]
    with Document.open(path, read_only=True) as doc:
        return doc.rows(sql, params)


def test_dragging_a_matrix_point_rescores_it_as_one_undo_step(
    window: MainWindow, retail: Path
) -> None:
    dock = window.portfolio_dock
    assert dock.table.rowCount() == 4
    matrix = dock.matrix
    opp = next(o for o in dock.shown if o.title == "Pay on the floor")  # value 4, effort 4
    start = matrix.scatter.point_of(opp.id)
    assert start is not None
    a = matrix.widget_pos(start.x(), start.y()).toPoint()
    b = matrix.widget_pos(1.1, 4.9).toPoint()  # effort 1, value 5: a quick win
    steps = 6
    viewport = matrix.viewport()
    QTest.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, steps + 1):
        move_mouse(
            matrix,
            QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps),
        )
    QTest.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.NoModifier, b)
    QApplication.processEvents()
    sql = "SELECT value, effort FROM opportunity WHERE id = ?"
    assert _db(retail, sql, (opp.id,)) == [(5, 1)]
    assert window.controller.undo_stack.count() == 1
    row = next(o for o in dock.shown if o.id == opp.id)
    assert row.quadrant == "Quick wins"
    window.controller.undo_stack.undo()
    assert _db(retail, sql, (opp.id,)) == [(4, 4)]
    moved = matrix.scatter.point_of(opp.id)
    assert moved is not None and (round(moved.x()), round(moved.y())) == (4, 4)
    window.controller.undo_stack.redo()
    assert _db(retail, sql, (opp.id,)) == [(5, 1)]


def test_table_sorts_filters_and_a_row_selects_its_pain_points(window: MainWindow) -> None:
    dock = window.portfolio_dock
    dock.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by value
    values = [int(dock.table.text(r, 3)) for r in range(dock.table.rowCount())]
    assert values == sorted(values, reverse=True)
    status = dock.filters["status"]
    status.setCurrentIndex(status.findData("done"))
    assert [o.title for o in dock.shown] == ["Any receipt works"]
    status.setCurrentIndex(0)
    owner = dock.filters["owner"]
    owner.setCurrentIndex(owner.findData("Digital"))
    assert {o.title for o in dock.shown} == {"Live store stock", 'Rebuild the app = "=SUM(A1)"'}
    owner.setCurrentIndex(0)
    live = next(o for o in dock.shown if o.title == "Live store stock")
    row = next(r for r in range(dock.table.rowCount()) if dock.table.text(r, 0) == live.title)
    rect = dock.table.visualRect(dock.table.model().index(row, 0))
    QTest.mouseClick(dock.table.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, rect.center())
    pain = live.pain_points[0].id
    assert window.scene.markers[pain].isSelected()
    assert window.scene.selected_touchpoints() == [live.places[0].touchpoint_id]


def test_link_a_pain_point_from_its_menu_and_undo(window: MainWindow, retail: Path) -> None:
    scene = window.scene
    data = scene.data
    assert data is not None
    loose = next(a for a in data.annotations if a.kind == "pain_point" and "tills" in a.text)
    marker = scene.markers[loose.id]
    menu = scene.build_context_menu(marker.scenePos())
    assert menu is not None
    sub = next(a.menu() for a in menu.actions() if a.text() == "Answer with opportunity")
    titles = {a.text(): a for a in sub.actions() if a.text()}
    assert titles["Pay on the floor"].isChecked()  # linked in the fixture
    assert not titles["Live store stock"].isChecked()
    titles["Live store stock"].trigger()
    links = "SELECT count(*) FROM opportunity_link WHERE annotation_id = ?"
    assert _db(retail, links, (loose.id,)) == [(2,)]
    window.controller.undo_stack.undo()
    assert _db(retail, links, (loose.id,)) == [(1,)]
    # A new opportunity straight from the pain point: one step, linked.
    menu = scene.build_context_menu(marker.scenePos())
    sub = next(a.menu() for a in menu.actions() if a.text() == "Answer with opportunity")
    next(a for a in sub.actions() if a.text().startswith("New opportunity")).trigger()
    assert _db(retail, links, (loose.id,)) == [(2,)]
    assert _db(retail, "SELECT count(*) FROM opportunity")[0][0] == 5
    window.controller.undo_stack.undo()
    assert _db(retail, "SELECT count(*) FROM opportunity")[0][0] == 4


def test_done_opportunity_shows_its_pain_point_resolved_and_targets_mark_cards(
    window: MainWindow,
) -> None:
    scene, dock = window.scene, window.portfolio_dock
    done = next(o for o in dock.shown if o.status == "done")
    pain = done.pain_points[0].id
    assert scene.markers[pain].opacity() == pytest.approx(RESOLVED_OPACITY)
    live = next(o for o in dock.shown if o.title == "Live store stock")
    assert scene.markers[live.pain_points[0].id].opacity() == 1.0  # in progress: not resolved
    target_card = live.targets[0].place.touchpoint_id
    marks = [c for c in scene.cards[target_card].childItems() if "Targeted by" in c.toolTip()]
    assert len(marks) == 1 and "Live store stock" in marks[0].toolTip()
    from journeymapper import editing

    window.controller.run(
        "Reopen", editing.edit_opportunity, opportunity_id=done.id, status="planned"
    )
    assert scene.markers[pain].opacity() == 1.0
    window.controller.undo_stack.undo()
    assert scene.markers[pain].opacity() == pytest.approx(RESOLVED_OPACITY)
