"""The editable canvas: routes mouse, keyboard and context-menu events to the edit code.

This module only decides *what* a press, drag, double click or key means; the
place under the mouse comes from :mod:`hit_test`, the mouse modes from
:mod:`interactions`, the edits from :mod:`actions` and :mod:`clipboard`, the
menu from :mod:`context_menu`. Every gesture ends in one controller call, so it
is validated, committed at once and undoable; the scene then updates itself from
the change signal like after any other edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QMenu,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymapper.geometry import layout as geo
from journeymapper.model.enums import AnnotationKind, LaneKind
from journeymapper.ui import style
from journeymapper.ui.canvas import hit_test
from journeymapper.ui.canvas.actions import CanvasActions
from journeymapper.ui.canvas.clipboard import Clipboard
from journeymapper.ui.canvas.connector_draw import ConnectorDraw
from journeymapper.ui.canvas.context_menu import ContextMenu
from journeymapper.ui.canvas.hit_test import ADD_STAGE_W, Zone
from journeymapper.ui.canvas.interactions import (
    CardDrag,
    EmotionDrag,
    Interaction,
    LaneReorder,
    LaneResize,
    StageDraw,
    StageReorder,
    StageResize,
)
from journeymapper.ui.canvas.items import CardItem, NoteItem, StageHeaderItem, clicked_item
from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.canvas.pain_point_drag import PainPointDrag
from journeymapper.ui.canvas.scene import JourneyScene

ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
CURSORS = {
    "stage_border": Qt.CursorShape.SizeHorCursor,
    "lane_border": Qt.CursorShape.SizeVerCursor,
    "emotion_point": Qt.CursorShape.SizeVerCursor,
    "new_stage": Qt.CursorShape.PointingHandCursor,
    "lane_label": Qt.CursorShape.OpenHandCursor,
}


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
        self.add_stage_item: AddStageItem | None = None
        self.actions = CanvasActions(self)
        self.clipboard = Clipboard(self, self.actions.add_and_select)
        self.context_menu = ContextMenu(self, self.actions, self.clipboard)

    # -- layout hook --------------------------------------------------------------
    def relayout(self, keep_text: bool = False) -> None:
        super().relayout(keep_text)
        if self.data is None:
            return
        if self.add_stage_item is None or self.add_stage_item.scene() is not self:
            self.add_stage_item = AddStageItem()
            self.addItem(self.add_stage_item)
        self.add_stage_item.setPos(self.layout.width, 0)

    def _set_scene_rect(self, lay: geo.MapLayout) -> None:
        super()._set_scene_rect(lay)
        self.setSceneRect(self.sceneRect().adjusted(0, 0, ADD_STAGE_W, 0))  # "+ Add stage"

    def show_journey(self, doc: Any, journey_id: int | None) -> None:
        self.add_stage_item = None
        self.clipboard.current_cell = None
        super().show_journey(doc, journey_id)

    # -- where is the mouse ---------------------------------------------------------
    def zone(self, pos: QPointF) -> Zone:
        """What lies under scene point ``pos`` (see :func:`hit_test.zone`)."""
        if self.data is None:
            return hit_test.NOWHERE
        emotion = next((ln.id for ln in self.data.lanes if ln.kind == LaneKind.EMOTION), None)
        self.settle_curve([(pos.x(), pos.y(), pos.x(), pos.y())])  # its points, if they wait
        return hit_test.zone(self.layout, pos.x(), pos.y(), emotion)

    def items_under(self, pos: QPointF) -> list[QGraphicsItem]:
        """The items under scene point ``pos``, topmost first (as the view draws them)."""
        shape, order = Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder
        return self.items(pos, shape, order, self.view_transform())

    def view_transform(self) -> Any:
        views = self.views()
        return views[0].transform() if views else None

    # -- mouse ----------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._pending = None
        if event.button() != Qt.MouseButton.LeftButton or self.controller is None or not self.data:
            super().mousePressEvent(event)
            return
        pos = event.scenePos()
        source = self.blueprint.edge_card(pos)
        if source is not None:
            self._interaction = ConnectorDraw(self, pos, source)
            event.accept()
            return
        kind, target = self.zone(pos)
        if kind == "cell":
            self.clipboard.current_cell = target
        start: Callable[[], Interaction] | None = {
            "stage_border": lambda: StageResize(self, pos, target),
            "new_stage": lambda: StageDraw(self, pos, self.actions.add_stage),
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
        self._pend_item_drag(pos, event.screenPos())

    def _pend_item_drag(self, pos: QPointF, screen: QPointF) -> None:
        """A press on a card, a stage header or a pain-point note becomes a drag once the
        mouse moves far enough."""
        grabber = self.mouseGrabberItem()
        if isinstance(grabber, CardItem):
            cards = [i for i in self.selectedItems() if isinstance(i, CardItem)]
            if grabber not in cards:
                cards.append(grabber)
            self.clipboard.current_cell = (grabber.tp.stage_id, grabber.tp.lane_id)
            self._pending = (lambda: CardDrag(self, pos, cards), screen)
        elif isinstance(grabber, StageHeaderItem):
            stage_id = grabber.stage_id
            self._pending = (lambda: StageReorder(self, pos, stage_id), screen)
        elif isinstance(grabber, NoteItem) and grabber.ann.kind == AnnotationKind.PAIN_POINT:
            self._pending = (lambda: PainPointDrag(self, pos, grabber), screen)

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
        shape = CURSORS.get(self.zone(pos).kind)
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
        item = clicked_item(self.items_under(pos))
        kind, target = self.zone(pos)
        if isinstance(item, CardItem):
            self.actions.edit_title(item.touchpoint_id)
        elif isinstance(item, ConnectorItem):
            self.context_menu.connectors.edit_label(item.connector_id)
        elif kind == "stage":
            self.actions.edit_stage_name(target)
        elif kind == "lane_label":
            self.actions.edit_lane_name(target)
        elif kind == "cell":
            self.actions.edit_cell(*target)
        else:
            super().mouseDoubleClickEvent(event)
            return
        event.accept()

    # -- keyboard -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if self._interaction is not None and key == Qt.Key.Key_Escape:
            self._interaction.cancel()
            self._interaction = None
            event.accept()
        elif self._card_key(key):
            event.accept()
        else:
            super().keyPressEvent(event)

    def _card_key(self, key: int) -> bool:
        """Arrows, Delete and F2 on the map (not while typing in an item); True when handled."""
        if self.focusItem() is not None and not isinstance(self.focusItem(), CardItem):
            return False
        if key in ARROWS and self.selected_touchpoints():
            self.actions.move_selection(*ARROWS[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selectedItems():
            self.actions.delete_selection()
        elif key == Qt.Key.Key_F2:
            self.actions.rename_selected()
        else:
            return False
        return True

    # -- context menu -------------------------------------------------------------------------
    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        if self.controller is None or self.data is None:
            return
        menu = self.build_context_menu(event.scenePos())
        if not menu.isEmpty():
            menu.exec(event.screenPos())
        event.accept()

    def build_context_menu(self, pos: QPointF) -> QMenu:
        """The right-click menu for scene point ``pos`` (may be empty)."""
        item = clicked_item(self.items_under(pos))
        return self.context_menu.build(item, self.zone(pos))


__all__ = ["AddStageItem", "EditableScene"]
