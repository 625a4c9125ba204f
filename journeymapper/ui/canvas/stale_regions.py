"""Where hidden, not yet routed connectors may lie, looked up by the rect a paint exposes.

A lane growing at the top of a 10,000-card map leaves thousands of connectors to route;
the ones out of view wait (:class:`~journeymapper.ui.canvas.blueprint.BlueprintLayer`).
Every paint then asks which of them it exposes: one vectorised test over their boxes
instead of a Python loop, so a paint does not cost the number of waiting connectors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

#: (left, top, right, bottom) in scene units.
Box = tuple[float, float, float, float]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


class StaleRegions:
    """Connector id -> box, with a lookup of the boxes a rect touches. A box is kept relative
    to the top of a lane (its connector's upper card's): it moves with that lane."""

    def __init__(self) -> None:
        self._boxes: dict[int, Box] = {}
        self._lanes: dict[int, object] = {}
        self._ids: np.ndarray | None = None
        self._table: np.ndarray | None = None
        self._owners: list[object] = []

    def __len__(self) -> int:
        return len(self._boxes)

    def __contains__(self, conn_id: object) -> bool:
        return conn_id in self._boxes

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._boxes))

    def at(self, conn_id: int, lanes: Mapping[object, Any]) -> Box:
        """The box of ``conn_id`` in scene units, its lane's rect now in ``lanes``."""
        x0, y0, x1, y1 = self._boxes[conn_id]
        lane = self._lanes.get(conn_id)
        top = getattr(lanes.get(lane), "y", 0.0) if lane is not None else 0.0
        return x0, y0 + top, x1, y1 + top

    def add(self, conn_id: int, box: Box, lane: object = None, top: float = 0.0) -> None:
        """``box`` in scene units now, while ``lane`` (None: none) has its top at ``top``."""
        self._boxes[conn_id] = (box[0], box[1] - top, box[2], box[3] - top)
        self._lanes[conn_id] = lane
        self._ids = None

    def pop(self, conn_id: int) -> bool:
        """Forget ``conn_id``; True when it was waiting."""
        if self._boxes.pop(conn_id, None) is None:
            return False
        self._lanes.pop(conn_id, None)
        self._ids = None
        return True

    def clear(self) -> None:
        self._boxes.clear()
        self._lanes.clear()
        self._ids = None

    def touching(self, box: Box, lanes: Mapping[object, Any] | None = None) -> list[int]:
        """The waiting connectors whose box overlaps ``box``; ``lanes`` gives each lane's
        rect now (its ``y`` its top)."""
        if not self._boxes:
            return []
        if self._ids is None or self._table is None:
            self._ids = np.fromiter(self._boxes, dtype=np.int64, count=len(self._boxes))
            self._table = np.array(list(self._boxes.values()), dtype=np.float64)
            owners = list(dict.fromkeys(self._lanes.values()))
            where = {lane: i for i, lane in enumerate(owners)}
            self._owners = owners
            self._slot = np.fromiter(
                (where[self._lanes[i]] for i in self._boxes), dtype=np.int64, count=len(self._boxes)
            )
        tops = np.array(
            [getattr((lanes or {}).get(lane), "y", 0.0) if lane is not None else 0.0
             for lane in self._owners],
            dtype=np.float64,
        )  # fmt: skip
        dy = tops[self._slot] if len(tops) else np.zeros(len(self._ids))
        t = self._table
        hit = (
            (t[:, 0] <= box[2])
            & (box[0] <= t[:, 2])
            & (t[:, 1] + dy <= box[3])
            & (box[1] <= t[:, 3] + dy)
        )
        return [int(i) for i in self._ids[hit]]
