"""Container items for a band's (a lane's, an insight row's) cards, markers and notes,
placed relative to the band's top as the layout keeps them (:mod:`journeymapper.geometry.bands`).

A lane growing moves each band below by moving its containers (``setPos`` on each); Qt moves
the children's scene rects in C++, not one call per card in Python. A band has one
container per :data:`TILE`-square tile of it, not one for the whole band: Qt's item lookups
(the paint of a dragged card, a click) visit every child of a top-level item one of whose
children meets the rect, so a container of a whole 10,000-card lane made each mouse-move of
a drag walk a thousand cards.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

#: A lane's cards sit at the cards' z; an insight row's notes at the notes'; the connectors
#: starting in a lane (their upper card's) at the connectors', above every card. A lane's
#: markers have containers of their own at the markers' z: tiles stack by their z (then by
#: when they were made), so a marker shares no container with the cards it sits on.
LANE_Z, ROW_Z, LINK_Z, MARKER_Z = 10.0, 8.0, 30.0, 20.0
#: Side of a container's tile (map units): a few rows of cards, about what a mouse-move repaints.
TILE = 800.0


class Block(QGraphicsItem):
    """A container that draws nothing and is never hit (an empty bounding rect)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF()

    def paint(self, *args: object) -> None:
        return None


class LaneBlocks:
    """Band -> its containers in ``scene`` (one per tile), each at the band's top."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.blocks: dict[tuple[Hashable, tuple[int, int] | None, float | None], Block] = {}
        self._tiles: dict[Hashable, list[Block]] = {}  # band -> its containers
        self.links: dict[Hashable, Block] = {}  # lane -> the container of its connectors
        self._home: dict[QGraphicsItem, Block] = {}  # lifted items and where they go back

    def block(
        self,
        band: Hashable,
        top: float,
        at: tuple[float, float] | None = None,
        z: float | None = None,
    ) -> Block:
        """The container of ``band`` holding the point ``at`` (relative to the band's top;
        None: the band's first tile) for items at ``z`` (None: the band's cards or notes),
        made (at ``top``) when first asked."""
        tile = None if at is None else (int(at[0] // TILE), int(at[1] // TILE))
        found = self.blocks.get((band, tile, z))
        if found is None or found.scene() is not self.scene:
            found = self.blocks[(band, tile, z)] = Block()
            found.setZValue(z if z is not None else ROW_Z if isinstance(band, str) else LANE_Z)
            found.setPos(0.0, top)
            self.scene.addItem(found)
            self._tiles.setdefault(band, []).append(found)
        return found

    def holds(self, item: QGraphicsItem, band: Hashable, at: tuple[float, float]) -> bool:
        """Whether ``item`` is in the container of ``band`` holding the point ``at``."""
        tile = (int(at[0] // TILE), int(at[1] // TILE))
        found = self.blocks.get((band, tile, None))
        return found is not None and item.parentItem() is found

    def link_block(self, lane: Hashable, top: float) -> Block:
        """The container of the connectors whose upper card is in ``lane``."""
        found = self.links.get(lane)
        if found is None or found.scene() is not self.scene:
            found = self.links[lane] = Block()
            found.setZValue(LINK_Z)
            found.setPos(0.0, top)
            self.scene.addItem(found)
        return found

    def move(self, band: Hashable, top: float) -> None:
        """The band's top moved: its children follow."""
        link = self.links.get(band)
        for found in [*self._tiles.get(band, ()), *([link] if link is not None else [])]:
            if found.y() != top:
                found.setPos(0.0, top)

    def reset(self) -> None:
        """The scene was cleared (the containers with it)."""
        self.blocks.clear()
        self._tiles.clear()
        self.links.clear()
        self._home.clear()

    def lift(self, item: QGraphicsItem) -> None:
        """Take ``item`` out of its container to the scene's top level, where it stays put
        (a dragged card goes above the drop indicator, whatever its lane's stacking)."""
        parent = item.parentItem()
        if isinstance(parent, Block):
            at = item.scenePos()
            self._home[item] = parent
            item.setParentItem(None)
            item.setPos(at)

    def settle(self, item: QGraphicsItem) -> None:
        """Put a lifted ``item`` back in its container where it is on the map now."""
        home = self._home.pop(item, None)
        if home is not None and home.scene() is self.scene:
            at = item.scenePos()
            item.setParentItem(home)
            item.setPos(at - QPointF(home.pos()))
