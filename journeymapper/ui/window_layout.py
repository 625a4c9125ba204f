"""How the window shares its room: the map first, panels when they are needed.

On first start only the Outline (tabbed with Workspace) sits beside the map; the
Inspector appears with the first selection and then stays where the user put it
(closing it by hand turns that off until it is opened again from the View menu);
Charts and Health open on demand as tabs (toolbar, View menu). The status bar says
which file, how far zoomed, how many touchpoints and whether the file is read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel

from journeymapper.ui.toolbar import install_toolbar

if TYPE_CHECKING:
    from journeymapper.ui.window_host import WindowHost

#: Width of the left dock (Outline / Workspace) on first start: a little over the Workspace
#: panel's narrowest, so that the start's preview (ui/startup_chrome.py), which asks for
#: the same, leaves the map where the window will put it.
LEFT_WIDTH = 300


class WindowLayout(QObject):
    """The toolbar, the Inspector that follows the selection, and the status bar fields."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.toolbar = install_toolbar(window)
        #: The Inspector opens itself on a selection until the user closes it by hand.
        self.inspector_follows = True
        inspector: QDockWidget = window.inspector_dock
        inspector.hide()
        inspector.installEventFilter(self)
        inspector.toggleViewAction().triggered.connect(self._inspector_toggled)
        window.scene.selectionChanged.connect(self._on_selection)
        #: A selection made by a press opens the Inspector on release: the map must not
        #: shrink under a drag that has just begun.
        self._pressed = False
        self._pending = False
        window.view.viewport().installEventFilter(self)
        left = getattr(window, "outline_dock", None)
        if isinstance(left, QDockWidget):
            window.resizeDocks([left], [LEFT_WIDTH], Qt.Orientation.Horizontal)
        self.touchpoints_label = QLabel("")
        self.read_only_label = QLabel("")
        self.read_only_label.setObjectName("readOnlyStatus")
        bar = window.statusBar()
        bar.addPermanentWidget(self.touchpoints_label)
        bar.addPermanentWidget(self.read_only_label)
        window.scene.laidOut.connect(self._count)
        window.controller.journeyChanged.connect(self._on_document)

    # -- the Inspector -------------------------------------------------------------------------
    def _on_selection(self) -> None:
        scene = self.window.scene
        if not shiboken6.isValid(scene) or not self.inspector_follows:
            return
        workshop = getattr(self.window, "workshop", None)
        if workshop is not None and workshop.active:
            return  # the workshop keeps the screen for the map
        if scene.selectedItems() and not self.window.inspector_dock.isVisible():
            if self._pressed:
                self._pending = True
            else:
                self.window.inspector_dock.show()

    def _inspector_toggled(self, checked: bool) -> None:
        self.inspector_follows = checked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window.inspector_dock:
            self.inspector_follows = False  # closed by hand: stays closed
        elif kind == QEvent.Type.MouseButtonPress:
            self._pressed = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = False
            if self._pending:
                self._pending = False
                QTimer.singleShot(0, self._on_selection)
        return False

    # -- the status bar --------------------------------------------------------------------------
    def _count(self) -> None:
        data = self.window.scene.data
        n = len(data.touchpoints) if data is not None else 0
        text = f"{n} touchpoint{'s' if n != 1 else ''}" if data is not None else ""
        if self.touchpoints_label.text() != text:
            self.touchpoints_label.setText(text)

    def _on_document(self) -> None:
        self.show_edit_state()
        self._count()

    def show_edit_state(self) -> None:
        """Say whether edits are taken now: a team workspace offline refuses them."""
        doc = self.window.controller.doc
        if doc is None:
            text = ""
        elif doc.read_only:
            text = "Read-only"
        elif getattr(doc, "offline", False):
            text = "Not editable while offline"
        else:
            text = "Editable"
        self.read_only_label.setText(text)


def install_window_layout(window: WindowHost) -> WindowLayout:
    window.window_layout = WindowLayout(window)  # type: ignore[attr-defined]
    return window.window_layout  # type: ignore[attr-defined]
