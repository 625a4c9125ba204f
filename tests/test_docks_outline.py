"""The Outline dock: tree shape, search, selection both ways, cheap patches, 2,000 cards."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRectF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace
from journeymapper.ui.docks.outline import ID_ROLE, KIND_ROLE, OutlinePanel
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import click_index, ids, open_window, settle, window_fixtures

workspace, window = window_fixtures()


def _panel(win: MainWindow) -> OutlinePanel:
    return win.outline_dock.panel


def _shape(panel: OutlinePanel) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """The visible tree as (stage, [(lane, [titles])])."""
    model = panel.proxy
    out = []
    for s in range(model.rowCount()):
        stage = model.index(s, 0)
        lanes = []
        for ln in range(model.rowCount(stage)):
            lane = model.index(ln, 0, stage)
            titles = [model.index(t, 0, lane).data() for t in range(model.rowCount(lane))]
            lanes.append((lane.data(), titles))
        out.append((stage.data(), lanes))
    return out


def _find(panel: OutlinePanel, kind: str, item_id: int) -> QModelIndex:
    source = panel.tp_items[item_id] if kind == "touchpoint" else panel.stage_items[item_id]
    return panel.proxy.mapFromSource(source.index())


def test_tree_shows_stages_and_only_non_empty_cells(window: MainWindow) -> None:
    assert _shape(_panel(window)) == [
        ("Awareness  (1)", [("Website  (online)", ["Landing page"])]),
        ("Consideration  (1)", [("Website  (online)", ["Pricing page"])]),
        ("Purchase  (1)", [("Store  (offline)", ["Store visit"])]),
        ("Retention  (0)", []),
        ("Advocacy  (0)", []),
    ]
    assert _panel(window).status.text() == "3 touchpoints"


def test_search_filters_by_title_description_and_owner(window: MainWindow) -> None:
    panel = _panel(window)
    QTest.keyClicks(panel.search, "PRIC")
    assert _shape(panel) == [("Consideration  (1)", [("Website  (online)", ["Pricing page"])])]
    assert panel.status.text() == "1 of 3 touchpoints match"
    panel.search.clear()
    QTest.keyClicks(panel.search, "compare the")  # description
    assert [s for s, _ in _shape(panel)] == ["Consideration  (1)"]
    panel.search.clear()
    QTest.keyClicks(panel.search, "retail ops")  # owner
    assert _shape(panel) == [("Purchase  (1)", [("Store  (offline)", ["Store visit"])])]
    panel.search.clear()
    QTest.keyClicks(panel.search, "nothing like this")
    assert _shape(panel) == []
    panel.search.clear()
    assert len(_shape(panel)) == 5


def test_selecting_in_the_tree_selects_and_scrolls_on_the_canvas(window: MainWindow) -> None:
    panel = _panel(window)
    _stages, _lanes, cards = ids(window)
    tp = cards["Store visit"]
    view = window.view
    view.set_zoom(2.0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    QApplication.processEvents()

    def on_screen() -> bool:
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        return shown.intersects(QRectF(window.scene.cards[tp].sceneBoundingRect()))

    assert not on_screen()
    QTest.keyClicks(panel.search, "store")
    click_index(panel.tree, _find(panel, "touchpoint", tp))
    assert window.scene.selected_touchpoints() == [tp]
    assert on_screen()
    assert window.inspector_dock.inspector.touchpoint.title.text() == "Store visit"


def test_canvas_selection_is_reflected_in_the_tree(window: MainWindow) -> None:
    panel = _panel(window)
    stages, _lanes, cards = ids(window)
    window.scene.select_touchpoints([cards["Pricing page"], cards["Landing page"]])
    settle()
    selected = {
        (i.data(KIND_ROLE), i.data(ID_ROLE)) for i in panel.tree.selectionModel().selectedIndexes()
    }
    assert selected == {
        ("touchpoint", cards["Pricing page"]),
        ("touchpoint", cards["Landing page"]),
    }
    window.scene.clearSelection()
    window.scene.headers[stages[3]].setSelected(True)
    settle()
    assert [i.data(ID_ROLE) for i in panel.tree.selectionModel().selectedIndexes()] == [stages[3]]
    # and a stage row selects its header
    click_index(panel.tree, _find(panel, "stage", stages[0]))
    assert window.scene.headers[stages[0]].isSelected()
    assert window.inspector_dock.inspector.heading.text() == "Stage"


def test_edits_patch_the_tree(window: MainWindow) -> None:
    panel = _panel(window)
    stages, lanes, cards = ids(window)
    run = window.controller.run
    run("Rename", editing.edit_touchpoint, touchpoint_id=cards["Landing page"], title="Home page")
    new = run(
        "Add", editing.add_touchpoint, stage_id=stages[4], lane_id=lanes["Email"], title="Review"
    )
    assert new is not None
    run(
        "Move",
        editing.move_touchpoint,
        touchpoint_id=cards["Pricing page"],
        stage_id=stages[0],
        lane_id=lanes["Website"],
        index=0,
    )
    assert _shape(panel)[:2] == [
        ("Awareness  (2)", [("Website  (online)", ["Pricing page", "Home page"])]),
        ("Consideration  (0)", []),
    ]
    assert _shape(panel)[4] == ("Advocacy  (1)", [("Email  (online)", ["Review"])])
    # a lane sorts among the others by its order on the map
    run(
        "Add",
        editing.add_touchpoint,
        stage_id=stages[0],
        lane_id=lanes["Social media"],
        title="Post",
    )
    assert [ln for ln, _ in _shape(panel)[0][1]] == ["Website  (online)", "Social media  (online)"]
    run("Add", editing.add_touchpoint, stage_id=stages[0], lane_id=lanes["Ads"], title="Banner")
    run("Delete", editing.delete_touchpoint, touchpoint_id=cards["Store visit"])
    assert _shape(panel)[2] == ("Purchase  (0)", [])
    while window.controller.undo_stack.canUndo():
        window.controller.undo_stack.undo()
    assert _shape(panel)[1] == ("Consideration  (1)", [("Website  (online)", ["Pricing page"])])
    assert _shape(panel)[0] == ("Awareness  (1)", [("Website  (online)", ["Landing page"])])
    # a structural edit rebuilds: a renamed stage shows
    run("Rename stage", editing.edit_stage, stage_id=stages[0], name="Discover")
    assert _shape(panel)[0][0] == "Discover  (1)"


def test_two_thousand_touchpoints_stay_fast(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.jmap"
    doc = create_workspace(path, "blank")
    data = load_journey(doc, find_journey(doc, None))
    channel = [ln.id for ln in data.lanes if ln.kind == "channel"]
    edits = [
        Edit(
            "add_touchpoint",
            {
                "stage_id": data.stages[i % 5].id,
                "lane_id": channel[(i // 5) % len(channel)],
                "title": f"Card {i}",
                "owner": "Team A" if i % 2 else "Team B",
            },
        )
        for i in range(2000)
    ]
    editing.batch(doc, edits)
    doc.close()
    win = open_window(qtbot, path)
    panel = _panel(win)
    assert len(panel.tp_items) == 2000

    start = time.perf_counter()
    panel.rebuild()
    rebuild = time.perf_counter() - start

    start = time.perf_counter()
    panel.search.setText("card 19")
    filtering = time.perf_counter() - start
    assert panel.status.text() == "111 of 2000 touchpoints match"  # 19, 190-199, 1900-1999
    panel.search.clear()

    tp = next(iter(panel.tp_items))
    start = time.perf_counter()
    win.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title="Renamed")
    edit_total = time.perf_counter() - start
    assert panel.tp_items[tp].text() == "Renamed"
    print(
        f"\noutline 2000 cards: rebuild {rebuild * 1000:.0f} ms, filter {filtering * 1000:.0f} ms,"
        f" rename incl. canvas+inspector {edit_total * 1000:.1f} ms"
    )
    assert rebuild < 1.0
    assert filtering < 0.3
    assert edit_total < 0.25
