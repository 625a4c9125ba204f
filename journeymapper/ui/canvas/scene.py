"""The journey scene: builds items from a journey snapshot and updates only what changed.

The scene keeps id -> item maps. After an edit it re-reads just the rows the edit touched
(a touchpoint, the annotations …), patches the layout and moves only what moved."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QBrush, QPainter
from PySide6.QtWidgets import QGraphicsScene

from journeymapper.geometry import lane_shift
from journeymapper.geometry import layout as geo
from journeymapper.geometry.insights import row_label
from journeymapper.model.document import Document
from journeymapper.model.enums import LaneKind
from journeymapper.store.item_queries import cell_positions
from journeymapper.store.journey_data import (
    JourneyData,
    TouchpointData,
    load_annotations,
    load_text_cells,
    load_touchpoint,
    load_vote_counts,
)
from journeymapper.store.workspace_queries import journey_exists
from journeymapper.ui import style
from journeymapper.ui.canvas.blueprint import BlueprintLayer
from journeymapper.ui.canvas.cell_patch import CurveDue, PinIndex, patch_markers
from journeymapper.ui.canvas.frame_items import follow_bands, sync_frame
from journeymapper.ui.canvas.items import (
    CardItem,
    ColumnItem,
    EmotionCurveItem,
    GroupItem,
    LaneItem,
    MarkerItem,
    NoteItem,
    RowLabelItem,
    StageHeaderItem,
    TextCellItem,
    TitleBandItem,
)
from journeymapper.ui.canvas.items.detail import (
    CardDetail,
    paused_gc,
    repaint_whole,
    settle_built,
)
from journeymapper.ui.canvas.items.insights import sync_insight_items
from journeymapper.ui.canvas.lane_blocks import MARKER_Z, LaneBlocks
from journeymapper.ui.canvas.stage_focus import StageFocus
from journeymapper.ui.canvas.stale_regions import Box, box_of, seen_boxes

if TYPE_CHECKING:  # both import the editing modules: the start paints a map before them
    from journeymapper.editing import Changes
    from journeymapper.ui.controller import DocumentController

_MARGIN = 40.0


class JourneyScene(QGraphicsScene):
    """Draws one journey; knows ids, not sessions."""

    #: Emitted after the items were (re)built or moved, so overlays can follow.
    laidOut = Signal()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setBackgroundBrush(QBrush(style.CANVAS_BG))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.doc: Document | None = None
        #: The DocumentController gestures go through (None: a read-only scene).
        self.controller: DocumentController | None = None
        self.data: JourneyData | None = None
        self.layout: geo.MapLayout = geo.MapLayout()
        self.cards: dict[int, CardItem] = {}
        self.headers: dict[int, StageHeaderItem] = {}
        self.columns: dict[int, ColumnItem] = {}
        self.lanes: dict[int, LaneItem] = {}
        self.text_cells: dict[tuple[int, int], TextCellItem] = {}
        self.markers: dict[int, MarkerItem] = {}
        self.notes: dict[int, NoteItem] = {}
        self.row_labels: dict[str, RowLabelItem] = {}
        #: Card ids per (stage id, lane id), in order: the cells as the layout placed them.
        self._cells: dict[tuple[int, int], list[int]] = {}
        self._replaced: set[int] = set()  # placed in the layout, not yet on screen
        self._pins = PinIndex()
        self.curve_due = CurveDue()  # the curve patched when its lane is next seen
        #: Cards the last layout may have moved, for the connectors (None: any of them).
        self.placed: set[int] | None = None
        self.groups: list[GroupItem] = []
        self.title = TitleBandItem()
        self.curve = EmotionCurveItem()
        self.metrics_visible = True
        #: Card details are built on first readable paint and hidden below 40 % zoom.
        self.detail = CardDetail(self, self.cards, self.notes)
        self.laidOut.connect(self.detail.forget)
        self._styled_selected: set[CardItem] = set()
        self.selectionChanged.connect(self._restyle_selection)
        #: The workshop's stage focus (ui/canvas/stage_focus.py); None: the normal layout.
        self.focus: StageFocus | None = None
        self.blueprint = BlueprintLayer(self)  # connectors and layer lines of a blueprint
        #: One container per lane and insight row: a lane that grows moves those below whole.
        self.blocks = LaneBlocks(self)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 (Qt API)
        super().drawBackground(painter, rect)
        self.blueprint.before_paint(rect)
        if self.curve_due.stages:
            self.settle_curve([box_of(rect)])
        self.detail.before_paint(painter, rect, self.blueprint.routed)

    def _restyle_selection(self) -> None:
        """Selected cards get the selection border (one call per change, not per item)."""
        now = {i for i in self.selectedItems() if isinstance(i, CardItem)}
        for card in now ^ self._styled_selected:
            card.restyle_selection()
        self._styled_selected = now

    # -- whole journey ----------------------------------------------------
    def show_journey(self, doc: Document | None, journey_id: int | None) -> None:
        """Build every item for a journey (or clear the scene when there is none)."""
        self._styled_selected = set()
        self.clear()
        self.blocks.reset()
        self.curve_due.stages.clear()
        for kept in (self.cards, self.headers, self.columns, self.lanes, self.text_cells):
            kept.clear()
        for kept in (self.markers, self.notes, self.row_labels, self.groups):
            kept.clear()
        self.title = TitleBandItem()
        self.curve = EmotionCurveItem()
        self.doc = doc
        self.data = None
        self.blueprint.reset()
        if doc is None or journey_id is None:
            self.setSceneRect(QRectF(0, 0, 800, 600))
            return
        with paused_gc():
            self._build(doc, journey_id)
        settle_built(self)

    def _build(self, doc: Document, journey_id: int) -> None:
        self.data = self.blueprint.read(doc, journey_id)
        self.addItem(self.title)
        self.addItem(self.curve)
        for tp in self.data.touchpoints.values():
            self._add_card(tp)
        self.relayout()

    def refresh(self) -> None:
        """Re-read the whole journey (after a change too broad to patch)."""
        if self.data is not None:
            selected = self.selected_touchpoints()
            self.show_journey(self.doc, self.data.id)
            self.select_touchpoints(selected)

    # -- incremental updates ------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """Bring the items in line with the document after an edit, undo or redo."""
        if self.doc is None or self.data is None:
            return
        gone = not journey_exists(self.doc, self.data.id)
        if self.data.id in changes.of("journey") and gone:
            self.show_journey(self.doc, None)
            return
        structural = {"stage", "lane", "journey", "persona", "workspace", "metric"}
        if structural & set(changes.ids):
            fresh = self.blueprint.read(self.doc, self.data.id)
            self._sync_cards(fresh)
            self.data = fresh
            self.relayout()
            return
        data = self.data
        self.blueprint.connectors_changed(changes.of("connector"))
        cells: set[tuple[int, int]] = set()
        if "touchpoint" in changes:
            cells = self._update_touchpoints(data, changes.of("touchpoint"))
        if {"annotation", "vote", "text_cell", "vote_round"} & set(changes.ids):
            data.annotations = load_annotations(self.doc, data.id)
            data.text_cells = load_text_cells(self.doc, data.id)
            votes = load_vote_counts(self.doc, data.id)
            for tp_id, tp in data.touchpoints.items():
                if tp.votes != votes.get(tp_id, 0):
                    tp.votes = votes.get(tp_id, 0)
                    self.cards[tp_id].set_touchpoint(tp)
            self.relayout()
        elif not self._relayout_cells(cells, changes.of("touchpoint")):
            self.relayout(keep_text=True)  # a lane grew or shrank: place, do not refit

    def _update_touchpoints(self, data: JourneyData, ids: set[int]) -> set[tuple[int, int]]:
        """Re-read the changed touchpoints and the order of the cells they left or joined;
        return those cells (an edit never reorders cards anywhere else)."""
        assert self.doc is not None
        cells: set[tuple[int, int]] = set()
        for tp_id in ids:
            old = data.touchpoints.get(tp_id)
            if old is not None:
                cells.add((old.stage_id, old.lane_id))
            tp = load_touchpoint(self.doc, tp_id)
            if tp is None or self.blueprint.hides(tp.lane_id):
                data.touchpoints.pop(tp_id, None)
                card = self.cards.pop(tp_id, None)
                if card is not None:
                    self.removeItem(card)
                self.layout.cards.pop(tp_id, None)
                continue
            cells.add((tp.stage_id, tp.lane_id))
            data.touchpoints[tp.id] = tp
            card = self.cards.get(tp.id)
            if card is None:
                self._add_card(tp)
            else:
                card.set_touchpoint(tp)
        for stage_id, lane_id in cells:
            members = []
            for tp_id, position in cell_positions(self.doc, stage_id, lane_id):
                tp = data.touchpoints.get(tp_id)
                if tp is not None:
                    tp.position = position
                    members.append(tp_id)
            self._cells[(stage_id, lane_id)] = members
        return cells

    def _relayout_cells(
        self, cells: set[tuple[int, int]], edited: AbstractSet[int] = frozenset()
    ) -> bool:
        """Re-place the cards of a few cells (False: they need a whole relayout). Only
        ``edited`` cards are fitted again (a cell of 70 cards costs 70 rects, not 70 fits),
        only cards whose place changed move; a lane that grows moves the bands below whole."""
        assert self.data is not None
        data, lay = self.data, self.layout
        for tp_id in edited:
            lay.card_text.pop(tp_id, None)
        self._replaced = set(edited)
        if self.focus is not None:
            return False  # lanes follow the focused stage: place all again
        for stage_id, lane_id in cells:
            if lane_id not in lay.lanes or stage_id not in lay.columns:
                return False
        if len({stage for stage, _ in cells}) > 1 and self._pins.pinned_to(data, set(edited)):
            return False  # its notes go to another stage's column of the insight rows
        moved: set[int] = set(edited)
        rel = lay.cards.relative_values
        for stage_id, lane_id in cells:
            members = self._cells.get((stage_id, lane_id), [])
            before = [rel.get(tp_id) for tp_id in members]
            geo.place_cell(lay, data, stage_id, lane_id, members, refit=False)
            moved.update(t for t, r in zip(members, before, strict=True) if rel[t] != r)
        moved &= self.cards.keys()
        self._replaced |= moved
        old_lanes = dict(lay.lanes)
        bands = lane_shift.resize_lanes(lay, data, {lane for _, lane in cells})
        if bands is None:
            return False
        for tp_id in moved:
            self._place_card(self.cards[tp_id], tp_id, lay, lay.card_text[tp_id])
        if bands:  # a lane grew or shrank: the bands below move whole
            self._follow_bands(data, lay, bands, old_lanes)
        patch_markers(lay, data, self._pins.pinned_to(data, moved), self._place_marker)
        self.curve_due.stages |= {stage for stage, _ in cells}
        self.curve_due.settle(lay, data, seen_boxes(self))
        self._sync_curve(data, lay)
        self._sync_title(data, lay)
        self.placed = set(self._replaced)
        self.laidOut.emit()
        return True

    def _place_card(
        self, card: CardItem, tp_id: int, lay: geo.MapLayout, text: object, rect: bool = True
    ) -> None:
        """Put ``card`` in its lane's container (``rect`` False: its place there is kept)."""
        if tp_id not in lay.cards:
            card.place(self, None, None, None)
            return
        band, rel = lay.cards.relative(tp_id)
        lane = lay.lanes.get(band)
        block = None if lane is None else self.blocks.block(band, lane.y, (rel.x, rel.y))
        card.place(self, block, rel if rect else None, text)  # type: ignore[arg-type]

    def _place_marker(self, ann_id: int, band: object, centre: tuple[float, float]) -> None:
        marker = self.markers.get(ann_id)
        if marker is None:
            return
        lane = self.layout.lanes.get(band)  # type: ignore[arg-type]
        block = (
            None if lane is None else self.blocks.block(band, lane.y, centre, MARKER_Z)  # type: ignore[arg-type]
        )
        if marker.parentItem() is not block:
            marker.setParentItem(block)
        marker.setPos(*centre)

    def _follow_bands(
        self,
        data: JourneyData,
        lay: geo.MapLayout,
        bands: dict[object, float],
        old_lanes: dict[int, geo.Rect],
    ) -> None:
        """Lanes changed height: move the bands' containers (one call each), their frame."""
        for band in bands:
            rect = lay.lanes.get(band) if isinstance(band, int) else lay.insight_rows.get(band)  # type: ignore[arg-type]
            if rect is not None:
                self.blocks.move(band, rect.y)
        follow_bands(self, data, lay, bands)
        for key, label in self.row_labels.items():
            if key in bands:
                label.set_row(row_label(key), key, lay.insight_rows[key])
        self._sync_groups(lay)
        self.blueprint.lanes_resized(old_lanes)
        self._set_scene_rect(lay)
        repaint_whole(self)  # most of the view moved: Qt need not track each moved item

    def _add_card(self, tp: TouchpointData) -> CardItem:
        """A new card; it joins the scene once laid out (:meth:`CardItem.place`)."""
        card = CardItem(tp)
        card.metrics_visible = self.metrics_visible
        self.cards[tp.id] = card
        return card

    def _sync_cards(self, fresh: JourneyData) -> None:
        for tp_id in list(self.cards):
            if tp_id not in fresh.touchpoints:
                self.removeItem(self.cards.pop(tp_id))
        for tp in fresh.touchpoints.values():
            card = self.cards.get(tp.id)
            if card is None:
                self._add_card(tp)
            elif card.tp != tp:
                card.set_touchpoint(tp)
            else:
                card.tp = tp  # same content; share the fresh object the scene now updates

    # -- layout -----------------------------------------------------------
    def relayout(self, keep_text: bool = False) -> None:
        """Place everything from scratch (after structural edits); moves only what moved.
        ``keep_text``: a lane grew under an edited card; the others keep their fitted text."""
        assert self.data is not None
        data, old = self.data, self.layout
        cells = data.cells()
        if self.focus is None:
            texts = old.card_text if keep_text else None
            lay = geo.compute_layout(data, cells, metrics=self.metrics_visible, texts=texts)
        else:
            lay = self.focus.layout(data, cells, self.metrics_visible)
        self.layout = lay
        self.curve_due.stages.clear()
        self._cells = {cell: [t.id for t in tps] for cell, tps in cells.items()}
        placed: set[int] | None = set(self._replaced) if keep_text and not self.focus else None
        old_cards, cards = old.cards, lay.cards
        for tp_id, card in self.cards.items():
            text = lay.card_text.get(tp_id)
            band, rel = cards.relative(tp_id) if tp_id in cards else (None, None)
            same = (
                rel is not None
                and tp_id in old_cards
                and old_cards.relative(tp_id) == (band, rel)
                and old.card_text.get(tp_id) is text
                and self.blocks.holds(card, band, (rel.x, rel.y))
            )
            if keep_text and same and tp_id not in self._replaced:
                self._place_card(card, tp_id, lay, text, rect=False)  # its lane may move
                continue
            if placed is not None:
                placed.add(tp_id)
            self._place_card(card, tp_id, lay, text)
        for lane_id, rect in lay.lanes.items():
            self.blocks.move(lane_id, rect.y)
        for key, rect in lay.insight_rows.items():
            self.blocks.move(key, rect.y)
        self.placed = placed
        self._replaced = set()
        sync_frame(self, data, lay)
        self._sync_insights(data, lay)
        self._sync_groups(lay)
        self._sync_curve(data, lay)
        self._sync_title(data, lay)
        if self.focus is not None:
            self.focus.apply(self)
        self._set_scene_rect(lay)
        self.laidOut.emit()

    def _set_scene_rect(self, lay: geo.MapLayout) -> None:
        top = -TitleBandItem.HEIGHT - 8 - _MARGIN / 2
        self.setSceneRect(
            QRectF(-_MARGIN, top, lay.width + 2 * _MARGIN, lay.height - top + _MARGIN)
        )

    def _sync_groups(self, lay: geo.MapLayout) -> None:
        for group in self.groups:
            self.removeItem(group)
        self.groups = [GroupItem(g) for g in lay.groups]
        for group in self.groups:
            self.addItem(group)

    def settle_curve(self, seen: list[Box] | None = None) -> None:
        """Patch the curve points that wait, if the emotion lane meets ``seen`` (None: now)."""
        if self.data is not None and self.curve_due.settle(self.layout, self.data, seen):
            self._sync_curve(self.data, self.layout)

    def _sync_curve(self, data: JourneyData, lay: geo.MapLayout) -> None:
        emotion_lane = next((ln for ln in data.lanes if ln.kind == LaneKind.EMOTION), None)
        band = lay.lanes.get(emotion_lane.id) if emotion_lane else None
        self.curve.focus = None
        touchpoints = data.touchpoints
        self.curve.title_of = lambda tp_id: t.title if (t := touchpoints.get(tp_id)) else ""
        self.curve.set_curve(band, lay.emotion)

    def _sync_title(self, data: JourneyData, lay: geo.MapLayout) -> None:
        persona = f"Persona: {data.persona}" if data.persona else "No persona"
        self.title.set_text(
            data.name,
            f"{data.workspace}  ·  {persona}  ·  {data.state.capitalize()} state  ·  "
            f"{len(data.touchpoints)} touchpoints",
            lay.width,
        )

    def _sync_insights(self, data: JourneyData, lay: geo.MapLayout) -> None:
        sync_insight_items(self, self.row_labels, self.notes, data, lay, self.blocks)

    # -- selection ----------------------------------------------------------
    def selected_touchpoints(self) -> list[int]:
        return [i.touchpoint_id for i in self.selectedItems() if isinstance(i, CardItem)]

    def select_touchpoints(self, ids: list[int]) -> None:
        """Select exactly these cards, telling listeners once (not once per card)."""
        blocked = self.blockSignals(True)
        try:
            self.clearSelection()
            for tp_id in ids:
                card = self.cards.get(tp_id)
                if card is not None:
                    card.setSelected(True)
        finally:
            self.blockSignals(blocked)
        if not blocked:
            self.selectionChanged.emit()
        else:
            self._restyle_selection()

    def set_metrics_visible(self, visible: bool) -> None:
        self.metrics_visible = visible
        for card in self.cards.values():
            card.metrics_visible = visible
        if self.data is not None:
            self.relayout()
