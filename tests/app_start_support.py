"""Run the app's real start (``journeymapper [FILE]``) in a child process and look inside.

A child, because a full ``QApplication.exec()`` of the main window leaves the offscreen
platform unable to activate later windows in the same process (seen on main too), which
breaks tests that run after it (the workshop tests wait for an active window).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

_CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QPushButton
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, sys.argv[1])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QGraphicsView
    from journeymapper.launch import run as main
    from journeymapper.ui.app import create_app
    HEAVY = ("sqlalchemy", "sqlmodel", "pyqtgraph", "journeymapper.editing",
             "journeymapper.ui.controller", "journeymapper.ui.main_window")
    def heavy():
        return sorted(m for m in HEAVY if m in sys.modules)
    seen = {}
    class Probe(QObject):  # what was loaded at the first paint and at the first map paint
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                seen.setdefault("heavy_at_first_paint", heavy())
                seen.setdefault("ours_at_first_paint",
                                sorted(m for m in sys.modules if m.startswith("journeymapper")))
                view = obj.parent()
                if (isinstance(view, QGraphicsView) and obj is view.viewport()
                        and view.scene() is not None and view.scene().items()
                        and "map_paint" not in seen):
                    seen["map_paint"] = dict(heavy=heavy(), interactive=view.isInteractive(),
                                             window=type(view.window()).__name__)
                    if POKE:  # the same gesture on the map before the window is ready
                        QTimer.singleShot(0, lambda: seen.update(
                            poked_early=poke(view), early_window=type(view.window()).__name__))
            return False
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    def poke(view):  # a person clicks a card on screen and presses Delete
        inside = [i for i in view.scene().items() if hasattr(i, "touchpoint_id")
                  and view.viewport().rect().contains(
                      view.mapFromScene(i.sceneBoundingRect().center()))]
        if not inside:
            return None
        card = min(inside, key=lambda i: i.touchpoint_id)
        at = view.mapFromScene(card.sceneBoundingRect().center())
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
        QTest.keyClick(view.viewport(), Qt.Key.Key_Delete)
        return card.touchpoint_id
    POKE = "--poke" in sys.argv
    if POKE:
        sys.argv.remove("--poke")
    probe = Probe()
    create_app().installEventFilter(probe)
    def poll():
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and w.property("startupDone"):
                timer.stop()
                page = getattr(w, "start_page", None)
                seen.update(
                    path=str(w.controller.path) if w.controller.path else None,
                    cards=len(w.scene.cards),
                    start_page=bool(page and page.isVisible()),
                    tiles=sorted(page.tiles) if page else [],
                    recent=[(b.text(), b.isEnabled()) for b in page.findChildren(QPushButton)]
                    if page else [],
                    heavy_when_done=heavy(),
                    interactive=w.view.isInteractive(),
                    undo_stack=w.controller.undo_stack.count(),
                    error=getattr(w, "last_error", None),
                )
                if POKE:
                    seen.update(poked=poke(w.view), undo_after_poke=w.controller.undo_stack.count())
                w.close()
                QApplication.quit()
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    QTimer.singleShot(60000, QApplication.quit)
    code = main(["gui", *sys.argv[2:]])  # what the desktop entry starts (the console script)
    print("RESULT " + json.dumps({"code": code, **seen}), flush=True)
    """
)


def run_app(argv: list[str], settings: Path, data: Path) -> dict[str, object]:
    """``journeymapper *argv`` with its own settings and data folders; what the window showed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JOURNEYMAPPER_DATA_DIR": str(data)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(settings), *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    assert lines, done.stdout + done.stderr
    result: dict[str, object] = json.loads(lines[-1][len("RESULT ") :])
    assert result["code"] == 0 and "path" in result, result
    return result
