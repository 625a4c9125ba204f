"""A map opens framed for the window it ends up in: while the window settles (maximised by
the window manager, docks restored) the start framing follows the view's size; once the
user touches the map, or after a moment, the view stays as it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journeymapper.templates import create_workspace
from journeymapper.ui.main_window import MainWindow


def _open(qtbot, tmp_path: Path, template: str) -> MainWindow:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{template}.jmap"
    create_workspace(path, template).close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(700, 500)
    assert window.open_path(path)  # framed before the window is shown, at its first size
    window.show()
    qtbot.waitExposed(window)
    return window


def _visible_fraction(window: MainWindow) -> float:
    view = window.view
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    whole = view.scene().sceneRect()
    return (
        shown.intersected(whole).width()
        * shown.intersected(whole).height()
        / (whole.width() * whole.height())
    )


def test_the_start_framing_follows_the_window_as_it_is_maximised(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, tmp_path, "blank")
    small = window.view.zoom
    assert small < 0.9  # too small a window for the whole map: its corner, readable
    window.resize(2700, 1500)  # the window manager maximises it on a big screen
    qtbot.waitUntil(lambda: window.view.zoom == 1.0)  # now all of it at full size
    assert _visible_fraction(window) > 0.99


def test_after_the_user_zooms_a_resize_keeps_their_view(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, tmp_path, "blank")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    window.view.set_zoom(0.5)  # as the user zooms out (Ctrl+wheel ends in set_zoom)
    window.resize(2700, 1500)
    for _ in range(5):
        QApplication.processEvents()
    assert abs(window.view.zoom - 0.5) < 1e-6


def test_a_fit_of_the_users_survives_the_resize_that_follows_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Fit hides the scroll bars, which resizes the view: the map must stay fitted."""
    window = _open(qtbot, tmp_path, "retail")
    assert _visible_fraction(window) < 0.9  # opened on its readable corner
    toolbar = window.toolbar  # type: ignore[attr-defined]
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.fit), Qt.MouseButton.LeftButton)
    window.resize(760, 540)  # and the window manager settles the window
    for _ in range(5):
        QApplication.processEvents()
    assert _visible_fraction(window) > 0.99


def test_the_framing_stops_following_after_a_moment(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, tmp_path, "blank")
    window.view._settled.setInterval(50)
    qtbot.wait(200)
    before = window.view.zoom
    window.resize(2700, 1500)
    for _ in range(5):
        QApplication.processEvents()
    assert window.view.zoom == before
