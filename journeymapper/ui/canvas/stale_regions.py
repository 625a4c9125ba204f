"""Where hidden, not yet routed connectors may lie, looked up by the rect a paint exposes.

A lane growing at the top of a 10,000-card map leaves thousands of connectors to route;
the ones out of view wait (:class:`~journeymapper.ui.canvas.blueprint.BlueprintLayer`).
Every paint then asks which of them it exposes: one vectorised test over their boxes
instead of a Python loop, so a paint does not cost the number of waiting connectors.
"""

from __future__ import annotations

from collections.abc import Iterator, KeysView, Mapping
from typing import Any

import numpy as np

#: (left, top, right, bottom) in scene units.
Box = tuple[float, float, float, float]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def box_of(rect: Any) -> Box:
    """A QRectF's box."""
    return (rect.left(), rect.top(), rect.right(), rect.bottom())


def seen_boxes(scene: Any) -> list[Box]:
    """What each view of ``scene`` shows now, in scene units."""
    return [box_of(v.mapToScene(v.viewport().rect()).boundingRect()) for v in scene.views()]


class StaleRegions:
    """Connector id -> box, with a lookup of the boxes a rect touches. A box's top is kept
    relative to the top of its upper card's lane, its bottom to its lower card's: lanes
    growing or moving between them move the box's edges with the cards."""

    def __init__(self) -> None:
        self._boxes: dict[int, Box] = {}
        self._lanes: dict[int, tuple[object, object]] = {}
        self._ids: np.ndarray | None = None
        self._table: np.ndarray | None = None
        self._owners: list[object] = []
        self._slots = np.zeros((0, 2), dtype=np.int64)

    def __len__(self) -> int:
        return len(self._boxes)

    def __contains__(self, conn_id: object) -> bool:
        return conn_id in self._boxes

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._boxes))

    def waiting(self) -> KeysView[int]:
        return self._boxes.keys()

    def add(
        self,
        conn_id: int,
        box: Box,
        upper: object = None,
        lower: object = None,
        lanes: Mapping[Any, Any] | None = None,
    ) -> None:
        """``box`` in scene units now; ``upper`` and ``lower`` the lanes of its top and
        bottom edges (None: fixed), their rects now in ``lanes``."""
        top, bottom = _top(lanes, upper), _top(lanes, lower)
        self._boxes[conn_id] = (box[0], box[1] - top, box[2], box[3] - bottom)
        self._lanes[conn_id] = (upper, lower)
        self._ids = None

    def at(self, conn_id: int, lanes: Mapping[Any, Any]) -> Box:
        """The box of ``conn_id`` in scene units, with the lanes' rects now in ``lanes``."""
        x0, y0, x1, y1 = self._boxes[conn_id]
        upper, lower = self._lanes[conn_id]
        return x0, y0 + _top(lanes, upper), x1, y1 + _top(lanes, lower)

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

    def _build(self) -> None:
        self._ids = np.fromiter(self._boxes, dtype=np.int64, count=len(self._boxes))
        self._table = np.array(list(self._boxes.values()), dtype=np.float64)
        owners = list(dict.fromkeys(lane for pair in self._lanes.values() for lane in pair))
        where = {lane: i for i, lane in enumerate(owners)}
        self._owners = owners
        self._slots = np.array(
            [(where[a], where[b]) for a, b in (self._lanes[i] for i in self._boxes)],
            dtype=np.int64,
        ).reshape(-1, 2)

    def touching(self, box: Box, lanes: Mapping[Any, Any] | None = None) -> list[int]:
        """The waiting connectors whose box overlaps ``box``; ``lanes`` gives each lane's
        rect now (its ``y`` its top)."""
        if not self._boxes:
            return []
        if self._ids is None or self._table is None:
            self._build()
        assert self._ids is not None and self._table is not None
        tops = np.array([_top(lanes, lane) for lane in self._owners], dtype=np.float64)
        t = self._table
        y0 = t[:, 1] + tops[self._slots[:, 0]]
        y1 = t[:, 3] + tops[self._slots[:, 1]]
        hit = (t[:, 0] <= box[2]) & (box[0] <= t[:, 2]) & (y0 <= box[3]) & (box[1] <= y1)
        return [int(i) for i in self._ids[hit]]


def _top(lanes: Mapping[Any, Any] | None, lane: object) -> float:
    """The top of ``lane`` in ``lanes`` (0 for none)."""
    if lane is None or lanes is None:
        return 0.0
    rect = lanes.get(lane)
    return 0.0 if rect is None else float(rect.y)
