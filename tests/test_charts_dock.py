"""The Charts and Health docks: clicks emit touchpoint ids, edits refresh the data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from journeymapper import editing
from journeymapper.store.journey_data import find_journey
from journeymapper.ui.app import create_app
from journeymapper.ui.docks.charts.dock import CHARTS, ChartPlot, ChartsDock
from journeymapper.ui.docks.health import HealthDock
from tests.analysis_support import Small, retail_workspace, small_journey

SHOTS = os.environ.get("JM_CHART_SHOTS")  # a folder to keep the screenshots in


@pytest.fixture
def small(tmp_path: Path) -> Small:
    s = small_journey(tmp_path / "small.jmap")
    yield s
    s.doc.close()


@pytest.fixture
def charts(qtbot, small: Small) -> ChartsDock:  # type: ignore[no-untyped-def]
    create_app()
    dock = ChartsDock()
    qtbot.addWidget(dock)
    dock.resize(800, 480)
    dock.show()
    qtbot.waitExposed(dock)
    dock.show_journey(small.doc, small.journey)
    return dock


def bar_point(plot: ChartPlot, series: int, index: int) -> QPoint:
    """Where bar ``index`` of ``plot.bars[series]`` is, in the plot's viewport pixels."""
    x, y = plot.bars[series].centre(index)
    return plot.mapFromScene(plot.vb.mapViewToScene(QPointF(x, y)))


def click(plot: ChartPlot, at: QPoint) -> None:
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def test_clicking_a_metric_bar_emits_its_touchpoint(qtbot, charts: ChartsDock, small: Small):  # type: ignore[no-untyped-def]
    charts.set_metric("csat")
    charts.show_chart("metric")
    plot = charts.plots["metric"]
    bars = plot.bars[0]
    # sorted best first: Ad (4) then Site (2)
    assert bars.ids == [[small.tps["Ad"]], [small.tps["Site"]]]
    assert bars.width == [4, 2]
    assert plot.getPlotItem().getAxis("left").labels() == ["Ad", "Site"]
    with qtbot.waitSignal(charts.touchpointsActivated, timeout=2000) as sig:
        click(plot, bar_point(plot, 0, 1))
    assert sig.args == [[small.tps["Site"]]]
    # a click on empty space emits nothing
    with qtbot.assertNotEmitted(charts.touchpointsActivated):
        click(plot, QPoint(plot.viewport().width() - 5, 5))


def test_clicking_a_channel_mix_segment(qtbot, charts: ChartsDock, small: Small):  # type: ignore[no-untyped-def]
    charts.show_chart("mix")
    plot = charts.plots["mix"]
    online, offline = plot.bars
    assert online.height == [2, 0, 0] and offline.height == [0, 2, 0]
    with qtbot.waitSignal(charts.touchpointsActivated, timeout=2000) as sig:
        click(plot, bar_point(plot, 1, 1))
    assert sorted(sig.args[0]) == sorted([small.tps["Shop"], small.tps["Call"]])


def test_clicking_an_emotion_point(qtbot, charts: ChartsDock, small: Small):  # type: ignore[no-untyped-def]
    charts.show_chart("emotion")
    plot = charts.plots["emotion"]
    x, y, tp_id, vb = next(p for p in plot.points if p[2] == small.tps["Call"])
    at = plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    with qtbot.waitSignal(charts.touchpointsActivated, timeout=2000) as sig:
        click(plot, at)
    assert sig.args == [[small.tps["Call"]]]


def test_edit_then_refresh_changes_the_chart(charts: ChartsDock, small: Small) -> None:
    charts.set_metric("csat")
    charts.show_chart("metric")
    assert charts.plots["metric"].bars[0].width == [4, 2]
    editing.set_measurement(small.doc, small.tps["Site"], "csat", 4.8, "2024-06-01")
    charts.refresh()
    bars = charts.plots["metric"].bars[0]
    assert bars.width == [4.8, 4]
    assert bars.ids == [[small.tps["Site"]], [small.tps["Ad"]]]
    # the funnel is redrawn when shown
    charts.show_chart("funnel")
    reach, move_on = charts.plots["funnel"].bars
    assert reach.height == [100, pytest.approx(75)]  # Keep has no data: no bar (issue 13)
    assert move_on.height[1] == pytest.approx(67.5)  # what reaches Keep
    result = editing.set_measurement(
        small.doc, small.tps["Shop"], "drop_off_rate", 50, "2024-06-01"
    )
    charts.apply_changes(result.changes)  # patched in, no full re-read
    # Buy drop-off (50·5 + 0)/5 = 50 → Keep is reached by 37.5 % (Buy's "move on" bar)
    assert charts.plots["funnel"].bars[1].height[1] == pytest.approx(37.5)


def test_highlight_and_trend_follow_the_selection(charts: ChartsDock, small: Small) -> None:
    charts.set_metric("csat")
    charts.show_chart("metric")
    charts.highlight_touchpoints([small.tps["Site"]])
    pens = charts.plots["metric"].bars[0].item.opts["pens"]
    assert pens[1].width() == 3 and pens[0].width() == 1
    editing.set_measurement(small.doc, small.tps["Site"], "csat", 3, "2024-06-01", sample_size=7)
    charts.refresh()
    charts.show_chart("trend")
    assert "2 measurements of Site" in charts.legend.text()
    charts.highlight_touchpoints([])
    assert "2 measurements" not in charts.legend.text()


def test_health_dock_lists_findings_and_emits_their_items(qtbot, small: Small):  # type: ignore[no-untyped-def]
    create_app()
    dock = HealthDock()
    qtbot.addWidget(dock)
    dock.show()
    dock.show_journey(small.doc, small.journey)
    rules = [f.rule for f in dock.findings]
    assert dock.list.count() == len(rules) and "high_effort_stage" in rules
    assert dock.summary.text().startswith("<b>1 problem")
    row = rules.index("high_effort_stage")
    with qtbot.waitSignal(dock.touchpointsActivated, timeout=2000) as sig:
        rect = dock.list.visualItemRect(dock.list.item(row))
        QTest.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sorted(sig.args[0]) == sorted([small.tps["Shop"], small.tps["Call"]])
    with qtbot.waitSignal(dock.stagesActivated, timeout=2000) as sig:
        dock.list.itemClicked.emit(dock.list.item(rules.index("empty_stage")))
    assert sig.args == [[small.stages["Keep"]]]
    dock.highlight_touchpoints([small.tps["Call"]])
    assert row in dock.highlighted_rows()
    # an edit, then refresh: filling the empty stage removes its finding
    result = editing.add_touchpoint(
        small.doc, small.stages["Keep"], small.lanes["Store"], "Loyalty"
    )
    dock.apply_changes(result.changes)
    assert "empty_stage" not in [f.rule for f in dock.findings]
    result = editing.set_measurement(
        small.doc, small.tps["Shop"], "ces", 1, "2024-06-02", sample_size=10
    )
    dock.apply_changes(result.changes)  # Buy CES (10 + 150) / 40 = 4 → no longer high effort
    assert "high_effort_stage" not in [f.rule for f in dock.findings]


def test_screenshots_of_the_retail_map(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_app()
    doc = retail_workspace(tmp_path / "retail.jmap")
    journey = find_journey(doc, None)
    dock = ChartsDock()
    qtbot.addWidget(dock)
    dock.resize(900, 520)
    dock.show()
    dock.show_journey(doc, journey)
    first = min(doc.rows("SELECT id FROM touchpoint WHERE journey_id = ?", (journey,)))[0]
    dock.highlight_touchpoints([first])
    folder = Path(SHOTS) if SHOTS else tmp_path
    for name in CHARTS:
        dock.show_chart(name)
        qtbot.wait(30)  # let the axes settle their sizes, as on screen
        image = dock.grab().toImage()
        assert not image.isNull() and image.width() >= 800
        image.save(str(folder / f"chart_{name}.png"))
        plot = dock.plots[name]
        assert plot.getPlotItem().getAxis("bottom").labelText  # every chart names its axes
    stage_names = [r[0] for r in doc.rows("SELECT name FROM stage ORDER BY position")]
    assert dock.plots["funnel"].getPlotItem().getAxis("bottom").labels() == stage_names
    health = HealthDock()
    qtbot.addWidget(health)
    health.resize(520, 420)
    health.show()
    health.show_journey(doc, journey)
    qtbot.wait(30)
    health.grab().save(str(folder / "health.png"))
    doc.close()
