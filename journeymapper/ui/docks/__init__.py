"""The editing docks around the canvas: Inspector (right), Workspace and Outline (left)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from journeymapper.editing import copy as journey_copy  # noqa: F401 - registers the duplicate_journey operation
from journeymapper.ui.docks.inspector import InspectorDock
from journeymapper.ui.docks.outline import OutlineDock
from journeymapper.ui.docks.workspace import WorkspaceDock

if TYPE_CHECKING:
    from journeymapper.ui.main_window import MainWindow

INSPECTOR_WIDTH = 340
LEFT_WIDTH = 290


def install_docks(window: MainWindow) -> None:
    """Create the docks, place them, add their toggles to the View menu and wire them up."""
    controller, scene = window.controller, window.scene
    window.inspector_dock = InspectorDock(controller, scene, window)
    window.workspace_dock = WorkspaceDock(controller, window)
    window.outline_dock = OutlineDock(controller, scene, window.view, window)
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    window.addDockWidget(left, window.workspace_dock)
    window.addDockWidget(left, window.outline_dock)
    window.tabifyDockWidget(window.workspace_dock, window.outline_dock)
    window.outline_dock.raise_()
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.inspector_dock)
    window.resizeDocks(
        [window.outline_dock, window.inspector_dock],
        [LEFT_WIDTH, INSPECTOR_WIDTH],
        Qt.Orientation.Horizontal,
    )
    window.view_menu.addSeparator()
    for dock, shortcut in (
        (window.inspector_dock, "Ctrl+Shift+I"),
        (window.workspace_dock, "Ctrl+Shift+W"),
        (window.outline_dock, "Ctrl+Shift+O"),
    ):
        action = dock.toggleViewAction()
        action.setShortcut(shortcut)
        window.view_menu.addAction(action)


__all__ = ["InspectorDock", "OutlineDock", "WorkspaceDock", "install_docks"]
