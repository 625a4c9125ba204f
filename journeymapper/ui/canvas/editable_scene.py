"""The editable canvas: mouse, keyboard and context-menu gestures on top of the drawing scene.

Every gesture ends in :meth:`DocumentController.run` (or ``run_batch``), so it
is validated, committed at once and undoable; the scene then updates itself
from the change signal like after any other edit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.geometry import layout as geo
from journeymapper.model.enums import AnnotationKind, LaneKind
from journeymapper.ui import style
from journeymapper.ui.canvas.inline_editor import InlineEditor
from journeymapper.ui.canvas.interactions import (
    DEFAULT_STAGE_WIDTH,
    CardDrag,
    EmotionDrag,
    Interaction,
    LaneReorder,
    LaneResize,
    StageDraw,
    StageReorder,
    StageResize,
    move_edits,
)
from journeymapper.ui.canvas.items import CardItem, MarkerItem, StageHeaderItem
from journeymapper.ui.canvas.scene import JourneyScene

CLIPBOARD_MIME = "application/x-journeymapper-touchpoints"
COPIED_FIELDS = ("title", "description", "interaction", "owner", "emotion", "colour", "evidence")
ADD_STAGE_W = 150.0
BORDER_GRIP = 5.0

Zone = tuple[str, Any]


class AddStageItem(QGraphicsItem):
    """The "+ Add stage" slot after the last stage: click to add, drag to draw its width."""

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(0, 0, ADD_STAGE_W, geo.HEADER_H)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.boundingRect().adjusted(6, 6, -6, -6)
        painter.setPen(QPen(style.MUTED, 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(QColor(255, 255, 255, 120)))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(style.MUTED)
        painter.setFont(style.font(9, bold=True))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "+ Add stage")


class EditableScene(JourneyScene):
    """A journey scene the user edits with the mouse and keyboard."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._interaction: Interaction | None = None
        self._pending: tuple[Callable[[], Interaction], QPointF] | None = None
        self._press_screen: QPointF | None = None
        self.add_stage_item: AddStageItem | None = None
        #: The cell last clicked (paste target when no card is selected).
        self.current_cell: tuple[int, int] | None = None
        #: Asked before destructive edits; tests replace it.
        self.confirm: Callable[[str], bool] = self._confirm_dialog
        #: Asks for an annotation's text; tests replace it.
        self.ask_text: Callable[[str], str | None] = self._ask_text_dialog

    # -- layout hook --------------------------------------------------------------
    def relayout(self) -> None:
        super().relayout()
        if self.data is None:
            return
        if self.add_stage_item is None or self.add_stage_item.scene() is not self:
            self.add_stage_item = AddStageItem()
            self.addItem(self.add_stage_item)
        self.add_stage_item.setPos(self.layout.width, 0)
        rect = self.sceneRect()
        self.setSceneRect(rect.adjusted(0, 0, ADD_STAGE_W, 0))

    def show_journey(self, doc: Any, journey_id: int | None) -> None:
        self.add_stage_item = None
        self.current_cell = None
        super().show_journey(doc, journey_id)

    # -- where is the mouse ---------------------------------------------------------
    def zone(self, pos: QPointF) -> Zone:
        lay = self.layout
        x, y = pos.x(), pos.y()
        if self.data is None:
            return ("none", None)
        if 0 <= y < geo.HEADER_H:
            for stage_id in lay.stage_order:
                if abs(x - lay.stages[stage_id].right) <= BORDER_GRIP:
                    return ("stage_border", stage_id)
            if lay.width < x <= lay.width + ADD_STAGE_W:
                return ("new_stage", None)
            for stage_id in lay.stage_order:
                if lay.stages[stage_id].contains(x, y):
                    return ("stage", stage_id)
            return ("none", None)
        if geo.GROUP_W <= x < geo.LEFT_W:
            for lane_id in lay.lane_order:
                r = lay.lanes[lane_id]
                if abs(y - r.bottom) <= BORDER_GRIP - 1:
                    return ("lane_border", lane_id)
                if r.y <= y < r.bottom:
                    return ("lane_label", lane_id)
        emotion = next((ln for ln in self.data.lanes if ln.kind == LaneKind.EMOTION), None)
        if emotion is not None and lay.lanes[emotion.id].contains(x, y):
            for tp_id, px, py in lay.emotion:
                if abs(px - x) <= 8 and abs(py - y) <= 8:
                    return ("emotion_point", tp_id)
        cell = lay.cell_at(x, y)
        if cell is not None:
            return ("cell", cell)
        return ("none", None)

    # -- mouse ----------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._pending = None
        if event.button() != Qt.MouseButton.LeftButton or self.controller is None or not self.data:
            super().mousePressEvent(event)
            return
        pos = event.scenePos()
        kind, target = self.zone(pos)
        if kind == "cell":
            self.current_cell = target
        start: Callable[[], Interaction] | None = {
            "stage_border": lambda: StageResize(self, pos, target),
            "new_stage": lambda: StageDraw(self, pos),
            "lane_border": lambda: LaneResize(self, pos, target),
            "emotion_point": lambda: EmotionDrag(self, pos, target),
        }.get(kind)
        if start is not None:
            self._interaction = start()
            event.accept()
            return
        if kind == "lane_label":
            self._pending = (lambda: LaneReorder(self, pos, target), event.screenPos())
            event.accept()
            return
        super().mousePressEvent(event)
        grabber = self.mouseGrabberItem()
        if isinstance(grabber, CardItem):
            cards = [i for i in self.selectedItems() if isinstance(i, CardItem)]
            if grabber not in cards:
                cards.append(grabber)
            self.current_cell = (grabber.tp.stage_id, grabber.tp.lane_id)
            self._pending = (lambda: CardDrag(self, pos, cards), event.screenPos())
        elif isinstance(grabber, StageHeaderItem):
            stage_id = grabber.stage_id
            self._pending = (lambda: StageReorder(self, pos, stage_id), event.screenPos())

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._interaction is not None:
            self._interaction.move(event.scenePos())
            event.accept()
            return
        if self._pending is not None:
            factory, screen = self._pending
            moved = (event.screenPos() - screen).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._pending = None
                self._interaction = factory()
                self._interaction.move(event.scenePos())
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            self._update_cursor(event.scenePos())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        interaction, self._interaction = self._interaction, None
        self._pending = None
        if interaction is not None:
            grabber = self.mouseGrabberItem()
            if grabber is not None:
                grabber.ungrabMouse()
            interaction.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _update_cursor(self, pos: QPointF) -> None:
        kind, _ = self.zone(pos)
        shape = {
            "stage_border": Qt.CursorShape.SizeHorCursor,
            "lane_border": Qt.CursorShape.SizeVerCursor,
            "emotion_point": Qt.CursorShape.SizeVerCursor,
            "new_stage": Qt.CursorShape.PointingHandCursor,
            "lane_label": Qt.CursorShape.OpenHandCursor,
        }.get(kind)
        for view in self.views():
            if shape is None:
                view.viewport().unsetCursor()
            else:
                view.viewport().setCursor(shape)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.controller is None or self.data is None:
            super().mouseDoubleClickEvent(event)
            return
        pos = event.scenePos()
        item = self.itemAt(pos, self._view_transform())
        if isinstance(item, CardItem):
            self.edit_title(item.touchpoint_id)
        else:
            kind, target = self.zone(pos)
            if kind == "stage":
                self.edit_stage_name(target)
            elif kind == "lane_label":
                self.edit_lane_name(target)
            elif kind == "cell":
                self._edit_cell(*target)
            else:
                super().mouseDoubleClickEvent(event)
                return
        event.accept()

    def _view_transform(self) -> Any:
        views = self.views()
        return views[0].transform() if views else None

    def _view(self) -> QGraphicsView | None:
        views = self.views()
        return views[0] if views else None

    # -- in-place typing -----------------------------------------------------------------
    def _edit_cell(self, stage_id: int, lane_id: int) -> None:
        assert self.data is not None
        lane = next(ln for ln in self.data.lanes if ln.id == lane_id)
        if lane.kind == LaneKind.CHANNEL:
            self.new_touchpoint(stage_id, lane_id)
        elif lane.kind == LaneKind.TEXT:
            self.edit_text_cell(stage_id, lane_id)

    def new_touchpoint(self, stage_id: int, lane_id: int) -> InlineEditor | None:
        """Open a title field in the cell; Enter adds the touchpoint (one undo step)."""
        view = self._view()
        if view is None or self.data is None:
            return None
        cell = self.layout.cell_rect(stage_id, lane_id)
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
                    self.select_touchpoints([result.created_id])

        return InlineEditor(view, rect, "", commit, placeholder="Touchpoint title")

    def edit_title(self, touchpoint_id: int) -> InlineEditor | None:
        view, card = self._view(), self.cards.get(touchpoint_id)
        if view is None or card is None:
            return None
        rect = QRectF(card.x(), card.y(), geo.CARD_W, 30)

        def commit(title: str) -> None:
            if self.controller is not None and title.strip() and title != card.tp.title:
                self.controller.run(
                    "Rename touchpoint",
                    editing.edit_touchpoint,
                    touchpoint_id=touchpoint_id,
                    title=title,
                )

        return InlineEditor(view, rect, card.tp.title, commit)

    def edit_stage_name(self, stage_id: int) -> InlineEditor | None:
        view, head = self._view(), self.headers.get(stage_id)
        if view is None or head is None:
            return None
        r = self.layout.stages[stage_id]
        rect = QRectF(r.x + 4, r.y + 12, r.w - 8, 30)

        def commit(name: str) -> None:
            if self.controller is not None and name.strip() and name != head.stage.name:
                self.controller.run(
                    "Rename stage", editing.edit_stage, stage_id=stage_id, name=name
                )

        return InlineEditor(view, rect, head.stage.name, commit)

    def edit_lane_name(self, lane_id: int) -> InlineEditor | None:
        view, item = self._view(), self.lanes.get(lane_id)
        if view is None or item is None:
            return None
        r = self.layout.lanes[lane_id]
        rect = QRectF(geo.GROUP_W + 2, r.cy - 15, geo.LABEL_W - 4, 30)

        def commit(name: str) -> None:
            if self.controller is not None and name.strip() and name != item.lane.name:
                self.controller.run("Rename lane", editing.edit_lane, lane_id=lane_id, name=name)

        return InlineEditor(view, rect, item.lane.name, commit)

    def edit_text_cell(self, stage_id: int, lane_id: int) -> InlineEditor | None:
        view = self._view()
        if view is None or self.data is None:
            return None
        r = self.layout.cell_rect(stage_id, lane_id)
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

    # -- structure ------------------------------------------------------------------------
    def add_stage(self, width: float = DEFAULT_STAGE_WIDTH, index: int | None = None) -> None:
        if self.controller is None or self.data is None:
            return
        names = {s.name for s in self.data.stages}
        n = len(self.data.stages) + 1
        while f"Stage {n}" in names:
            n += 1
        colour = "#e9e7f6"
        result = self.controller.run(
            "Add stage",
            editing.add_stage,
            journey_id=self.data.id,
            name=f"Stage {n}",
            index=index,
            width=width,
            colour=colour,
        )
        if result is not None and result.created_id is not None:
            self.edit_stage_name(result.created_id)

    def add_lane(self, kind: str, channel_kind: str | None = None) -> None:
        """Add a lane; a channel lane joins the end of its online/offline group."""
        if self.controller is None or self.data is None:
            return
        index = None
        if kind == LaneKind.CHANNEL:
            same = [ln.position for ln in self.data.lanes if ln.channel_kind == channel_kind]
            if same:
                index = max(same) + 1
            elif channel_kind == "online":
                channels = [ln.position for ln in self.data.lanes if ln.kind == LaneKind.CHANNEL]
                index = min(channels) if channels else None
        name = {
            "channel": "New channel",
            "text": "Notes",
            "emotion": "Emotion",
        }[kind]
        result = self.controller.run(
            "Add lane",
            editing.add_lane,
            journey_id=self.data.id,
            name=name,
            kind=kind,
            channel_kind=channel_kind,
            index=index,
        )
        if result is not None and result.created_id is not None:
            self.edit_lane_name(result.created_id)

    def delete_stage(self, stage_id: int) -> None:
        if self.controller is None or self.data is None:
            return
        stage = next(s for s in self.data.stages if s.id == stage_id)
        count = sum(1 for t in self.data.touchpoints.values() if t.stage_id == stage_id)
        if count and not self.confirm(
            f"Delete the stage “{stage.name}” and its {count} touchpoint"
            f"{'s' if count != 1 else ''}?"
        ):
            return
        self.controller.run("Delete stage", editing.delete_stage, stage_id=stage_id)

    def delete_lane(self, lane_id: int) -> None:
        if self.controller is None or self.data is None:
            return
        lane = next(ln for ln in self.data.lanes if ln.id == lane_id)
        count = sum(1 for t in self.data.touchpoints.values() if t.lane_id == lane_id)
        if count and not self.confirm(
            f"Delete the lane “{lane.name}” and its {count} touchpoint{'s' if count != 1 else ''}?"
        ):
            return
        self.controller.run("Delete lane", editing.delete_lane, lane_id=lane_id)

    def add_annotation(
        self, kind: str, touchpoint_id: int | None = None, stage_id: int | None = None
    ) -> None:
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

    # -- selection commands -------------------------------------------------------------------
    def delete_selection(self) -> None:
        if self.controller is None:
            return
        cards = self.selected_touchpoints()
        markers = [i.annotation_id for i in self.selectedItems() if isinstance(i, MarkerItem)]
        stages = [i.stage_id for i in self.selectedItems() if isinstance(i, StageHeaderItem)]
        edits = [Edit.of(editing.delete_annotation, annotation_id=a) for a in markers]
        pinned = set()
        if self.data is not None:
            pinned = {a.id for a in self.data.annotations if a.touchpoint_id in set(cards)}
        edits = [e for e in edits if e.args["annotation_id"] not in pinned]
        edits += [Edit.of(editing.delete_touchpoint, touchpoint_id=t) for t in cards]
        if edits:
            n = len(edits)
            self.controller.run_batch("Delete" if n == 1 else f"Delete {n} items", edits)
        for stage_id in stages:
            self.delete_stage(stage_id)

    def move_selection(self, d_stage: int, d_lane: int) -> None:
        """Arrow keys: move selected cards to the neighbouring stage or channel lane."""
        if self.controller is None or self.data is None:
            return
        stages = [s.id for s in self.data.stages]
        lanes = [ln.id for ln in self.data.lanes if ln.kind == LaneKind.CHANNEL]
        edits = []
        for tp_id in self.selected_touchpoints():
            tp = self.data.touchpoints[tp_id]
            si = stages.index(tp.stage_id) + d_stage
            li = lanes.index(tp.lane_id) + d_lane
            if 0 <= si < len(stages) and 0 <= li < len(lanes):
                target = (stages[si], lanes[li])
                edits.append(
                    Edit(
                        "move_touchpoint",
                        {"touchpoint_id": tp_id, "stage_id": target[0], "lane_id": target[1]},
                    )
                )
        if edits:
            selected = self.selected_touchpoints()
            n = len(edits)
            self.controller.run_batch(
                "Move touchpoint" if n == 1 else f"Move {n} touchpoints", edits
            )
            self.select_touchpoints(selected)

    def copy_selection(self) -> int:
        if self.data is None:
            return 0
        items = [
            {f: getattr(self.data.touchpoints[t], f) for f in COPIED_FIELDS}
            for t in self.selected_touchpoints()
        ]
        if not items:
            return 0
        mime = QMimeData()
        mime.setData(CLIPBOARD_MIME, json.dumps(items).encode("utf-8"))
        mime.setText("\n".join(i["title"] for i in items))
        QGuiApplication.clipboard().setMimeData(mime)
        return len(items)

    def paste(self) -> list[int]:
        """Paste copied touchpoints into the selected card's cell (or the last clicked cell)."""
        if self.controller is None or self.data is None:
            return []
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(CLIPBOARD_MIME):
            return []
        try:
            items = json.loads(bytes(mime.data(CLIPBOARD_MIME).data()).decode("utf-8"))
        except ValueError:
            return []
        cell = self._target_cell()
        if cell is None:
            self.controller.errorOccurred.emit("Click a channel cell to paste into first.")
            return []
        edits = [
            Edit(
                "add_touchpoint",
                {
                    "stage_id": cell[0],
                    "lane_id": cell[1],
                    **{f: i[f] for f in COPIED_FIELDS if f in i},
                },
            )
            for i in items
            if isinstance(i, dict) and i.get("title")
        ]
        return self._add_and_select("Paste", edits)

    def duplicate_selection(self) -> list[int]:
        if self.controller is None or self.data is None:
            return []
        edits = []
        for tp_id in self.selected_touchpoints():
            tp = self.data.touchpoints[tp_id]
            fields = {f: getattr(tp, f) for f in COPIED_FIELDS}
            edits.append(
                Edit(
                    "add_touchpoint",
                    {
                        "stage_id": tp.stage_id,
                        "lane_id": tp.lane_id,
                        "index": tp.position + 1,
                        **fields,
                    },
                )
            )
        return self._add_and_select("Duplicate", edits)

    def _add_and_select(self, text: str, edits: list[Edit]) -> list[int]:
        if not edits or self.controller is None:
            return []
        result = self.controller.run_batch(text, edits)
        if result is None:
            return []
        new_ids = sorted(result.changes.of("touchpoint") - set(self.selected_touchpoints()))
        self.select_touchpoints(new_ids)
        return new_ids

    def _target_cell(self) -> tuple[int, int] | None:
        assert self.data is not None
        selected = self.selected_touchpoints()
        if selected:
            tp = self.data.touchpoints[selected[0]]
            return tp.stage_id, tp.lane_id
        channel = {ln.id for ln in self.data.lanes if ln.kind == LaneKind.CHANNEL}
        if self.current_cell and self.current_cell[1] in channel:
            return self.current_cell
        return None

    # -- keyboard -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if self._interaction is not None and key == Qt.Key.Key_Escape:
            self._interaction.cancel()
            self._interaction = None
            event.accept()
            return
        if self.focusItem() is None or isinstance(self.focusItem(), CardItem):
            arrows = {
                Qt.Key.Key_Left: (-1, 0),
                Qt.Key.Key_Right: (1, 0),
                Qt.Key.Key_Up: (0, -1),
                Qt.Key.Key_Down: (0, 1),
            }
            if key in arrows and self.selected_touchpoints():
                self.move_selection(*arrows[key])
                event.accept()
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selectedItems():
                self.delete_selection()
                event.accept()
                return
            if key == Qt.Key.Key_F2:
                self._rename_selected()
                event.accept()
                return
        super().keyPressEvent(event)

    def _rename_selected(self) -> None:
        cards = self.selected_touchpoints()
        stages = [i.stage_id for i in self.selectedItems() if isinstance(i, StageHeaderItem)]
        if cards:
            self.edit_title(cards[0])
        elif stages:
            self.edit_stage_name(stages[0])

    # -- context menu -------------------------------------------------------------------------
    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        if self.controller is None or self.data is None:
            return
        menu = self.build_context_menu(event.scenePos())
        if menu is not None and not menu.isEmpty():
            menu.exec(event.screenPos())
        event.accept()

    def build_context_menu(self, pos: QPointF) -> QMenu | None:
        menu = QMenu()
        item = self.itemAt(pos, self._view_transform())
        if isinstance(item, CardItem):
            if not item.isSelected():
                self.clearSelection()
                item.setSelected(True)
            tp_id = item.touchpoint_id
            for kind in AnnotationKind:
                menu.addAction(
                    f"Add {kind.label.lower()}…",
                    lambda k=kind.value: self.add_annotation(k, touchpoint_id=tp_id),
                )
            menu.addSeparator()
            menu.addAction("Rename", lambda: self.edit_title(tp_id))
            menu.addAction("Duplicate", self.duplicate_selection)
            menu.addAction("Copy", self.copy_selection)
            menu.addAction("Delete", self.delete_selection)
            return menu
        kind, target = self.zone(pos)
        if kind == "stage":
            stage_id = target
            position = self.layout.stage_order.index(stage_id)
            for ak in AnnotationKind:
                menu.addAction(
                    f"Add {ak.label.lower()}…",
                    lambda k=ak.value: self.add_annotation(k, stage_id=stage_id),
                )
            menu.addSeparator()
            menu.addAction("Rename", lambda: self.edit_stage_name(stage_id))
            menu.addAction("Insert stage before", lambda: self.add_stage(index=position))
            menu.addAction("Insert stage after", lambda: self.add_stage(index=position + 1))
            menu.addAction("Delete stage", lambda: self.delete_stage(stage_id))
        elif kind == "lane_label":
            lane_id = target
            menu.addAction("Rename", lambda: self.edit_lane_name(lane_id))
            self._add_lane_actions(menu)
            menu.addAction("Delete lane", lambda: self.delete_lane(lane_id))
        elif kind == "cell":
            self.current_cell = target
            menu.addAction("Add touchpoint here", lambda: self._edit_cell(*target))
            paste = menu.addAction("Paste", self.paste)
            mime = QGuiApplication.clipboard().mimeData()
            paste.setEnabled(mime is not None and mime.hasFormat(CLIPBOARD_MIME))
        elif kind in ("new_stage", "none"):
            menu.addAction("Add stage", self.add_stage)
            self._add_lane_actions(menu)
        return menu

    def _add_lane_actions(self, menu: QMenu) -> None:
        menu.addAction("Add online channel lane", lambda: self.add_lane("channel", "online"))
        menu.addAction("Add offline channel lane", lambda: self.add_lane("channel", "offline"))
        menu.addAction("Add text lane", lambda: self.add_lane("text"))
        has_emotion = self.data is not None and any(
            ln.kind == LaneKind.EMOTION for ln in self.data.lanes
        )
        if not has_emotion:
            menu.addAction("Add emotion lane", lambda: self.add_lane("emotion"))

    # -- dialogs (replaced in tests) ------------------------------------------------------------
    def _confirm_dialog(self, question: str) -> bool:
        view = self._view()
        answer = QMessageBox.question(view, "Journey Mapper", question)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_text_dialog(self, what: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self._view(), f"Add {what.lower()}", f"{what}:")
        return text if ok else None


__all__ = ["EditableScene", "move_edits"]
