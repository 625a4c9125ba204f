"""A lane that grows moves the lanes below as blocks: one container per lane, not one move
per card. After a lane-growing move, its undo and its redo, every card, marker, note and
arrow is where a scene built afresh from the saved file puts it, hit tests find the cards
below, and no card below the lane was moved one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from journeymapper.bench.generate import generate_workspace
from journeymapper.geometry import blueprint as bp
from journeymapper.model.document import Document
from journeymapper.model.enums import LaneKind
from journeymapper.ui.canvas.items import CardItem, MarkerItem
from journeymapper.ui.canvas.lane_blocks import BACK, REACH, TILE, Block, is_container
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.image_export import export_svg
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import db, open_canvas
from tests.ui_helpers import double_click, drag


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Three hundred cards with markers, notes, blueprint layers and connectors."""
    return generate_workspace(
        tmp_path / "big.jmap", touchpoints=300, annotations=75, blueprint=True
    )


@pytest.fixture
def window(qtbot: Any, workspace: Path) -> MainWindow:
    return open_canvas(qtbot, workspace)


def _rect(r: QRectF) -> tuple[float, float, float, float]:
    return (r.x(), r.y(), r.width(), r.height())


def _grow_a_lane(win: MainWindow) -> tuple[int, int, tuple[int, int], tuple[int, int], float]:
    """Drag a card into the tallest cell of the first channel lane (from the next stage's
    cell) until the lane grows: (card, lane id, from cell, to cell, the lane's old height)."""
    scene, view = win.scene, win.view
    data = scene.data
    assert data is not None
    lane = next(ln.id for ln in data.lanes if ln.kind == LaneKind.CHANNEL)
    for _ in range(4):
        lay = scene.layout
        height = lay.lanes[lane].h
        order = lay.stage_order
        heights = {s: lay.cell_heights.get((s, lane), 0.0) for s in order[:-1]}
        target = max(heights, key=heights.__getitem__)
        source = order[order.index(target) + 1]
        card = lay.cell_cards[(source, lane)][0]
        cell = lay.cell_rect(target, lane)
        start = lay.cards[card]
        view.ensureVisible(QRectF(cell.x, cell.y, cell.w + start.w + 80, cell.h), 10, 10)
        QApplication.processEvents()
        drag(view, (start.cx, start.cy), (cell.x + 30, cell.bottom - 3))
        QApplication.processEvents()
        assert data.touchpoints[card].stage_id == target
        if scene.layout.lanes[lane].h != height:
            return card, lane, (source, lane), (target, lane), height
    raise AssertionError("the lane never grew")


def _fresh_scene(path: Path, journey_id: int) -> tuple[JourneyScene, Document]:
    doc = Document.open(path, read_only=True)
    scene = JourneyScene()
    scene.show_journey(doc, journey_id)
    scene.blueprint.flush()
    return scene, doc


def _same_as_fresh(win: MainWindow, path: Path) -> None:
    """Every card, marker, note and arrow on screen is where a fresh scene puts it."""
    scene = win.scene
    assert scene.data is not None
    scene.blueprint.flush()
    scene.settle_curve()
    fresh, doc = _fresh_scene(path, scene.data.id)
    try:
        assert set(scene.cards) == set(fresh.cards)
        for tp_id, card in scene.cards.items():
            other = fresh.cards[tp_id]  # the shape's rect: a selected card's pen is wider
            want = other.mapRectToScene(other.rect())
            assert _rect(card.mapRectToScene(card.rect())) == _rect(want), tp_id
            rect = scene.layout.cards[tp_id]  # the geometry's rect is the one drawn
            assert _rect(card.mapRectToScene(card.rect())) == (rect.x, rect.y, rect.w, rect.h)
        assert set(scene.markers) == set(fresh.markers)
        for ann_id, marker in scene.markers.items():
            assert marker.scenePos() == fresh.markers[ann_id].scenePos(), ann_id
        assert set(scene.notes) == set(fresh.notes)
        for ann_id, note in scene.notes.items():
            assert _rect(note.sceneBoundingRect()) == _rect(fresh.notes[ann_id].sceneBoundingRect())
        for lane_id, item in scene.lanes.items():
            assert _rect(item.sceneBoundingRect()) == _rect(
                fresh.lanes[lane_id].sceneBoundingRect()
            )
        assert scene.curve.points == fresh.curve.points
        assert scene.layout.cards == fresh.layout.cards
        assert scene.layout.markers == fresh.layout.markers
        assert scene.layout.notes == fresh.layout.notes
        for conn_id, item in scene.blueprint.items.items():
            route = bp.route(fresh.layout, fresh.data, fresh.data.connectors[conn_id])  # type: ignore[arg-type]
            assert route is not None and item.route is not None
            flat = [v for point in item.route.points for v in point]
            assert flat == pytest.approx([v for point in route.points for v in point]), conn_id
            assert item.route.label_box == route.label_box
            first = item.path().elementAt(0)
            start = item.mapToScene(first.x, first.y)
            assert (start.x(), start.y()) == pytest.approx(route.points[0])
    finally:
        fresh.clear()
        doc.close()


def _hit_below(win: MainWindow, lane: int) -> None:
    """Cards of the lanes below ``lane`` are found where they are drawn."""
    scene = win.scene
    lay = scene.layout
    below = {ln for ln in lay.lane_order if lay.lanes[ln].y > lay.lanes[lane].y}
    data = scene.data
    assert data is not None
    sample = [t for t in data.touchpoints.values() if t.lane_id in below][:25]
    assert sample
    for tp in sample:
        r = lay.cards[tp.id]
        hits = scene.items(QPointF(r.cx, r.cy))
        assert scene.cards[tp.id] in hits


def test_undo_and_redo_of_a_lane_growing_move_match_a_fresh_scene(
    window: MainWindow, workspace: Path
) -> None:
    card, lane, _source, target, height = _grow_a_lane(window)
    assert db(workspace, "SELECT stage_id, lane_id FROM touchpoint WHERE id=?", (card,)) == [target]
    _same_as_fresh(window, workspace)
    _hit_below(window, lane)
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert window.scene.layout.lanes[lane].h == height
    assert db(workspace, "SELECT stage_id FROM touchpoint WHERE id=?", (card,)) != [(target[0],)]
    _same_as_fresh(window, workspace)
    _hit_below(window, lane)
    window.redo_action.trigger()
    assert window.scene.layout.lanes[lane].h != height
    assert db(workspace, "SELECT stage_id FROM touchpoint WHERE id=?", (card,)) == [(target[0],)]
    _same_as_fresh(window, workspace)
    _hit_below(window, lane)


def test_cards_below_a_grown_lane_move_with_their_lane_not_one_by_one(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    card, lane, source, target, height = _grow_a_lane(window)
    scene = window.scene
    lay = scene.layout
    below = [ln for ln in lay.lane_order if lay.lanes[ln].y > lay.lanes[lane].y]
    data = scene.data
    assert data is not None
    cards_below = [t.id for t in data.touchpoints.values() if t.lane_id in below]
    assert len(cards_below) > 100
    before = {tp: scene.cards[tp].sceneBoundingRect() for tp in cards_below}
    top_before = lay.lanes[below[0]].y
    moved: list[int] = []
    blocks_moved: list[object] = []
    card_set_pos, block_set_pos = CardItem.setPos, Block.setPos

    def spy_card(self: CardItem, *args: Any) -> None:
        moved.append(self.touchpoint_id)
        card_set_pos(self, *args)

    def spy_block(self: Block, *args: Any) -> None:
        blocks_moved.append(self)
        block_set_pos(self, *args)

    monkeypatch.setattr(CardItem, "setPos", spy_card)
    monkeypatch.setattr(Block, "setPos", spy_block)
    window.undo_action.trigger()  # the lane shrinks back: every lane below moves up
    monkeypatch.undo()
    assert scene.layout.lanes[lane].h == height
    shrink = scene.layout.lanes[below[0]].y - top_before
    assert shrink < 0
    for tp in cards_below:  # all of them moved up by the same amount ...
        now = scene.cards[tp].sceneBoundingRect()
        assert now.x() == before[tp].x()
        assert now.y() == pytest.approx(before[tp].y() + shrink)
    # ... but none by its own setPos: only the cards of the two cells the undo touched
    touched = set(lay.cell_cards.get(source, [])) | set(lay.cell_cards.get(target, []))
    assert set(moved) <= touched | {card}
    assert not set(moved) & set(cards_below)
    # one move per container below (a few tiles per lane, its connectors, insight rows),
    # not per card
    containers = [i for i in scene.items() if isinstance(i, Block)]
    assert 0 < len(blocks_moved) <= len(containers) < len(cards_below) / 2


def test_every_marker_is_drawn_above_the_card_it_sits_on(window: MainWindow) -> None:
    """Cards and markers sit in containers per tile: a marker must never share the stacking
    of a card's tile made after it (it was drawn under that card, washed out)."""
    scene = window.scene
    checked = 0
    for ann_id, marker in scene.markers.items():
        centre = marker.sceneBoundingRect().center()
        under = [i for i in scene.items(centre) if isinstance(i, (CardItem, MarkerItem))]
        if any(isinstance(i, CardItem) for i in under):
            checked += 1
            assert under[0] is marker, f"marker {ann_id} is drawn under a card"
    assert checked, "no marker sits on a card: the test shows nothing"


def test_the_emotion_curve_out_of_view_is_patched_when_it_is_next_seen(
    window: MainWindow, workspace: Path
) -> None:
    """A move in a stage shifts every curve point of its column; while the emotion lane is
    out of view those points wait, and scrolling to it draws them where a fresh layout
    puts them (and the move is in the saved file)."""
    scene, view = window.scene, window.view
    card, _lane, _src, (stage, lane), _h = _grow_a_lane(window)
    band = scene.layout.emotion_band
    assert band is not None
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert not shown.intersects(QRectF(band.x, band.y, band.w, band.h))
    assert stage in scene.curve_due.stages  # nothing patched that nobody sees
    view.centerOn(band.x + band.w / 2, band.y + band.h / 2)
    QApplication.processEvents()
    view.viewport().repaint()
    assert not scene.curve_due.stages
    fresh, doc = _fresh_scene(workspace, scene.data.id)  # type: ignore[union-attr]
    try:
        assert scene.curve.points == fresh.curve.points == fresh.layout.emotion
        row = db(workspace, "SELECT stage_id, lane_id FROM touchpoint WHERE id = ?", (card,))
        assert row == [(stage, lane)]
    finally:
        fresh.clear()
        doc.close()


def test_every_item_lies_inside_the_tile_that_holds_it(window: MainWindow) -> None:
    """Qt skips a tile's children when the tile misses the painted rect: a card, marker or
    note reaching out of its tile would be left unpainted. Checked with every card's
    details built (the tallest a card gets)."""
    scene = window.scene
    scene.detail.build_in(None)
    tiles = [t for t in scene.blocks.blocks.values() if not isinstance(t, Block)]
    assert tiles
    for tile in tiles:
        bounds = tile.rect()
        for child in tile.childItems():
            reach = child.mapRectToParent(child.boundingRect() | child.childrenBoundingRect())
            assert bounds.contains(reach), (type(child).__name__, _rect(reach), _rect(bounds))


def test_a_double_click_on_a_card_under_a_neighbours_tile_edits_the_card(
    window: MainWindow, workspace: Path
) -> None:
    """Tiles of the markers (and of the lane below) reach over cards: a click there still
    means the card."""
    scene, view = window.scene, window.view
    view.ensureVisible(QRectF(0, 0, 10, 10))
    QApplication.processEvents()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    covered = next(
        card
        for card in scene.cards.values()
        if shown.contains(card.sceneBoundingRect())
        and is_container(scene.items_under(card.sceneBoundingRect().center())[0])
    )
    centre = card_centre = covered.sceneBoundingRect().center()
    double_click(view, (centre.x(), centre.y()))
    editor = view.viewport().findChild(QLineEdit, "inlineEditor")
    assert editor is not None and editor.text() == covered.tp.title
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    menu = scene.build_context_menu(card_centre)
    assert "Delete" in " ".join(a.text() for a in menu.actions())
    row = db(workspace, "SELECT title FROM touchpoint WHERE id = ?", (covered.touchpoint_id,))
    assert row == [(covered.tp.title,)]


def test_an_svg_export_holds_the_cards_and_not_the_tiles(
    window: MainWindow, tmp_path: Path
) -> None:
    """Tiles draw nothing: a designer opening the SVG finds the cards, not a hundred
    invisible squares over them."""
    scene = window.scene
    svg = export_svg(scene, tmp_path / "map.svg").read_text(encoding="utf-8")
    side = f'width="{TILE + BACK + REACH:g}" height="{TILE + BACK + REACH:g}"'
    assert sum(not isinstance(t, Block) for t in scene.blocks.blocks.values()) > 20
    assert side not in svg
    titles = [card.tp.title for card in scene.cards.values()]
    assert all(title in svg for title in titles[:: max(1, len(titles) // 25)])
