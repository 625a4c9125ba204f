"""The map's type scale and spacing (VISUAL.md), in map units: 1 unit = 1 px at 100 % zoom
= 1 pt in the PDF.

One table for the canvas, the workshop view, the PDF and the images. The view picks
its opening zoom from :data:`CARD_TITLE` so card titles are readable on screen.
"""

from __future__ import annotations

#: Font sizes (map units) and whether they are semibold.
JOURNEY_TITLE = 22.0
STAGE_NAME = 16.0
LANE_LABEL = 12.0
GROUP_LABEL = 10.0
CARD_TITLE = 13.0
CARD_BODY = 11.0
BADGE = 10.0
INSIGHT_TEXT = 11.0

#: Lines a card title may take before it is elided; lines of an insight note.
CARD_TITLE_LINES = 3
INSIGHT_LINES = 4

#: The 8-unit grid.
GRID = 8.0
CELL_PAD = 12.0
CARD_GAP = 8.0
CARD_PAD = 8.0
HEADER_GAP = 8.0

#: Smallest card title on screen at the zoom a map opens with (px), desk and workshop.
MIN_TITLE_PX_DESK = 11.0
MIN_TITLE_PX_WORKSHOP = 18.0
