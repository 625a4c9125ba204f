"""The canvas's gesture actions: add, rename, delete, annotate, duplicate and nudge.

Each action reads the scene's snapshot, asks for what it needs (a title typed in
place, a confirmation) and ends in one ``controller.run`` / ``run_batch`` call with
a typed editing function, so it is validated, committed at once and undoable.
Mouse, keyboard, menus and the main window all call these same methods.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsView, QMessageBox

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.editing.moves import nudge_edits
from journeymapper.geometry import layout as geo
from journeymapper.model.enums import CARD_LANE_KINDS, LAYER_LABELS, AnnotationKind, LaneKind
from journeymapper.store.journey_data import JourneyData
from journeymapper.ui.canvas.clipboard import card_fields
from journeymapper.ui.canvas.inline_editor import InlineEditor
from journeymapper.ui.canvas.items import MarkerItem, StageHeaderItem
from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.commands import named
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.dialogs.annotation_text import ask_annotation_text

DEFAULT_STAGE_WIDTH = 340.0
NEW_STAGE_COLOUR = "#e9e7f6"
NEW_LANE_NAMES = {"channel": "New channel", "text": "Notes", "emotion": "Emotion", **LAYER_LABELS}


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.format(n=n)


class CanvasActions:
    """Every editing action the canvas offers, for one scene."""

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        #: Asked before destructive edits; tests replace it.
        self.confirm: Callable[[str], bool] = self._confirm_dialog
        #: Asks for an annotation's text; tests replace it.
        self.ask_text: Callable[[str], str | None] = self._ask_text_dialog

    @property
    def controller(self) -> DocumentController | None:
        return self.scene.controller

    @property
    def data(self) -> JourneyData | None:
        return self.scene.data

    def _view(self) -> QGraphicsView | None:
        views = self.scene.views()
        return views[0] if views else None

    # -- in-place typing -----------------------------------------------------------------
    def edit_cell(self, stage_id: int, lane_id: int) -> None:
        """Double-click in a cell: a new card in a channel lane, the text in a text lane."""
        assert self.data is not None
        lane = next(ln for ln in self.data.lanes if ln.id == lane_id)
        if lane.kind in CARD_LANE_KINDS:
            self.new_touchpoint(stage_id, lane_id)
        elif lane.kind == LaneKind.TEXT:
            self.edit_text_cell(stage_id, lane_id)

    def new_touchpoint(self, stage_id: int, lane_id: int) -> InlineEditor | None:
        """Open a title field in the cell; Enter adds the touchpoint (one undo step)."""
        view = self._view()
        if view is None or self.data is None:
            return None
        cell = self.scene.layout.cell_rect(stage_id, lane_id)
        count = len(self.data.cell(stage_id, lane_id))
        dx, dy = geo.card_offset(count, geo.columns_for(cell.w))
        rect = QRectF(cell.x + dx, cell.y + dy, geo.CARD_W, 30)

        def commit(title: str) -> None:
            if title.strip() and self.controller is not None:
                result = self.controller.run(
                    "Add touchpoint",
                    editing.add_touchpoint,
                    stage_id=stage_id,
                    lane_id=lane_id,
                    title=title.strip(),
                )
                if result is not None and result.created_id is not None:
                    self.scene.select_touchpoints([result.created_id])

        return InlineEditor(view, rect, "", commit, placeholder="Touchpoint title")

    def edit_title(self, touchpoint_id: int) -> InlineEditor | None:
        view, card = self._view(), self.scene.cards.get(touchpoint_id)
        if view is None or card is None:
            return None
        rect = QRectF(card.x(), card.y(), geo.CARD_W, 30)

        def commit(title: str) -> None:
            if self.controller is not None and title.strip() and title != card.tp.title:
                self.controller.run(
                    named("Rename", card.tp.title),
                    editing.edit_touchpoint,
                    touchpoint_id=touchpoint_id,
                    title=title,
                )

        return InlineEditor(view, rect, card.tp.title, commit)

    def edit_stage_name(self, stage_id: int) -> InlineEditor | None:
        view, head = self._view(), self.scene.headers.get(stage_id)
        if view is None or head is None:
            return None
        r = self.scene.layout.stages[stage_id]
        rect = QRectF(r.x + 4, r.y + 12, r.w - 8, 30)

        def commit(name: str) -> None:
            if self.controller is not None and name.strip() and name != head.stage.name:
                self.controller.run(
                    named("Rename stage", head.stage.name),
                    editing.edit_stage,
                    stage_id=stage_id,
                    name=name,
                )

        return InlineEditor(view, rect, head.stage.name, commit)

    def edit_lane_name(self, lane_id: int) -> InlineEditor | None:
        view, item = self._view(), self.scene.lanes.get(lane_id)
        if view is None or item is None:
            return None
        r = self.scene.layout.lanes[lane_id]
        rect = QRectF(geo.GROUP_W + 2, r.cy - 15, geo.LABEL_W - 4, 30)

        def commit(name: str) -> None:
            if self.controller is not None and name.strip() and name != item.lane.name:
                self.controller.run(
                    named("Rename lane", item.lane.name),
                    editing.edit_lane,
                    lane_id=lane_id,
                    name=name,
                )

        return InlineEditor(view, rect, item.lane.name, commit)

    def edit_text_cell(self, stage_id: int, lane_id: int) -> InlineEditor | None:
        view = self._view()
        if view is None or self.data is None:
            return None
        r = self.scene.layout.cell_rect(stage_id, lane_id)
        old = self.data.text_cells.get((stage_id, lane_id), "")

        def commit(text: str) -> None:
            if self.controller is not None and text != old:
                self.controller.run(
                    "Edit text",
                    editing.set_text_cell,
                    stage_id=stage_id,
                    lane_id=lane_id,
                    text=text,
                )

        return InlineEditor(view, QRectF(r.x, r.y, r.w, max(r.h, 90)), old, commit, multiline=True)

    def rename_selected(self) -> None:
        """F2: rename the first selected card, else the first selected stage."""
        cards = self.scene.selected_touchpoints()
        stages = [i.stage_id for i in self.scene.selectedItems() if isinstance(i, StageHeaderItem)]
        if cards:
            self.edit_title(cards[0])
        elif stages:
            self.edit_stage_name(stages[0])

    # -- structure ------------------------------------------------------------------------
    def add_stage(self, width: float = DEFAULT_STAGE_WIDTH, index: int | None = None) -> None:
        """Add "Stage n" (the first free n) and open its name for typing."""
        if self.controller is None or self.data is None:
            return
        names = {s.name for s in self.data.stages}
        n = len(self.data.stages) + 1
        while f"Stage {n}" in names:
            n += 1
        result = self.controller.run(
            "Add stage",
            editing.add_stage,
            journey_id=self.data.id,
            name=f"Stage {n}",
            index=index,
            width=width,
            colour=NEW_STAGE_COLOUR,
        )
        if result is not None and result.created_id is not None:
            self.edit_stage_name(result.created_id)

    def _new_lane_index(self, kind: str, channel_kind: str | None) -> int | None:
        """A channel lane joins the end of its online/offline group (online goes first)."""
        assert self.data is not None
        if kind != LaneKind.CHANNEL:
            return None
        same = [ln.position for ln in self.data.lanes if ln.channel_kind == channel_kind]
        if same:
            return max(same) + 1
        if channel_kind == "online":
            channels = [ln.position for ln in self.data.lanes if ln.kind == LaneKind.CHANNEL]
            return min(channels) if channels else None
        return None

    def add_lane(self, kind: str, channel_kind: str | None = None) -> None:
        """Add a lane and open its name for typing."""
        if self.controller is None or self.data is None:
            return
        result = self.controller.run(
            "Add lane",
            editing.add_lane,
            journey_id=self.data.id,
            name=NEW_LANE_NAMES[kind],
            kind=kind,
            channel_kind=channel_kind,
            index=self._new_lane_index(kind, channel_kind),
        )
        if result is not None and result.created_id is not None:
            self.edit_lane_name(result.created_id)

    def delete_stage(self, stage_id: int) -> None:
        """Delete a stage, asking first when it holds touchpoints."""
        if self.controller is None or self.data is None:
            return
        stage = next(s for s in self.data.stages if s.id == stage_id)
        count = sum(1 for t in self.data.touchpoints.values() if t.stage_id == stage_id)
        if count and not self.confirm(
            f"Delete the stage “{stage.name}” and its {count} touchpoint"
            f"{'s' if count != 1 else ''}?"
        ):
            return
        self.controller.run(
            named("Delete stage", stage.name), editing.delete_stage, stage_id=stage_id
        )

    def delete_lane(self, lane_id: int) -> None:
        """Delete a lane, asking first when it holds touchpoints."""
        if self.controller is None or self.data is None:
            return
        lane = next(ln for ln in self.data.lanes if ln.id == lane_id)
        count = sum(1 for t in self.data.touchpoints.values() if t.lane_id == lane_id)
        if count and not self.confirm(
            f"Delete the lane “{lane.name}” and its {count} touchpoint{'s' if count != 1 else ''}?"
        ):
            return
        self.controller.run(named("Delete lane", lane.name), editing.delete_lane, lane_id=lane_id)

    def add_annotation(
        self, kind: str, touchpoint_id: int | None = None, stage_id: int | None = None
    ) -> None:
        """Ask for the text, then pin an annotation to a touchpoint or a stage."""
        if self.controller is None:
            return
        text = self.ask_text(AnnotationKind(kind).label)
        if text and text.strip():
            self.controller.run(
                f"Add {AnnotationKind(kind).label.lower()}",
                editing.add_annotation,
                kind=kind,
                text=text.strip(),
                touchpoint_id=touchpoint_id,
                stage_id=stage_id,
            )

    # -- selection ------------------------------------------------------------------------
    def delete_selection(self) -> None:
        """Delete the selected cards and markers in one step, then the selected stages."""
        if self.controller is None:
            return
        selected = self.scene.selectedItems()
        cards = self.scene.selected_touchpoints()
        markers = [i.annotation_id for i in selected if isinstance(i, MarkerItem)]
        # Connectors first: a selected card's delete takes its connectors along.
        edits = [
            Edit.of(editing.delete_connector, connector_id=i.connector_id)
            for i in selected
            if isinstance(i, ConnectorItem)
        ]
        stages = [i.stage_id for i in selected if isinstance(i, StageHeaderItem)]
        # A marker pinned to a deleted card goes with the card (deleting it twice would fail).
        pinned = set()
        if self.data is not None:
            pinned = {a.id for a in self.data.annotations if a.touchpoint_id in set(cards)}
        edits += [
            Edit.of(editing.delete_annotation, annotation_id=a) for a in markers if a not in pinned
        ]
        edits += [Edit.of(editing.delete_touchpoint, touchpoint_id=t) for t in cards]
        if edits:
            self.controller.run_batch(_plural(len(edits), "Delete", "Delete {n} items"), edits)
        for stage_id in stages:
            self.delete_stage(stage_id)

    def move_selection(self, d_stage: int, d_lane: int) -> None:
        """Arrow keys: move selected cards to the neighbouring stage or channel lane."""
        if self.controller is None or self.data is None:
            return
        selected = self.scene.selected_touchpoints()
        cells = {
            t: (self.data.touchpoints[t].stage_id, self.data.touchpoints[t].lane_id)
            for t in selected
        }
        stages = [s.id for s in self.data.stages]
        lanes = [ln.id for ln in self.data.lanes if ln.kind in CARD_LANE_KINDS]
        edits = nudge_edits(selected, cells, stages, lanes, d_stage, d_lane)
        if edits:
            text = _plural(len(edits), "Move touchpoint", "Move {n} touchpoints")
            self.controller.run_batch(text, edits)
            self.scene.select_touchpoints(selected)

    def duplicate_selection(self) -> list[int]:
        """Copy each selected card right after itself; the copies end up selected."""
        if self.controller is None or self.data is None:
            return []
        edits = []
        for tp_id in self.scene.selected_touchpoints():
            tp = self.data.touchpoints[tp_id]
            edits.append(
                Edit.of(
                    editing.add_touchpoint,
                    stage_id=tp.stage_id,
                    lane_id=tp.lane_id,
                    index=tp.position + 1,
                    **card_fields(tp),
                )
            )
        return self.add_and_select("Duplicate", edits)

    def add_and_select(self, text: str, edits: list[Edit]) -> list[int]:
        """Run adding edits as one step and select the touchpoints they created."""
        if not edits or self.controller is None:
            return []
        result = self.controller.run_batch(text, edits)
        if result is None:
            return []
        new_ids = sorted(result.changes.of("touchpoint") - set(self.scene.selected_touchpoints()))
        self.scene.select_touchpoints(new_ids)
        return new_ids

    # -- dialogs (replaced in tests) ------------------------------------------------------------
    def _confirm_dialog(self, question: str) -> bool:
        answer = QMessageBox.question(self._view(), "Journey Mapper", question)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_text_dialog(self, what: str) -> str | None:
        return ask_annotation_text(self._view(), what)
