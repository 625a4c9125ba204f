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
    from journeymapper.cli.main import main
    from journeymapper.ui.app import create_app
    create_app()
    seen = {}
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
                )
                w.close()
                QApplication.quit()
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    QTimer.singleShot(60000, QApplication.quit)
    code = main(["gui", *sys.argv[2:]])  # what ./scripts/run and the desktop entry start
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
