"""The window as a new user meets it at 1920×1080: the map gets the room, opens readable,
keeps its stage and lane names in view while scrolling, and the chrome says what it does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget

from journeymapper.geometry import type_scale
from journeymapper.templates import create_workspace
from journeymapper.ui.app import create_app
from journeymapper.ui.main_window import MainWindow
from tests.ui_helpers import drag

SIZE = (1920, 1080)


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    """A first start: no saved window state."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def win(qtbot: Any, tmp_path: Path) -> MainWindow:
    create_app()
    path = tmp_path / "retail.jmap"
    create_workspace(path, "retail").close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    assert window.open_path(path)
    QTest.qWait(350)  # past the deferred build of the Charts and Health docks
    window.workshop.full_screen = False  # type: ignore[attr-defined]
    return window


def wheel(
    view: Any, dy: int, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A mouse-wheel notch over the middle of the canvas."""
    port = view.viewport()
    pos = QPointF(port.width() / 2, port.height() / 2)
    event = QWheelEvent(
        pos,
        QPointF(port.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(port, event)


def test_first_start_gives_the_map_most_of_the_window(win: MainWindow) -> None:
    view = win.view
    share = view.width() * view.height() / (win.width() * win.height())
    assert share >= 0.70, f"the map gets {share:.0%} of the window"
    assert not win.inspector_dock.isVisible()
    assert not win.analysis.charts.isVisible() and not win.analysis.health.isVisible()
    # The Inspector comes with a selection; Charts and Health come from the toolbar, as tabs.
    card = next(iter(win.scene.cards.values()))
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.mapFromScene(card.sceneBoundingRect().center()),
    )
    assert win.scene.selectedItems()
    QTest.qWait(20)  # it opens once the button is up, not under a starting drag
    assert win.inspector_dock.isVisible()
    bar = win.toolbar  # type: ignore[attr-defined]
    QTest.mouseClick(bar.widgetForAction(bar.charts), Qt.MouseButton.LeftButton)
    QTest.mouseClick(bar.widgetForAction(bar.health), Qt.MouseButton.LeftButton)
    charts, health = win.analysis.charts, win.analysis.health
    assert charts.isVisible() and health.isVisible()
    assert health in win.tabifiedDockWidgets(charts)


def test_map_opens_with_readable_titles(win: MainWindow) -> None:
    zoom = win.view.zoom
    assert type_scale.CARD_TITLE * zoom >= type_scale.MIN_TITLE_PX_DESK
    # … and shows as much of the map as fits from its start: the first stage's header.
    first = win.scene.layout.stages[win.scene.layout.stage_order[0]]
    shown = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    assert shown.contains(QPointF(first.cx, first.cy))


def test_status_bar_says_file_zoom_touchpoints_and_read_only(win: MainWindow) -> None:
    texts = [w.text() for w in win.statusBar().findChildren(type(win._zoom_label))]
    assert "retail.jmap" in texts
    assert f"{win.view.zoom * 100:.0f} %" in texts
    assert f"{len(win.scene.data.touchpoints)} touchpoints" in texts  # type: ignore[union-attr]
    assert "Editable" in texts


def test_header_band_and_lane_labels_stay_in_view(win: MainWindow) -> None:
    view, panes = win.view, win.view.frozen
    for _ in range(12):
        wheel(view, -120)  # scroll down
    for _ in range(6):
        wheel(view, -120, Qt.KeyboardModifier.AltModifier)  # Alt+wheel scrolls sideways
    if view.horizontalScrollBar().value() == view.horizontalScrollBar().minimum():
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    lay = win.scene.layout
    first_lane = lay.lanes[lay.lane_order[0]]
    assert view.mapFromScene(QPointF(0, first_lane.y)).y() < 0, "the real header scrolled away"
    assert view.mapFromScene(QPointF(first_lane.x + 10, 0)).x() < 0, "the real labels too"
    # The pinned band sits at the top of the viewport, each stage name above its column.
    band, column, corner = panes.panes
    top_left = view.mapFromScene(band.mapToScene(QPointF(0, 0)))
    assert band.isVisible() and abs(top_left.y()) <= 1
    stage = lay.stages[lay.stage_order[-1]]
    pinned_x = view.mapFromScene(band.mapToScene(QPointF(stage.x, 0))).x()
    assert abs(pinned_x - view.mapFromScene(QPointF(stage.x, 0)).x()) <= 1
    # The label column at the left edge, each label beside its lane; the corner stays put.
    assert column.isVisible() and abs(view.mapFromScene(column.mapToScene(QPointF(0, 0))).x()) <= 1
    lane = lay.lanes[lay.lane_order[-1]]
    pinned_y = view.mapFromScene(column.mapToScene(QPointF(0, lane.y))).y()
    assert abs(pinned_y - view.mapFromScene(QPointF(0, lane.y)).y()) <= 1
    assert view.mapFromScene(corner.mapToScene(QPointF(0, 0))) == QPoint(0, 0)
    assert corner.zValue() > band.zValue() > column.zValue() > 100
    # Zooming in keeps them pinned.
    for _ in range(3):
        wheel(view, 120, Qt.KeyboardModifier.ControlModifier)
    assert abs(view.mapFromScene(band.mapToScene(QPointF(0, 0))).y()) <= 1
    assert abs(view.mapFromScene(column.mapToScene(QPointF(0, 0))).x()) <= 1
    centre = view.mapToScene(view.viewport().rect().center())
    lane_id = next(i for i in lay.lane_order if lay.lanes[i].contains(lay.lanes[i].x, centre.y()))
    assert win.scene.lanes[lane_id].lane.name in panes.visible_lanes()
    # Scrolled to the bottom, the insight rows' labels (Pain points …) are pinned as well.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.mapFromScene(QPointF(first_lane.x + 10, 0)).x() < 0
    assert {"Pain points", "Opportunities"} <= set(panes.visible_lanes())
    pain = lay.insight_rows["pain_point"]
    row = win.scene.row_labels["pain_point"]
    assert row in column.sources
    pinned = view.mapFromScene(column.mapToScene(QPointF(0, pain.y)))
    assert abs(pinned.y() - view.mapFromScene(QPointF(0, pain.y)).y()) <= 1
    # Back at the start the real header and labels show and the pinned copies step aside.
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    assert not band.isVisible() and not column.isVisible() and not corner.isVisible()


def test_a_scroll_moves_only_the_three_panes(win: MainWindow) -> None:
    """The cost of a scroll does not grow with the map: only the pinned panes move."""
    view = win.view
    before = {id(i): i.pos() for i in win.scene.items()}
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 200)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 200)
    moved = [i for i in win.scene.items() if id(i) in before and i.pos() != before[id(i)]]
    assert set(map(id, moved)) <= set(map(id, view.frozen.panes)) and moved


def test_toolbar_zoom_to_fit_and_undo_name_the_step(win: MainWindow, qtbot: Any) -> None:
    bar = win.toolbar  # type: ignore[attr-defined]
    names = [a.iconText() for a in bar.actions() if not a.isSeparator()]
    for label in ("Stage", "Lane", "Undo", "Redo", "Fit", "PDF", "Workshop"):
        assert label in names
        action = next(a for a in bar.actions() if a.iconText() == label)
        assert not action.icon().isNull(), f"{label} has its icon"
    QTest.mouseClick(bar.widgetForAction(bar.fit), Qt.MouseButton.LeftButton)
    QApplication.processEvents()  # the scroll bars go once the map fits
    rect = win.scene.sceneRect()
    shown = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    assert shown.contains(rect.adjusted(1, 1, -1, -1)), "Fit shows the whole map"
    # Drag "Till queue" to another cell: the Undo action names it.
    scene = win.scene
    tp_id = next(i for i, c in scene.cards.items() if c.tp.title == "Till queue")
    win.view.show_start()
    card = scene.cards[tp_id]
    win.view.ensureVisible(card.sceneBoundingRect(), 200, 200)
    start = card.sceneBoundingRect().center()
    stage = scene.layout.stage_order[0]
    target = scene.layout.cell_rect(stage, scene.cards[tp_id].tp.lane_id)
    drag(win.view, (start.x(), start.y()), (target.x + 20, target.y + 20))
    assert scene.data.touchpoints[tp_id].stage_id == stage  # type: ignore[union-attr]
    assert win.undo_action.text().replace("&", "") == "Undo Move 'Till queue'"
    assert "Move 'Till queue'" in bar.undo.toolTip()
    QTest.mouseClick(bar.widgetForAction(bar.undo), Qt.MouseButton.LeftButton)
    assert scene.data.touchpoints[tp_id].stage_id != stage  # type: ignore[union-attr]
    assert win.redo_action.text().replace("&", "") == "Redo Move 'Till queue'"


def dock_layout(win: MainWindow) -> list[tuple[str, bool, Any, list[str]]]:
    return [
        (
            d.objectName(),
            d.isVisible(),
            win.dockWidgetArea(d),
            sorted(t.objectName() for t in win.tabifiedDockWidgets(d)),
        )
        for d in sorted(win.findChildren(QDockWidget), key=lambda d: d.objectName())
    ]


def raised_tabs(win: MainWindow) -> list[str]:
    """Which tab is in front in each tab group (visible region not covered by a sibling)."""
    return sorted(
        d.objectName()
        for d in win.findChildren(QDockWidget)
        if d.isVisible() and not d.visibleRegion().isEmpty()
    )


def test_docks_come_back_exactly_after_workshop_mode(win: MainWindow) -> None:
    win.analysis.charts.show()
    win.analysis.health.show()
    win.analysis.charts.raise_()
    win.outline_dock.raise_()
    QApplication.processEvents()
    before, front, state = dock_layout(win), raised_tabs(win), win.saveState()
    assert "chartsDock" in front and "OutlineDock" in front
    QTest.keyClick(win, Qt.Key.Key_F11)
    assert win.workshop.active  # type: ignore[attr-defined]
    QTest.keyClick(win, Qt.Key.Key_Escape)
    assert not win.workshop.active  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert dock_layout(win) == before
    assert raised_tabs(win) == front
    assert win.saveState() == state


def test_workshop_whole_map_is_readable_and_stage_view_shows_every_lane(win: MainWindow) -> None:
    mode = win.workshop  # type: ignore[attr-defined]
    QTest.keyClick(win, Qt.Key.Key_F11)
    win.resize(*SIZE)
    QApplication.processEvents()
    mode.stepper.whole_map()
    assert type_scale.CARD_TITLE * win.view.zoom >= type_scale.MIN_TITLE_PX_WORKSHOP
    port = win.view.viewport().rect()
    for stage_id in list(win.scene.layout.stage_order):
        QTest.keyClick(mode.capture.title, Qt.Key.Key_PageDown)
        assert mode.stepper.stage_id == stage_id
        lay = win.scene.layout  # the stage view lays the map out for the focused stage
        col = lay.columns[stage_id]
        for lane_id in lay.lane_order:
            lane = lay.lanes[lane_id]
            for corner in ((col.x, lane.y), (col.right, lane.bottom)):
                p = win.view.mapFromScene(QPointF(*corner))
                assert port.adjusted(-1, -1, 1, 1).contains(p), "every lane of the stage shows"
        # The pinned lane labels sit in their own strip, left of the stage, never over it.
        left = win.view.mapFromScene(QPointF(col.x, 0)).x()
        column = win.view.frozen.column
        if column.isVisible():
            right = win.view.mapFromScene(column.mapToScene(QPointF(column.rect.right(), 0))).x()
            assert right <= left + 1
        names = win.view.frozen.visible_lanes() if column.isVisible() else ["(natural labels)"]
        assert names
    mode.leave()
