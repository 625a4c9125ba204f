"""Long point series drawn in chunks, so an edit repaints the few points it changed.

A curve and a scatter of 10,000 points cost tens of ms to set and to paint again; the
emotion chart after an edit changes a handful of them. Each stage's points are drawn as
items of at most :data:`CHUNK` points: a chunk whose points did not change keeps its data
and its cached pixels, and Qt repaints only the area of the chunk that did.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyqtgraph as pg
from PySide6.QtCore import QRectF
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
    #: Index of each card in ``ids`` and in ``mids``.
    at: dict[int, int] = field(default_factory=dict)
    mat: dict[int, int] = field(default_factory=dict)

    @classmethod
    def read(cls, data: JourneyData, xs: list[tuple[int, float]], key: str | None) -> StageSeries:
        s = cls()
        for tp_id, x in xs:
            tp = data.touchpoints[tp_id]
            s.ex.append(x)
            s.ey.append(float(tp.emotion or 0))
            s.at[tp_id] = len(s.ids)
            s.ids.append(tp_id)
            if key is not None and (m := tp.latest.get(key)) is not None:
                s.mat[tp_id] = len(s.mids)
                s.mx.append(x)
                s.my.append(m.value)
                s.mids.append(tp_id)
        return s

    def patched(self, data: JourneyData, changed: Iterable[int], key: str) -> StageSeries | None:
        """These points with the ``changed`` cards' new ``key`` values (they kept their
        places and emotions); None when one gained or lost a value (read the stage again)."""
        my = self.my.copy()
        for tp_id in changed:
            if tp_id not in self.at:
                continue  # not on the curve
            m = data.touchpoints[tp_id].latest.get(key)
            i = self.mat.get(tp_id)
            if (m is None) != (i is None):
                return None
            if m is not None and i is not None:
                my[i] = m.value
        return replace(self, my=my)

    def marked(self, selected: set[int], metric: bool) -> tuple[list[float], list[float]]:
        """The selected points (of the emotion series, or of the metric's)."""
        at, xs, ys = (self.mat, self.mx, self.my) if metric else (self.at, self.ex, self.ey)
        found = [at[t] for t in selected if t in at]
        return [xs[i] for i in found], [ys[i] for i in found]

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


class Dots(pg.ScatterPlotItem):
    """A scatter that keeps its bounding rect until its points or its place change: Qt asks
    every item for it on each repaint, and pyqtgraph works it out anew every time."""

    _rect: tuple[tuple[object, ...], QRectF] | None = None

    def boundingRect(self) -> QRectF:  # noqa: N802
        t = self.sceneTransform()
        key = (
            *self.bounds,
            self._maxSpotPxWidth,
            t.m11(),
            t.m12(),
            t.m21(),
            t.m22(),
            t.dx(),
            t.dy(),
        )
        if self._rect is None or self._rect[0] != key:
            self._rect = (key, super().boundingRect())
        return self._rect[1]


def _dots(style: Style) -> pg.ScatterPlotItem:
    dots = Dots(symbol=style.symbol, size=8, brush=pg.mkBrush(style.colour), pen=pg.mkPen("w"))
    dots.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return dots


class ChunkedSeries:
    """One line with dots, drawn stage by stage in chunks of at most :data:`CHUNK` points.

    A stage whose point lists are the same objects as last time (and whose line still runs
    on to the same next point) is not sliced or compared again: its items are just kept.
    """

    def __init__(self, style: Style) -> None:
        self.style = style
        #: Per stage index: its xs and ys lists, the point its line runs on to, item names.
        self._drawn: dict[int, tuple[list[float], list[float], tuple[float, ...], list[str]]] = {}

    def forget(self) -> None:
        self._drawn = {}

    def show(self, plot: ChartPlot, stages: Points, ring: tuple[list[float], list[float]]) -> None:
        """Draw the stages' points (in x order); ``ring`` marks the selected points."""
        style, drawn = self.style, {}
        nxt: tuple[float, ...] = ()
        for i in range(len(stages) - 1, -1, -1):
            xs, ys, _ids = stages[i]
            kept = self._drawn.get(i)
            if (
                kept is not None
                and kept[0] is xs
                and kept[1] is ys
                and kept[2] == nxt
                and all(plot.shown(name) is not None for name in kept[3])
            ):
                for name in kept[3]:  # unchanged: kept as drawn, not sliced or compared
                    plot.keep(name, _never, style.into)
                    plot.keep(name + "-line", _never, style.into)
                drawn[i] = kept
            else:
                drawn[i] = (xs, ys, nxt, self._draw_stage(plot, i, xs, ys, nxt))
            if xs:
                nxt = (xs[0], ys[0])
        self._drawn = drawn
        if ring[0]:
            brush = pg.mkBrush(style.colour)
            item = plot.keep(
                style.key + "_ring", lambda: ring_item(style.symbol, brush), style.into
            )
            set_data(item, *ring)

    def _draw_stage(
        self, plot: ChartPlot, i: int, xs: list[float], ys: list[float], nxt: tuple[float, ...]
    ) -> list[str]:
        style, names = self.style, []
        for b in range(0, len(xs), CHUNK):
            lx, ly = xs[b : b + CHUNK + 1], ys[b : b + CHUNK + 1]
            if b + CHUNK >= len(xs) and nxt:
                lx, ly = [*lx, nxt[0]], [*ly, nxt[1]]
            name = f"{style.key}{i}.{b // CHUNK}"
            line = plot.keep(
                name + "-line", lambda: curve_item(style.colour, style.width), style.into
            )
            set_data(line, lx, ly)
            dots = plot.keep(name, lambda: _dots(style), style.into)
            set_data(dots, xs[b : b + CHUNK], ys[b : b + CHUNK])
            names.append(name)
        return names


def _never() -> pg.GraphicsObject:
    raise AssertionError("only items still shown are kept")
