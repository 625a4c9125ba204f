"""The start-up figures: app start → window shown, and → retail map painted, each next to a
bare PySide6 start (a QMainWindow with an empty QGraphicsView) measured in the same run.

Each start is a child process (offscreen, its own settings and data folder) that prints a
line when the first window paints and when the map (or the bare view) paints; the parent
times those lines from just before the child starts. Starts alternate bare / app so that a
busy machine slows both alike; the figures are medians.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

_PROBE = textwrap.dedent(
    """
    import os, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QGraphicsView
    seen = set()
    def report(what):
        if what not in seen:
            seen.add(what)
            print(what, flush=True)
            if what == "painted":
                os._exit(0)
    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, lambda: report("shown"))
                view = obj.parent()
                if isinstance(view, QGraphicsView) and obj is view.viewport():
                    if BARE or view.scene() is not None and view.scene().items():
                        QTimer.singleShot(0, lambda: report("painted"))
            return False
    BARE = sys.argv[1] == "bare"
    probe = Probe()
    if BARE:
        from PySide6.QtWidgets import QGraphicsScene, QMainWindow
        app = QApplication([])
        app.installEventFilter(probe)
        window = QMainWindow()
        window.resize(1440, 900)
        window.setCentralWidget(QGraphicsView(QGraphicsScene()))
        window.show()
        app.exec()
    else:
        from journeymapper.ui.app import create_app, main
        create_app().installEventFilter(probe)
        main([sys.argv[2]])
    """
)


def isolated_env(folder: Path) -> dict[str, str]:
    """The environment of a benchmark child: offscreen, with settings and a data folder in
    ``folder``, so that its starts never reach the user's Recent list or last workspace."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_LOGGING_RULES": "default.warning=false",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "JOURNEYMAPPER_CONFIG_DIR": str(folder / "config"),  # the one macOS/Windows heed
        "JOURNEYMAPPER_DATA_DIR": str(folder / "data"),
    }


def _one_start(kind: str, workspace: Path, env: dict[str, str]) -> tuple[float, float] | None:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _PROBE, kind, str(workspace)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    times: dict[str, float] = {}
    for line in proc.stdout:
        times[line.strip()] = (time.perf_counter() - start) * 1000
        if "painted" in times:
            break
    proc.kill()
    proc.wait(timeout=60)
    if "shown" not in times or "painted" not in times:
        return None
    return times["shown"], times["painted"]


def _median(values: list[float]) -> float | None:
    return sorted(values)[len(values) // 2] if values else None


def measure_start(repeat: int = 5) -> dict[str, float | None]:
    """Medians (ms) of bare and app starts: shown and painted, alternated ``repeat`` times."""
    from journeymapper.templates import create_workspace

    results: dict[str, list[float]] = {k: [] for k in ("bare", "app")}
    painted: dict[str, list[float]] = {k: [] for k in ("bare", "app")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workspace = folder / "Retail.jmap"
        create_workspace(workspace, "retail").close()
        env = isolated_env(folder)
        _one_start("app", workspace, env)  # warm the disk cache and the template preview
        for _ in range(repeat):
            for kind in ("bare", "app"):
                got = _one_start(kind, workspace, env)
                if got is not None:
                    results[kind].append(got[0])
                    painted[kind].append(got[1])
    return {
        "bare_shown": _median(results["bare"]),
        "bare_painted": _median(painted["bare"]),
        "app_shown": _median(results["app"]),
        "app_painted": _median(painted["app"]),
    }


__all__ = ["isolated_env", "measure_start"]
