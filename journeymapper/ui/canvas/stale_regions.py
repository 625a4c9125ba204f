"""Where hidden, not yet routed connectors may lie, looked up by the rect a paint exposes.

A lane growing at the top of a 10,000-card map leaves thousands of connectors to route;
the ones out of view wait (:class:`~journeymapper.ui.canvas.blueprint.BlueprintLayer`).
Every paint then asks which of them it exposes: one vectorised test over their boxes
instead of a Python loop, so a paint does not cost the number of waiting connectors.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

#: (left, top, right, bottom) in scene units.
Box = tuple[float, float, float, float]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


class StaleRegions:
    """Connector id -> box, with a lookup of the boxes a rect touches."""

    def __init__(self) -> None:
        self._boxes: dict[int, Box] = {}
        self._ids: np.ndarray | None = None
        self._table: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._boxes)

    def __contains__(self, conn_id: object) -> bool:
        return conn_id in self._boxes

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._boxes))

    def __getitem__(self, conn_id: int) -> Box:
        return self._boxes[conn_id]

    def add(self, conn_id: int, box: Box) -> None:
        self._boxes[conn_id] = box
        self._ids = None

    def pop(self, conn_id: int) -> bool:
        """Forget ``conn_id``; True when it was waiting."""
        if self._boxes.pop(conn_id, None) is None:
            return False
        self._ids = None
        return True

    def clear(self) -> None:
        self._boxes.clear()
        self._ids = None

    def touching(self, box: Box) -> list[int]:
        """The waiting connectors whose box overlaps ``box``."""
        if not self._boxes:
            return []
        if self._ids is None or self._table is None:
            self._ids = np.fromiter(self._boxes, dtype=np.int64, count=len(self._boxes))
            self._table = np.array(list(self._boxes.values()), dtype=np.float64)
        t = self._table
        hit = (t[:, 0] <= box[2]) & (box[0] <= t[:, 2]) & (t[:, 1] <= box[3]) & (box[1] <= t[:, 3])
        return [int(i) for i in self._ids[hit]]
