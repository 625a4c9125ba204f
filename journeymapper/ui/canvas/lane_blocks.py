"""Container items for a band's (a lane's, an insight row's) cards, markers and notes,
placed relative to the band's top as the layout keeps them (:mod:`journeymapper.geometry.bands`).

A lane growing moves each band below by one ``setPos`` of its root container per stacking
level; Qt moves the children's scene rects in C++, not one call per card in Python. Under
the root, the band is cut in :data:`TILE`-square tiles, each a rect item that holds its
children in its shape: Qt's item lookups and paints (a dragged card's repaint, a
click) skip a tile the rect misses instead of visiting every card of the band (a
10,000-card lane has a thousand).
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

#: A lane's cards sit at the cards' z; an insight row's notes at the notes'; the connectors
#: starting in a lane (their upper card's) at the connectors', above every card. A lane's
#: markers have containers of their own at the markers' z: roots stack by their z (then by
#: when they were made), so a marker shares no container with the cards it sits on.
LANE_Z, ROW_Z, LINK_Z, MARKER_Z = 10.0, 8.0, 30.0, 20.0
#: Side of a tile (map units): a few rows of cards, about what a mouse-move repaints.
TILE = 800.0
#: How far a child may reach out of its tile: a child is filed by its top-left corner (a
#: marker by its centre), so a card or note reaches right and down by up to its size.
REACH, BACK = 480.0, 40.0
#: A container's key: (band, tile or None for the root, z or None for the band's own).
Key = tuple[Hashable, tuple[int, int] | None, float | None]


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


class Tile(QGraphicsRectItem):
    """A tile of a root: holds its children in its rect (so Qt skips them when a paint or
    a lookup misses it), is never clicked, and draws nothing, not even an empty rect into
    an SVG export. Only ``paint`` is Python's: the rect and shape stay Qt's own."""

    def __init__(self, root: Block, tile: tuple[int, int]) -> None:
        x, y = tile[0] * TILE - BACK, tile[1] * TILE - BACK
        super().__init__(x, y, TILE + BACK + REACH, TILE + BACK + REACH, root)
        self.setPen(Qt.PenStyle.NoPen)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape)

    def paint(self, *args: object) -> None:
        return None


def _tile_of(at: tuple[float, float]) -> tuple[int, int]:
    return (int(at[0] // TILE), int(at[1] // TILE))


def is_container(item: QGraphicsItem | None) -> bool:
    """Whether ``item`` is a root or a tile (what a click means is under it)."""
    return isinstance(item, Block | Tile)


class LaneBlocks:
    """Band -> its root containers in ``scene`` (one per stacking level, at the band's top),
    each cut in tiles."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.blocks: dict[Key, QGraphicsItem] = {}  # (band, tile, z) -> root or tile
        self._roots: dict[Hashable, list[Block]] = {}  # band -> its roots
        self._home: dict[QGraphicsItem, QGraphicsItem] = {}  # lifted items and where they go

    def block(
        self,
        band: Hashable,
        top: float,
        at: tuple[float, float] | None = None,
        z: float | None = None,
    ) -> QGraphicsItem:
        """The container of ``band`` holding the point ``at`` (relative to the band's top;
        None: the band's root) for items at ``z`` (None: the band's cards or notes), made
        (its root at ``top``) when first asked."""
        tile = None if at is None else _tile_of(at)
        found = self.blocks.get((band, tile, z))
        if found is not None and found.scene() is self.scene:
            return found
        root = self.blocks.get((band, None, z))
        if not isinstance(root, Block) or root.scene() is not self.scene:
            root = Block()
            root.setZValue(z if z is not None else ROW_Z if isinstance(band, str) else LANE_Z)
            root.setPos(0.0, top)
            self.scene.addItem(root)
            self.blocks[(band, None, z)] = root
            self._roots.setdefault(band, []).append(root)
        if tile is None:
            return root
        found = self.blocks[(band, tile, z)] = Tile(root, tile)
        return found

    def holds(self, item: QGraphicsItem, band: Hashable, at: tuple[float, float]) -> bool:
        """Whether ``item`` is in the container of ``band`` holding the point ``at``."""
        found = self.blocks.get((band, _tile_of(at), None))
        return found is not None and item.parentItem() is found

    def link_block(self, lane: Hashable, top: float) -> QGraphicsItem:
        """The container of the connectors whose upper card is in ``lane`` (a root of its
        own at the connectors' z: it moves with the lane like the cards' roots)."""
        return self.block(lane, top, None, LINK_Z)

    def move(self, band: Hashable, top: float) -> None:
        """The band's top moved: its children follow."""
        for found in self._roots.get(band, ()):
            if found.y() != top:
                found.setPos(0.0, top)

    def reset(self) -> None:
        """The scene was cleared (the containers with it)."""
        self.blocks.clear()
        self._roots.clear()
        self._home.clear()

    def lift(self, item: QGraphicsItem) -> None:
        """Take ``item`` out of its container to the scene's top level, where it stays put
        (a dragged card goes above the drop indicator, whatever its lane's stacking)."""
        parent = item.parentItem()
        if is_container(parent):
            at = item.scenePos()
            self._home[item] = parent  # type: ignore[assignment]
            item.setParentItem(None)
            item.setPos(at)

    def settle(self, item: QGraphicsItem) -> None:
        """Put a lifted ``item`` back in its container where it is on the map now."""
        home = self._home.pop(item, None)
        if home is not None and home.scene() is self.scene:
            at = item.scenePos()
            item.setParentItem(home)
            item.setPos(at - home.scenePos())
