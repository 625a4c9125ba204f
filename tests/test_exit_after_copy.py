"""Quitting after copying cards leaves cleanly, their titles still on the clipboard.

Qt's clipboard holds the copied cards' QMimeData, made in Python; left there, Qt deletes it
after the interpreter has shut down, and the app crashed on its way out (exit 139). A
child process, because the crash is the process's exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.docks_support import make_workspace

_CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from journeymapper.ui.app import create_app
    from journeymapper.ui.main_window import MainWindow
    app = create_app()
    win = MainWindow()
    win.resize(1600, 1000)
    win.show()
    assert win.open_path(sys.argv[1])
    card = min(win.scene.cards.values(), key=lambda c: c.touchpoint_id)
    win.view.ensureVisible(card)
    app.processEvents()
    at = win.view.mapFromScene(card.sceneBoundingRect().center())
    QTest.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QTest.keyClick(win.view.viewport(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat("application/x-journeymapper-touchpoints"), mime.formats()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("left:", QGuiApplication.clipboard().text())
    """
)


def test_the_app_quits_cleanly_after_cards_were_copied(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "map.jmap")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert child.returncode == 0, (child.returncode, child.stderr[-2000:])
    assert "left: " in child.stdout and child.stdout.strip() != "left:"
