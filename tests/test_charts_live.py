"""The Charts dock follows a canvas edit incrementally: a card dragged to another stage
updates the bars and curves of just the stages it left and joined, undo puts them back,
and every chart always shows what a fresh dock reading the saved file shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.analysis.aggregates import channel_mix, funnel
from journeymapper.model.document import Document
from journeymapper.model.enums import JourneyView
from journeymapper.store.blueprint_queries import as_view
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.ui.docks.charts.dock import CHARTS, ChartsDock
from journeymapper.ui.docks.charts.parts import category_colour
from journeymapper.ui.main_window import MainWindow
from tests.conftest import blank_map
from tests.docks_support import open_canvas
from tests.ui_helpers import drag


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "map.jmap"
    doc, _journey, stages, lanes = blank_map(path)

    def card(stage: int, lane: str, title: str, emotion: int, csat: float, drop: float) -> None:
        tp = editing.add_touchpoint(doc, stages[stage], lanes[lane], title).created_id
        editing.edit_touchpoint(doc, tp, emotion=emotion)
        editing.set_measurement(doc, tp, "csat", csat, "2025-01-01", sample_size=10)
        editing.set_measurement(doc, tp, "drop_off_rate", drop, "2025-01-01", sample_size=10)

    card(0, "Website", "Landing page", 1, 4.0, 20.0)
    card(0, "Website", "Pricing page", -1, 2.0, 40.0)
    card(1, "Store", "Store visit", 2, 5.0, 10.0)
    card(2, "Phone", "Order call", 0, 3.0, 50.0)
    doc.close()
    return path


@pytest.fixture
def window(qtbot, workspace: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = open_canvas(qtbot, workspace)
    win.analysis.ensure_docks()
    win.analysis.charts.toggleViewAction().trigger()  # View > Charts, as the user opens it
    QApplication.processEvents()
    return win


def _tab(charts: ChartsDock, name: str) -> None:
    """Click the chart's tab, as a person picks it."""
    bar = charts.tabs.tabBar()
    at = bar.tabRect(list(CHARTS).index(name)).center()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QApplication.processEvents()
    assert charts.current_chart() == name


def _drawn(charts: ChartsDock, name: str) -> tuple[list[tuple[object, ...]], list[tuple]]:  # type: ignore[type-arg]
    """What a chart shows: its bars (ids, heights, widths) and its clickable points."""
    plot = charts.plots[name]
    bars = [(b.ids, b.x0, b.y0, b.width, b.height) for b in plot.bars]
    points = [(x, y, t, vb is plot.vb) for x, y, t, vb in plot.points]
    return bars, points


def _fresh(qtbot, path: Path, name: str) -> tuple[list[tuple[object, ...]], list[tuple]]:  # type: ignore[no-untyped-def, type-arg]
    """The chart as a new dock draws it from the saved file."""
    with Document.open(path, read_only=True) as doc:
        dock = ChartsDock()
        qtbot.addWidget(dock)
        dock.resize(800, 480)
        dock.show()
        dock.show_journey(doc, find_journey(doc, None))
        dock.set_metric("csat")
        dock.show_chart(name)
        drawn = _drawn(dock, name)
        dock.close()
    return drawn


def _saved(path: Path):  # type: ignore[no-untyped-def]
    with Document.open(path, read_only=True) as doc:
        return as_view(load_journey(doc, find_journey(doc, None)), JourneyView.JOURNEY)


def test_a_dragged_card_moves_between_the_bars_and_undo_puts_it_back(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    workspace: Path,
) -> None:
    charts = window.analysis.charts
    charts.set_metric("csat")
    data = window.scene.data
    assert data is not None
    stages = [s.id for s in data.stages]
    lanes = {ln.name: ln.id for ln in data.lanes}
    landing = next(t.id for t in data.touchpoints.values() if t.title == "Landing page")
    shown: dict[str, tuple] = {}  # type: ignore[type-arg]
    for name in ("mix", "funnel", "emotion", "metric"):
        _tab(charts, name)
        shown[name] = _drawn(charts, name)
    online, offline = charts.plots["mix"].bars
    assert online.height == [2, 0, 0, 0, 0] and offline.height == [0, 1, 1, 0, 0]
    live = charts._live
    assert live is not None
    _tab(charts, "mix")
    counted = live.recomputed

    card = window.scene.layout.cards[landing]
    cell = window.scene.layout.cell_rect(stages[2], lanes["Store"])
    drag(window.view, (card.cx, card.cy), (cell.x + cell.w * 0.7, cell.y + cell.h * 0.6))
    QApplication.processEvents()

    with Document.open(workspace, read_only=True) as doc:
        assert doc.rows("SELECT stage_id, lane_id FROM touchpoint WHERE id = ?", (landing,)) == [
            (stages[2], lanes["Store"])
        ]
    # the shown chart: the card left Awareness's online bar for Purchase's offline one,
    # and only those two stages were summed again
    online, offline = charts.plots["mix"].bars
    assert online.height == [1, 0, 0, 0, 0] and offline.height == [0, 1, 2, 0, 0]
    assert landing in offline.ids[2] and landing not in online.ids[0]
    assert live.recomputed - counted == 2
    saved = _saved(workspace)
    assert [(m.online, m.offline) for m in channel_mix(saved)] == list(
        zip(online.height, offline.height, strict=True)
    )
    # the charts drawn when shown next agree with the saved file
    _tab(charts, "funnel")
    reach, move_on = charts.plots["funnel"].bars
    steps = [s for s in funnel(saved) if s.drop_off is not None]
    assert reach.height == [s.entered for s in steps] and move_on.height == [s.left for s in steps]
    assert reach.height[2] == pytest.approx(100 * 0.6 * 0.9)  # Awareness now loses 40 %
    _tab(charts, "emotion")
    point = next(p for p in charts.plots["emotion"].points if p[2] == landing)
    assert 1.6 <= point[0] <= 2.4 and point[1] == 1.0  # under Purchase, still at +1
    _tab(charts, "metric")
    bar = charts.plots["metric"].bars[0]
    index = bar.ids.index([landing])
    assert bar.brushes[index] == category_colour(2)  # coloured by its new stage
    for name in ("mix", "funnel", "emotion", "metric"):
        _tab(charts, name)
        assert _drawn(charts, name) == _fresh(qtbot, workspace, name), name

    window.undo_action.trigger()  # Edit > Undo: every chart as it was, and so is the file
    QApplication.processEvents()
    with Document.open(workspace, read_only=True) as doc:
        assert doc.rows("SELECT stage_id FROM touchpoint WHERE id = ?", (landing,)) == [
            (stages[0],)
        ]
    for name in ("metric", "emotion", "funnel", "mix"):
        _tab(charts, name)
        assert _drawn(charts, name) == shown[name] == _fresh(qtbot, workspace, name), name


def test_a_measurement_changes_one_bar_and_one_point(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    workspace: Path,
) -> None:
    """A new CSAT moves the card within the ranking and its square on the emotion chart,
    re-reading only its stage; undo restores both."""
    charts = window.analysis.charts
    charts.set_metric("csat")
    data = window.scene.data
    assert data is not None
    visit = next(t.id for t in data.touchpoints.values() if t.title == "Store visit")
    _tab(charts, "emotion")
    before = _drawn(charts, "emotion")
    live = charts._live
    assert live is not None
    counted = live.recomputed
    window.controller.run(
        "Set", editing.set_measurement, touchpoint_id=visit, metric="csat", value=1.0,
        measured_on="2026-02-01",
    )  # fmt: skip
    QApplication.processEvents()
    assert live.recomputed - counted == 1
    plot = charts.plots["emotion"]
    square = next(p for p in plot.points if p[2] == visit and p[3] is not plot.vb)
    assert square[1] == 1.0
    assert _drawn(charts, "emotion") == _fresh(qtbot, workspace, "emotion")
    _tab(charts, "metric")
    bars = charts.plots["metric"].bars[0]
    assert bars.ids[-1] == [visit] and bars.width[-1] == 1.0  # worst last
    window.undo_action.trigger()
    QApplication.processEvents()
    assert charts.plots["metric"].bars[0].ids[0] == [visit]  # best again (5.0)
    _tab(charts, "emotion")
    assert _drawn(charts, "emotion") == before
