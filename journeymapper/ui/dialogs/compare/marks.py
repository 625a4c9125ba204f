"""Difference marks drawn over a :class:`JourneyScene`: an outline and a badge per item.

The map itself is the shared scene (the same items the canvas and the images draw);
this module only adds overlay items around the cards, stage headers, lanes and notes
that differ. Each mark carries the kind's colour, symbol and word
(:mod:`journeymapper.geometry.diff_marks`), so colour is never the only signal.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from journeymapper.analysis.compare import Difference
from journeymapper.geometry.diff_marks import mark
from journeymapper.ui import style
from journeymapper.ui.canvas.scene import JourneyScene

#: Above every map item (cards sit at small z values), below nothing.
MARK_Z = 500.0
NOTE_ITEMS = ("pain_point", "opportunity", "idea", "note")
_BADGE_H = 20.0


#: What names a compared item on one side: its id, or (stage id, lane id) for a text cell.
Key = int | tuple[int, int]


def item_for(scene: JourneyScene, item: str, item_id: Key | None) -> QGraphicsItem | None:
    """The scene item that shows one compared item (None for absent ids)."""
    if item_id is None:
        return None
    if isinstance(item_id, tuple):
        return scene.text_cells.get(item_id) if item == "text" else None
    if item == "touchpoint":
        return scene.cards.get(item_id)
    if item == "stage":
        return scene.headers.get(item_id)
    if item == "lane":
        return scene.lanes.get(item_id)
    if item in NOTE_ITEMS:
        return scene.notes.get(item_id) or scene.markers.get(item_id)
    return None


def side_id(diff: Difference, side: str) -> Key | None:
    """What names a difference's item on one side ("a" before, "b" after): its id, or
    the cell of a text difference."""
    if diff.item == "text":
        return diff.cell_a if side == "a" else diff.cell_b
    return diff.a_id if side == "a" else diff.b_id


def _font() -> QFont:
    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(11)
    font.setWeight(QFont.Weight.DemiBold)
    return font


class Badge(QGraphicsPathItem):
    """A white pill with a coloured border: the kind's symbol (coloured) and its word.

    It keeps its size on screen at every zoom (a whole map fitted into half a window
    is small) and grows leftwards from its position, the item's top-right corner.
    """

    def __init__(self, kind: str, word: str, row: int = 0) -> None:
        super().__init__()
        colour, symbol, _legend = mark(kind)
        self.kind = kind
        self.symbol = QGraphicsSimpleTextItem(symbol, self)
        self.symbol.setFont(_font())
        self.symbol.setBrush(QBrush(QColor(colour)))
        self.word = QGraphicsSimpleTextItem(word, self)
        self.word.setFont(_font())
        self.word.setBrush(QBrush(style.INK))
        sw = self.symbol.boundingRect().width()
        ww = self.word.boundingRect().width()
        width = sw + ww + 18
        top = row * (_BADGE_H + 2) - _BADGE_H / 2  # centred on the corner, then stacked
        self.symbol.setPos(7 - width, top + (_BADGE_H - self.symbol.boundingRect().height()) / 2)
        self.word.setPos(11 + sw - width, top + (_BADGE_H - self.word.boundingRect().height()) / 2)
        path = QPainterPath()
        path.addRoundedRect(QRectF(-width, top, width, _BADGE_H), _BADGE_H / 2, _BADGE_H / 2)
        self.setPath(path)
        self.setBrush(QBrush(QColor("#ffffff")))
        self.setPen(QPen(QColor(colour), 2))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)

    @property
    def width(self) -> float:
        return self.path().boundingRect().width()


class MarkLayer:
    """The marks of one side of a comparison, kept in its scene until cleared."""

    def __init__(self, scene: JourneyScene, side: str) -> None:
        self.scene = scene
        self.side = side
        #: (item kind, id) → its outline and badges.
        self.marks: dict[tuple[str, Key], list[QGraphicsItem]] = {}

    def clear(self) -> None:
        for items in self.marks.values():
            for item in items:
                if item.scene() is self.scene:
                    self.scene.removeItem(item)
        self.marks.clear()

    def show(self, differences: list[Difference]) -> None:
        """Mark every difference present on this side (removed only on A, added only on B)."""
        self.clear()
        kinds: dict[tuple[str, Key], list[Difference]] = {}
        for d in differences:
            i = side_id(d, self.side)
            if i is not None and item_for(self.scene, d.item, i) is not None:
                kinds.setdefault((d.item, i), []).append(d)
        for key, diffs in kinds.items():
            target = item_for(self.scene, *key)
            assert target is not None
            self.marks[key] = self._mark(target.sceneBoundingRect(), diffs)

    def _mark(self, rect: QRectF, diffs: list[Difference]) -> list[QGraphicsItem]:
        colour = QColor(mark(diffs[0].word)[0])
        outline = QGraphicsRectItem(rect.adjusted(-4, -4, 4, 4))
        pen = QPen(colour, 3)
        pen.setCosmetic(True)  # three pixels at any zoom
        if diffs[0].kind == "removed":
            pen.setStyle(Qt.PenStyle.DashLine)  # gone in the future state: a dashed ghost
        outline.setPen(pen)
        outline.setBrush(Qt.BrushStyle.NoBrush)
        items: list[QGraphicsItem] = [outline]
        for n, d in enumerate(diffs):  # a second kind (moved and changed) stacks below
            badge = Badge(d.word, d.word, n)
            badge.setPos(rect.right() + 4, rect.top() - 4)
            items.append(badge)
        for item in items:
            item.setZValue(MARK_Z)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setAcceptHoverEvents(False)
            self.scene.addItem(item)
        return items


def select_on(scene: JourneyScene, item: str, item_id: Key | None) -> QGraphicsItem | None:
    """Select one compared item on a map (cards through the scene's own selection; a
    text cell is not selectable, its mark shows it)."""
    target = item_for(scene, item, item_id)
    if target is None:
        scene.clearSelection()
        return None
    if item == "touchpoint" and isinstance(item_id, int):
        scene.select_touchpoints([item_id])
    else:
        scene.clearSelection()
        if target.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable:
            target.setSelected(True)
    return target
