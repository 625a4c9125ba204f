"""The map's colours and symbols, as plain hex strings: one palette for screen and paper.

``ui/style.py`` turns these into QColors, ``pdf/style.py`` into reportlab colours.
"""

from __future__ import annotations

INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#d5dbe3"
CANVAS_BG = "#f7f8fa"
LABEL_BG = "#eef1f5"
CARD_BG = "#ffffff"
CARD_BORDER = "#6b7b8f"
BADGE_BG = "#e6edf7"
SELECTION = "#2f6fdf"
ONLINE = "#3b82c4"
OFFLINE = "#c77d2e"
EMOTION_LINE = "#7a4fbf"
VOTE = "#d64545"
GOOD = "#2e8b57"
BAD = "#d64545"

EVIDENCE_COLOURS = {"observed": "#2e8b57", "assumed": "#d18f00", "proposed": "#7a4fbf"}
EVIDENCE_LETTERS = {"observed": "O", "assumed": "A", "proposed": "P"}

ANNOTATION_COLOURS = {
    "pain_point": "#d64545",
    "opportunity": "#2e8b57",
    "idea": "#d18f00",
    "note": "#5f6b7a",
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
