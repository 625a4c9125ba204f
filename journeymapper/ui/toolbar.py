"""The main toolbar: the actions a map maker reaches for most, as icons with short labels.

The icons are small SVGs in ``resources/icons/`` drawn in the map's palette. Undo and Redo
are the Edit menu's own actions (so read-only mode and the stack enable them) with a short
label on the button and the full "Undo Move 'Till queue'" in the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from journeymapper.paths import RESOURCES

if TYPE_CHECKING:
    from journeymapper.ui.window_host import WindowHost

ICONS = RESOURCES / "icons"
ICON_PX = 20
#: The buttons in order, as (icon, short label); None is a separator. The start's preview
#: draws the same row greyed, so the map does not move when the window takes over.
BUTTONS: tuple[tuple[str, str] | None, ...] = (
    ("add-stage", "Stage"),
    ("add-lane", "Lane"),
    None,
    ("undo", "Undo"),
    ("redo", "Redo"),
    None,
    ("zoom-fit", "Fit"),
    ("export-pdf", "PDF"),
    None,
    ("charts", "Charts"),
    ("health", "Health"),
    None,
    ("workshop", "Workshop"),
)
LABELS = {button[0]: button[1] for button in BUTTONS if button is not None}


def icon(name: str) -> QIcon:
    """One of the bundled toolbar icons (``resources/icons/<name>.svg``)."""
    return QIcon(str(ICONS / f"{name}.svg"))


def shape(bar: QToolBar) -> None:
    """The main toolbar's name (saved window layouts find it by it), size and style."""
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(ICON_PX, ICON_PX))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)


class MainToolBar(QToolBar):
    """Add stage, add lane, undo, redo, zoom to fit, export PDF, charts, health, workshop."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__("Main toolbar", window)
        shape(self)
        self.window_ = window
        scene = window.scene.actions  # add_stage, add_lane
        self.add_stage = self._new("add-stage", "Add a stage at the end", scene.add_stage)
        self.add_lane = self._new(
            "add-lane",
            "Add an online channel lane (more kinds in the menu)",
            lambda: scene.add_lane("channel", "online"),
        )
        self.add_lane.setMenu(self._lane_menu())
        self.addAction(self.add_stage)
        self.addAction(self.add_lane)
        button = self.widgetForAction(self.add_lane)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.addSeparator()
        self.undo = self._short(window.undo_action, "undo")
        self.redo = self._short(window.redo_action, "redo")
        self.addSeparator()
        self.fit = self._new("zoom-fit", "Zoom to fit the whole map (Ctrl+0)", window.view.fit)
        self.addAction(self.fit)
        self.export_pdf = self._short(window.export_pdf_action, "export-pdf")
        self.addSeparator()
        self.charts = self._new("charts", "Show the Charts (Ctrl+Shift+C)", self._charts)
        self.health = self._new("health", "Show the health check (Ctrl+Shift+H)", self._health)
        self.addAction(self.charts)
        self.addAction(self.health)
        workshop = getattr(window, "workshop", None)
        if workshop is not None:
            self.addSeparator()
            self.workshop = self._short(workshop.toggle_action, "workshop")

    def _new(self, name: str, tip: str, slot: Callable[[], object]) -> QAction:
        action = QAction(icon(name), LABELS[name], self)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _short(self, action: QAction, name: str) -> QAction:
        """Show an existing action with an icon and a short label (its tooltip keeps the text)."""
        action.setIcon(icon(name))
        action.setIconText(LABELS[name])
        action.setToolTip(action.text().replace("&", ""))
        action.changed.connect(lambda a=action: self._tip(a))
        self.addAction(action)
        return action

    @staticmethod
    def _tip(action: QAction) -> None:
        tip = action.text().replace("&", "")
        if action.toolTip() != tip:
            action.setToolTip(tip)

    def _lane_menu(self) -> QMenu:
        scene = self.window_.scene.actions
        menu = QMenu(self)
        for text, kind, channel in (
            ("Online channel lane", "channel", "online"),
            ("Offline channel lane", "channel", "offline"),
            ("Text lane", "text", None),
            ("Emotion lane", "emotion", None),
        ):
            menu.addAction(
                text,
                lambda k=kind, c=channel: scene.add_lane(k, c) if c else scene.add_lane(k),
            )
        return menu

    def _charts(self) -> None:
        _open(self.window_.analysis.charts)

    def _health(self) -> None:
        _open(self.window_.analysis.health)


def _open(dock: object) -> None:
    """Show a dock (as a tab where it was tabbed) and bring it to the front."""
    dock.show()  # type: ignore[attr-defined]
    dock.raise_()  # type: ignore[attr-defined]


def install_toolbar(window: WindowHost) -> MainToolBar:
    bar = MainToolBar(window)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.toolbar = bar  # type: ignore[attr-defined]
    return bar
