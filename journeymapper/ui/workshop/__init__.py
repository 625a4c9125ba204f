"""Workshop mode: full-screen facilitation with quick capture, stage stepping, dot-voting, timer."""

from __future__ import annotations

from journeymapper.ui.window_host import WindowHost
from journeymapper.ui.workshop.mode import WorkshopMode


def install_workshop(window: WindowHost) -> WorkshopMode:
    """Add the workshop toolbar button and F11 to the window."""
    return WorkshopMode(window)


__all__ = ["WorkshopMode", "install_workshop"]
