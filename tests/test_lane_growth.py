"""A lane growing under a blueprint's connectors: the arrows wholly above or below it are not
routed again (those below move with it), those reaching across it are; out of view, they
wait until they are painted. Every arrow ends where a routing from scratch puts it."""

from __future__ import annotations

import copy
import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QTransform
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.geometry import blueprint as bp
from journeymapper.geometry.layout import compute_layout
from journeymapper.model.enums import CARD_LANE_KINDS
from journeymapper.store.journey_data import JourneyData, find_journey, load_journey
from journeymapper.templates import create_workspace
from journeymapper.ui.canvas import blueprint as layer_module
from journeymapper.ui.canvas.stale_regions import overlaps
from journeymapper.ui.image_export import export_png
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import db, open_canvas


@pytest.fixture
def window(qtbot, hotel_blueprint: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_canvas(qtbot, hotel_blueprint)


def _grow_top_lane(win: MainWindow) -> tuple[int, float]:
    """Add cards to the top card lane's first cell until the lane grows: (lane id, old h)."""
    scene = win.scene
    data = scene.data
    assert data is not None
    lane = next(ln.id for ln in data.lanes if ln.kind in CARD_LANE_KINDS)
    stage = scene.layout.stage_order[0]
    height = scene.layout.lanes[lane].h
    for i in range(40):
        win.controller.run(
            "Add", editing.add_touchpoint, stage_id=stage, lane_id=lane, title=f"Extra {i}"
        )
        if scene.layout.lanes[lane].h != height:
            return lane, height
    raise AssertionError("the lane never grew")


def _flat(points: tuple[tuple[float, float], ...]) -> list[float]:
    return [v for point in points for v in point]


def _drawn_like_fresh_routes(win: MainWindow, only: list[int] | None = None) -> None:
    """Each shown arrow is where routing it from scratch puts it, on screen as in its route."""
    scene = win.scene
    data, lay, layer = scene.data, scene.layout, scene.blueprint
    assert data is not None and layer.items
    for conn_id, item in layer.items.items():
        if only is not None and conn_id not in only:
            continue
        fresh = bp.route(lay, data, data.connectors[conn_id])
        assert fresh is not None
        assert item.route is not None
        assert _flat(item.route.points) == pytest.approx(_flat(fresh.points))
        assert item.route.label_at == pytest.approx(fresh.label_at)
        box, want = item.route.label_box, fresh.label_box
        assert (box is None) == (want is None)
        if box is not None and want is not None:
            assert (box.x, box.y, box.w, box.h) == pytest.approx((want.x, want.y, want.w, want.h))
        start = item.mapToScene(item.path().elementAt(0).x, item.path().elementAt(0).y)
        assert (start.x(), start.y()) == pytest.approx(fresh.points[0])


def _crossing(win: MainWindow, top: float) -> set[int]:
    """Connectors whose route (or label) reaches above ``top`` while one of its cards is
    below it: they must be routed again when everything below ``top`` moves."""
    layer, cards = win.scene.blueprint, win.scene.layout.cards
    data = win.scene.data
    assert data is not None
    out = set()
    for conn_id, item in layer.items.items():
        assert item.route is not None
        conn = data.connectors[conn_id]
        ys = [y for _, y in item.route.points]
        lowest_card = max(cards[conn.source_id].bottom, cards[conn.target_id].bottom)
        if min(ys) < top and lowest_card >= top:
            out.add(conn_id)
    return out


def test_a_lane_growing_routes_only_the_connectors_across_it(
    window: MainWindow, hotel_blueprint: Path
) -> None:
    layer = window.scene.blueprint
    data = window.scene.data
    assert data is not None
    lane, height = _grow_top_lane(window)
    top = window.scene.layout.lanes[lane].bottom  # everything below moved down
    _drawn_like_fresh_routes(window)
    crossing = _crossing(window, top)
    routed = layer.routed
    count = "SELECT COUNT(*) FROM touchpoint WHERE title LIKE 'Extra %'"
    [(added,)] = db(hotel_blueprint, count)
    window.undo_action.trigger()  # the last card goes: the lane shrinks back
    assert window.scene.layout.lanes[lane].h == height
    assert db(hotel_blueprint, count) == [(added - 1,)]
    # the removed card's own connectors (none) plus the ones across the lane: not the map
    assert layer.routed - routed <= len(crossing)
    assert len(crossing) < len(layer.items)
    _drawn_like_fresh_routes(window)
    window.redo_action.trigger()
    assert window.scene.layout.lanes[lane].h != height
    _drawn_like_fresh_routes(window)


def _leave_connectors_waiting(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Show the map's top-left corner only, then widen the first stage: the connectors out
    of view wait for their first paint (as on a map with thousands of arrows)."""
    monkeypatch.setattr(layer_module, "EAGER", 0)
    view = window.view
    view.setTransform(QTransform.fromScale(3, 3))
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    QApplication.processEvents()
    stage = window.scene.layout.stage_order[0]
    width = window.scene.layout.columns[stage].w + 40
    assert window.controller.run("Resize", editing.edit_stage, stage_id=stage, width=width)


def test_connectors_out_of_view_are_routed_when_painted(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _leave_connectors_waiting(window, monkeypatch)
    view, layer = window.view, window.scene.blueprint
    hidden = [i for i, item in layer.items.items() if not item.isVisible()]
    assert hidden, "every connector was in view: the test shows nothing"
    shown = [i for i, item in layer.items.items() if item.isVisible()]
    assert shown, "no connector in view: the test shows nothing"
    _drawn_like_fresh_routes(window, shown)  # what the user sees is routed at once
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    box = (seen.left(), seen.top(), seen.right(), seen.bottom())
    for conn_id in hidden:
        assert not overlaps(layer._stale.at(conn_id, window.scene.layout.lanes), box)
    # scroll to a hidden arrow and paint: it is routed and shown
    item = layer.items[hidden[0]]
    data = window.scene.data
    assert data is not None
    conn = data.connectors[hidden[0]]
    card = window.scene.layout.cards[conn.target_id]
    view.centerOn(QPointF(card.cx, card.cy))
    view.viewport().repaint()
    QApplication.processEvents()
    assert item.isVisible()
    _drawn_like_fresh_routes(window, [hidden[0]])
    layer.flush()
    assert all(item.isVisible() for item in layer.items.values())
    _drawn_like_fresh_routes(window)


@pytest.fixture(scope="module")
def hotel(tmp_path_factory: pytest.TempPathFactory) -> JourneyData:
    path: Path = tmp_path_factory.mktemp("hotel") / "hotel.jmap"
    with create_workspace(path, "hotel_blueprint") as doc:
        return load_journey(doc, find_journey(doc, None))


@settings(max_examples=30, deadline=None)
@given(lane_at=st.integers(0, 20), stage_at=st.integers(0, 20), extra=st.integers(1, 14))
def test_a_connector_below_a_grown_lane_routes_to_its_old_route_moved_down(
    hotel: JourneyData, lane_at: int, stage_at: int, extra: int
) -> None:
    """What the canvas relies on to move arrows instead of routing them: routing again after
    a lane above grew gives the old route moved down by the growth, for every connector
    whose route and cards lie below the lane."""
    before = compute_layout(hotel)
    data = copy.deepcopy(hotel)
    lanes = [ln.id for ln in data.lanes if ln.kind in CARD_LANE_KINDS]
    lane, stage = (
        lanes[lane_at % len(lanes)],
        before.stage_order[stage_at % len(before.stage_order)],
    )
    first = max(data.touchpoints) + 1
    for i in range(extra):
        template = next(iter(data.touchpoints.values()))
        data.touchpoints[first + i] = dataclasses.replace(
            template, id=first + i, stage_id=stage, lane_id=lane, position=1000 + i, title=f"X{i}"
        )
    after = compute_layout(data)
    shift = bp.block_shift(before, after)
    if after.lanes[lane].h == before.lanes[lane].h:
        assert shift is None
        return
    assert shift is not None
    top, dy = shift
    checked = 0
    for conn in hotel.connectors.values():
        old = bp.route(before, hotel, conn)
        new = bp.route(after, data, conn)
        assert old is not None and new is not None
        ends = (conn.source_id, conn.target_id)
        low = min(min(y for _, y in old.points), old.label_box.y if old.label_box else math.inf)
        if low < top or any(after.cards[c].y != before.cards[c].y + dy for c in ends):
            continue
        moved = bp.shifted(old, dy)
        assert _flat(moved.points) == pytest.approx(_flat(new.points))
        assert moved.label_box == new.label_box
        checked += 1
    assert checked or all(
        min(y for _, y in r.points) < top
        for r in (bp.route(before, hotel, c) for c in hotel.connectors.values())
        if r is not None
    )


def test_a_png_exported_while_connectors_wait_shows_them_all(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _leave_connectors_waiting(window, monkeypatch)
    layer = window.scene.blueprint
    assert [i for i in layer.items.values() if not i.isVisible()], "none waits: shows nothing"
    first = export_png(window.scene, tmp_path / "first.png")
    layer.flush()  # every connector routed and shown
    assert all(item.isVisible() for item in layer.items.values())
    again = export_png(window.scene, tmp_path / "again.png")
    assert QImage(str(first)) == QImage(str(again)), "the first export lacked waiting arrows"
