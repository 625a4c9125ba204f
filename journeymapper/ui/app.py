"""Application start-up: fonts, the main window, and the workspace to show first."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from journeymapper.model.errors import JourneyMapperError
from journeymapper.paths import RESOURCES, data_dir
from journeymapper.templates import create_workspace, list_templates
from journeymapper.ui import style
from journeymapper.ui.main_window import MainWindow

SAMPLE_TEMPLATE = "retail"


def sample_path() -> Path:
    """A sample workspace, created from the retail template on first use."""
    path = data_dir() / "Sample - Retail store.jmap"
    if not path.exists():
        names = {t.name for t in list_templates()}
        template = SAMPLE_TEMPLATE if SAMPLE_TEMPLATE in names else "blank"
        create_workspace(path, template).close()
    return path


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
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    app = create_app(args)
    window = MainWindow()
    try:
        path = Path(args[0]) if args else sample_path()
    except JourneyMapperError as exc:
        window.show_error(str(exc))
        path = None
    if path is not None:
        window.open_path(path)
    window.restore_layout()
    window.show()
    window.safety.offer_recovery()
    return int(app.exec())
