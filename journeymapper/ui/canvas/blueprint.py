"""The blueprint view on the canvas: connector items, layer lines and the connect handle.

The scene reads a journey through :meth:`BlueprintLayer.read` (a plain map leaves the
blueprint layers out). After every layout the layer re-routes only the connectors
of cards whose rect changed (all of them when lanes or stages moved); during a card
drag :meth:`follow` re-routes just the dragged cards' connectors, so a mouse move
costs the cards' degree, not the map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from journeymapper.geometry import blueprint as bp
from journeymapper.geometry import layout as geo
from journeymapper.geometry.shapes import Rect
from journeymapper.model.document import Document
from journeymapper.model.enums import JourneyView
from journeymapper.store.blueprint_queries import as_view, connector, journey_view
from journeymapper.store.journey_data import JourneyData, load_journey
from journeymapper.ui.canvas.items.connector import ConnectorItem, HandleItem, LayerLineItem
from journeymapper.ui.canvas.lane_blocks import LaneBlocks
from journeymapper.ui.canvas.stale_regions import Box, StaleRegions, box_of, overlaps, seen_boxes

if TYPE_CHECKING:
    from journeymapper.ui.canvas.items import CardItem


class BlueprintScene(Protocol):
    """What the layer needs of the scene (the scene imports this module, not the reverse)."""

    data: JourneyData | None
    doc: Document | None
    layout: geo.MapLayout
    cards: dict[int, CardItem]
    #: Cards the last layout may have moved (None: any of them).
    placed: set[int] | None
    laidOut: Any  # noqa: N815 (Qt signal name)
    selectionChanged: Any  # noqa: N815 (Qt signal name)

    blocks: LaneBlocks

    def addItem(self, item: QGraphicsItem) -> None: ...  # noqa: N802 (Qt API)
    def removeItem(self, item: QGraphicsItem) -> None: ...  # noqa: N802 (Qt API)
    def views(self) -> list[QGraphicsView]: ...
    def selected_touchpoints(self) -> list[int]: ...


#: How close to a card's right edge a press starts a connector (scene units).
EDGE = 9.0
#: Up to this many connectors to route after one layout are routed at once; beyond it the
#: ones out of view wait until they are painted. An edit reflows its cells, so on a
#: 10,000-card map (cells of ~70 cards) one move shifts ~30 connected cards: routing only
#: those in view keeps the edit's cost from growing with the map.
EAGER = 16
#: A route keeps within its cards' box widened by this (gutters, label beside the line).
REGION_MARGIN = 240.0


def resized(order: list[int], old: dict[int, Rect], new: dict[int, Rect]) -> frozenset[int]:
    """The indexes in ``order`` of the lanes whose height changed."""
    return frozenset(i for i, lane in enumerate(order) if old[lane].h != new[lane].h)


class BlueprintLayer:
    """Connectors and layer lines of one scene, kept in step with its layout."""

    def __init__(self, scene: BlueprintScene) -> None:
        self.scene = scene
        self.view: str = JourneyView.JOURNEY.value
        self.items: dict[int, ConnectorItem] = {}
        self.by_card: dict[int, set[int]] = {}
        self.lines: list[LayerLineItem] = []
        self.handle: HandleItem | None = None
        #: Each routed card's (lane, rect in it) when its connectors were routed.
        self._rects: dict[int, tuple[object, Rect]] = {}
        #: Connectors by the lanes they join (upper, lower index in the lane order): a lane
        #: changing height re-routes those reaching it; the rest move with their lanes.
        self._span: dict[int, tuple[int, int]] = {}
        self._by_span: dict[tuple[int, int], set[int]] = {}
        self._order: list[int] | None = None
        self._order_index: dict[int, int] = {}
        self._frame: object = None
        self._laid: geo.MapLayout | None = None  # the layout the connectors were routed on
        self._routed_frame: object = None
        self._seen: JourneyData | None = None  # the journey read the connectors belong to
        #: Hidden connectors not routed since their cards moved, with where they may lie.
        self._stale = StaleRegions()
        self._pending: set[int] = set()
        self._followed: set[int] = set()  # dragged off their laid-out rects
        self._resized: frozenset[int] | None = None  # lanes resized in place (indexes)
        #: Routes computed so far (the benchmark checks a drag costs the card's degree).
        self.routed = 0
        scene.laidOut.connect(self.sync)
        scene.selectionChanged.connect(self.place_handle)
        scene.selectionChanged.connect(self._restyle_selection)
        self._selected: set[ConnectorItem] = set()

    @property
    def on(self) -> bool:
        return self.view == JourneyView.BLUEPRINT

    def read(self, doc: Document, journey_id: int) -> JourneyData:
        """The journey as its remembered view shows it."""
        self.view = journey_view(doc, journey_id)
        return as_view(load_journey(doc, journey_id), self.view)

    def hides(self, lane_id: int) -> bool:
        """A card of this lane is not on the map (a plain map leaves the layers out)."""
        data = self.scene.data
        return data is None or all(ln.id != lane_id for ln in data.lanes)

    def reset(self) -> None:
        """The scene was cleared (its items are gone): forget them."""
        self.items.clear()
        self.by_card.clear()
        self.lines.clear()
        self.handle = None
        self._selected = set()
        self._rects.clear()
        self._span.clear()
        self._by_span.clear()
        self._frame = None
        self._laid = self._seen = None
        self._routed_frame = None
        self._stale.clear()
        self._pending.clear()
        self._followed.clear()

    # -- keeping in step ------------------------------------------------------------------
    def connectors_changed(self, ids: set[int]) -> None:
        """Re-read the connectors an edit touched; they are routed on the next layout."""
        data, doc = self.scene.data, self.scene.doc
        if not ids or not self.on or data is None or doc is None:
            return
        for conn_id in ids:
            old = data.connectors.pop(conn_id, None)
            if old is not None:
                for card in (old.source_id, old.target_id):
                    self.by_card.get(card, set()).discard(conn_id)
            fresh = connector(doc, conn_id)
            if fresh is None:
                self._drop(conn_id)
                continue
            data.connectors[conn_id] = fresh
            self._index(conn_id, fresh.source_id, fresh.target_id)
            self._pending.add(conn_id)

    def sync(self) -> None:
        """After a layout: route the connectors whose cards moved, draw the lines."""
        data, lay = self.scene.data, self.scene.layout
        if data is None or not self.on:
            self._clear()
            return
        frame = (tuple(lay.lanes.items()), tuple(lay.columns.items()))
        shift = None
        if frame != self._frame and self._laid is not None and self._seen is data:
            # same journey read: only lanes moved (in place: the scene said which)
            shift = self._resized if self._laid is lay else self._block_shift(self._laid, lay)
            shift = shift or None  # no lane resized: the frame changed otherwise
        self._resized = None
        self._laid, self._seen = lay, data
        if shift is not None:
            self._frame = frame
            self._draw_lines(data, lay)
            # those waiting out of view keep waiting: their regions follow their lanes
            waiting = self._stale.waiting()
            ids = {i for i in self._reaching(shift) if i not in waiting}
        elif frame != self._frame:
            self._frame = frame
            self._draw_lines(data, lay)
            self.by_card.clear()
            for conn in data.connectors.values():
                self._index(conn.id, conn.source_id, conn.target_id)
            ids = set(data.connectors)
            for gone in [i for i in self.items if i not in data.connectors]:
                self._drop(gone)  # re-read with the journey (a lane and its steps deleted)
        else:
            cards, placed = lay.cards, self.scene.placed
            # Only the cards the layout placed (and dragged ones) can have moved: an edit
            # costs its cells, not a pass over every connected card of the map.
            seen = (
                self.by_card if placed is None else (placed | self._followed) & self.by_card.keys()
            )
            moved = [
                c for c in seen if (cards.relative(c) if c in cards else None) != self._rects.get(c)
            ]
            ids = {conn_id for card in moved for conn_id in self.by_card[card]}
        ids |= self._pending
        self._pending.clear()
        self._followed.clear()
        if frame != self._routed_frame and shift is None:
            ids.update(self._stale)  # their regions moved with the lanes
        self._routed_frame = frame
        if len(ids) <= EAGER:
            for conn_id in ids:
                self._route(conn_id)
        else:
            self._route_visible(ids)
        self.place_handle()

    def lanes_resized(self, old: dict[int, Rect]) -> None:
        """The scene's layout moved its lanes in place (from ``old``): the next sync
        re-routes only the connectors reaching a lane that changed height."""
        lay = self.scene.layout
        self._resized = resized(lay.lane_order, old, lay.lanes)

    def _block_shift(self, old: geo.MapLayout, new: geo.MapLayout) -> frozenset[int] | None:
        """The resized lanes when ``new`` differs from ``old`` by lanes changing height and
        those below moving with them (None: anything else changed)."""
        if bp.block_shift(old, new) is None:
            return None
        return resized(new.lane_order, old.lanes, new.lanes)

    def _reaching(self, lanes: frozenset[int]) -> set[int]:
        """The connectors joining a lane at or above one of ``lanes`` (indexes) to one at or
        below it: their routes change. The others moved with their lanes' containers (or
        stayed)."""
        ids: set[int] = set()
        for (a, b), members in self._by_span.items():
            if any(a <= lane <= b for lane in lanes):
                ids |= members
        return ids

    def _lane_index(self) -> dict[int, int]:
        order = self.scene.layout.lane_order
        if order is not self._order:
            self._order, self._order_index = order, {ln: i for i, ln in enumerate(order)}
        return self._order_index

    def _index_span(self, conn_id: int) -> tuple[int, int] | None:
        """File the connector under the lanes it joins; its span (None: a card is off the map)."""
        data = self.scene.data
        old = self._span.pop(conn_id, None)
        if old is not None:
            self._by_span.get(old, set()).discard(conn_id)
        conn = data.connectors.get(conn_id) if data is not None else None
        if conn is None or data is None:
            return None
        index = self._lane_index()
        src, dst = data.touchpoints.get(conn.source_id), data.touchpoints.get(conn.target_id)
        a = index.get(src.lane_id) if src is not None else None
        b = index.get(dst.lane_id) if dst is not None else None
        if a is None or b is None:
            return None
        span = (min(a, b), max(a, b))
        self._span[conn_id] = span
        self._by_span.setdefault(span, set()).add(conn_id)
        return span

    # -- a lane grew under thousands of connectors: route what is seen, the rest when seen --
    def _route_visible(self, ids: set[int]) -> None:
        """Route the connectors in a view now; hide the others until a paint shows their
        region (:meth:`before_paint`): a lane growing at the top of a 10,000-card map would
        otherwise route thousands of arrows nobody sees."""
        seen = seen_boxes(self.scene)
        for conn_id in ids:
            region = self._region(conn_id)
            if region is None or any(overlaps(region, rect) for rect in seen):
                self._route(conn_id)
                continue
            span = self._index_span(conn_id)
            lay = self.scene.layout
            ends = (None, None) if span is None else [lay.lane_order[i] for i in span]
            self._stale.add(conn_id, region, *ends, lay.lanes)
            item = self.items.get(conn_id)
            if item is not None:
                item.setVisible(False)

    def _region(self, conn_id: int) -> Box | None:
        """Where a connector's route and label can lie: its cards' box, widened by a margin."""
        cards = self.scene.layout.cards
        a, b = (cards.get(card) for card in self._ends(conn_id))
        if a is None or b is None:
            return None
        m = REGION_MARGIN
        return (
            min(a.x, b.x) - m,
            min(a.y, b.y) - m,
            max(a.right, b.right) + m,
            max(a.bottom, b.bottom) + m,
        )

    def before_paint(self, rect: QRectF) -> None:
        """Route the hidden connectors whose region is about to be painted."""
        for conn_id in self._stale.touching(box_of(rect), self.scene.layout.lanes):
            self._route(conn_id)

    def flush(self) -> None:
        """Route every hidden connector (before something needs them all, e.g. a test)."""
        for conn_id in list(self._stale):
            self._route(conn_id)

    def _ends(self, conn_id: int) -> tuple[int, int]:
        data = self.scene.data
        conn = data.connectors.get(conn_id) if data is not None else None
        return (conn.source_id, conn.target_id) if conn is not None else (-1, -1)

    def follow(self, card_ids: list[int]) -> None:
        """Re-route the connectors of cards being dragged (their items' current rects)."""
        if not self.on or self.scene.data is None:
            return
        moved: dict[int, Rect] = {}
        ids: set[int] = set()
        for card_id in card_ids:
            touching = self.by_card.get(card_id)
            item = self.scene.cards.get(card_id)
            if not touching or item is None:
                continue
            r = item.sceneBoundingRect()
            moved[card_id] = Rect(r.x(), r.y(), r.width(), r.height())
            ids |= touching
            self._rects.pop(card_id, None)  # routed off its laid-out rect: re-route next layout
            self._followed.add(card_id)
        for conn_id in ids:
            self._route(conn_id, moved)

    # -- the connect handle ------------------------------------------------------------------
    def place_handle(self) -> None:
        """Show the handle on the right edge of the one selected card (blueprint view)."""
        if not shiboken6.isValid(self.scene):
            return  # the scene emits selection changes while it is being destroyed
        selected = self.scene.selected_touchpoints() if self.on else []
        rect = self.scene.layout.cards.get(selected[0]) if len(selected) == 1 else None
        if rect is None:
            if self.handle is not None:
                self.handle.setVisible(False)
            return
        if self.handle is None or self.handle.scene() is not self.scene:
            self.handle = HandleItem()
            self.scene.addItem(self.handle)
        self.handle.card_id = selected[0]
        self.handle.setPos(rect.right, rect.cy)
        self.handle.setVisible(True)

    def edge_card(self, pos: QPointF) -> int | None:
        """The card whose right edge (or handle) is at ``pos``: a press there draws a connector."""
        if not self.on:
            return None
        handle = self.handle
        shown = handle is not None and handle.isVisible() and handle.card_id is not None
        if shown and (handle.pos() - pos).manhattanLength() <= 2 * HandleItem.R:  # type: ignore[union-attr]
            return handle.card_id  # type: ignore[union-attr]
        hit = self.scene.layout.cell_at(pos.x(), pos.y())
        if hit is None:
            return None
        for card_id in self.scene.layout.cell_cards.get(hit, ()):
            rect = self.scene.layout.cards.get(card_id)
            if (
                rect
                and rect.right - EDGE <= pos.x() <= rect.right + 2
                and rect.y <= pos.y() <= rect.bottom
            ):
                return card_id
        return None

    def _restyle_selection(self) -> None:
        """Selected connectors get the selection pen (one pass per change, like cards)."""
        if not shiboken6.isValid(self.scene):
            return
        now = {i for i in self.items.values() if i.isSelected()} if self.items else set()
        for item in now ^ self._selected:
            if item.scene() is not None:
                item.restyle()
        self._selected = now

    # -- items -------------------------------------------------------------------------------
    def _index(self, conn_id: int, *cards: int) -> None:
        for card in cards:
            self.by_card.setdefault(card, set()).add(conn_id)

    def _route(self, conn_id: int, moved: dict[int, Rect] | None = None) -> None:
        self.routed += 1
        data, lay = self.scene.data, self.scene.layout
        conn = data.connectors.get(conn_id) if data is not None else None
        found = bp.route(lay, data, conn, moved) if conn is not None and data else None
        if found is None:
            self._drop(conn_id)
            return
        item = self.items.get(conn_id)
        if item is None:
            item = self.items[conn_id] = ConnectorItem(conn_id)
        self._file(conn_id, item)
        if self._stale.pop(conn_id):
            item.setVisible(True)
        item.set_route(found)
        if moved is None:
            for card in (conn.source_id, conn.target_id):  # type: ignore[union-attr]
                if card in lay.cards:
                    self._rects[card] = lay.cards.relative(card)

    def _file(self, conn_id: int, item: ConnectorItem) -> None:
        """Put the item in the container of its upper card's lane, its origin at the
        scene's (routes are in scene units): it then moves with that lane."""
        span = self._index_span(conn_id)
        lay = self.scene.layout
        if span is None:
            if item.parentItem() is not None:
                item.setParentItem(None)
            if item.scene() is None:
                self.scene.addItem(item)
            if item.pos().y() != 0:
                item.setPos(0, 0)
            return
        lane = lay.lane_order[span[0]]
        block = self.scene.blocks.link_block(lane, lay.lanes[lane].y)
        if item.parentItem() is not block:
            item.setParentItem(block)
        if item.y() != -block.y():
            item.setPos(0, -block.y())

    def _drop(self, conn_id: int) -> None:
        self._stale.pop(conn_id)
        span = self._span.pop(conn_id, None)
        if span is not None:
            self._by_span.get(span, set()).discard(conn_id)
        item = self.items.pop(conn_id, None)
        if item is not None and item.scene() is self.scene:
            self.scene.removeItem(item)

    def _draw_lines(self, data: JourneyData, lay: geo.MapLayout) -> None:
        for line in self.lines:
            if line.scene() is self.scene:
                self.scene.removeItem(line)
        self.lines = [LayerLineItem(line, geo.LEFT_W + 6) for line in bp.layer_lines(lay, data)]
        for line in self.lines:
            self.scene.addItem(line)

    def _clear(self) -> None:
        for conn_id in list(self.items):
            self._drop(conn_id)
        for line in self.lines:
            if line.scene() is self.scene:
                self.scene.removeItem(line)
        self.lines = []
        self._frame = None
        self._laid = self._seen = None
        if self.handle is not None:
            self.handle.setVisible(False)
