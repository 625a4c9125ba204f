"""Building thousands of items cheaply: details built when first painted readable (and
hidden when small), the garbage collector paused while a map is built.

A card's details (accent, glyph, description, owner, badge words) are a quarter of a
map's items; building them for 2,000 cards costs seconds and painting them at a zoom
where they are a few pixels tall costs more than the rest of the map. The scene calls
:meth:`CardDetail.before_paint` from ``drawBackground`` (once per paint, with the
painter's scale and the exposed rect): below :data:`LOD_SCALE` details are hidden;
at or above it the cards in the exposed rect get theirs, so the work is O(visible).
"""

from __future__ import annotations

import contextlib
import gc
import linecache
from collections.abc import Iterator

from PySide6.QtCore import QMetaObject, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from journeymapper.ui.canvas.items.card import CardItem
from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.canvas.items.insights import NoteItem


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of objects are created at once.

    Those objects live as long as the map is shown, so afterwards they are moved out
    of the collector's sight (``gc.freeze``): otherwise every later collection walks
    them all again, which costs milliseconds on every edit of a large map.

    The source lines Python keeps for tracebacks are dropped first: PySide6's import hook
    reads the source of every module imported after it (to see whether it uses PySide's
    ``__feature__``) and :mod:`linecache` keeps it, some 35 MB over a thousand modules
    that the map's items can use instead (a traceback reads its lines again).
    """
    linecache.clearcache()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


#: The smallest area the scene's index splits the map into: about sixteen cards.
INDEX_LEAF_AREA = 16 * 180.0 * 64.0


def index_depth(area: float) -> int:
    """How deep the scene's BSP index splits a map of ``area`` square units.

    Qt's own choice grows with the number of items (16 levels, 65,536 leaves, for the
    60,000 items of a 10,000-card map) down to leaves smaller than a card; every item is
    listed in each leaf it overlaps, and a connector running down a tall lane overlaps
    hundreds: 200 MB of lists at 10,000 cards. Leaves of about sixteen cards keep a
    paint's lookups short (a view shows a few dozen leaves) at a fraction of that.
    """
    depth = 1
    while depth < 16 and area / 2 ** (depth + 1) >= INDEX_LEAF_AREA:
        depth += 1
    return depth


def settle_built(scene: QGraphicsScene) -> None:
    """After a whole map was built: an index sized to the map, and one repaint of the
    views whole instead of Qt tracking each new item's painted rectangle.

    For every dirty item Qt records its rectangle per view in a hash of its own, about
    1.3 KB that stays with the item: 80 MB for the 60,000 items of a 10,000-card map on
    the first pass of the event loop. A whole-scene ``update()`` makes that pass skip the
    items, but only if the pass runs while the update is pending: it is run here, at once
    (its queued call may come after the update's own, which would end the update first).
    """
    rect = scene.sceneRect()
    depth = index_depth(rect.width() * rect.height())
    if scene.bspTreeDepth() != depth:
        scene.setBspTreeDepth(depth)
    repaint_whole(scene)


def repaint_whole(scene: QGraphicsScene) -> None:
    """Repaint the views whole instead of Qt tracking each moved or new item's painted
    rectangle (a lane that grew moved thousands of cards with their lanes' containers)."""
    scene.update()
    QMetaObject.invokeMethod(scene, "_q_processDirtyItems", Qt.ConnectionType.DirectConnection)


#: Below this zoom a card shows its frame, title and evidence colour only (VISUAL.md).
LOD_SCALE = 0.4
#: Below this zoom a card's 13-unit title is under 2 px tall, a smudge: frame and evidence
#: colour only (the whole map of 2,000 cards in one window is at about 4 %).
TITLE_SCALE = 0.15


class CardDetail:
    """Whether cards' and notes' details are shown at the current zoom; builds them."""

    def __init__(
        self, scene: QGraphicsScene, cards: dict[int, CardItem], notes: dict[int, NoteItem]
    ) -> None:
        self.scene = scene
        self.cards = cards
        self.groups = (cards, notes)
        self.shown = True
        self.titles_shown = True
        #: Areas whose items are built since the map last changed: a drag's many small
        #: paints inside the view skip the item lookup (a tall cell's is hundreds of items).
        self._built: list[QRectF] = []
        self._version: object = None

    def forget(self) -> None:
        """The map changed (laid out, connectors routed): build again where painted."""
        self._built = []

    def _needs_build(self, rect: QRectF, version: object) -> bool:
        if version != self._version:
            self._version = version
            self._built = []
        if any(done.contains(rect) for done in self._built):
            return False
        self._built = [*self._built[-3:], QRectF(rect)]
        return True

    def before_paint(self, painter: QPainter, rect: QRectF, version: object = None) -> None:
        """Show or hide details for the zoom; build those of the items in ``rect``
        (``version`` changes whenever items may need building anew)."""
        t = painter.worldTransform()
        scale = max(abs(t.m11()), abs(t.m12()))
        titled = scale >= TITLE_SCALE
        if titled != self.titles_shown:
            self.titles_shown = titled
            self.forget()
            for card in self.cards.values():
                card.set_title_visible(titled)
        readable = scale >= LOD_SCALE
        if readable != self.shown:
            self.shown = readable
            self.forget()
            for group in self.groups:
                for item in group.values():
                    item.set_details_visible(readable)
        if readable:
            if self._needs_build(rect, (version, True)):
                self.build_in(rect)
        elif titled:
            if self._needs_build(rect, (version, False)):
                self.titles_in(rect)
        elif CardItem.pills_pending:  # a far view shows every card's evidence colour
            CardItem.pills_pending = False
            for card in self.cards.values():
                card.build_pill()

    def _items(self, rect: QRectF) -> list[QGraphicsItem]:
        """The items whose bounds meet ``rect``: bounds, not shapes (a connector's shape is
        a stroked outline, worked out anew for each one asked)."""
        return self.scene.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect)

    def titles_in(self, rect: QRectF) -> None:
        """Give the cards in ``rect`` their pills and titles and the connectors their
        hand-off marks (between the two zoom thresholds)."""
        for item in self._items(rect):
            if isinstance(item, CardItem):
                item.build_pill()
                item.build_title(self.titles_shown)
            elif isinstance(item, ConnectorItem) and item.needs_mark:
                item.mark  # noqa: B018 (made on first access)

    def build_in(self, rect: QRectF | None = None) -> None:
        """Give the cards in ``rect`` (None: every card) their pills, titles and details,
        and the connectors in it their hand-off marks."""
        if rect is None:
            for card in self.cards.values():
                card.build_pill()
                card.build_title(self.titles_shown)
            for group in self.groups:
                for item in group.values():
                    item.build_details(self.shown)
            return
        for item in self._items(rect):
            if isinstance(item, CardItem):
                item.build_pill()
                item.build_title(self.titles_shown)
            elif isinstance(item, ConnectorItem) and item.needs_mark:
                item.mark  # noqa: B018 (made on first access)
            if isinstance(item, (CardItem, NoteItem)) and not item.has_details:
                item.build_details(self.shown)
