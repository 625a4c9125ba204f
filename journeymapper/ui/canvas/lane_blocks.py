"""One container item per band (a lane, an insight row): its cards, markers and notes are
its children, placed relative to the band's top as the layout keeps them
(:mod:`journeymapper.geometry.bands`). A lane growing moves each band below with one
``setPos``; Qt moves the children's scene rects in C++, not one call per card in Python.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

#: A lane's cards sit at the cards' z; an insight row's notes at the notes'; the connectors
#: starting in a lane (their upper card's) at the connectors', above every card.
LANE_Z, ROW_Z, LINK_Z = 10.0, 8.0, 30.0


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
    """Band -> its container in ``scene``, at the band's top."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.blocks: dict[Hashable, Block] = {}
        self.links: dict[Hashable, Block] = {}  # lane -> the container of its connectors
        self._home: dict[QGraphicsItem, Block] = {}  # lifted items and where they go back

    def block(self, band: Hashable, top: float) -> Block:
        """The container of ``band``, made (at ``top``) when first asked."""
        found = self.blocks.get(band)
        if found is None or found.scene() is not self.scene:
            found = self.blocks[band] = Block()
            found.setZValue(ROW_Z if isinstance(band, str) else LANE_Z)
            found.setPos(0.0, top)
            self.scene.addItem(found)
        return found

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
        for found in (self.blocks.get(band), self.links.get(band)):
            if found is not None and found.y() != top:
                found.setPos(0.0, top)

    def reset(self) -> None:
        """The scene was cleared (the containers with it)."""
        self.blocks.clear()
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
