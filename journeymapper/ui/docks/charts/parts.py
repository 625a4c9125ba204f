"""Small pyqtgraph building blocks shared by the charts: category axes, clickable bars,
and the few item and legend helpers every chart uses.

pyqtgraph's BarGraphItem draws bars but cannot tell which one was clicked, and its
axes label numbers, not names. These pieces add exactly that and nothing else.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QGraphicsItem

from journeymapper.ui.style import FONT_FAMILY, INK, SELECTION

#: Paul Tol's "muted" qualitative scheme: distinguishable with colour-vision deficiencies.
CATEGORY_COLOURS = (
    "#332288",
    "#88ccee",
    "#44aa99",
    "#117733",
    "#999933",
    "#ddcc77",
    "#cc6677",
    "#882255",
    "#aa4499",
)


def category_colour(index: int) -> QColor:
    return QColor(CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)])


def chart_font(size: int = 9) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSize(size)
    return font


class CategoryAxis(pg.AxisItem):
    """An axis that labels chosen positions with names, thinned or elided to fit."""

    def __init__(self, orientation: str, **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self._ticks: list[tuple[float, str]] = []
        self._font = chart_font()
        self.setStyle(tickFont=self._font, autoExpandTextSpace=True)
        self.setPen(INK)
        self.setTextPen(INK)

    def set_labels(self, labels: Sequence[str]) -> None:
        """Name the positions 0, 1, 2 … in order."""
        self.set_ticks([(float(i), label) for i, label in enumerate(labels)])

    def set_ticks(self, ticks: Sequence[tuple[float, str]]) -> None:
        self._ticks = sorted(ticks)
        self.picture = None
        self.update()

    def labels(self) -> list[str]:
        return [label for _pos, label in self._ticks]

    def _horizontal(self) -> bool:
        return self.orientation in ("top", "bottom")

    def _pixels_per_unit(self, lo: float, hi: float, size: float) -> float:
        return size / max(abs(hi - lo), 1e-9)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802
        minVal, maxVal = sorted((minVal, maxVal))  # an inverted axis reports them swapped
        visible = [pos for pos, _label in self._ticks if minVal <= pos <= maxVal]
        if not visible:
            return []
        step = 1
        if not self._horizontal() and len(visible) > 1:
            gap = min(b - a for a, b in zip(visible, visible[1:], strict=False)) or 1.0
            spacing = gap * self._pixels_per_unit(minVal, maxVal, size)
            need = QFontMetrics(self._font).height() + 2
            step = max(1, math.ceil(need / max(spacing, 1e-9)))
        return [(1.0, visible[::step])]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:  # noqa: N802
        names = dict(self._ticks)
        metrics = QFontMetrics(self._font)
        width = 10_000
        view = self.linkedView()
        if self._horizontal() and view is not None and len(self._ticks) > 1:
            (x0, x1), _ = view.viewRange()
            positions = [pos for pos, _label in self._ticks]
            gap = min(b - a for a, b in zip(positions, positions[1:], strict=False)) or 1.0
            width = max(24, int(gap * self._pixels_per_unit(x0, x1, view.width())) - 8)
        return [
            metrics.elidedText(names.get(v, ""), Qt.TextElideMode.ElideRight, width) for v in values
        ]


def _plain_pen() -> QPen:
    """A thin white separator, one pixel wide whatever the zoom."""
    pen = QPen(QColor("#ffffff"), 1)
    pen.setCosmetic(True)
    return pen


@dataclass
class BarSeries:
    """Bars as rectangles in view coordinates, each carrying the touchpoint ids it stands for."""

    x0: list[float] = field(default_factory=list)
    y0: list[float] = field(default_factory=list)
    width: list[float] = field(default_factory=list)
    height: list[float] = field(default_factory=list)
    ids: list[list[int]] = field(default_factory=list)
    brushes: list[QColor] = field(default_factory=list)
    #: The ids of each bar as a set, when the chart has one at hand (else its list is used).
    members: list[AbstractSet[int]] = field(default_factory=list)
    item: pg.BarGraphItem | None = None

    def add(
        self,
        x0: float,
        y0: float,
        width: float,
        height: float,
        ids: list[int],
        colour: QColor,
        members: AbstractSet[int] | None = None,
    ) -> None:
        """One bar; ``members`` (its ids as a set) spares a walk of a long ``ids`` list."""
        self.members.append(members if members is not None else frozenset(ids))
        self.x0.append(x0)
        self.y0.append(y0)
        self.width.append(width)
        self.height.append(height)
        self.ids.append(ids)
        self.brushes.append(colour)

    def hit(self, x: float, y: float) -> int | None:
        """Index of the bar under view point (x, y), or None."""
        for i, (bx, by, w, h) in enumerate(
            zip(self.x0, self.y0, self.width, self.height, strict=True)
        ):
            left, right = sorted((bx, bx + w))
            low, high = sorted((by, by + h))
            if left <= x <= right and low <= y <= high:
                return i
        return None

    def centre(self, index: int) -> tuple[float, float]:
        return (
            self.x0[index] + self.width[index] / 2,
            self.y0[index] + self.height[index] / 2,
        )

    def make_item(self, name: str | None = None) -> pg.BarGraphItem:
        self.item = pg.BarGraphItem(name=name, **self._opts())
        self.item.shown_bars, self.item.shown_marks = self._key(), [False] * len(self.x0)
        return self.item

    def attach(self, item: pg.BarGraphItem) -> None:
        """Show these bars on an existing item: cheaper than a new item on every redraw, and
        left alone (no new picture, no repaint) when an edit did not change them."""
        self.item = item
        key = self._key()
        if getattr(item, "shown_bars", None) != key:
            item.shown_bars, item.shown_marks = key, [False] * len(self.x0)
            item.setOpts(**self._opts())

    def _key(self) -> tuple[object, ...]:
        return (self.x0, self.y0, self.width, self.height, [b.rgba() for b in self.brushes])

    def _opts(self) -> dict[str, object]:
        return {
            "x0": self.x0,
            "y0": self.y0,
            "width": self.width,
            "height": self.height,
            "brushes": self.brushes,
            "pens": [_plain_pen()] * len(self.x0),
        }

    def highlight(self, selected: set[int]) -> None:
        """Outline the bars that stand for any of the ``selected`` touchpoint ids."""
        if self.item is None:
            return
        marks = [not selected.isdisjoint(ids) for ids in self.members]
        if getattr(self.item, "shown_marks", None) == marks:
            return  # outlined as they are: no repaint
        self.item.shown_marks = marks
        plain, marked = _plain_pen(), QPen(SELECTION, 3)
        marked.setCosmetic(True)
        self.item.setOpts(pens=[marked if m else plain for m in marks])


#: Touchpoint titles longer than this are shortened on an axis.
TITLE_CHARS = 28


def short(text: str, limit: int = TITLE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def swatch(colour: QColor, label: str, shape: str = "■") -> str:
    """A coloured mark and its label, for a chart's legend line (rich text)."""
    return f'<span style="color:{colour.name()}">{shape}</span>&nbsp;{html.escape(label)}'


def note_item(size: int, anchor: tuple[float, float]) -> pg.TextItem:
    """A text on a chart, over its bars and lines."""
    note = pg.TextItem("", color=INK, anchor=anchor)
    note.setFont(chart_font(size))
    note.setZValue(10)
    return note


def curve_item(colour: QColor, width: int) -> pg.PlotCurveItem:
    """A line through up to thousands of points, cached as pixels: an edit elsewhere on
    the chart repaints it by a copy, not by drawing every segment again."""
    curve = pg.PlotCurveItem(pen=pg.mkPen(colour, width=width))
    curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return curve


def ring_item(symbol: str, brush: QBrush) -> pg.ScatterPlotItem:
    """Selected points: bigger, outlined in the selection colour, over the others."""
    ring = pg.ScatterPlotItem(symbol=symbol, size=14, brush=brush, pen=pg.mkPen(SELECTION, width=3))
    ring.setZValue(1)
    return ring


def set_data(item: pg.PlotCurveItem | pg.ScatterPlotItem, xs: list, ys: list) -> None:
    """New points for a curve or scatter; skipped (no re-layout, no repaint) when unchanged."""
    if getattr(item, "shown_data", None) != (xs, ys):
        item.shown_data = (xs, ys)
        item.setData(xs, ys)


def set_labels(axis: CategoryAxis, labels: list[str]) -> None:
    """Name an axis's positions, leaving it alone (no re-layout) when nothing changed."""
    if axis.labels() != labels:
        axis.set_labels(labels)
