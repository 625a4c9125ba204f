"""The canvas's right-click menu: what it offers depends on what lies under the mouse.

The menu only lists actions; each entry calls :class:`CanvasActions` or the
clipboard, like the keyboard and the main window's menus do.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem, QMenu

from journeymapper.model.enums import AnnotationKind, LaneKind
from journeymapper.ui.canvas.actions import CanvasActions
from journeymapper.ui.canvas.clipboard import Clipboard, can_paste
from journeymapper.ui.canvas.connector_actions import ConnectorActions
from journeymapper.ui.canvas.hit_test import Zone
from journeymapper.ui.canvas.items import CardItem, MarkerItem, NoteItem
from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.canvas.portfolio_links import add_pain_point_actions
from journeymapper.ui.canvas.scene import JourneyScene


class ContextMenu:
    """Builds the menu for one scene from the item and the zone under the mouse."""

    def __init__(self, scene: JourneyScene, actions: CanvasActions, clipboard: Clipboard) -> None:
        self.scene = scene
        self.actions = actions
        self.clipboard = clipboard
        self.connectors = ConnectorActions(scene)

    def build(self, item: QGraphicsItem | None, zone: Zone) -> QMenu:
        """The menu for a right click on ``item`` (topmost, may be None) in ``zone``."""
        menu = QMenu()
        kind, target = zone
        if isinstance(item, CardItem):
            self._card(menu, item)
        elif isinstance(item, ConnectorItem):
            self.connectors.connector_entries(menu, item.connector_id)
        elif isinstance(item, MarkerItem | NoteItem) and item.ann.kind == AnnotationKind.PAIN_POINT:
            if self.actions.controller is not None:
                add_pain_point_actions(menu, self.actions.controller, item.annotation_id)
        elif kind == "stage":
            self._stage(menu, target)
        elif kind == "lane_label":
            self._lane(menu, target)
        elif kind == "cell":
            self._cell(menu, target)
        elif kind in ("new_stage", "none"):
            menu.addAction("Add stage", self.actions.add_stage)
            self._add_lane_entries(menu)
        return menu

    def _annotation_entries(self, menu: QMenu, **pin: int) -> None:
        """One "Add pain point / opportunity / …" entry per annotation kind."""
        for kind in AnnotationKind:
            menu.addAction(
                f"Add {kind.label.lower()}…",
                lambda k=kind.value: self.actions.add_annotation(k, **pin),
            )

    def _card(self, menu: QMenu, item: CardItem) -> None:
        """A right click selects the card (alone, unless it was already selected)."""
        if not item.isSelected():
            self.scene.clearSelection()
            item.setSelected(True)
        tp_id, actions = item.touchpoint_id, self.actions
        self._annotation_entries(menu, touchpoint_id=tp_id)
        menu.addSeparator()
        menu.addAction("Rename", lambda: actions.edit_title(tp_id))
        menu.addAction("Duplicate", actions.duplicate_selection)
        menu.addAction("Copy", self.clipboard.copy_selection)
        menu.addAction("Delete", actions.delete_selection)

    def _stage(self, menu: QMenu, stage_id: int) -> None:
        actions = self.actions
        position = self.scene.layout.stage_order.index(stage_id)
        self._annotation_entries(menu, stage_id=stage_id)
        menu.addSeparator()
        menu.addAction("Rename", lambda: actions.edit_stage_name(stage_id))
        menu.addAction("Insert stage before", lambda: actions.add_stage(index=position))
        menu.addAction("Insert stage after", lambda: actions.add_stage(index=position + 1))
        menu.addAction("Delete stage", lambda: actions.delete_stage(stage_id))

    def _lane(self, menu: QMenu, lane_id: int) -> None:
        menu.addAction("Rename", lambda: self.actions.edit_lane_name(lane_id))
        self._add_lane_entries(menu)
        menu.addAction("Delete lane", lambda: self.actions.delete_lane(lane_id))

    def _cell(self, menu: QMenu, cell: tuple[int, int]) -> None:
        """A right click in a cell also makes it the paste target."""
        self.clipboard.current_cell = cell
        menu.addAction("Add touchpoint here", lambda: self.actions.edit_cell(*cell))
        paste = menu.addAction("Paste", self.clipboard.paste)
        paste.setEnabled(can_paste())

    def _add_lane_entries(self, menu: QMenu) -> None:
        """Add-lane entries; "emotion" only while the journey has no emotion lane."""
        actions = self.actions
        menu.addAction("Add online channel lane", lambda: actions.add_lane("channel", "online"))
        menu.addAction("Add offline channel lane", lambda: actions.add_lane("channel", "offline"))
        menu.addAction("Add text lane", lambda: actions.add_lane("text"))
        data = self.scene.data
        if data is None or not any(ln.kind == LaneKind.EMOTION for ln in data.lanes):
            menu.addAction("Add emotion lane", lambda: actions.add_lane("emotion"))
        self.connectors.view_entries(menu, actions.add_lane)
