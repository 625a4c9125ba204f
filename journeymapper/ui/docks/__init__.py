"""The editing docks around the canvas: Inspector (right), Workspace and Outline (left)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from journeymapper.editing import copy as journey_copy  # noqa: F401 - registers the duplicate_journey operation
from journeymapper.ui.canvas.editable_scene import EditableScene
from journeymapper.ui.canvas.view import JourneyView
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.docks.inspector import InspectorDock
from journeymapper.ui.docks.outline import OutlineDock
from journeymapper.ui.docks.workspace import WorkspaceDock
from journeymapper.ui.window_layout import LEFT_WIDTH

INSPECTOR_WIDTH = 340


@dataclass(frozen=True)
class EditingDocks:
    """The three docks :func:`install_docks` built."""

    inspector: InspectorDock
    workspace: WorkspaceDock
    outline: OutlineDock


def install_docks(
    host: QMainWindow,
    controller: DocumentController,
    scene: EditableScene,
    view: JourneyView,
    menu: QMenu,
) -> EditingDocks:
    """Create the docks, place them on ``host``, add their toggles to ``menu``, wire them up."""
    docks = EditingDocks(
        InspectorDock(controller, scene, host),
        WorkspaceDock(controller, host),
        OutlineDock(controller, scene, view, host),
    )
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    host.addDockWidget(left, docks.workspace)
    host.addDockWidget(left, docks.outline)
    host.tabifyDockWidget(docks.workspace, docks.outline)
    docks.outline.raise_()
    host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks.inspector)
    host.resizeDocks(
        [docks.outline, docks.inspector], [LEFT_WIDTH, INSPECTOR_WIDTH], Qt.Orientation.Horizontal
    )
    menu.addSeparator()
    for dock, shortcut in (
        (docks.inspector, "Ctrl+Shift+I"),
        (docks.workspace, "Ctrl+Shift+W"),
        (docks.outline, "Ctrl+Shift+O"),
    ):
        action = dock.toggleViewAction()
        action.setShortcut(shortcut)
        menu.addAction(action)
    return docks


__all__ = ["EditingDocks", "InspectorDock", "OutlineDock", "WorkspaceDock", "install_docks"]
