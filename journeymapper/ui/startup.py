"""Start fast: a light frame at once, the map in it next, the main window right after.

The main window needs SQLAlchemy, SQLModel, the editing modules and pyqtgraph (well over
half of the start-up time). :class:`Startup` shows a frame with a "loading" line as soon as
Qt is up (this module imports nothing heavier than Qt); after it paints, the workspace (the
file given, else the last one used) is opened, checked and drawn read-only in the frame
(ui/startup_preview.py); after the map paints, the heavy modules load one per event and the
real window, built on the same open document, replaces the frame. No workspace, or one the
window must ask or warn about: the window comes straight after the frame, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from journeymapper.paths import data_dir
from journeymapper.ui.recent_files import RecentFiles, app_settings

SAMPLE_TEMPLATE = "retail"
#: Go on anyway if the frame or the map never paints (a minimised start, say).
FALLBACK_MS = 400


def sample_path() -> Path:
    """A sample workspace, created from the retail template on first use."""
    from journeymapper.templates import create_workspace, list_templates

    path = data_dir() / "Sample - Retail store.jmap"
    if not path.exists():
        names = {t.name for t in list_templates()}
        template = SAMPLE_TEMPLATE if SAMPLE_TEMPLATE in names else "blank"
        create_workspace(path, template).close()
    return path


class StartingWindow(Protocol):
    """What the start-up needs of the main window (which only ``ui/app.py`` imports)."""

    safety: Any

    def restore_layout(self) -> None: ...
    def show(self) -> None: ...
    def activateWindow(self) -> None: ...  # noqa: N802 (Qt API)
    def open_path(self, path: str | Path) -> bool: ...
    def show_document(self, doc: Any) -> None: ...
    def setProperty(self, name: str, value: object) -> bool: ...  # noqa: N802 (Qt API)


class LoadingFrame(QMainWindow):
    """The window's frame with one line of text, shown before the heavy imports."""

    painted = Signal()
    #: The user closed the frame before the window came: the start stops.
    closed = Signal()

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setWindowTitle("Journey Mapper")
        self.resize(1440, 900)
        label = QLabel(text)
        # Centred by the style sheet: PySide builds its big ``Qt`` namespace on first use,
        # a cost the first paint need not carry.
        label.setStyleSheet(
            "QLabel { background: #f4f5f7; color: #52606d; font-size: 13pt;"
            " qproperty-alignment: AlignCenter; }"
        )
        self.setCentralWidget(label)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if event.spontaneous():
            self.closed.emit()
        super().closeEvent(event)


def _team_address(arg: str) -> bool:
    """A ``postgresql://`` address (checked without importing the team package: start budget)."""
    return arg.lower().startswith(("postgresql:", "postgres:"))


def loading_text(target: Path | str | None) -> str:
    if isinstance(target, str):  # a team address: never shown (it may hold a password)
        return "Opening the team workspace…"
    return f"Opening {target.name}…" if target is not None else "Starting…"


class Startup(QObject):
    """One start of the app: frame, window, first workspace (see the module docstring)."""

    def __init__(
        self,
        args: Sequence[str],
        build_window: Callable[[], StartingWindow],
        prepare: Callable[[StartingWindow], Callable[[str | None], None]],
    ) -> None:
        super().__init__()
        self.args = list(args)
        self.build_window = build_window
        #: Called on the new window; returns how to show or clear the "loading" line.
        self.prepare = prepare
        self.window: StartingWindow | None = None
        #: The first workspace, opened and drawn in the frame before the window exists.
        self.doc: Any = None
        self._stage = "frame"
        self.target = self.first_workspace()
        self.frame = LoadingFrame(loading_text(self.target))
        geometry = app_settings().value("window/geometry")
        self.frame.painted.connect(self._preview)
        self.frame.closed.connect(self._cancel)
        #: The docks' layout the window will restore (with its geometry), for the preview.
        self.layout_state = None
        if geometry is None or not self.frame.restoreGeometry(geometry):
            self.frame.showMaximized()
        else:
            self.layout_state = app_settings().value("window/state")
            self.frame.show()
        QTimer.singleShot(FALLBACK_MS, self._preview)

    def first_workspace(self) -> Path | str | None:
        """The file (or team address) given, else the last workspace used (None when gone)."""
        if self.args:
            return self.args[0] if _team_address(self.args[0]) else Path(self.args[0])
        return RecentFiles(app_settings()).last_workspace()

    def _advance(self, stage: str) -> bool:
        """Move on to ``stage`` once (a paint and its fallback timer both ask)."""
        order = ("frame", "preview", "warm", "window", "cancelled")
        if order.index(stage) <= order.index(self._stage):
            return False
        self._stage = stage
        return True

    def _preview(self) -> None:
        if not self._advance("preview"):
            return
        from journeymapper.ui import startup_preview as preview  # the canvas, not the ORM

        painted = None
        if isinstance(self.target, Path):  # a team workspace opens in the window only
            self.doc = preview.open_for_preview(self.target)
        if self.doc is not None:
            painted = preview.show_preview(self.frame, self.doc, self.layout_state)
            if painted is None:
                self.doc.close()
                self.doc = None
        if painted is None:
            self._warm()
            return
        painted.painted.connect(self._warm)
        QTimer.singleShot(FALLBACK_MS, self._warm)

    def _warm(self) -> None:
        if self._advance("warm"):
            from journeymapper.ui.startup_preview import warm_up

            warm_up(self._build)

    def _cancel(self) -> None:
        if self._advance("cancelled") and self.doc is not None:
            self.doc.close()
            self.doc = None

    def _build(self) -> None:
        if not self._advance("window"):
            return
        window = self.window = self.build_window()
        show_loading = self.prepare(window)
        if self.doc is not None:
            window.show_document(self.doc)  # the map drawn in the frame, now editable
        else:
            show_loading(loading_text(self.target) if self.target is not None else None)
        window.restore_layout()
        self.frame.close()  # first: a window closed after the next one shows takes the focus along
        self.frame.deleteLater()
        window.show()
        window.activateWindow()
        QTimer.singleShot(0, lambda: self._open_first(window, show_loading))

    def _open_first(
        self, window: StartingWindow, show_loading: Callable[[str | None], None]
    ) -> None:
        if self.target is not None and self.doc is None:
            window.open_path(self.target)
        self.doc = None  # the window's now
        show_loading(None)
        window.safety.offer_recovery()
        window.setProperty("startupDone", True)


__all__ = ["LoadingFrame", "Startup", "sample_path"]
