"""Insight rows on the canvas: a label per row and a sticky note per annotation.

Built from Qt's items (rects, a path and simple text), with the text the layout fitted:
the note's number as in the PDF and up to four lines, the full text in the tooltip.
Like a card's, a note's number and text are built on its first readable paint and
hidden below 40 % zoom (:mod:`journeymapper.ui.canvas.items.detail`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene

from journeymapper.geometry import insights as insight_rows
from journeymapper.geometry import layout as geo
from journeymapper.geometry import palette
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import NOTE_NUMBER_W, NoteText
from journeymapper.model.enums import AnnotationKind
from journeymapper.store.journey_data import AnnotationData, JourneyData
from journeymapper.ui import style
from journeymapper.ui.canvas.items.parts import NO_PEN, box, escape, text

if TYPE_CHECKING:
    from journeymapper.ui.canvas.lane_blocks import LaneBlocks

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
        self._fitted: NoteText | None = None
        self._detail: QGraphicsPathItem | None = None
        self.set_note(ann, rect, fitted)

    def type(self) -> int:
        return self.Type

    @property
    def has_details(self) -> bool:
        return self._detail is not None

    def set_note(self, ann: AnnotationData, rect: geo.Rect, fitted: NoteText) -> None:
        """Place the note; its number and text are built when first painted readable."""
        self.ann = ann
        if self.x() != rect.x or self.y() != rect.y:
            self.setPos(rect.x, rect.y)
        key = (ann.number, ann.kind, ann.text, rect.w, rect.h, tuple(fitted.lines))
        if key == self._key:
            return
        self._key = key
        self._fitted = fitted
        if self._detail is not None:
            scene = self.scene()
            if scene is not None:
                scene.removeItem(self._detail)
            self._detail = None
        colour = QColor(palette.ANNOTATION_COLOURS.get(ann.kind, palette.MUTED))
        self.setRect(QRectF(0, 0, rect.w, rect.h))
        self.setBrush(QColor(palette.NOTE_FILLS.get(ann.kind, "#eef0f3")))
        self.setPen(QPen(colour.lighter(150), 1))
        self.setToolTip(f"<b>{ann.number}. {kind_label(ann.kind)}</b><br>{escape(ann.text)}")

    def build_details(self, visible: bool = True) -> None:
        """The colour stripe, the numbered dot and the text (one path for stripe and dot)."""
        if self._detail is not None or self._fitted is None:
            return
        ann, h = self.ann, self.rect().height()
        colour = QColor(palette.ANNOTATION_COLOURS.get(ann.kind, palette.MUTED))
        r = 9.0
        shape = QPainterPath()
        shape.addRect(QRectF(0, 0, 4, h))
        shape.addRect(QRectF(ts.CARD_PAD, ts.CARD_PAD - 2, 2 * r, 2 * r))
        detail = self._detail = QGraphicsPathItem(shape, self)
        detail.setPen(NO_PEN)
        detail.setBrush(colour)
        detail.setVisible(visible)
        number = text(detail, str(ann.number), 10, WHITE, 0, ts.CARD_PAD, bold=True)
        number.setX(ts.CARD_PAD + r - number.boundingRect().width() / 2)
        text(
            detail,
            "\n".join(self._fitted.lines),
            ts.INSIGHT_TEXT,
            style.INK,
            ts.CARD_PAD + NOTE_NUMBER_W,
            ts.CARD_PAD - 2,
        )

    def set_details_visible(self, visible: bool) -> None:
        if self._detail is not None and self._detail.isVisible() != visible:
            self._detail.setVisible(visible)


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


def sync_insight_items(
    scene: QGraphicsScene,
    row_labels: dict[str, RowLabelItem],
    notes: dict[int, NoteItem],
    data: JourneyData,
    lay: geo.MapLayout,
    blocks: LaneBlocks,
) -> None:
    """Row labels and sticky notes of the insight rows (derived from the annotations)."""
    for key in list(row_labels):
        if key not in lay.insight_rows:
            scene.removeItem(row_labels.pop(key))
    for key, rect in lay.insight_rows.items():
        label = row_labels.get(key)
        if label is None:
            label = row_labels[key] = RowLabelItem(insight_rows.row_label(key), key, rect)
            scene.addItem(label)
        else:
            label.set_row(insight_rows.row_label(key), key, rect)
    for ann_id in list(notes):
        if ann_id not in lay.notes:
            scene.removeItem(notes.pop(ann_id))
    for ann in data.annotations:
        if ann.id not in lay.notes:
            continue
        key, rect = lay.notes.relative(ann.id)  # in its row's container: rows move whole
        row = lay.insight_rows.get(key)  # type: ignore[call-overload]
        block = None if row is None else blocks.block(key, row.y, (rect.x, rect.y))
        note = notes.get(ann.id)
        if note is None:
            note = notes[ann.id] = NoteItem(ann, rect, lay.note_text[ann.id])
            if block is None:
                scene.addItem(note)
            else:
                note.setParentItem(block)
        else:
            if note.parentItem() is not block:
                note.setParentItem(block)
            note.set_note(ann, rect, lay.note_text[ann.id])
