"""Colours and type sizes of the printed map (the canvas's choices, without Qt).

Mirrors ``journeymapper/ui/style.py`` so paper and screen agree; the PDF
package cannot import that module because it must run without Qt.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor

INK = HexColor("#1f2933")
MUTED = HexColor("#5f6b7a")
GRID = HexColor("#d5dbe3")
PAGE_BG = HexColor("#ffffff")
MAP_BG = HexColor("#f7f8fa")
LABEL_BG = HexColor("#eef1f5")
CARD_BG = HexColor("#ffffff")
CARD_BORDER = HexColor("#6b7b8f")
BADGE_BG = HexColor("#e6edf7")
ONLINE = HexColor("#3b82c4")
OFFLINE = HexColor("#c77d2e")
EMOTION_LINE = HexColor("#7a4fbf")
VOTE = HexColor("#d64545")
GOOD = HexColor("#2e8b57")
BAD = HexColor("#d64545")
WHITE = HexColor("#ffffff")

EVIDENCE_COLOURS = {
    "observed": HexColor("#2e8b57"),
    "assumed": HexColor("#d18f00"),
    "proposed": HexColor("#7a4fbf"),
}
EVIDENCE_LETTERS = {"observed": "O", "assumed": "A", "proposed": "P"}

ANNOTATION_COLOURS = {
    "pain_point": HexColor("#d64545"),
    "opportunity": HexColor("#2e8b57"),
    "idea": HexColor("#d18f00"),
    "note": HexColor("#5f6b7a"),
}
ANNOTATION_LABELS = {
    "pain_point": "Pain point",
    "opportunity": "Opportunity",
    "idea": "Idea",
    "note": "Note",
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

# Type sizes in map units (points at 100 %).
CARD_TITLE = 8.6
CARD_SMALL = 6.8
STAGE_NAME = 11.0
LANE_NAME = 9.0
TEXT_CELL = 8.0
MARKER_NUMBER = 7.0
#: Below this printed size (points) text is hard to read: the export warns.
MIN_READABLE = 4.0


def colour(value: str, fallback: Color = CARD_BG) -> Color:
    """A reportlab colour from ``#rrggbb`` (the fallback for empty or broken values)."""
    try:
        return HexColor(value) if value else fallback
    except (ValueError, TypeError):
        return fallback


def darker(c: Color, factor: float = 1.08) -> Color:
    """Like QColor.darker(108): each channel divided by ``factor``."""
    return Color(c.red / factor, c.green / factor, c.blue / factor)


def blend(c: Color, background: Color, alpha: float) -> Color:
    """``c`` laid over ``background`` at ``alpha``, as one opaque colour (prints predictably)."""
    return Color(
        c.red * alpha + background.red * (1 - alpha),
        c.green * alpha + background.green * (1 - alpha),
        c.blue * alpha + background.blue * (1 - alpha),
    )


def is_dark(c: Color) -> bool:
    """Whether white text reads better than ink on ``c`` (HSL lightness < 120/255)."""
    lightness = (max(c.red, c.green, c.blue) + min(c.red, c.green, c.blue)) / 2
    return lightness < 120 / 255
