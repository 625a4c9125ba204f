"""A metric's trend with the target line an opportunity promises (from → to, by a date).

Shared by the Trend tab of the Charts dock (targets on the selected card) and the
Portfolio dock (the selected opportunity's targets): the measured values as a line
with dots, and each target as a dashed line from where it started to its goal,
ending in a star labelled with the goal value and date.
"""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from journeymapper.store.portfolio_queries import TargetLine
from journeymapper.ui.docks.charts.funnel import MOVE_ON
from journeymapper.ui.docks.charts.parts import note_item
from journeymapper.ui.docks.charts.plot import ChartPlot

DAY_S = 86_400
#: The opportunity colour of the map (VISUAL.md).
TARGET_COLOUR = QColor("#2f855a")
#: A target without a date is drawn this far past its start (or the last measurement).
UNDATED_DAYS = 90


def day_x(day: dt.date) -> float:
    """A date as the x of a pyqtgraph DateAxisItem (UTC seconds)."""
    return dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()


def draw_measured(plot: ChartPlot, points: list[tuple[dt.date, float]]) -> list[float]:
    """The measured values as a line with dots; their xs."""
    xs = [day_x(day) for day, _ in points]
    ys = [value for _, value in points]
    line = plot.keep("line", lambda: pg.PlotCurveItem(pen=pg.mkPen(MOVE_ON, width=2)))
    line.setData(xs, ys)
    dots = plot.keep(
        "dots", lambda: pg.ScatterPlotItem(symbol="o", size=9, brush=pg.mkBrush(MOVE_ON), pen="w")
    )
    dots.setData(xs, ys)
    return xs


def target_points(
    line: TargetLine, points: list[tuple[dt.date, float]], today: dt.date | None = None
) -> tuple[list[float], list[float]]:
    """(xs, ys) of the target line: from its start value and day to its goal and date.

    It starts on the opportunity's start day (else the first measurement, else today),
    at the promised starting value (else the value measured by then); with no date it
    runs flat at the goal for :data:`UNDATED_DAYS`.
    """
    today = today or dt.date.today()
    start = line.started_on or (points[0][0] if points else today)
    before = [value for day, value in points if day <= start]
    start_value = line.from_value
    if start_value is None and points:
        start_value = before[-1] if before else points[0][1]
    last = max([start, *(day for day, _ in points)])
    end = line.by_date or last + dt.timedelta(days=UNDATED_DAYS)
    first_y = line.to_value if start_value is None or line.by_date is None else start_value
    return [day_x(start), day_x(end)], [first_y, line.to_value]


def draw_targets(
    plot: ChartPlot, lines: list[TargetLine], points: list[tuple[dt.date, float]]
) -> list[float]:
    """Every target line with its goal star and label; the xs they span."""
    spanned: list[float] = []
    for i, line in enumerate(lines):
        xs, ys = target_points(line, points)
        pen = pg.mkPen(TARGET_COLOUR, width=2, style=Qt.PenStyle.DashLine)
        curve = plot.keep(f"target{i}", lambda pen=pen: pg.PlotCurveItem(pen=pen))
        curve.setData(xs, ys)
        star = plot.keep(
            f"goal{i}",
            lambda: pg.ScatterPlotItem(
                symbol="star", size=15, brush=pg.mkBrush(TARGET_COLOUR), pen="w"
            ),
        )
        star.setData(xs[-1:], ys[-1:])
        note = plot.keep(f"goal-label{i}", lambda: note_item(9, (1.0, 1.1)))
        when = f" by {line.by_date.isoformat()}" if line.by_date else ""
        note.setText(f"target {line.to_value:g}{when}", color=TARGET_COLOUR)
        note.setPos(xs[-1], ys[-1])
        spanned += xs
    return spanned


def fit(plot: ChartPlot, xs: list[float], low: float, high: float) -> None:
    """Show every date drawn, and the metric's whole range."""
    span = high - low
    plot.setYRange(low - span * 0.05, high + span * 0.08, padding=0)
    pad = max(DAY_S * 10, (max(xs) - min(xs)) * 0.06)
    plot.setXRange(min(xs) - pad, max(xs) + pad, padding=0)
