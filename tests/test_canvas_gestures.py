"""Canvas gestures performed with real mouse and key events, checked on screen and in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsRectItem, QLineEdit, QPlainTextEdit

from journeymapper import editing
from journeymapper.geometry import layout as geo
from journeymapper.store.order_keys import RANK_OF_T
from journeymapper.ui.main_window import MainWindow
from tests.conftest import blank_map
from tests.docks_support import db, ids, open_canvas
from tests.ui_helpers import click, double_click, drag, move_mouse, to_view


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "map.jmap"
    doc, _journey, stages, lanes = blank_map(path)
    editing.add_touchpoint(doc, stages[0], lanes["Website"], "Landing page", emotion=1)
    editing.add_touchpoint(doc, stages[0], lanes["Website"], "Pricing page", emotion=0)
    editing.add_touchpoint(doc, stages[1], lanes["Store"], "Store visit", emotion=-1)
    doc.close()
    return path


@pytest.fixture
def window(qtbot, workspace: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_canvas(qtbot, workspace)


def _centre(win: MainWindow, tp_id: int) -> tuple[float, float]:
    r = win.scene.layout.cards[tp_id]
    return (r.cx, r.cy)


def _cell_point(win: MainWindow, stage_id: int, lane_id: int) -> tuple[float, float]:
    cell = win.scene.layout.cell_rect(stage_id, lane_id)
    return (cell.x + cell.w * 0.7, cell.y + cell.h * 0.6)


def test_drag_card_online_to_offline_is_one_undo_step(window: MainWindow, workspace: Path) -> None:
    stages, lanes, cards = ids(window)
    tp = cards["Landing page"]
    drag(window.view, _centre(window, tp), _cell_point(window, stages[2], lanes["Store"]))
    assert db(workspace, "SELECT stage_id, lane_id FROM touchpoint WHERE id=?", (tp,)) == [
        (stages[2], lanes["Store"])
    ]
    card_rect = window.scene.layout.cards[tp]
    assert window.scene.layout.cell_rect(stages[2], lanes["Store"]).contains(
        card_rect.x, card_rect.y
    )
    assert window.scene.cards[tp].scenePos() == QPointF(card_rect.x, card_rect.y)
    # the card left behind is first in its cell now (its rank: keys are sparse)
    assert db(
        workspace, f"SELECT {RANK_OF_T} FROM touchpoint t WHERE id=?", (cards["Pricing page"],)
    ) == [(0,)]
    assert window.controller.undo_stack.count() == 1
    window.undo_action.trigger()
    assert db(
        workspace, f"SELECT stage_id, lane_id, {RANK_OF_T} FROM touchpoint t WHERE id=?", (tp,)
    ) == [(stages[0], lanes["Website"], 0)]
    assert window.scene.layout.cell_rect(stages[0], lanes["Website"]).contains(
        window.scene.cards[tp].scenePos().x(), window.scene.cards[tp].scenePos().y()
    )
    window.redo_action.trigger()
    assert db(workspace, "SELECT stage_id FROM touchpoint WHERE id=?", (tp,)) == [(stages[2],)]


def test_drag_frames_the_target_cell_with_thin_strips(window: MainWindow) -> None:
    """While a card is held over another cell, that cell is framed by four thin strips (no
    fill): crossing into a cell taller than the screen repaints the frame, not the cell."""
    stages, lanes, cards = ids(window)
    tp = cards["Landing page"]
    target = window.scene.layout.cell_rect(stages[2], lanes["Store"])
    viewport = window.view.viewport()
    QTest.mousePress(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        to_view(window.view, _centre(window, tp)),
    )
    move_mouse(window.view, to_view(window.view, _cell_point(window, stages[2], lanes["Store"])))
    frame = [
        item
        for item in window.scene.items()
        if isinstance(item, QGraphicsRectItem) and item.isVisible() and item.zValue() == 50
    ]
    assert len(frame) == 4
    bounds = frame[0].sceneBoundingRect()
    for item in frame[1:]:
        bounds = bounds.united(item.sceneBoundingRect())
    assert bounds == QRectF(target.x, target.y, target.w, target.h)
    strips = sum(r.width() * r.height() for r in (i.rect() for i in frame))
    assert strips < 0.1 * target.w * target.h
    QTest.keyClick(viewport, Qt.Key.Key_Escape)
    QTest.mouseRelease(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        to_view(window.view, _centre(window, tp)),
    )


def test_reorder_within_cell_by_drag(window: MainWindow, workspace: Path) -> None:
    _stages, _lanes, cards = ids(window)
    first, second = cards["Landing page"], cards["Pricing page"]
    r2 = window.scene.layout.cards[second]
    drag(window.view, _centre(window, first), (r2.right + 2, r2.cy))
    rows = db(
        workspace, "SELECT id FROM touchpoint WHERE id IN (?,?) ORDER BY position", (first, second)
    )
    assert [r[0] for r in rows] == [second, first]


def test_drop_on_text_lane_snaps_back_and_writes_nothing(
    window: MainWindow, workspace: Path
) -> None:
    stages, lanes, cards = ids(window)
    tp = cards["Store visit"]
    before = window.scene.cards[tp].pos()
    drag(window.view, _centre(window, tp), _cell_point(window, stages[1], lanes["Thoughts"]))
    assert window.scene.cards[tp].pos() == before
    assert window.controller.undo_stack.count() == 0
    assert db(workspace, "SELECT lane_id FROM touchpoint WHERE id=?", (tp,)) == [(lanes["Store"],)]


def test_double_click_empty_cell_and_type_adds_touchpoint(
    window: MainWindow, workspace: Path
) -> None:
    stages, lanes, _ = ids(window)
    double_click(window.view, _cell_point(window, stages[3], lanes["Email"]))
    editor = window.view.viewport().findChild(QLineEdit, "inlineEditor")
    assert editor is not None
    QTest.keyClicks(editor, "Loyalty newsletter")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    rows = db(
        workspace,
        "SELECT id, stage_id, lane_id FROM touchpoint WHERE title=?",
        ("Loyalty newsletter",),
    )
    assert len(rows) == 1 and rows[0][1:] == (stages[3], lanes["Email"])
    assert rows[0][0] in window.scene.cards
    assert window.scene.selected_touchpoints() == [rows[0][0]]
    window.undo_action.trigger()
    assert db(workspace, "SELECT count(*) FROM touchpoint WHERE title='Loyalty newsletter'") == [
        (0,)
    ]
    assert rows[0][0] not in window.scene.cards


def test_escape_cancels_typing(window: MainWindow, workspace: Path) -> None:
    stages, lanes, _ = ids(window)
    double_click(window.view, _cell_point(window, stages[3], lanes["Email"]))
    editor = window.view.viewport().findChild(QLineEdit, "inlineEditor")
    QTest.keyClicks(editor, "Nope")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert db(workspace, "SELECT count(*) FROM touchpoint") == [(3,)]


def _title_point(win: MainWindow, tp_id: int) -> tuple[float, float]:
    """A point on the card's title text: a child item of the card, not the card's own rect."""
    card = win.scene.cards[tp_id]
    title = next(c for c in card.childItems() if "Store visit" in getattr(c, "text", lambda: "")())
    centre = title.mapToScene(title.boundingRect().center())
    return (centre.x(), centre.y())


def test_gestures_on_a_cards_title_text_mean_the_card(window: MainWindow, workspace: Path) -> None:
    _, _, cards = ids(window)
    tp = cards["Store visit"]
    at = _title_point(window, tp)
    under = window.scene.itemAt(QPointF(*at), window.view.transform())
    assert under is not window.scene.cards[tp]  # the title is a part of the card
    double_click(window.view, at)
    editor = window.view.viewport().findChild(QLineEdit, "inlineEditor")
    assert editor is not None and editor.text() == "Store visit"
    editor.selectAll()
    QTest.keyClicks(editor, "Store walk-in")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert db(workspace, "SELECT title FROM touchpoint WHERE id=?", (tp,)) == [("Store walk-in",)]
    assert db(workspace, "SELECT count(*) FROM touchpoint") == [(3,)]
    menu = window.scene.build_context_menu(QPointF(*at))
    assert "Add pain point…" in [a.text() for a in menu.actions()]
    assert "Delete" in " ".join(a.text() for a in menu.actions())


def test_rename_stage_in_place(window: MainWindow, workspace: Path) -> None:
    stages, _, _ = ids(window)
    head = window.scene.layout.stages[stages[1]]
    double_click(window.view, (head.x + 40, head.cy))
    editor = window.view.viewport().findChild(QLineEdit, "inlineEditor")
    assert editor is not None and editor.text() == "Consideration"
    editor.selectAll()
    QTest.keyClicks(editor, "Research")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert db(workspace, "SELECT name FROM stage WHERE id=?", (stages[1],)) == [("Research",)]
    assert window.scene.headers[stages[1]].stage.name == "Research"


def test_resize_stage_by_dragging_its_border(window: MainWindow, workspace: Path) -> None:
    stages, _, _ = ids(window)
    head = window.scene.layout.stages[stages[0]]
    drag(window.view, (head.right - 1, head.cy), (head.right + 159, head.cy))
    (width,) = db(workspace, "SELECT width FROM stage WHERE id=?", (stages[0],))[0]
    assert abs(width - (head.w + 160)) <= 2
    assert abs(window.scene.layout.stages[stages[0]].w - width) < 0.01
    # the next stage moved right with it
    assert window.scene.layout.stages[stages[1]].x == pytest.approx(head.x + width)


def test_reorder_stage_by_dragging_header(window: MainWindow, workspace: Path) -> None:
    stages, _, _ = ids(window)
    first = window.scene.layout.stages[stages[0]]
    third = window.scene.layout.stages[stages[2]]
    drag(window.view, (first.cx, first.cy), (third.right - 20, third.cy))
    order = [r[0] for r in db(workspace, "SELECT id FROM stage ORDER BY position")]
    assert order == [stages[1], stages[2], stages[0], stages[3], stages[4]]
    assert window.scene.layout.stage_order == order
    window.undo_action.trigger()
    assert [r[0] for r in db(workspace, "SELECT id FROM stage ORDER BY position")] == stages


def test_draw_new_stage_in_header_band(window: MainWindow, workspace: Path) -> None:
    right = window.scene.layout.width
    drag(window.view, (right + 10, 20), (right + 260, 24))
    editor = window.view.viewport().findChild(QLineEdit, "inlineEditor")
    assert editor is not None
    editor.selectAll()
    QTest.keyClicks(editor, "Loyalty")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    rows = db(workspace, "SELECT name, width, position FROM stage ORDER BY position")
    assert rows[-1][0] == "Loyalty" and rows[-1][2] == 5
    assert rows[-1][1] == pytest.approx(250, abs=3)


def test_delete_stage_asks_with_count(window: MainWindow, workspace: Path) -> None:
    stages, _, _ = ids(window)
    asked: list[str] = []
    window.scene.actions.confirm = lambda q: asked.append(q) or False  # type: ignore[func-returns-value]
    head = window.scene.layout.stages[stages[0]]
    click(window.view, (head.cx, head.cy))
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert asked and "2 touchpoints" in asked[0]
    assert db(workspace, "SELECT count(*) FROM stage") == [(5,)]
    window.scene.actions.confirm = lambda q: True
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert db(workspace, "SELECT count(*) FROM stage") == [(4,)]
    assert db(workspace, "SELECT count(*) FROM touchpoint") == [(1,)]
    window.undo_action.trigger()
    assert db(workspace, "SELECT count(*) FROM touchpoint") == [(3,)]
    assert len(window.scene.cards) == 3


def test_ctrl_click_multi_select_then_drag_moves_both_in_one_step(
    window: MainWindow, workspace: Path
) -> None:
    stages, lanes, cards = ids(window)
    a, b = cards["Landing page"], cards["Store visit"]
    click(window.view, _centre(window, a))
    click(window.view, _centre(window, b), Qt.KeyboardModifier.ControlModifier)
    assert sorted(window.scene.selected_touchpoints()) == sorted([a, b])
    drag(window.view, _centre(window, a), _cell_point(window, stages[4], lanes["Phone"]))
    rows = db(
        workspace,
        f"SELECT id, {RANK_OF_T} FROM touchpoint t WHERE stage_id=? ORDER BY position",
        (stages[4],),
    )
    assert {r[0] for r in rows} == {a, b} and [r[1] for r in rows] == [0, 1]
    assert window.controller.undo_stack.count() == 1
    window.undo_action.trigger()
    assert db(workspace, "SELECT count(*) FROM touchpoint WHERE stage_id=?", (stages[4],)) == [(0,)]


def test_rubber_band_select_and_delete_key(window: MainWindow, workspace: Path) -> None:
    stages, lanes, cards = ids(window)
    cell = window.scene.layout.cell_rect(stages[0], lanes["Website"])
    drag(window.view, (cell.x + 2, cell.y + 2), (cell.right - 2, cell.bottom - 2))
    assert sorted(window.scene.selected_touchpoints()) == sorted(
        [cards["Landing page"], cards["Pricing page"]]
    )
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert db(workspace, "SELECT title FROM touchpoint") == [("Store visit",)]
    window.undo_action.trigger()
    assert db(workspace, "SELECT count(*) FROM touchpoint") == [(3,)]


def test_arrow_keys_move_selection_between_cells(window: MainWindow, workspace: Path) -> None:
    stages, lanes, cards = ids(window)
    tp = cards["Store visit"]
    click(window.view, _centre(window, tp))
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Right)
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_Down)
    assert db(workspace, "SELECT stage_id, lane_id FROM touchpoint WHERE id=?", (tp,)) == [
        (stages[2], lanes["Phone"])
    ]
    assert window.scene.selected_touchpoints() == [tp]


def test_copy_paste_and_duplicate(window: MainWindow, workspace: Path) -> None:
    stages, lanes, cards = ids(window)
    click(window.view, _centre(window, cards["Pricing page"]))
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert db(workspace, "SELECT count(*) FROM touchpoint WHERE title='Pricing page'") == [(2,)]
    click(window.view, _centre(window, cards["Landing page"]))
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    click(window.view, _cell_point(window, stages[4], lanes["Social media"]))
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = db(workspace, "SELECT title, emotion FROM touchpoint WHERE stage_id=?", (stages[4],))
    assert rows == [("Landing page", 1)]


def test_type_into_text_lane_cell(window: MainWindow, workspace: Path) -> None:
    stages, lanes, _ = ids(window)
    double_click(window.view, _cell_point(window, stages[2], lanes["Thoughts"]))
    editor = window.view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None
    QTest.keyClicks(editor, "Is this worth it?")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert db(
        workspace,
        "SELECT text FROM text_cell WHERE stage_id=? AND lane_id=?",
        (stages[2], lanes["Thoughts"]),
    ) == [("Is this worth it?",)]
    assert window.scene.text_cells[(stages[2], lanes["Thoughts"])].text == "Is this worth it?"


def test_drag_emotion_point(window: MainWindow, workspace: Path) -> None:
    _, _, cards = ids(window)
    tp = cards["Store visit"]
    point = next(p for p in window.scene.layout.emotion if p[0] == tp)
    lane = next(ln for ln in window.scene.data.lanes if ln.kind == "emotion")  # type: ignore[union-attr]
    band = window.scene.layout.lanes[lane.id]
    drag(window.view, (point[1], point[2]), (point[1], geo.emotion_y(band, 2)))
    assert db(workspace, "SELECT emotion FROM touchpoint WHERE id=?", (tp,)) == [(2,)]
    new_point = next(p for p in window.scene.layout.emotion if p[0] == tp)
    assert new_point[2] == pytest.approx(geo.emotion_y(band, 2))


def test_add_annotation_from_context_menu(window: MainWindow, workspace: Path) -> None:
    _, _, cards = ids(window)
    tp = cards["Store visit"]
    window.scene.actions.ask_text = lambda what: "Long queue at the till"
    menu = window.scene.build_context_menu(QPointF(*_centre(window, tp)))
    assert menu is not None
    action = next(a for a in menu.actions() if a.text() == "Add pain point…")
    action.trigger()
    assert db(workspace, "SELECT kind, text, touchpoint_id FROM annotation") == [
        ("pain_point", "Long queue at the till", tp)
    ]
    (marker,) = window.scene.markers.values()
    assert marker.ann.number == 1 and "Long queue" in marker.toolTip()


def test_resize_and_reorder_lane(window: MainWindow, workspace: Path) -> None:
    _, lanes, _ = ids(window)
    email = window.scene.layout.lanes[lanes["Email"]]
    x = geo.GROUP_W + 40
    drag(window.view, (x, email.bottom - 1), (x, email.bottom + 79))
    (height,) = db(workspace, "SELECT height FROM lane WHERE id=?", (lanes["Email"],))[0]
    assert height == pytest.approx(email.h + 80, abs=2)
    ads = window.scene.layout.lanes[lanes["Ads"]]
    website = window.scene.layout.lanes[lanes["Website"]]
    drag(window.view, (x, ads.cy), (x, website.y + 5))
    order = [r[0] for r in db(workspace, "SELECT name FROM lane ORDER BY position")]
    assert order.index("Ads") == order.index("Website") - 1


def test_add_offline_lane_joins_offline_group(window: MainWindow, workspace: Path) -> None:
    window.scene.actions.add_lane("channel", "offline")
    editor = window.view.viewport().findChild(QLineEdit, "inlineEditor")
    editor.selectAll()
    QTest.keyClicks(editor, "Events")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    names = [r[0] for r in db(workspace, "SELECT name FROM lane ORDER BY position")]
    assert names.index("Events") == names.index("Support desk") + 1
    groups = window.scene.layout.groups
    assert [g.channel_kind for g in groups] == ["online", "offline"]


def test_hover_over_stage_border_shows_resize_cursor(window: MainWindow) -> None:
    stages, _, _ = ids(window)
    head = window.scene.layout.stages[stages[0]]
    move_mouse(window.view, to_view(window.view, (head.right, head.cy)), Qt.MouseButton.NoButton)
    assert window.view.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor
