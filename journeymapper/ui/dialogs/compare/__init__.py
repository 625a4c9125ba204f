"""Current vs future state on screen: the compare view and the menu entries that open it.

:func:`install_compare` adds Journey > Compare with…, File > Compare with snapshot…
and File > Name a snapshot now… to a main window. The view (:mod:`.view`) draws both
maps with the shared :class:`~journeymapper.ui.canvas.scene.JourneyScene`, marks the
differences on them (:mod:`.marks`) and shows the numbers beside them (:mod:`.panels`).
"""

from __future__ import annotations

from journeymapper.ui.dialogs.compare.actions import CompareActions
from journeymapper.ui.dialogs.compare.view import CompareDialog, Source
from journeymapper.ui.window_host import WindowHost


def install_compare(window: WindowHost) -> CompareActions:
    """Add the compare and named-snapshot actions to ``window``."""
    return CompareActions(window)


__all__ = ["CompareActions", "CompareDialog", "Source", "install_compare"]
