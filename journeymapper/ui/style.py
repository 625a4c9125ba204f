"""Colours, fonts and sizes of the canvas, in one place (the PDF mirrors these choices)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase

from journeymapper.paths import FONTS

FONT_FAMILY = "DejaVu Sans"

INK = QColor("#1f2933")
MUTED = QColor("#5f6b7a")
GRID = QColor("#d5dbe3")
CANVAS_BG = QColor("#f7f8fa")
LABEL_BG = QColor("#eef1f5")
CARD_BG = QColor("#ffffff")
CARD_BORDER = QColor("#6b7b8f")
SELECTION = QColor("#2f6fdf")
DROP = QColor("#2f6fdf")
ONLINE = QColor("#3b82c4")
OFFLINE = QColor("#c77d2e")
EMOTION_LINE = QColor("#7a4fbf")

EVIDENCE_COLOURS = {
    "observed": QColor("#2e8b57"),
    "assumed": QColor("#d18f00"),
    "proposed": QColor("#7a4fbf"),
}
EVIDENCE_LETTERS = {"observed": "O", "assumed": "A", "proposed": "P"}

ANNOTATION_COLOURS = {
    "pain_point": QColor("#d64545"),
    "opportunity": QColor("#2e8b57"),
    "idea": QColor("#d18f00"),
    "note": QColor("#5f6b7a"),
}

#: Metric badges shown on cards, in priority order, with their short labels.
BADGE_METRICS = (
    ("csat", "CSAT"),
    ("nps", "NPS"),
    ("ces", "CES"),
    ("conversion_rate", "Conv"),
    ("drop_off_rate", "Drop"),
    ("engagement_rate", "Eng"),
)

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
