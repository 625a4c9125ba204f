"""Colours and type sizes of the printed map (the canvas's choices, without Qt).

The colours come from :mod:`journeymapper.geometry.palette`, shared with the canvas,
so paper and screen agree.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor

from journeymapper.geometry import palette
from journeymapper.geometry import type_scale as ts

INK = HexColor(palette.INK)
MUTED = HexColor(palette.MUTED)
GRID = HexColor(palette.GRID)
PAGE_BG = HexColor("#ffffff")
MAP_BG = HexColor(palette.CANVAS_BG)
LABEL_BG = HexColor(palette.LABEL_BG)
CARD_BG = HexColor(palette.CARD_BG)
CARD_BORDER = HexColor(palette.CARD_BORDER)
BADGE_BG = HexColor(palette.BADGE_BG)
ONLINE = HexColor(palette.ONLINE)
OFFLINE = HexColor(palette.OFFLINE)
EMOTION_LINE = HexColor(palette.EMOTION_LINE)
VOTE = HexColor(palette.VOTE)
GOOD = HexColor(palette.GOOD)
BAD = HexColor(palette.BAD)
WHITE = HexColor("#ffffff")
ASSUMED_BORDER = HexColor(palette.ASSUMED_BORDER)
TONE_FILLS = {"good": HexColor(palette.GOOD_BG), "bad": HexColor(palette.BAD_BG)}
EMOTION_UP = HexColor(palette.EMOTION_UP)
EMOTION_DOWN = HexColor(palette.EMOTION_DOWN)
NOTE_FILLS = {k: HexColor(v) for k, v in palette.NOTE_FILLS.items()}

EVIDENCE_COLOURS = {k: HexColor(v) for k, v in palette.EVIDENCE_COLOURS.items()}
EVIDENCE_LETTERS = palette.EVIDENCE_LETTERS
ANNOTATION_COLOURS = {k: HexColor(v) for k, v in palette.ANNOTATION_COLOURS.items()}
ANNOTATION_LABELS = {
    "pain_point": "Pain point",
    "opportunity": "Opportunity",
    "idea": "Idea",
    "note": "Note",
}

BADGE_METRICS = palette.BADGE_METRICS

# Type sizes in map units (points at 100 %).
CARD_TITLE = 13.0
CARD_SMALL = 10.0
STAGE_NAME = 16.0
LANE_NAME = 12.0
#: VISUAL.md's group band (ONLINE / OFFLINE) and the smallest step of its type scale,
#: which a stage's description under its name uses (7 printed under 4 pt on A3).
GROUP_LABEL = ts.GROUP_LABEL
STAGE_DESCRIPTION = ts.BADGE
TEXT_CELL = 10.0
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
