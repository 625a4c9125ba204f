"""Each target's metric trend with its target line: in the Portfolio dock and the Charts dock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.store.portfolio_queries import TargetLine, metric_series
from journeymapper.ui.docks.charts.targets import UNDATED_DAYS, day_x, target_points
from journeymapper.ui.main_window import MainWindow
from tests.test_portfolio_ui import retail, window  # noqa: F401 (fixtures)
from tests.ui_helpers import click

LEFT = Qt.MouseButton.LeftButton


def _click_row(win: MainWindow, title: str) -> None:
    table = win.portfolio_dock.table
    row = next(r for r in range(table.rowCount()) if table.text(r, 0) == title)
    rect = table.visualRect(table.model().index(row, 0))
    QTest.mouseClick(table.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, rect.center())
    QApplication.processEvents()


def _xy(item: object) -> tuple[list[float], list[float]]:
    xs, ys = item.getData()  # type: ignore[attr-defined]
    return [float(x) for x in xs], [float(y) for y in ys]


def test_target_line_runs_from_start_to_goal_by_its_date() -> None:
    points = [(dt.date(2026, 1, 1), 3.0), (dt.date(2026, 3, 1), 3.4)]
    dated = TargetLine("x", None, 4.5, dt.date(2026, 9, 30), dt.date(2026, 2, 1))
    # Starts on the opportunity's start day, at the value measured by then.
    assert target_points(dated, points) == (
        [day_x(dt.date(2026, 2, 1)), day_x(dt.date(2026, 9, 30))],
        [3.0, 4.5],
    )
    undated = TargetLine("x", 2.0, 4.5, None, None)
    end = dt.date(2026, 3, 1) + dt.timedelta(days=UNDATED_DAYS)
    assert target_points(undated, points) == (
        [day_x(dt.date(2026, 1, 1)), day_x(end)],
        [4.5, 4.5],  # no date: the goal as a flat line
    )


def test_portfolio_shows_the_selected_opportunitys_target_trend(
    window: MainWindow,  # noqa: F811
    retail: Path,  # noqa: F811
) -> None:
    dock = window.portfolio_dock
    assert dock.trend.plot.shown("target0") is None  # nothing selected yet
    _click_row(window, "Live store stock")
    live = next(o for o in dock.shown if o.title == "Live store stock")
    (target,) = live.targets
    card = target.place.touchpoint_id
    window.controller.run(
        "Measure", editing.set_measurement, touchpoint_id=card, metric="csat", value=3.4,
        measured_on="2026-09-01",
    )  # fmt: skip
    with Document.open(retail, read_only=True) as doc:
        series = metric_series(doc, card, "csat")
    assert len(series) >= 2
    plot = dock.trend.plot
    assert _xy(plot.shown("dots")) == ([day_x(d) for d, _ in series], [v for _, v in series])
    xs, ys = _xy(plot.shown("target0"))
    assert ys == [4.5, 4.5] and xs[0] == day_x(series[0][0])  # no date yet: a flat goal
    # Give the target a date: one edit, the chart follows and the selection stays.
    window.controller.run("Date", editing.edit_target, target_id=target.id, by_date="2027-03-31")
    assert dock.selected_id() == live.id
    xs, ys = _xy(plot.shown("target0"))
    assert ys == [3.1, 4.5] and xs[-1] == day_x(dt.date(2027, 3, 31))
    assert "target 4.5 by 2027-03-31" in plot.shown("goal-label0").textItem.toPlainText()
    # An opportunity without targets says so.
    _click_row(window, "Any receipt works")
    assert plot.shown("target0") is None and plot.shown("dots") is None
    assert "has no targets" in plot.shown("message").textItem.toPlainText()


def test_trend_chart_of_a_targeted_card_draws_the_target_line(window: MainWindow) -> None:  # noqa: F811
    scene = window.scene
    live = next(o for o in window.portfolio_dock.shown if o.title == "Live store stock")
    card = scene.cards[live.targets[0].place.touchpoint_id]
    charts = window.analysis.charts
    charts.show()
    charts.set_metric("csat")
    charts.show_chart("trend")
    click(window.view, card.sceneBoundingRect().center())
    QApplication.processEvents()
    plot = charts.plots["trend"]
    xs, ys = _xy(plot.shown("target0"))
    assert ys == [4.5, 4.5]
    assert "target of &#x27;Live store stock&#x27;" in charts.legend.text()
    charts.set_metric("nps")  # no target on this metric: no line
    assert plot.shown("target0") is None


def test_trend_of_a_card_without_target_has_no_target_line(window: MainWindow) -> None:  # noqa: F811
    metric = "csat"
    scene = window.scene
    data = scene.data
    assert data is not None
    targeted = {t.place.touchpoint_id for o in window.portfolio_dock.shown for t in o.targets}
    other = next(
        tp for tp in data.touchpoints.values() if tp.id not in targeted and metric in tp.latest
    )
    charts = window.analysis.charts
    charts.show()
    charts.set_metric(metric)
    charts.show_chart("trend")
    click(window.view, scene.cards[other.id].sceneBoundingRect().center())
    QApplication.processEvents()
    assert charts.plots["trend"].shown("dots") is not None
    assert charts.plots["trend"].shown("target0") is None
