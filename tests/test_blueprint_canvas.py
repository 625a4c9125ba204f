"""Blueprint gestures on the canvas with real mouse and key events, checked on screen and in
the file: draw a connector by dragging, move a connected card, delete it, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.geometry import blueprint as bp
from journeymapper.model.document import Document
from journeymapper.ui.app import create_app
from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import db, open_canvas
from tests.ui_helpers import click, drag


@pytest.fixture
def workspace(hotel_blueprint: Path) -> Path:
    return hotel_blueprint


@pytest.fixture
def window(qtbot, workspace: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_canvas(qtbot, workspace)


def _card(win: MainWindow, title: str) -> int:
    data = win.scene.data
    assert data is not None
    return next(t.id for t in data.touchpoints.values() if t.title == title)


def _show(win: MainWindow, card_id: int) -> None:
    r = win.scene.layout.cards[card_id]
    win.view.centerOn(r.cx, r.cy)
    QApplication.processEvents()


def _on_edges(win: MainWindow, conn_id: int) -> None:
    """The drawn path starts on its source card's edge and ends on its target's."""
    data, lay = win.scene.data, win.scene.layout
    assert data is not None
    conn = data.connectors[conn_id]
    item = win.scene.blueprint.items[conn_id]
    path = item.path()
    drawn = [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]
    assert item.route is not None
    start, end = item.route.points[0], item.route.points[-1]
    assert drawn[0] == start and end in drawn  # the line and the arrow's tip are painted
    for (x, y), card in ((start, conn.source_id), (end, conn.target_id)):
        r = lay.cards[card]
        on_x = abs(x - r.x) < 0.5 or abs(x - r.right) < 0.5
        on_y = abs(y - r.y) < 0.5 or abs(y - r.bottom) < 0.5
        inside = r.x - 0.5 <= x <= r.right + 0.5 and r.y - 0.5 <= y <= r.bottom + 0.5
        assert inside and (on_x or on_y), (conn_id, (x, y), r)
    for (x0, y0), (x1, y1) in zip(item.route.points, item.route.points[1:], strict=False):
        assert abs(x0 - x1) < 0.01 or abs(y0 - y1) < 0.01  # orthogonal


def test_blueprint_opens_with_its_lines_and_connectors(window: MainWindow, workspace: Path) -> None:
    layer = window.scene.blueprint
    assert layer.on
    assert [line.label.text() for line in layer.lines] == [
        "LINE OF INTERACTION", "LINE OF VISIBILITY", "LINE OF INTERNAL INTERACTION",
    ]  # fmt: skip
    count = db(workspace, "SELECT count(*) FROM connector")[0][0]
    assert len(layer.items) == count == 15
    for conn_id in layer.items:
        _on_edges(window, conn_id)
    handoff = next(i for i in layer.items.values() if i.route and i.route.label == "Room request")
    assert handoff.mark.isVisible()
    assert "Front office → Housekeeping" in handoff.mark.toolTip()


def test_draw_a_connector_by_dragging_from_the_card_edge(
    window: MainWindow, workspace: Path
) -> None:
    source, target = _card(window, "Encode key card"), _card(window, "Clean and inspect room")
    _show(window, source)
    a, b = window.scene.layout.cards[source], window.scene.layout.cards[target]
    drag(window.view, (a.right - 3, a.cy), (b.cx, b.cy), steps=8)
    rows = db(workspace, "SELECT id, kind FROM connector WHERE source_id = ? AND target_id = ?",
               (source, target))  # fmt: skip
    assert len(rows) == 1
    conn_id, kind = rows[0]
    assert kind == "handoff"  # Front office -> Housekeeping: a hand-off between teams
    assert conn_id in window.scene.blueprint.items
    _on_edges(window, conn_id)
    window.undo_action.trigger()
    assert db(workspace, "SELECT count(*) FROM connector WHERE id = ?", (conn_id,)) == [(0,)]
    assert conn_id not in window.scene.blueprint.items
    window.redo_action.trigger()
    assert conn_id in window.scene.blueprint.items


def test_moving_a_connected_card_moves_only_its_connectors_ends(
    window: MainWindow, workspace: Path
) -> None:
    layer = window.scene.blueprint
    card = _card(window, "Prepare the order")
    mine = set(layer.by_card[card])
    assert mine
    before = {i: item.route for i, item in layer.items.items()}
    data = window.scene.data
    assert data is not None
    stages = [s.id for s in data.stages]
    lane = data.touchpoints[card].lane_id
    _show(window, card)
    r = window.scene.layout.cards[card]
    cell = window.scene.layout.cell_rect(stages[0], lane)  # an empty cell: no lane grows
    drag(window.view, (r.x + 20, r.y + 10), (cell.x + cell.w / 2, cell.y + cell.h / 2), steps=10)
    assert db(workspace, "SELECT stage_id FROM touchpoint WHERE id = ?", (card,)) == [(stages[0],)]
    after = {i: item.route for i, item in layer.items.items()}
    changed = {i for i in before if before[i] != after.get(i)}
    assert changed == mine
    for conn_id in mine:
        _on_edges(window, conn_id)


def test_delete_a_connected_card_then_undo_restores_its_connectors(
    window: MainWindow, workspace: Path
) -> None:
    layer = window.scene.blueprint
    card = _card(window, "Greet and verify booking")
    mine = set(layer.by_card[card])
    assert len(mine) == 3
    _show(window, card)
    r = window.scene.layout.cards[card]
    click(window.view, (r.x + 30, r.y + 12))
    assert window.scene.selected_touchpoints() == [card]
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert db(workspace, "SELECT count(*) FROM connector") == [(15 - len(mine),)]
    assert not mine & set(layer.items)
    window.undo_action.trigger()
    assert db(workspace, "SELECT count(*) FROM connector") == [(15,)]
    assert mine <= set(layer.items)
    for conn_id in mine:
        _on_edges(window, conn_id)


def test_select_relabel_and_delete_a_connector(window: MainWindow, workspace: Path) -> None:
    layer = window.scene.blueprint
    item = next(i for i in layer.items.values() if i.route and i.route.label == "Ready")
    conn_id = item.connector_id
    (x0, y0), (x1, y1) = item.route.points[0], item.route.points[1]
    mid = ((x0 + x1) / 2, (y0 + y1) / 2)
    window.view.centerOn(*mid)
    QApplication.processEvents()
    click(window.view, mid)
    assert item.isSelected()
    window.scene.context_menu.connectors.ask_label = lambda current: "Plated"
    window.scene.context_menu.connectors.edit_label(conn_id)
    assert db(workspace, "SELECT label FROM connector WHERE id = ?", (conn_id,)) == [("Plated",)]
    assert layer.items[conn_id].route.label == "Plated"  # type: ignore[union-attr]
    click(window.view, mid)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert db(workspace, "SELECT count(*) FROM connector WHERE id = ?", (conn_id,)) == [(0,)]
    window.undo_action.trigger()
    assert db(workspace, "SELECT label FROM connector WHERE id = ?", (conn_id,)) == [("Plated",)]
    assert isinstance(layer.items[conn_id], ConnectorItem)


def test_view_switch_hides_the_layers_and_is_remembered(
    window: MainWindow, workspace: Path
) -> None:
    data = window.scene.data
    assert data is not None
    layers = {ln.id for ln in data.lanes if ln.kind in ("physical", "frontstage", "backstage",
                                                       "support_process")}  # fmt: skip
    window.scene.context_menu.connectors.set_view("journey")
    data = window.scene.data
    assert data is not None
    assert not layers & {ln.id for ln in data.lanes}
    assert not window.scene.blueprint.items and not window.scene.blueprint.lines
    assert all(window.scene.cards[t].tp.lane_id not in layers for t in window.scene.cards)
    assert db(workspace, "SELECT value FROM setting WHERE key LIKE 'view.journey.%'") == []
    window.scene.context_menu.connectors.set_view("blueprint")
    assert len(window.scene.blueprint.items) == 15
    assert bp.layer_lines(window.scene.layout, window.scene.data)  # type: ignore[arg-type]


def test_connectors_follow_a_card_while_it_is_dragged(window: MainWindow) -> None:
    from tests.ui_helpers import LEFT, move_mouse, to_view

    layer = window.scene.blueprint
    card = _card(window, "Assign a clean room")
    _show(window, card)
    r = window.scene.layout.cards[card]
    start = to_view(window.view, (r.x + 30, r.y + 12))
    QTest.mousePress(window.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        move_mouse(window.view, start + type(start)(step * 12, step * 9))
    item = window.scene.cards[card]
    now = item.sceneBoundingRect()
    assert now.x() > r.x + 40  # the card follows the mouse
    for conn_id in layer.by_card[card]:
        route = layer.items[conn_id].route
        assert route is not None
        conn = window.scene.data.connectors[conn_id]  # type: ignore[union-attr]
        x, y = route.points[0] if conn.source_id == card else route.points[-1]
        assert now.x() - 0.5 <= x <= now.right() + 0.5 and now.y() - 0.5 <= y <= now.bottom() + 0.5
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    QTest.mouseRelease(window.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, start)
    assert window.scene.layout.cards[card] == r  # cancelled: back in its cell
    for conn_id in layer.by_card[card]:
        _on_edges(window, conn_id)  # and so are its connectors


def test_inspector_edits_a_steps_fields(window: MainWindow, workspace: Path) -> None:
    from tests.docks_support import settle

    card = _card(window, "Assign a clean room")
    _show(window, card)
    r = window.scene.layout.cards[card]
    click(window.view, (r.x + 30, r.y + 12))
    settle()
    form = window.inspector_dock.inspector.touchpoint
    assert form.system.text() == "PMS"
    assert form.wait.value() == 20 and form.duration.text() == "not set"
    assert form.failure.currentData() is True
    form.wait.setValue(90)
    form.duration.setValue(12.5)
    form.failure.setCurrentIndex(form.failure.findData(False))
    form.system.setFocus()
    form.system.selectAll()
    QTest.keyClicks(form.system, "Opera PMS")
    row = db(workspace, "SELECT wait_min, duration_min, failure_point, system FROM touchpoint "
              "WHERE id = ?", (card,))  # fmt: skip
    assert row == [(90.0, 12.5, 0, "Opera PMS")]
    assert "wait 1.5 h" in window.scene.layout.card_text[card].owner  # the card says it
    form.wait.setValue(-1)  # "not set"
    assert db(workspace, "SELECT wait_min FROM touchpoint WHERE id = ?", (card,)) == [(None,)]


def test_png_and_svg_pictures_carry_the_blueprint(workspace: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from journeymapper.store.journey_data import find_journey
    from journeymapper.ui.canvas.scene import JourneyScene
    from journeymapper.ui.image_export import export_png, export_svg

    create_app()
    with Document.open(workspace, read_only=True) as doc:
        scene = JourneyScene()
        scene.show_journey(doc, find_journey(doc, None))
        svg = export_svg(scene, tmp_path / "bp.svg", "Hotel").read_text("utf-8")
        png = export_png(scene, tmp_path / "bp.png")
    for text in ("LINE OF VISIBILITY", "Room request", "Order ticket"):
        assert text in svg
    assert not QImage(str(png)).isNull()


def test_duplicate_a_step_keeps_its_fields_and_arrows_move_it_between_layers(
    window: MainWindow, workspace: Path
) -> None:
    card = _card(window, "Prepare the order")
    _show(window, card)
    r = window.scene.layout.cards[card]
    click(window.view, (r.x + 30, r.y + 12))
    copies = window.scene.actions.duplicate_selection()
    assert len(copies) == 1
    copied = db(workspace, "SELECT owner, system, duration_min, failure_point FROM touchpoint "
                 "WHERE id = ?", (copies[0],))  # fmt: skip
    assert copied == [("Kitchen", "Kitchen display", 25.0, None)]
    window.scene.select_touchpoints([card])
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Down)
    lane = db(workspace, "SELECT l.kind FROM touchpoint t JOIN lane l ON l.id = t.lane_id "
               "WHERE t.id = ?", (card,))  # fmt: skip
    assert lane == [("support_process",)]


def test_deleting_a_layer_removes_its_steps_connectors_and_undo_restores_them(
    window: MainWindow, workspace: Path
) -> None:
    layer = window.scene.blueprint
    data = window.scene.data
    assert data is not None
    lane = next(ln.id for ln in data.lanes if ln.kind == "backstage")
    window.controller.run("Delete lane", editing.delete_lane, lane_id=lane)
    left = db(workspace, "SELECT id FROM connector")
    assert set(layer.items) == {r[0] for r in left} and len(left) < 15
    assert [line.label.text() for line in layer.lines] == [
        "LINE OF INTERACTION", "LINE OF INTERNAL INTERACTION",
    ]  # fmt: skip
    window.undo_action.trigger()
    assert len(layer.items) == 15 and len(layer.lines) == 3
    for conn_id in layer.items:
        _on_edges(window, conn_id)
