"""The opportunity portfolio in the window: the Portfolio dock and its marks on the map."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from journeymapper.ui.canvas.portfolio_links import PortfolioMarks
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.docks.portfolio.dock import PortfolioDock


@dataclass(frozen=True)
class Portfolio:
    dock: PortfolioDock
    marks: PortfolioMarks


def install_portfolio(
    host: QMainWindow, controller: DocumentController, scene: JourneyScene, view_menu: QMenu
) -> Portfolio:
    """Add the Portfolio dock (bottom, hidden until asked for) and the map marks."""
    dock = PortfolioDock(controller, scene, host)
    host.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    action = dock.toggleViewAction()
    action.setShortcut("Ctrl+Shift+P")
    view_menu.addAction(action)
    dock.visibilityChanged.connect(lambda shown: shown and dock.refresh())
    return Portfolio(dock, PortfolioMarks(controller, scene))


__all__ = ["PortfolioDock", "install_portfolio"]
