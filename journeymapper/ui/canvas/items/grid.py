"""The map's frame: stage headers and columns, lane rows, group bands, text cells,
annotation markers and the title band. They only draw; each holds an id, never a session.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymapper.geometry import layout as geo
from journeymapper.geometry.lane_label import label_tops, lane_tag
from journeymapper.model.enums import AnnotationKind
from journeymapper.store.journey_data import AnnotationData, LaneData, StageData
from journeymapper.ui import style
from journeymapper.ui.canvas.text import wrap_lines


def _qrect(r: geo.Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


class _PlacedItem(QGraphicsItem):
    """An item laid out in a map rectangle: it draws in ``rect`` (from 0, 0) at its position."""

    #: What :meth:`type` reports; items the scene tells apart by type set their own.
    Type = QGraphicsItem.UserType

    def __init__(self) -> None:
        super().__init__()
        self.rect = QRectF()

    def type(self) -> int:
        return self.Type

    def place(self, rect: geo.Rect) -> None:
        """Move and resize to ``rect`` of the layout (scene coordinates)."""
        self.prepareGeometryChange()
        self.rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)


class StageHeaderItem(_PlacedItem):
    """The header of a stage column: its colour, name and a border to resize it by."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, stage: StageData, rect: geo.Rect) -> None:
        super().__init__()
        self.stage_id = stage.id
        self.stage = stage
        self.setZValue(5)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.set_stage(stage, rect)

    def set_stage(self, stage: StageData, rect: geo.Rect) -> None:
        self.place(rect)
        self.stage = stage
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


class ColumnItem(_PlacedItem):
    """The tinted background of a stage column below its header."""

    def __init__(self, colour: str, rect: geo.Rect) -> None:
        super().__init__()
        self.setZValue(-10)
        # paint() gets the exposed part: a column as tall as a 10,000-card map costs the
        # few pixels a repaint exposes, not its whole height
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.set_geometry(colour, rect)

    def set_geometry(self, colour: str, rect: geo.Rect) -> None:
        self.place(rect)
        self.colour = QColor(colour)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        tint = QColor(self.colour)
        tint.setAlpha(110)
        r = self.rect
        shown = r.intersected(option.exposedRect)  # type: ignore[attr-defined]
        if shown.isEmpty():
            return
        painter.fillRect(shown, tint)
        painter.setPen(QPen(style.GRID, 1))  # the border's parts in the exposed rect
        top, bottom = max(r.top(), shown.top() - 1), min(r.bottom(), shown.bottom() + 1)
        left, right = max(r.left(), shown.left() - 1), min(r.right(), shown.right() + 1)
        painter.drawLine(QPointF(r.left(), top), QPointF(r.left(), bottom))
        painter.drawLine(QPointF(r.right(), top), QPointF(r.right(), bottom))
        painter.drawLine(QPointF(left, r.top()), QPointF(right, r.top()))
        painter.drawLine(QPointF(left, r.bottom()), QPointF(right, r.bottom()))


class LaneItem(_PlacedItem):
    """A lane row: its label on the left and the horizontal rule under it."""

    Type = QGraphicsItem.UserType + 3

    def __init__(self, lane: LaneData, rect: geo.Rect) -> None:
        super().__init__()
        self.lane_id = lane.id
        self.lane = lane
        self.setZValue(-5)
        self.set_lane(lane, rect)

    def set_lane(self, lane: LaneData, rect: geo.Rect) -> None:
        self.place(rect)
        self.lane = lane
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
        kind = lane_tag(self.lane)
        tag_font = style.font(6.5)
        tm = QFontMetricsF(tag_font)
        tag_h = tm.ascent() + tm.descent() if kind else 0.0
        top, tag_top = label_tops(
            self.rect.height(), len(lines) * fm.lineSpacing(), tag_h, 6 - tm.descent()
        )
        y = top + fm.ascent()
        for line in lines:
            painter.drawText(QPointF(geo.GROUP_W + 8, y), line)
            y += fm.lineSpacing()
        if kind and tag_top is not None:
            painter.setPen(style.MUTED)
            painter.setFont(tag_font)
            painter.drawText(QPointF(geo.GROUP_W + 8, tag_top + tm.ascent()), kind)


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


class TextCellItem(_PlacedItem):
    """Free text of a text-lane cell (actions, thoughts, backstage)."""

    Type = QGraphicsItem.UserType + 4

    def __init__(self, stage_id: int, lane_id: int, text: str, rect: geo.Rect) -> None:
        super().__init__()
        self.stage_id = stage_id
        self.lane_id = lane_id
        self.text = text
        self._lines: list[str] = []
        self.setZValue(2)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.set_text(text, rect)

    def set_text(self, text: str, rect: geo.Rect) -> None:
        self.place(rect)
        self.text = text
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
