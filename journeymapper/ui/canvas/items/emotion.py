"""The emotion curve as designers draw it: one point per touchpoint, a line through
every point, a pale green band above zero and a pale red one below, each point a
circle showing its value, the journey's low point named.

One item: the path is built once per change and a repaint draws only the points in
the exposed area, so a drag elsewhere on a large map costs the curve almost nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymapper.geometry import layout as geo
from journeymapper.geometry import palette
from journeymapper.ui import style
from journeymapper.ui.canvas.items.parts import px_font, qrect

#: Radius of a point: a circle 2 x POINT_R units across, with its value inside.
POINT_R = 9.0
UP = QColor(palette.EMOTION_UP)
DOWN = QColor(palette.EMOTION_DOWN)
WHITE = QColor("#ffffff")
#: Below this zoom the points' values are too small to read and are left out.
LOD_SCALE = 0.4


def value_label(y: float, band: geo.Rect) -> str:
    score = geo.emotion_at(band, y)
    return f"+{score}" if score > 0 else "−" + str(-score) if score < 0 else "0"


class EmotionCurveItem(QGraphicsItem):
    """The emotion curve across the map, drawn inside the emotion lane."""

    def __init__(self) -> None:
        super().__init__()
        self.band = QRectF()
        self.points: Sequence[tuple[int, float, float]] = []
        #: Title of a touchpoint (for hover and the low point's label).
        self.title_of: Callable[[int], str] = lambda _tp: ""
        #: The point being dragged or hovered: its title and value are shown beside it.
        self.focus: int | None = None
        self._xs_of: list[float] | None = []
        self._path: QPainterPath | None = QPainterPath()
        self._low_of: tuple[tuple[int, float, float] | None] | None = (None,)
        #: Every point's circle in one path (drawn at once below the readable zoom).
        self._dots: QPainterPath | None = None
        self.setZValue(3)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_curve(self, band: geo.Rect | None, points: Sequence[tuple[int, float, float]]) -> None:
        """``points`` as (touchpoint id, x, y) in map order; the path passes through each."""
        self.prepareGeometryChange()
        self.band = qrect(band) if band else QRectF()
        self.points = points
        # The paths, the points' xs and the low point are worked out when first painted or
        # asked for: an edit elsewhere on a large map (a lane above it growing) costs the
        # curve nothing, not a pass over thousands of points.
        self._xs_of = None
        self._path = None
        self._dots = None
        self._low_of = None
        self.update()

    @property
    def _xs(self) -> list[float]:
        if self._xs_of is None:
            self._xs_of = [x for _, x, _ in self.points]
        return self._xs_of

    @property
    def _low(self) -> tuple[int, float, float] | None:
        if self._low_of is None:
            self._low_of = (geo.lowest_point(list(self.points)),)
        return self._low_of[0]

    def _line(self) -> QPainterPath:
        if self._path is None:
            self._path = QPainterPath()
            line = geo.emotion_line(self.points)
            if line:
                self._path.addPolygon(QPolygonF([QPointF(x, y) for x, y in line]))
        return self._path

    def _all_dots(self) -> QPainterPath:
        if self._dots is None:
            self._dots = QPainterPath()
            for _, x, y in self.points:
                self._dots.addEllipse(QPointF(x, y), POINT_R, POINT_R)
        return self._dots

    def set_focus(self, touchpoint_id: int | None) -> None:
        if self.focus != touchpoint_id:
            self.focus = touchpoint_id
            self.update()

    def path(self) -> QPainterPath:
        return QPainterPath(self._line())

    def _band(self) -> geo.Rect:
        b = self.band
        return geo.Rect(b.x(), b.y(), b.width(), b.height())

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.band.adjusted(-6, -6, 6, 6)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        pos = event.pos()
        i = bisect.bisect_left(self._xs, pos.x() - POINT_R)
        found = None
        for tp_id, x, y in self.points[i : i + 8]:
            if abs(x - pos.x()) <= POINT_R + 2 and abs(y - pos.y()) <= POINT_R + 2:
                found = tp_id
                title = self.title_of(tp_id)
                self.setToolTip(f"{title}: {value_label(y, self._band())}")
                break
        if found is None:
            self.setToolTip("")
        self.set_focus(found)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self.set_focus(None)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.band.isEmpty():
            return
        band = self._band()
        zero = geo.emotion_y(band, 0)
        left, right = geo.LEFT_W, self.band.right()
        top, bottom = geo.emotion_y(band, 2), geo.emotion_y(band, -2)
        painter.fillRect(QRectF(left, top, right - left, zero - top), UP)
        painter.fillRect(QRectF(left, zero, right - left, bottom - zero), DOWN)
        painter.setPen(QPen(style.GRID, 1))
        painter.drawLine(QPointF(left, zero), QPointF(right, zero))
        painter.setPen(style.MUTED)
        painter.setFont(px_font(10))
        for score, label in ((2, "+2"), (0, "0"), (-2, "−2")):
            painter.drawText(QPointF(left - 20, geo.emotion_y(band, score) + 4), label)
        if not self.points:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(style.EMOTION_LINE, 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._line())
        painter.setPen(QPen(WHITE, 1.5))
        painter.setBrush(style.EMOTION_LINE)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_SCALE:
            painter.drawPath(self._all_dots())  # values too small to read: the circles at once
            self._labels(painter, band)
            return
        exposed = option.exposedRect
        first = bisect.bisect_left(self._xs, exposed.left() - 200)
        last = bisect.bisect_right(self._xs, exposed.right() + 200)
        for _, x, y in self.points[first:last]:
            painter.drawEllipse(QPointF(x, y), POINT_R, POINT_R)
        painter.setPen(WHITE)
        painter.setFont(px_font(8, bold=True))
        centre = Qt.AlignmentFlag.AlignCenter
        for _, x, y in self.points[first:last]:
            rect = QRectF(x - POINT_R, y - POINT_R, 2 * POINT_R, 2 * POINT_R)
            painter.drawText(rect, centre, value_label(y, band))
        self._labels(painter, band)

    def _labels(self, painter: QPainter, band: geo.Rect) -> None:
        """The low point's title (always) and the focused point's title and value."""
        shown = []
        if self._low is not None:
            shown.append((self._low, False))
        if self.focus is not None:
            point = next((p for p in self.points if p[0] == self.focus), None)
            if point is not None:
                shown.append((point, True))
        painter.setFont(px_font(11, bold=True))
        for (tp_id, x, y), with_value in shown:
            label = self.title_of(tp_id)
            if with_value:
                label = f"{label}: {value_label(y, band)}"
            width = painter.fontMetrics().horizontalAdvance(label) + 8
            if with_value:  # beside the point under the mouse
                lx = x + POINT_R + 3
                if lx + width > band.right:
                    lx = x - POINT_R - 3 - width
                box = geo.Rect(lx, y - 8, width, 16)
            else:
                box = geo.low_label_rect(band, x, y, width, POINT_R)
            painter.fillRect(QRectF(box.x, box.y, box.w, box.h), QColor(255, 255, 255, 230))
            painter.setPen(style.INK)
            painter.drawText(QPointF(box.x + 4, box.y + 12), label)
