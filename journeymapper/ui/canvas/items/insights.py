"""Insight rows on the canvas: a label per row and a sticky note per annotation.

Built from Qt's items (rects and simple text), with the text the layout fitted: the
note's number as in the PDF and up to four lines, the full text in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from journeymapper.geometry import layout as geo
from journeymapper.geometry import palette
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import NOTE_NUMBER_W, NoteText
from journeymapper.model.enums import AnnotationKind
from journeymapper.store.journey_data import AnnotationData
from journeymapper.ui import style
from journeymapper.ui.canvas.items.parts import box, escape, text

WHITE = QColor("#ffffff")


def kind_label(kind: str) -> str:
    return AnnotationKind(kind).label if kind in AnnotationKind._value2member_map_ else kind


class NoteItem(QGraphicsRectItem):
    """One annotation as a sticky note in its insight row."""

    Type = QGraphicsItem.UserType + 6

    def __init__(self, ann: AnnotationData, rect: geo.Rect, fitted: NoteText) -> None:
        super().__init__()
        self.annotation_id = ann.id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(8)
        self._key: tuple[object, ...] | None = None
        self.set_note(ann, rect, fitted)

    def type(self) -> int:
        return self.Type

    def set_note(self, ann: AnnotationData, rect: geo.Rect, fitted: NoteText) -> None:
        self.ann = ann
        if self.x() != rect.x or self.y() != rect.y:
            self.setPos(rect.x, rect.y)
        key = (ann.number, ann.kind, ann.text, rect.w, rect.h, tuple(fitted.lines))
        if key == self._key:
            return
        self._key = key
        for child in self.childItems():
            child.setParentItem(None)
            if child.scene() is not None:
                child.scene().removeItem(child)
        colour = QColor(palette.ANNOTATION_COLOURS.get(ann.kind, palette.MUTED))
        self.setRect(QRectF(0, 0, rect.w, rect.h))
        self.setBrush(QColor(palette.NOTE_FILLS.get(ann.kind, "#eef0f3")))
        self.setPen(QPen(colour.lighter(150), 1))
        box(self, 0, 0, 4, rect.h, colour)
        r = 9.0
        dot = box(self, ts.CARD_PAD, ts.CARD_PAD - 2, 2 * r, 2 * r, colour)
        number = text(dot, str(ann.number), 10, WHITE, 0, 2, bold=True)
        number.setX(r - number.boundingRect().width() / 2)
        text(
            self,
            "\n".join(fitted.lines),
            ts.INSIGHT_TEXT,
            style.INK,
            ts.CARD_PAD + NOTE_NUMBER_W,
            ts.CARD_PAD - 2,
        )
        self.setToolTip(f"<b>{ann.number}. {kind_label(ann.kind)}</b><br>{escape(ann.text)}")


class RowLabelItem(QGraphicsRectItem):
    """The label cell of an insight row and the rule under it."""

    def __init__(self, label: str, kind: str, rect: geo.Rect) -> None:
        super().__init__()
        self.setZValue(-5)
        self.set_row(label, kind, rect)

    def set_row(self, label: str, kind: str, rect: geo.Rect) -> None:
        for child in self.childItems():
            child.setParentItem(None)
            if child.scene() is not None:
                child.scene().removeItem(child)
        self.setPos(rect.x, rect.y)
        self.setRect(QRectF(geo.GROUP_W, 0, geo.LABEL_W, rect.h))
        self.setPen(QPen(style.GRID, 1))
        self.setBrush(style.LABEL_BG)
        colour = QColor(palette.ANNOTATION_COLOURS.get(kind, palette.MUTED))
        box(self, geo.GROUP_W, 0, 4, rect.h, colour)
        text(self, label, ts.LANE_LABEL, style.INK, geo.GROUP_W + 10, 8, bold=True)
        box(self, geo.LEFT_W, rect.h - 0.5, rect.w - geo.LEFT_W, 1, style.GRID)
