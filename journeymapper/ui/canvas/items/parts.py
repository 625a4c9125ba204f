"""Small helpers the composed items share: pixel-sized fonts, text and rect children."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from journeymapper.geometry import layout as geo
from journeymapper.ui import style

_FONTS: dict[tuple[float, bool], QFont] = {}
_BRUSHES: dict[int, QBrush] = {}
NO_PEN = QPen(Qt.PenStyle.NoPen)
NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)


def brush(colour: QColor) -> QBrush:
    """One shared brush per colour: thousands of cards fill with a handful of colours."""
    key = colour.rgba()
    found = _BRUSHES.get(key)
    if found is None:
        found = _BRUSHES[key] = QBrush(colour)
    return found


def px_font(size: float, bold: bool = False) -> QFont:
    """A DejaVu font ``size`` map units tall: map units are pixels at 100 %, whatever the
    screen's DPI, so text matches the geometry's measuring (made once per size)."""
    key = (size, bold)
    font = _FONTS.get(key)
    if font is None:
        font = QFont(style.FONT_FAMILY)
        font.setPixelSize(round(size))
        font.setBold(bold)
        _FONTS[key] = font
    return font


def text(
    parent: QGraphicsItem,
    value: str,
    size: float,
    colour: QColor,
    x: float,
    y: float,
    bold: bool = False,
) -> QGraphicsSimpleTextItem:
    item = QGraphicsSimpleTextItem(parent)
    item.setFont(px_font(size, bold))  # before the text: the text is laid out once
    item.setBrush(brush(colour))
    item.setText(value)
    item.setPos(x, y)
    return item  # a press on it goes on to its parent: children ignore presses by default


def box(
    parent: QGraphicsItem,
    x: float,
    y: float,
    w: float,
    h: float,
    fill: QColor | None,
    pen: QPen | None = None,
) -> QGraphicsRectItem:
    item = QGraphicsRectItem(QRectF(0, 0, w, h), parent)
    item.setPos(x, y)
    item.setPen(pen or NO_PEN)
    item.setBrush(brush(fill) if fill is not None else NO_BRUSH)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


def qrect(r: geo.Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
