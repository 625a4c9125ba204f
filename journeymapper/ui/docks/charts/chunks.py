"""Long point series drawn in chunks, so an edit repaints the few points it changed.

A curve and a scatter of 10,000 points cost tens of ms to set and to paint again; the
emotion chart after an edit changes a handful of them. Each stage's points are drawn as
items of at most :data:`CHUNK` points: a chunk whose points did not change keeps its data
and its cached pixels, and Qt repaints only the area of the chunk that did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from journeymapper.store.journey_data import JourneyData
from journeymapper.ui.docks.charts.parts import curve_item, ring_item, set_data
from journeymapper.ui.docks.charts.plot import ChartPlot

#: Points per chunk item.
CHUNK = 256
#: One chart point for a click: (x, y, touchpoint id, view box).
Point = tuple[float, float, int, pg.ViewBox]
Points = list[tuple[list[float], list[float], list[int]]]


@dataclass
class StageSeries:
    """One stage's points: the emotion of each card in map order, and the chosen metric."""

    ex: list[float] = field(default_factory=list)
    ey: list[float] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    mx: list[float] = field(default_factory=list)
    my: list[float] = field(default_factory=list)
    mids: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, data: JourneyData, xs: list[tuple[int, float]], key: str | None) -> StageSeries:
        s = cls()
        for tp_id, x in xs:
            tp = data.touchpoints[tp_id]
            s.ex.append(x)
            s.ey.append(float(tp.emotion or 0))
            s.ids.append(tp_id)
            if key is not None and (m := tp.latest.get(key)) is not None:
                s.mx.append(x)
                s.my.append(m.value)
                s.mids.append(tp_id)
        return s

    def points(self, vb: pg.ViewBox, metric_vb: pg.ViewBox | None) -> list[Point]:
        found = [(x, y, t, vb) for x, y, t in zip(self.ex, self.ey, self.ids, strict=True)]
        if metric_vb is not None:
            found += [
                (x, y, t, metric_vb) for x, y, t in zip(self.mx, self.my, self.mids, strict=True)
            ]
        return found


@dataclass(frozen=True)
class Style:
    """How one series is drawn: its item keys, view box, colour, line width and symbol."""

    key: str
    into: pg.ViewBox | None
    colour: QColor
    width: int
    symbol: str


def _dots(style: Style) -> pg.ScatterPlotItem:
    dots = pg.ScatterPlotItem(
        symbol=style.symbol, size=8, brush=pg.mkBrush(style.colour), pen=pg.mkPen("w")
    )
    dots.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return dots


def show_chunked(plot: ChartPlot, style: Style, stages: Points, selected: set[int]) -> None:
    """Draw the stages' points (in x order) as one line with dots, chunk by chunk.

    The line runs on from each chunk's last point to the next point (in the next chunk
    or the next stage with points), so the chunks join into one curve.
    """
    following: list[tuple[list[float], list[float]]] = [([], [])] * len(stages)
    after: tuple[list[float], list[float]] = ([], [])
    for i in range(len(stages) - 1, -1, -1):
        following[i] = after
        xs, ys, _ids = stages[i]
        if xs:
            after = (xs[:1], ys[:1])
    ring: tuple[list[float], list[float]] = ([], [])
    for i, (xs, ys, ids) in enumerate(stages):
        for b in range(0, len(xs), CHUNK):
            lx, ly = xs[b : b + CHUNK + 1], ys[b : b + CHUNK + 1]
            if b + CHUNK >= len(xs):
                lx, ly = lx + following[i][0], ly + following[i][1]
            name = f"{style.key}{i}.{b // CHUNK}"
            line = plot.keep(
                name + "-line", lambda: curve_item(style.colour, style.width), style.into
            )
            set_data(line, lx, ly)
            set_data(
                plot.keep(name, lambda: _dots(style), style.into),
                xs[b : b + CHUNK],
                ys[b : b + CHUNK],
            )
        if selected:
            for x, y, t in zip(xs, ys, ids, strict=True):
                if t in selected:
                    ring[0].append(x)
                    ring[1].append(y)
    if ring[0]:
        brush = pg.mkBrush(style.colour)
        item = plot.keep(style.key + "_ring", lambda: ring_item(style.symbol, brush), style.into)
        set_data(item, *ring)
