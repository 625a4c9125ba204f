"""The canvas's right-click menu: what it offers depends on what lies under the mouse.

The menu only lists actions; each entry calls :class:`CanvasActions` or the
clipboard, like the keyboard and the main window's menus do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMenu

from journeymapper.model.enums import AnnotationKind, LaneKind
from journeymapper.ui.canvas.clipboard import can_paste
from journeymapper.ui.canvas.items import CardItem

if TYPE_CHECKING:
    from journeymapper.ui.canvas.editable_scene import EditableScene


def build_context_menu(scene: EditableScene, pos: QPointF) -> QMenu:
    """The menu for a right click at scene point ``pos`` (may be empty)."""
    menu = QMenu()
    item = scene.itemAt(pos, scene.view_transform())
    if isinstance(item, CardItem):
        _card_menu(scene, menu, item)
        return menu
    kind, target = scene.zone(pos)
    if kind == "stage":
        _stage_menu(scene, menu, target)
    elif kind == "lane_label":
        _lane_menu(scene, menu, target)
    elif kind == "cell":
        _cell_menu(scene, menu, target)
    elif kind in ("new_stage", "none"):
        menu.addAction("Add stage", scene.actions.add_stage)
        _add_lane_actions(scene, menu)
    return menu


def _annotation_actions(scene: EditableScene, menu: QMenu, **pin: int) -> None:
    """One "Add pain point / opportunity / …" entry per annotation kind."""
    for kind in AnnotationKind:
        menu.addAction(
            f"Add {kind.label.lower()}…",
            lambda k=kind.value: scene.actions.add_annotation(k, **pin),
        )


def _card_menu(scene: EditableScene, menu: QMenu, item: CardItem) -> None:
    """A right click selects the card (alone, unless it was already selected)."""
    if not item.isSelected():
        scene.clearSelection()
        item.setSelected(True)
    tp_id = item.touchpoint_id
    _annotation_actions(scene, menu, touchpoint_id=tp_id)
    menu.addSeparator()
    menu.addAction("Rename", lambda: scene.actions.edit_title(tp_id))
    menu.addAction("Duplicate", scene.actions.duplicate_selection)
    menu.addAction("Copy", scene.clipboard.copy_selection)
    menu.addAction("Delete", scene.actions.delete_selection)


def _stage_menu(scene: EditableScene, menu: QMenu, stage_id: int) -> None:
    actions = scene.actions
    position = scene.layout.stage_order.index(stage_id)
    _annotation_actions(scene, menu, stage_id=stage_id)
    menu.addSeparator()
    menu.addAction("Rename", lambda: actions.edit_stage_name(stage_id))
    menu.addAction("Insert stage before", lambda: actions.add_stage(index=position))
    menu.addAction("Insert stage after", lambda: actions.add_stage(index=position + 1))
    menu.addAction("Delete stage", lambda: actions.delete_stage(stage_id))


def _lane_menu(scene: EditableScene, menu: QMenu, lane_id: int) -> None:
    menu.addAction("Rename", lambda: scene.actions.edit_lane_name(lane_id))
    _add_lane_actions(scene, menu)
    menu.addAction("Delete lane", lambda: scene.actions.delete_lane(lane_id))


def _cell_menu(scene: EditableScene, menu: QMenu, cell: tuple[int, int]) -> None:
    """A right click in a cell also makes it the paste target."""
    scene.current_cell = cell
    menu.addAction("Add touchpoint here", lambda: scene.actions.edit_cell(*cell))
    paste = menu.addAction("Paste", scene.clipboard.paste)
    paste.setEnabled(can_paste())


def _add_lane_actions(scene: EditableScene, menu: QMenu) -> None:
    """Add-lane entries; "emotion" only while the journey has no emotion lane."""
    actions = scene.actions
    menu.addAction("Add online channel lane", lambda: actions.add_lane("channel", "online"))
    menu.addAction("Add offline channel lane", lambda: actions.add_lane("channel", "offline"))
    menu.addAction("Add text lane", lambda: actions.add_lane("text"))
    data = scene.data
    if data is None or not any(ln.kind == LaneKind.EMOTION for ln in data.lanes):
        menu.addAction("Add emotion lane", lambda: actions.add_lane("emotion"))
