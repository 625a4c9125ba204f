"""The window's chrome drawn empty around the start's first map, so that the map does not
jump when the real window takes over: the same menu titles, toolbar row, status bar and
docks, laid out as the user left them (the saved window state names the docks and toolbars
by object name, so placeholders with those names take the same room).

Everything here is inert and greyed; it is light enough to build before the heavy imports.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QWidget

from journeymapper.ui.toolbar import BUTTONS, icon, shape
from journeymapper.ui.window_layout import LEFT_WIDTH

MENUS = ("&File", "&Edit", "&View", "&Journey", "&Map")
#: The window's docks: object name, title, area, shown on a first start.
DOCKS = (
    ("WorkspaceDock", "Workspace", Qt.DockWidgetArea.LeftDockWidgetArea, True),
    ("OutlineDock", "Outline", Qt.DockWidgetArea.LeftDockWidgetArea, True),
    ("InspectorDock", "Inspector", Qt.DockWidgetArea.RightDockWidgetArea, False),
    ("chartsDock", "Charts", Qt.DockWidgetArea.BottomDockWidgetArea, False),
    ("healthDock", "Health", Qt.DockWidgetArea.BottomDockWidgetArea, False),
    ("PortfolioDock", "Portfolio", Qt.DockWidgetArea.BottomDockWidgetArea, False),
    ("workshopVotingDock", "Voting", Qt.DockWidgetArea.RightDockWidgetArea, False),
)
#: The workshop's bars (hidden unless a saved layout shows them).
BARS = (
    ("Workshopbar", Qt.ToolBarArea.TopToolBarArea),
    ("Capturebar", Qt.ToolBarArea.BottomToolBarArea),
)


def dress(frame: QMainWindow, central: QWidget, state: QByteArray | None) -> None:
    """Give ``frame`` the window's chrome, greyed, around ``central``, in the layout
    ``state`` saved (or the first-start layout)."""
    frame.setCentralWidget(central)
    bar = frame.menuBar()
    for title in MENUS:
        bar.addMenu(title).setEnabled(False)
    frame.addToolBar(Qt.ToolBarArea.TopToolBarArea, _main_toolbar(frame))
    for name, area in BARS:
        extra = QToolBar(frame)
        extra.setObjectName(name)
        frame.addToolBar(area, extra)
        extra.hide()
    docks = {}
    for name, title, area, shown in DOCKS:
        dock = QDockWidget(title, frame)
        dock.setObjectName(name)
        dock.setWidget(_Placeholder())
        dock.setEnabled(False)
        frame.addDockWidget(area, dock)
        dock.setVisible(shown)
        docks[name] = dock
    frame.tabifyDockWidget(docks["WorkspaceDock"], docks["OutlineDock"])
    frame.tabifyDockWidget(docks["chartsDock"], docks["healthDock"])
    docks["OutlineDock"].raise_()
    frame.statusBar()

    def lay_out() -> None:
        if state is None or not frame.restoreState(state):
            frame.resizeDocks([docks["OutlineDock"]], [LEFT_WIDTH], Qt.Orientation.Horizontal)

    # The frame is already on screen: its layout takes the new docks in on the next turn of
    # the event loop, and only then can they be placed and sized (before the map's first
    # paint, which comes after).
    QTimer.singleShot(0, lay_out)


class _Placeholder(QWidget):
    """An empty dock body that asks for the room the window's left docks open with."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(LEFT_WIDTH, 200)


def _main_toolbar(frame: QMainWindow) -> QToolBar:
    bar = QToolBar("Main toolbar", frame)
    shape(bar)
    for button in BUTTONS:
        if button is None:
            bar.addSeparator()
            continue
        action = QAction(icon(button[0]), button[1], bar)
        action.setEnabled(False)
        bar.addAction(action)
    return bar
