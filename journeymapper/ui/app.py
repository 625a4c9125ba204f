"""Application start-up: fonts, the main window, and the workspace to show first."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from journeymapper.paths import RESOURCES
from journeymapper.ui import style
from journeymapper.ui.startup import Startup, sample_path

if TYPE_CHECKING:
    from journeymapper.ui.main_window import MainWindow


def create_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(["journeymapper", *argv])
    app.setApplicationName("Journey Mapper")
    app.setOrganizationName("JourneyMapper")
    # Task bars match the window to the desktop entry that `journeymapper desktop install` wrote.
    app.setDesktopFileName("journeymapper")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "journeymapper.svg")))
    style.load_fonts()
    app.setFont(style.font(9.5))
    style.apply_app_style(app)
    app.aboutToQuit.connect(release_clipboard)
    return app


def release_clipboard() -> None:
    """Cards copied to the clipboard go as text when the app quits (see
    :func:`journeymapper.ui.canvas.clipboard.release_clipboard`); only the canvas, loaded
    after start-up, can have copied any."""
    module = sys.modules.get("journeymapper.ui.canvas.clipboard")
    if module is not None:
        module.release_clipboard()


def main(argv: Sequence[str] | None = None) -> int:
    """Show a frame at once; the window, its imports and the workspace follow (ui/startup.py)."""
    args = list(sys.argv[1:] if argv is None else argv)
    app = create_app(args)
    startup = Startup(args, _build_window, _prepare)
    code = int(app.exec())
    del startup
    return code


def _build_window() -> MainWindow:
    from journeymapper.ui.main_window import MainWindow

    return MainWindow()


def _prepare(window: MainWindow) -> Callable[[str | None], None]:
    """The start page over the new window; returns its "loading" line setter."""
    from journeymapper.model.errors import JourneyMapperError
    from journeymapper.ui.start_page import install_start_page

    def open_sample() -> None:
        try:
            window.open_path(sample_path())
        except JourneyMapperError as exc:
            window.show_error(str(exc))

    window.start_page = install_start_page(window, open_sample, window.create_from_template)
    return window.start_page.set_loading


__all__ = ["create_app", "main", "sample_path"]
