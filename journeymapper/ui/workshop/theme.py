"""The high-contrast projector theme: a black room around a white map with black ink.

Canvas items read their colours from :mod:`journeymapper.ui.style` when they
paint, so the theme swaps those few values (and restores them exactly), puts
a white backing behind the map and hides the title band, which would be dark
text on black (the workshop bar shows the journey name instead).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem
from shiboken6 import isValid

from journeymapper.ui import style
from journeymapper.ui.canvas.scene import JourneyScene

HIGH_CONTRAST: dict[str, str] = {
    "CANVAS_BG": "#000000",
    "INK": "#000000",
    "MUTED": "#3a3a3a",
    "GRID": "#1a1a1a",
    "LABEL_BG": "#ffffff",
    "CARD_BG": "#ffffff",
    "CARD_BORDER": "#000000",
    "SELECTION": "#0047ff",
    "ONLINE": "#0b4f9c",
    "OFFLINE": "#8f4a00",
    "EMOTION_LINE": "#5a1fb0",
}


class Theme:
    """Turns the high-contrast palette on and off for one scene."""

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        self.on = False
        self._saved: dict[str, QColor] = {}
        self._backing: QGraphicsRectItem | None = None
        scene.laidOut.connect(self._follow_layout)

    def set_high_contrast(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        if on:
            self._saved = {name: QColor(getattr(style, name)) for name in HIGH_CONTRAST}
            for name, value in HIGH_CONTRAST.items():
                setattr(style, name, QColor(value))
        else:
            for name, value in self._saved.items():
                setattr(style, name, value)
        self.scene.setBackgroundBrush(QBrush(style.CANVAS_BG))
        self._follow_layout()
        for item in self.scene.items():
            item.update()  # also drops cached pixmaps drawn in the old colours

    def _follow_layout(self) -> None:
        """Keep the backing under the map and the title band hidden after every relayout."""
        scene = self.scene
        if self._backing is not None and (
            not isValid(self._backing) or self._backing.scene() is not scene
        ):
            self._backing = None  # the scene was rebuilt (show_journey clears every item)
        self.scene.title.setVisible(not self.on)
        if not self.on or scene.data is None:
            if self._backing is not None:
                scene.removeItem(self._backing)
                self._backing = None
            return
        if self._backing is None:
            self._backing = QGraphicsRectItem()
            self._backing.setBrush(QBrush(QColor("#ffffff")))
            self._backing.setPen(QPen(Qt.PenStyle.NoPen))
            self._backing.setZValue(-100)
            scene.addItem(self._backing)
        lay = scene.layout
        self._backing.setRect(QRectF(0, 0, lay.width, lay.height))
