"""Colours, fonts and sizes of the canvas, in one place (the PDF mirrors these choices)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase

from journeymapper.geometry import palette
from journeymapper.paths import FONTS

FONT_FAMILY = "DejaVu Sans"

INK = QColor(palette.INK)
MUTED = QColor(palette.MUTED)
GRID = QColor(palette.GRID)
CANVAS_BG = QColor(palette.CANVAS_BG)
LABEL_BG = QColor(palette.LABEL_BG)
CARD_BG = QColor(palette.CARD_BG)
CARD_BORDER = QColor(palette.CARD_BORDER)
SELECTION = QColor(palette.SELECTION)
DROP = QColor(palette.SELECTION)
ONLINE = QColor(palette.ONLINE)
OFFLINE = QColor(palette.OFFLINE)
EMOTION_LINE = QColor(palette.EMOTION_LINE)
BADGE_BG = QColor(palette.BADGE_BG)
ASSUMED_BORDER = QColor(palette.ASSUMED_BORDER)

EVIDENCE_COLOURS = {k: QColor(v) for k, v in palette.EVIDENCE_COLOURS.items()}
EVIDENCE_LETTERS = palette.EVIDENCE_LETTERS
ANNOTATION_COLOURS = {k: QColor(v) for k, v in palette.ANNOTATION_COLOURS.items()}
BADGE_METRICS = palette.BADGE_METRICS

_loaded = False


def load_fonts() -> None:
    """Register the bundled DejaVu fonts so text looks the same on every machine."""
    global _loaded
    if _loaded:
        return
    for path in sorted(FONTS.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    _loaded = True


def font(point_size: float, *, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f
