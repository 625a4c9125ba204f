"""The main window as its features see it: a QMainWindow with these parts.

Features (the safety guard, file transfer, workshop mode) plug into the window through
this declaration instead of importing :mod:`journeymapper.ui.main_window`, which builds
them: the window imports its features, never the other way round.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

if TYPE_CHECKING:
    from journeymapper.ui.canvas.editable_scene import EditableScene
    from journeymapper.ui.canvas.view import JourneyView
    from journeymapper.ui.controller import DocumentController


class WindowHost(QMainWindow):
    """The parts of the main window its features use; :class:`MainWindow` provides them."""

    controller: DocumentController
    scene: EditableScene
    view: JourneyView
    settings: QSettings
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    map_menu: QMenu
    journey_menu: QMenu
    #: File menu entries that export go before this separator.
    export_separator: QAction
    undo_action: QAction
    redo_action: QAction
    metrics_action: QAction
    export_pdf_action: QAction
    inspector_dock: QDockWidget

    def show_error(self, message: str) -> None:
        """Tell the user about a failure (status bar and a message box)."""
        raise NotImplementedError

    def open_path(self, path: str | Path) -> bool:
        """Open a workspace file in this window; False (and a message) when refused."""
        raise NotImplementedError

    def save_as(self, path: str | Path) -> bool:
        """Save the open workspace under a new name and go on with the copy."""
        raise NotImplementedError
