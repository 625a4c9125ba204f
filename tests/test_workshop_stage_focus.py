"""The workshop's stage view focuses the layout on one stage, so it reads on a projector.

Driven with the real keys (F11, Page Down, Page Up, Esc) on the retail template at
1920×1080; the file is read back to check a capture made in the stage view.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper.geometry import layout as geo
from journeymapper.geometry import stage_focus, type_scale
from journeymapper.model.document import Document
from journeymapper.store.journey_data import load_journey
from journeymapper.templates import create_workspace
from journeymapper.ui.app import create_app
from journeymapper.ui.main_window import MainWindow
from journeymapper.ui.workshop import WorkshopMode

#: A card title on screen in the stage view, px. Without the focus the retail template's
#: stage view showed 4.8 px titles; focused (lanes sized by the stage's own cards, three
#: card columns, a flatter emotion lane) its tallest stage (~900 units with two insight
#: rows) reads at 13 px or more. The issue asks the stage view to fit every lane; 18 px is
#: the whole-map target (type_scale.MIN_TITLE_PX_WORKSHOP), which a stage of ~900 units
#: cannot meet while fitting.
STAGE_TITLE_PX = 13.0


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def retail(tmp_path: Path) -> Path:
    path = tmp_path / "retail.jmap"
    create_workspace(path, "retail").close()
    return path


def open_workshop(qtbot: Any, path: Path) -> tuple[MainWindow, WorkshopMode]:
    create_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    assert win.open_path(path)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    mode = win.workshop  # type: ignore[attr-defined]
    assert isinstance(mode, WorkshopMode)
    mode.full_screen = False  # offscreen screens are small: keep 1920×1080
    QTest.keyClick(win, Qt.Key.Key_F11)
    assert mode.active
    win.resize(1920, 1080)
    QApplication.processEvents()
    return win, mode


def card_rects(win: MainWindow) -> dict[int, QRectF]:
    return {i: c.sceneBoundingRect() for i, c in win.scene.cards.items()}


def key(mode: WorkshopMode, k: Qt.Key) -> None:
    QTest.keyClick(mode.capture.title, k)
    QApplication.processEvents()


def check_stage_view(win: MainWindow, mode: WorkshopMode, stage_id: int) -> None:
    view, lay = win.view, win.scene.layout
    port = QRectF(view.viewport().rect()).adjusted(-1, -1, 1, 1)
    col = lay.columns[stage_id]
    for lane in lay.lanes.values():  # every lane of the focused stage is on screen
        assert port.contains(QPointF(view.mapFromScene(QPointF(col.x, lane.y))))
        assert port.contains(QPointF(view.mapFromScene(QPointF(col.right, lane.bottom))))
    assert port.contains(QPointF(view.mapFromScene(QPointF(col.right, col.bottom))))
    assert type_scale.CARD_TITLE * view.zoom >= STAGE_TITLE_PX, view.zoom
    column = view.frozen.column
    strip_right = view.mapFromScene(column.mapToScene(QPointF(column.rect.right(), 0))).x()
    for tp_id, rect in lay.cards.items():
        tp = win.scene.data.touchpoints[tp_id]  # type: ignore[union-attr]
        card = win.scene.cards[tp_id]
        if tp.stage_id == stage_id:
            assert card.isVisible()
            assert view.mapFromScene(QPointF(rect.x, rect.y)).x() >= strip_right - 1
        elif card.isVisible():  # a neighbour's card shows only inside its own cell
            cell = lay.cell_rect(tp.stage_id, tp.lane_id)
            assert rect.y >= cell.y and rect.bottom <= cell.bottom + 0.5


def test_stage_view_reads_from_the_back_and_leaves_the_map_as_it_was(
    qtbot: Any, retail: Path
) -> None:
    win, mode = open_workshop(qtbot, retail)
    before = card_rects(win)
    order = list(win.scene.layout.stage_order)
    shots = os.environ.get("JM_SCREENSHOTS")
    for i, stage_id in enumerate(order):
        key(mode, Qt.Key.Key_PageDown)
        assert mode.stepper.stage_id == stage_id
        check_stage_view(win, mode, stage_id)
        if shots:
            win.grab().save(str(Path(shots) / f"stage-focus-{i + 1}.png"))
    key(mode, Qt.Key.Key_PageDown)  # past the last stage: the whole map
    assert mode.stepper.stage_id is None and win.scene.focus is None
    assert card_rects(win) == before
    assert all(c.isVisible() for c in win.scene.cards.values())
    key(mode, Qt.Key.Key_PageUp)  # back to the last stage, then Page Up to the map
    assert mode.stepper.stage_id == order[-1]
    for _ in order:
        key(mode, Qt.Key.Key_PageUp)
    assert mode.stepper.stage_id is None and card_rects(win) == before
    key(mode, Qt.Key.Key_PageDown)
    key(mode, Qt.Key.Key_PageDown)
    assert win.scene.focus is not None
    QTest.keyClick(win, Qt.Key.Key_Escape)  # Esc leaves the mode from the stage view
    assert not mode.active and win.scene.focus is None
    assert card_rects(win) == before
    assert all(c.isVisible() for c in win.scene.cards.values())


def test_capture_in_the_stage_view_lands_in_that_stage(qtbot: Any, retail: Path) -> None:
    win, mode = open_workshop(qtbot, retail)
    for _ in range(3):
        key(mode, Qt.Key.Key_PageDown)
    stage_id = mode.stepper.stage_id
    assert stage_id is not None
    QTest.keyClicks(mode.capture.title, "Asks for a gift wrap")
    key(mode, Qt.Key.Key_Return)
    with Document.open(retail, read_only=True) as doc:
        found = doc.rows(
            "SELECT id, stage_id FROM touchpoint WHERE title = ?", ("Asks for a gift wrap",)
        )
    assert [row[1] for row in found] == [stage_id]
    card = win.scene.cards[found[0][0]]
    assert card.isVisible() and mode.stepper.stage_id == stage_id
    QApplication.processEvents()
    check_stage_view(win, mode, stage_id)


def test_focus_layout_is_quick_on_a_large_map(retail: Path) -> None:
    with Document.open(retail, read_only=True) as doc:
        data = load_journey(doc, doc.rows("SELECT id FROM journey")[0][0])
    # Copy the template's cards until the map holds 2,000 (ids beyond the real ones).
    seeds = list(data.touchpoints.values())
    next_id = max(data.touchpoints) + 1
    while len(data.touchpoints) < 2000:
        for tp in seeds:
            data.touchpoints[next_id] = type(tp)(**{**tp.__dict__, "id": next_id})
            next_id += 1
    cells = data.cells()
    normal = geo.compute_layout(data, cells)
    start = time.perf_counter()
    focus = stage_focus.focus_layout(
        data, cells, data.stages[2].id, borrowed=dict(normal.card_text), pins=normal.pins
    )
    assert time.perf_counter() - start < 0.3
    assert set(focus.layout.cards) == set(data.touchpoints)
