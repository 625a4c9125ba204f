"""The first map of a start, painted before SQLAlchemy, SQLModel and the editing modules load.

The workspace is opened and checked exactly as always (``Document.open``: foreign, corrupt
and newer files refused, older ones migrated); its journey is read through the document's
plain sqlite3 connection (``store/`` reads are raw SQL) and drawn by the canvas's own scene,
read-only: the view takes no input, so nothing can be edited until the real window, built
from the same open document, replaces the frame.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.safety import lock
from journeymapper.store.journey_data import journey_ids
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.view import JourneyView
from journeymapper.ui.startup_chrome import dress

#: What the main window needs, imported one per event-loop turn after the first map paints
#: (so the map stays drawn while they load); ``ui/app.py`` imports the window module last.
WARM_MODULES = (
    "sqlalchemy",
    "sqlmodel",
    "journeymapper.model.tables",
    "journeymapper.editing",
    "journeymapper.ui.controller",
    "journeymapper.ui.canvas.editable_scene",
    "pyqtgraph",
    "journeymapper.ui.docks",
)


class FirstPaint(QObject):
    """Emits :attr:`painted` once, one event after ``widget`` first paints."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget: QWidget | None = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None
            QTimer.singleShot(0, self.painted.emit)
        return False


def open_for_preview(path: Path) -> Document | None:
    """``path`` opened as the window would open it, or None when the window must decide:
    a refused file (the window shows why) or one another window holds (the window asks)."""
    try:
        doc = Document.open(path)
    except JourneyMapperError:
        return None
    if not doc.read_only and lock.held_by_other(doc.path) is not False:
        doc.close()
        return None
    return doc


def show_preview(
    frame: QMainWindow, doc: Document, layout_state: QByteArray | None = None
) -> FirstPaint | None:
    """The document's first journey drawn in ``frame``, framed by the window's chrome as
    ``layout_state`` lays it out; None when it has none to draw."""
    try:
        journeys = journey_ids(doc)
        if not journeys:
            return None
        scene = JourneyScene(frame)
        scene.show_journey(doc, journeys[0][0])
    except JourneyMapperError:  # damage the checks let through: the window will say so
        return None
    view = JourneyView(scene, frame)
    view.setInteractive(False)  # read-only until the real window takes over
    dress(frame, view, layout_state)  # the map takes the room it will have in the window
    view.show_start()
    return FirstPaint(view.viewport())


def warm_up(done: Callable[[], None], modules: tuple[str, ...] = WARM_MODULES) -> None:
    """Import ``modules`` one per event-loop turn, then call ``done``."""
    if not modules:
        done()
        return
    with contextlib.suppress(ImportError):  # an optional extra (pyqtgraph) may be missing
        importlib.import_module(modules[0])
    QTimer.singleShot(0, lambda: warm_up(done, modules[1:]))


__all__ = ["WARM_MODULES", "FirstPaint", "open_for_preview", "show_preview", "warm_up"]
