"""The opportunity portfolio in the window: the Portfolio dock and its marks on the map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from journeymapper.ui.canvas.portfolio_links import PortfolioMarks
from journeymapper.ui.docks.portfolio.dock import PortfolioDock

if TYPE_CHECKING:
    from journeymapper.ui.main_window import MainWindow


def install_portfolio(window: MainWindow) -> PortfolioDock:
    """Add the Portfolio dock (bottom, hidden until asked for) and the map marks."""
    dock = PortfolioDock(window.controller, window.scene, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    action = dock.toggleViewAction()
    action.setShortcut("Ctrl+Shift+P")
    window.view_menu.addAction(action)
    dock.visibilityChanged.connect(lambda shown: shown and dock.refresh())
    window.portfolio_dock = dock  # type: ignore[attr-defined]
    window.portfolio_marks = PortfolioMarks(window.controller, window.scene)  # type: ignore[attr-defined]
    return dock


__all__ = ["PortfolioDock", "install_portfolio"]
