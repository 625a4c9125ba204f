"""Canvas items. They only draw: each holds an id and display state, never a session.

Cards paint themselves once into a device-coordinate cache, so a map of
thousands of cards pans and drags without repainting text.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.geometry import layout as geo
from journeymapper.geometry import palette
from journeymapper.model.enums import AnnotationKind
from journeymapper.store.journey_data import AnnotationData, LaneData, StageData, TouchpointData
from journeymapper.ui import style
from journeymapper.ui.canvas.text import wrap_lines

CARD_TITLE_FONT = 8.6
CARD_SMALL_FONT = 6.8
BADGE_BG = QColor(palette.BADGE_BG)
#: Below this zoom card text is unreadable, so cards are drawn as plain shapes.
LOD_TEXT = 0.42

_FONTS: dict[str, QFont] = {}
_METRICS: dict[str, QFontMetricsF] = {}


def _font(name: str) -> QFont:
    """Card fonts, made once (creating QFont objects per paint is measurable at 2,000 cards)."""
    if name not in _FONTS:
        size = CARD_TITLE_FONT if name == "title" else CARD_SMALL_FONT
        _FONTS[name] = style.font(size, bold=True)
    return _FONTS[name]


def _metrics(name: str) -> QFontMetricsF:
    if name not in _METRICS:
        _METRICS[name] = QFontMetricsF(_font(name))
    return _METRICS[name]


def _qrect(r: geo.Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


class CardItem(QGraphicsItem):
    """A touchpoint card: title, interaction (solid/dashed border), evidence, metric badges."""

    Type = QGraphicsItem.UserType + 1

    def __init__(self, tp: TouchpointData) -> None:
        super().__init__()
        self.touchpoint_id = tp.id
        self.tp = tp
        self.metrics_visible = True
        self.heat_colour: QColor | None = None
        self._lines: list[str] | None = None
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self.set_touchpoint(tp)

    def type(self) -> int:
        return self.Type

    def set_touchpoint(self, tp: TouchpointData) -> None:
        self.tp = tp
        self._lines = None  # wrapped on first readable paint: zoomed-out maps never need it
        self._tip_for: TouchpointData | None = None  # tooltip text is built on first hover
        self.update()

    def hoverEnterEvent(self, event: object) -> None:  # noqa: N802 (Qt API)
        if self._tip_for is not self.tp:
            tp = self.tp
            tip = f"<b>{_escape(tp.title)}</b>"
            if tp.description:
                tip += f"<br>{_escape(tp.description)}"
            details = [tp.interaction, tp.evidence] + ([f"owner: {tp.owner}"] if tp.owner else [])
            tip += f"<br><i>{_escape(', '.join(details))}</i>"
            self.setToolTip(tip)
            self._tip_for = tp
        super().hoverEnterEvent(event)  # type: ignore[arg-type]

    def _badges(self) -> list[str]:
        if not self.metrics_visible:
            return []
        badges = []
        for key, label in style.BADGE_METRICS:
            m = self.tp.latest.get(key)
            if m is not None:
                badges.append(f"{label} {m.value:.3g}")
            if len(badges) == 2:
                break
        return badges

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(-2, -2, geo.CARD_W + 4, geo.CARD_H + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        tp = self.tp
        rect = QRectF(0, 0, geo.CARD_W, geo.CARD_H)
        fill = self.heat_colour or (QColor(tp.colour) if tp.colour else style.CARD_BG)
        pen = QPen(style.CARD_BORDER, 1.3)
        if tp.interaction == "indirect":
            pen.setStyle(Qt.PenStyle.DashLine)
        if self.isSelected():
            pen = QPen(style.SELECTION, 2.6)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        if scale < LOD_TEXT:
            # Too small to read: a plain card with its evidence colour, drawn fast.
            painter.drawRect(rect)
            painter.fillRect(
                QRectF(0, geo.CARD_H - 14, 20, 14),
                style.EVIDENCE_COLOURS.get(tp.evidence, style.MUTED),
            )
            if scale >= LOD_TEXT / 2:
                painter.fillRect(QRectF(8, 10, geo.CARD_W * 0.7, 12), style.GRID)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        dark = fill.lightness() < 120
        ink = QColor("#ffffff") if dark else style.INK
        painter.setPen(ink)
        painter.setFont(_font("title"))
        fm = _metrics("title")
        if self._lines is None:
            max_lines = 3 if not self._badges() else 2
            self._lines = wrap_lines(tp.title, fm, geo.CARD_W - 14, max_lines)
        y = 6 + fm.ascent()
        for line in self._lines:
            painter.drawText(QPointF(7, y), line)
            y += fm.lineSpacing()
        self._paint_footer(painter, ink)

    def _paint_footer(self, painter: QPainter, ink: QColor) -> None:
        tp = self.tp
        painter.setFont(_font("small"))
        fm = _metrics("small")
        base = geo.CARD_H - 7
        # evidence tag
        colour = style.EVIDENCE_COLOURS.get(tp.evidence, style.MUTED)
        tag = QRectF(6, base - 11, 14, 12)
        painter.fillRect(tag, colour)  # plain rects: rounded ones cost 4x at 2,000 cards
        painter.setPen(QColor("#ffffff"))
        painter.drawText(
            tag, Qt.AlignmentFlag.AlignCenter, style.EVIDENCE_LETTERS.get(tp.evidence, "?")
        )
        x = tag.right() + 4
        for badge in self._badges():
            w = fm.horizontalAdvance(badge) + 8
            if x + w > geo.CARD_W - 6:
                break
            pill = QRectF(x, base - 11, w, 12)
            painter.fillRect(pill, BADGE_BG)
            painter.setPen(style.INK)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge)
            x += w + 3
        if tp.votes:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d64545"))
            dots = min(tp.votes, 6)
            for i in range(dots):
                painter.drawEllipse(QPointF(geo.CARD_W - 9 - i * 8, 10 + 0), 3.2, 3.2)
            if tp.votes > dots:
                painter.setPen(ink)
                painter.drawText(
                    QPointF(geo.CARD_W - 14 - dots * 8 - 10, 13), f"+{tp.votes - dots}"
                )


class StageHeaderItem(QGraphicsItem):
    """The header of a stage column: its colour, name and a border to resize it by."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, stage: StageData, rect: geo.Rect) -> None:
        super().__init__()
        self.stage_id = stage.id
        self.stage = stage
        self.rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.setZValue(5)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.set_stage(stage, rect)

    def type(self) -> int:
        return self.Type

    def set_stage(self, stage: StageData, rect: geo.Rect) -> None:
        self.prepareGeometryChange()
        self.stage = stage
        self.rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.setToolTip(f"<b>{_escape(stage.name)}</b><br>{_escape(stage.description)}")
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = QColor(self.stage.colour)
        painter.setPen(QPen(style.GRID, 1))
        painter.setBrush(colour.darker(108))
        painter.drawRect(self.rect)
        if self.isSelected():
            painter.setPen(QPen(style.SELECTION, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect.adjusted(1, 1, -1, -1))
        painter.setPen(style.INK)
        f = style.font(11, bold=True)
        painter.setFont(f)
        fm = QFontMetricsF(f)
        text = fm.elidedText(self.stage.name, Qt.TextElideMode.ElideRight, self.rect.width() - 44)
        painter.drawText(
            self.rect.adjusted(10, 0, -34, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )


class ColumnItem(QGraphicsItem):
    """The tinted background of a stage column below its header."""

    def __init__(self, colour: str, rect: geo.Rect) -> None:
        super().__init__()
        self.colour = QColor(colour)
        self.rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.setZValue(-10)

    def set_geometry(self, colour: str, rect: geo.Rect) -> None:
        self.prepareGeometryChange()
        self.colour = QColor(colour)
        self.rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        tint = QColor(self.colour)
        tint.setAlpha(110)
        painter.setPen(QPen(style.GRID, 1))
        painter.setBrush(tint)
        painter.drawRect(self.rect)


class LaneItem(QGraphicsItem):
    """A lane row: its label on the left and the horizontal rule under it."""

    Type = QGraphicsItem.UserType + 3

    def __init__(self, lane: LaneData, rect: geo.Rect) -> None:
        super().__init__()
        self.lane_id = lane.id
        self.lane = lane
        self.rect = QRectF()
        self.setZValue(-5)
        self.set_lane(lane, rect)

    def type(self) -> int:
        return self.Type

    def set_lane(self, lane: LaneData, rect: geo.Rect) -> None:
        self.prepareGeometryChange()
        self.lane = lane
        self.rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        label = QRectF(geo.GROUP_W, 0, geo.LABEL_W, self.rect.height())
        painter.setPen(QPen(style.GRID, 1))
        painter.setBrush(style.LABEL_BG)
        painter.drawRect(label)
        painter.drawLine(QPointF(geo.LEFT_W, self.rect.bottom()), self.rect.bottomRight())
        painter.setPen(style.INK)
        f = style.font(9, bold=self.lane.kind == "channel")
        painter.setFont(f)
        fm = QFontMetricsF(f)
        lines = wrap_lines(self.lane.name, fm, geo.LABEL_W - 16, 3)
        y = (self.rect.height() - len(lines) * fm.lineSpacing()) / 2 + fm.ascent()
        for line in lines:
            painter.drawText(QPointF(geo.GROUP_W + 8, y), line)
            y += fm.lineSpacing()
        kind = {"text": "text", "emotion": "emotion"}.get(self.lane.kind)
        if self.lane.is_support:
            kind = "support"
        if kind:
            painter.setPen(style.MUTED)
            painter.setFont(style.font(6.5))
            painter.drawText(QPointF(geo.GROUP_W + 8, self.rect.height() - 6), kind)


class GroupItem(QGraphicsItem):
    """The vertical "ONLINE" / "OFFLINE" band spanning a run of channel lanes."""

    def __init__(self, group: geo.LaneGroup) -> None:
        super().__init__()
        self.group = group
        self.setPos(group.rect.x, group.rect.y)
        self.setZValue(-4)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, self.group.rect.w, self.group.rect.h)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = style.ONLINE if self.group.channel_kind == "online" else style.OFFLINE
        rect = self.boundingRect().adjusted(2, 2, -2, -2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 4, 4)
        painter.save()
        painter.translate(rect.center())
        painter.rotate(-90)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(style.font(8, bold=True))
        text = self.group.channel_kind.upper()
        fm = QFontMetricsF(painter.font())
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.height() - 4)
        painter.drawText(
            QRectF(-rect.height() / 2, -rect.width() / 2, rect.height(), rect.width()),
            Qt.AlignmentFlag.AlignCenter,
            text,
        )
        painter.restore()


class TextCellItem(QGraphicsItem):
    """Free text of a text-lane cell (actions, thoughts, backstage)."""

    Type = QGraphicsItem.UserType + 4

    def __init__(self, stage_id: int, lane_id: int, text: str, rect: geo.Rect) -> None:
        super().__init__()
        self.stage_id = stage_id
        self.lane_id = lane_id
        self.text = text
        self.rect = QRectF()
        self._lines: list[str] = []
        self.setZValue(2)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.set_text(text, rect)

    def type(self) -> int:
        return self.Type

    def set_text(self, text: str, rect: geo.Rect) -> None:
        self.prepareGeometryChange()
        self.text = text
        self.rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        fm = QFontMetricsF(style.font(8))
        max_lines = max(1, int((rect.h - 12) // fm.lineSpacing()))
        self._lines = wrap_lines(text, fm, rect.w - 16, max_lines)
        self.setToolTip(_escape(text) if text else "")
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(style.INK)
        f = style.font(8)
        painter.setFont(f)
        fm = QFontMetricsF(f)
        y = 6 + fm.ascent()
        for line in self._lines:
            painter.drawText(QPointF(8, y), line)
            y += fm.lineSpacing()


class EmotionCurveItem(QGraphicsItem):
    """The emotion curve across the map, drawn inside the emotion lane.

    The path is built once per change, and a repaint draws only the dots in the
    exposed area: a drag elsewhere on a large map costs the curve almost nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.band = QRectF()
        self.points: list[tuple[int, float, float]] = []
        self._xs: list[float] = []
        self._path = QPainterPath()
        self.setZValue(3)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_curve(self, band: geo.Rect | None, points: list[tuple[int, float, float]]) -> None:
        """``points`` as (touchpoint id, x, y), sorted by x."""
        self.prepareGeometryChange()
        self.band = _qrect(band) if band else QRectF()
        self.points = points
        self._xs = [x for _, x, _ in points]
        self._path = QPainterPath()
        line = geo.emotion_line(points)
        if line:
            self._path.moveTo(*line[0])
            for x, y in line[1:]:
                self._path.lineTo(x, y)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.band.adjusted(-6, -6, 6, 6)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.band.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        band = geo.Rect(self.band.x(), self.band.y(), self.band.width(), self.band.height())
        zero = geo.emotion_y(band, 0)
        painter.setPen(QPen(style.GRID, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(geo.LEFT_W, zero), QPointF(self.band.right(), zero))
        painter.setPen(style.MUTED)
        painter.setFont(style.font(7))
        for score, label in ((2, "+2"), (0, "0"), (-2, "−2")):
            painter.drawText(QPointF(geo.LEFT_W - 18, geo.emotion_y(band, score) + 3), label)
        if not self.points:
            return
        painter.setPen(QPen(style.EMOTION_LINE, 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setBrush(style.EMOTION_LINE)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        exposed = option.exposedRect
        first = bisect.bisect_left(self._xs, exposed.left() - 6)
        last = bisect.bisect_right(self._xs, exposed.right() + 6)
        for _, x, y in self.points[first:last]:
            painter.drawEllipse(QPointF(x, y), 4.5, 4.5)


class MarkerItem(QGraphicsItem):
    """A numbered annotation marker; hovering shows the annotation's text."""

    Type = QGraphicsItem.UserType + 5

    def __init__(self, ann: AnnotationData, centre: tuple[float, float]) -> None:
        super().__init__()
        self.annotation_id = ann.id
        self.setZValue(20)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.set_annotation(ann, centre)

    def type(self) -> int:
        return self.Type

    def set_annotation(self, ann: AnnotationData, centre: tuple[float, float]) -> None:
        if self.pos().x() != centre[0] or self.pos().y() != centre[1]:
            self.setPos(*centre)
        if getattr(self, "ann", None) == ann:
            return
        self.ann = ann
        label = (
            AnnotationKind(ann.kind).label
            if ann.kind in AnnotationKind._value2member_map_
            else ann.kind
        )
        self.setToolTip(f"<b>{ann.number}. {label}</b><br>{_escape(ann.text)}")
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = geo.MARKER_R + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = style.ANNOTATION_COLOURS.get(self.ann.kind, style.MUTED)
        painter.setPen(QPen(QColor("#ffffff"), 1.5 if not self.isSelected() else 3))
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(0, 0), geo.MARKER_R, geo.MARKER_R)
        painter.setPen(QColor("#ffffff"))
        f = style.font(7 if self.ann.number < 100 else 5.5, bold=True)
        painter.setFont(f)
        painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignCenter, str(self.ann.number))


class TitleBandItem(QGraphicsItem):
    """Journey name, persona and state above the map."""

    HEIGHT = 44.0

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.subtitle = ""
        self.width = 400.0
        self.setPos(0, -self.HEIGHT - 8)

    def set_text(self, title: str, subtitle: str, width: float) -> None:
        self.prepareGeometryChange()
        self.title, self.subtitle, self.width = title, subtitle, max(width, 400.0)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, self.width, self.HEIGHT)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(style.INK)
        painter.setFont(style.font(15, bold=True))
        painter.drawText(QPointF(4, 20), self.title)
        painter.setPen(style.MUTED)
        painter.setFont(style.font(9))
        painter.drawText(QPointF(4, 38), self.subtitle)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = [
    "CardItem",
    "ColumnItem",
    "EmotionCurveItem",
    "GroupItem",
    "LaneItem",
    "MarkerItem",
    "QFont",
    "StageHeaderItem",
    "TextCellItem",
    "TitleBandItem",
]
