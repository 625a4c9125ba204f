"""Which of the window's actions can act now: a map's actions need an open journey, its
editing actions a writable one.

With no journey open (the start page) a toolbar click on Stage, Fit or Health would do
nothing at all, so those are greyed instead; on a read-only file the Map menu and the
toolbar's Stage and Lane are greyed too (the file guard asks for :meth:`refresh` when the
file turns read-only or writable again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from journeymapper.ui.window_host import WindowHost


class JourneyActions(QObject):
    """Enable the actions that need a journey, and those that edit it, as the state allows."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        window.controller.journeyChanged.connect(self.refresh)
        self.refresh()

    def _viewing(self) -> list[QAction]:
        """Actions that only look at or export the open journey."""
        w = self.window
        bar = w.toolbar  # type: ignore[attr-defined]
        found = [bar.fit, bar.charts, bar.health, w.export_pdf_action]
        workshop = getattr(w, "workshop", None)
        if workshop is not None:
            found.append(workshop.toggle_action)
        return found

    def _editing(self) -> list[QAction]:
        """Actions that change the open journey."""
        bar = self.window.toolbar  # type: ignore[attr-defined]
        return [bar.add_stage, bar.add_lane]

    def refresh(self) -> None:
        controller = self.window.controller
        doc = controller.doc
        shown = doc is not None and controller.journey_id is not None
        writable = shown and doc is not None and not doc.read_only
        self.window.journey_menu.setEnabled(doc is not None)
        self.window.map_menu.setEnabled(writable)
        for action in self._viewing():
            action.setEnabled(shown)
        for action in self._editing():
            action.setEnabled(writable)


def install_journey_actions(window: WindowHost) -> JourneyActions:
    window.journey_actions = JourneyActions(window)  # type: ignore[attr-defined]
    return window.journey_actions  # type: ignore[attr-defined]
