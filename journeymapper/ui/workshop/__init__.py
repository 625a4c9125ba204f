"""Workshop mode: full-screen facilitation with quick capture, stage stepping, dot-voting, timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymapper.ui.workshop.mode import WorkshopMode

if TYPE_CHECKING:
    from journeymapper.ui.main_window import MainWindow


def install_workshop(window: MainWindow) -> WorkshopMode:
    """Add the workshop toolbar button and F11 to the window; the mode is ``window.workshop``."""
    window.workshop = WorkshopMode(window)  # type: ignore[attr-defined]
    return window.workshop  # type: ignore[attr-defined]


__all__ = ["WorkshopMode", "install_workshop"]
