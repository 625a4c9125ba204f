"""Where moved cards land: the multi-card drop rule and the arrow-key nudge, as Edits.

Pure functions of ids, targets and current positions (no session, no Qt), so the
canvas, the CLI or a test can ask for the same moves and run them as one batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from journeymapper import editing
from journeymapper.editing import Edit


def move_edits(ids: Sequence[int], stage_id: int, lane_id: int, index: int) -> list[Edit]:
    """Edits that put ``ids`` (in this order) at ``index`` of a cell, among the other cards.

    ``index`` counts only the cards that stay. With several cards they first go to
    the end of the cell, then to their places, so indexes never shift under them.
    """

    def move(tp: int, at: int | None) -> Edit:
        return Edit.of(
            editing.move_touchpoint, touchpoint_id=tp, stage_id=stage_id, lane_id=lane_id, index=at
        )

    if len(ids) == 1:
        return [move(ids[0], index)]
    return [move(tp, None) for tp in ids] + [move(tp, index + k) for k, tp in enumerate(ids)]


def nudge_edits(
    ids: Sequence[int],
    cells: Mapping[int, tuple[int, int]],
    stage_order: Sequence[int],
    lane_order: Sequence[int],
    d_stage: int,
    d_lane: int,
) -> list[Edit]:
    """Edits that move each card in ``ids`` to the neighbouring cell (arrow keys).

    ``cells`` maps a card to its current (stage, lane); ``lane_order`` holds only
    the lanes a card may sit in. A card that would leave the map stays where it is.
    """
    edits = []
    for tp in ids:
        stage, lane = cells[tp]
        si = stage_order.index(stage) + d_stage
        li = lane_order.index(lane) + d_lane
        if 0 <= si < len(stage_order) and 0 <= li < len(lane_order):
            edits.append(
                Edit.of(
                    editing.move_touchpoint,
                    touchpoint_id=tp,
                    stage_id=stage_order[si],
                    lane_id=lane_order[li],
                )
            )
    return edits
