"""Canvas items. They only draw: each holds an id and display state, never a session."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from journeymapper.ui.canvas.items.card import CARD_TITLE_FONT, CardItem
from journeymapper.ui.canvas.items.emotion import EmotionCurveItem
from journeymapper.ui.canvas.items.grid import (
    ColumnItem,
    GroupItem,
    LaneItem,
    MarkerItem,
    StageHeaderItem,
    TextCellItem,
    TitleBandItem,
)
from journeymapper.ui.canvas.items.insights import NoteItem, RowLabelItem
from journeymapper.ui.canvas.lane_blocks import is_container

#: Items a click means (a card, an annotation marker, an insight note), not their parts.
_TARGETS = (CardItem, MarkerItem, NoteItem)


def clicked_item(under: list[QGraphicsItem]) -> QGraphicsItem | None:
    """The card, marker or note that the topmost item under the mouse (``under``, topmost
    first) belongs to.

    Lanes hold their cards in invisible tiles (:mod:`~journeymapper.ui.canvas.lane_blocks`)
    that reach over their neighbours: they are passed over. Cards are built from child text
    and badge items, so the item under the mouse is often a part of the card: walk up to its
    owner. Other items come back as they are.
    """
    item = next((found for found in under if not is_container(found)), None)
    found = item
    while found is not None and not isinstance(found, _TARGETS):
        found = found.parentItem()
    return found if found is not None else item


__all__ = [
    "clicked_item",
    "CARD_TITLE_FONT",
    "CardItem",
    "ColumnItem",
    "EmotionCurveItem",
    "GroupItem",
    "LaneItem",
    "MarkerItem",
    "NoteItem",
    "QFont",
    "RowLabelItem",
    "StageHeaderItem",
    "TextCellItem",
    "TitleBandItem",
]
