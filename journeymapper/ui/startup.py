"""Start fast: a light frame at once, the main window and the workspace right after.

The main window needs SQLAlchemy, SQLModel and the editing modules (well over half of the
start-up time). :class:`Startup` shows a frame with a "loading" line as soon as Qt is up,
builds the real window after that frame has painted, then opens the workspace one event
later: the file given, else the last one used, else the start page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from journeymapper.paths import data_dir
from journeymapper.ui.recent_files import RecentFiles, app_settings

SAMPLE_TEMPLATE = "retail"
#: Build the window anyway if the frame never paints (a minimised start, say).
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
    def setProperty(self, name: str, value: object) -> bool: ...  # noqa: N802 (Qt API)


class LoadingFrame(QMainWindow):
    """The window's frame with one line of text, shown before the heavy imports."""

    painted = Signal()

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setWindowTitle("Journey Mapper")
        self.resize(1440, 900)
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("QLabel { background: #f4f5f7; color: #52606d; font-size: 13pt; }")
        self.setCentralWidget(label)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)


def loading_text(target: Path | None) -> str:
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
        self.target = self.first_workspace()
        self.frame = LoadingFrame(loading_text(self.target))
        geometry = app_settings().value("window/geometry")
        if geometry is None or not self.frame.restoreGeometry(geometry):
            self.frame.setWindowState(Qt.WindowState.WindowMaximized)
        self.frame.painted.connect(self._build)
        self.frame.show()
        QTimer.singleShot(FALLBACK_MS, self._build)

    def first_workspace(self) -> Path | None:
        """The file given, else the last workspace used (None when it is gone)."""
        if self.args:
            return Path(self.args[0])
        return RecentFiles(app_settings()).last_workspace()

    def _build(self) -> None:
        if self.window is not None:
            return
        window = self.window = self.build_window()
        show_loading = self.prepare(window)
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
        if self.target is not None:
            window.open_path(self.target)
        show_loading(None)
        window.safety.offer_recovery()
        window.setProperty("startupDone", True)


__all__ = ["LoadingFrame", "Startup", "sample_path"]
