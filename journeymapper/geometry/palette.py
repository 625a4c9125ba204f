"""The map's colours and symbols, as plain hex strings: one palette for screen and paper.

``ui/style.py`` turns these into QColors, ``pdf/style.py`` into reportlab colours.
"""

from __future__ import annotations

INK = "#1a202c"
MUTED = "#4a5568"
GRID = "#d5dbe3"
CANVAS_BG = "#f7f8fa"
LABEL_BG = "#eef1f5"
CARD_BG = "#ffffff"
CARD_BORDER = "#6b7b8f"
BADGE_BG = "#e6edf7"
SELECTION = "#2f6fdf"
ONLINE = "#2f6fb3"
OFFLINE = "#c7772b"
EMOTION_LINE = "#7a4fbf"
VOTE = "#d64545"
GOOD = "#2e8b57"
BAD = "#d64545"
#: Metric badge tints (with an arrow or a sign, never colour alone).
GOOD_BG = "#d9f0e1"
BAD_BG = "#fbdada"
#: The lighter border of an "assumed" card.
ASSUMED_BORDER = "#c9b98f"
#: Emotion bands: pale green above zero, pale red below.
EMOTION_UP = "#e3f4e8"
EMOTION_DOWN = "#fbe5e5"

EVIDENCE_COLOURS = {"observed": "#2e7d4f", "assumed": "#b7791f", "proposed": "#6b46c1"}
EVIDENCE_LETTERS = {"observed": "O", "assumed": "A", "proposed": "P"}

ANNOTATION_COLOURS = {
    "pain_point": "#c53030",
    "opportunity": "#2f855a",
    "idea": "#b7791f",
    "note": "#4a5568",
}
#: Sticky-note fills of the insight rows.
NOTE_FILLS = {
    "pain_point": "#fdecec",
    "opportunity": "#e6f4ec",
    "idea": "#fbf1dc",
    "note": "#eef0f3",
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
