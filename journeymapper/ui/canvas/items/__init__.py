"""Canvas items. They only draw: each holds an id and display state, never a session."""

from __future__ import annotations

from PySide6.QtGui import QFont

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

__all__ = [
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
