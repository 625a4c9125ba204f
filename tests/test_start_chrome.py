"""The start's first map sits where the window will put it: the preview frame wears the
window's chrome (menus, toolbar, docks as last left, status bar), so the map does not jump
when the real window takes over."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QGraphicsView, QMainWindow

from journeymapper.model.document import Document
from journeymapper.templates import create_workspace
from journeymapper.ui.main_window import MainWindow
from journeymapper.ui.startup import LoadingFrame
from journeymapper.ui.startup_preview import show_preview

SIZE = (1400, 900)


def _map_rect(window: QMainWindow) -> QRect:
    """Where the map's view is, in the window's own coordinates."""
    view = getattr(window, "view", None) or window.centralWidget()
    assert isinstance(view, QGraphicsView)
    return QRect(view.mapTo(window, QPoint(0, 0)), view.size())


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def _preview_rect(qtbot, path: Path, state) -> QRect:  # type: ignore[no-untyped-def]
    frame = LoadingFrame("Opening…")
    qtbot.addWidget(frame)
    frame.resize(*SIZE)
    frame.show()
    doc = Document.open(path, read_only=True)
    try:
        assert show_preview(frame, doc, state) is not None
        _settle(qtbot)
        return _map_rect(frame)
    finally:
        frame.close()
        doc.close()


def _window(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*SIZE)
    assert window.open_path(path)
    window.show()
    _settle(qtbot)
    return window


def test_the_first_map_sits_where_the_window_puts_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "Shop.jmap"
    create_workspace(path, "retail").close()
    window = _window(qtbot, path)
    real = _map_rect(window)
    assert _preview_rect(qtbot, path, None) == real

    # The user opens the Inspector on the right and widens the left dock; the next start's
    # preview follows the layout they left.
    window.inspector_dock.show()
    window.resizeDocks([window.outline_dock], [420], Qt.Orientation.Horizontal)
    _settle(qtbot)
    moved = _map_rect(window)
    assert moved != real
    assert _preview_rect(qtbot, path, window.saveState()) == moved
