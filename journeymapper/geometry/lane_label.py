"""Where a lane's label and its kind tag ("text", "support", "emotion") sit in the label
column: one answer for the canvas and the PDF.

The label is centred in the lane and the tag sits at its foot. A short lane (the
workshop's stage view collapses empty lanes to 40 units) cannot hold both apart, so
there the two are centred together, and the tag is left out when even that does not
fit: a tag over the label's last line was unreadable.
"""

from __future__ import annotations

from journeymapper.model.enums import LaneKind
from journeymapper.store.journey_data import LaneData

#: Space between the label's last line and the tag, and around the pair in a short lane.
GAP = 2.0


def lane_tag(lane: LaneData) -> str | None:
    """The small word under a lane's name saying what kind of lane it is (None: a channel)."""
    if lane.is_support:
        return "support"
    return {LaneKind.TEXT: "text", LaneKind.EMOTION: "emotion"}.get(lane.kind)


def label_tops(
    height: float, block: float, tag_h: float, foot: float
) -> tuple[float, float | None]:
    """(top of the label block, top of the tag or None) in a lane ``height`` tall.

    ``block`` is the label's height (lines × line height), ``tag_h`` the tag's (0: no
    tag) and ``foot`` the space the tag keeps from the lane's bottom edge.
    """
    top = (height - block) / 2
    if not tag_h:
        return top, None
    tag_top = height - foot - tag_h
    if top + block + GAP <= tag_top:
        return top, tag_top
    both = block + GAP + tag_h
    if both > height - 2 * GAP:
        return top, None
    top = (height - both) / 2
    return top, top + block + GAP
