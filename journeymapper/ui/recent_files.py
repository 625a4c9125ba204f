"""Recent workspaces and the last one used, kept in the user's Qt settings.

One list serves File > Open recent, the start page and the choice of what to open at start,
so the three always agree. The newest entry is the last workspace used.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMenu

from journeymapper.ui.window_host import WindowHost

MAX_RECENT = 10
RECENT_KEY = "recent"


#: A folder for the settings instead of the user's (the benchmark's child starts, portable
#: installs): XDG_CONFIG_HOME moves them on Linux only, never macOS's or Windows' native store.
CONFIG_DIR_ENV = "JOURNEYMAPPER_CONFIG_DIR"


def app_settings() -> QSettings:
    """The app's user settings (tests point them elsewhere with ``QSettings.setPath``)."""
    folder = os.environ.get(CONFIG_DIR_ENV)
    if folder:
        return QSettings(str(Path(folder) / "JourneyMapper.ini"), QSettings.Format.IniFormat)
    return QSettings("JourneyMapper", "JourneyMapper")


class RecentFiles:
    """The last :data:`MAX_RECENT` workspaces opened, newest first."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else app_settings()

    def paths(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [Path(str(v)) for v in value or [] if str(v)]

    def _store(self, paths: list[Path]) -> None:
        self.settings.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])

    def add(self, path: str | Path) -> None:
        """``path`` was opened: it goes first (and becomes the last workspace used)."""
        path = Path(path)
        self._store([path, *(p for p in self.paths() if p != path)])

    def remove(self, path: str | Path) -> None:
        self._store([p for p in self.paths() if p != Path(path)])

    def remove_missing(self) -> None:
        self._store([p for p in self.paths() if p.exists()])

    def last_workspace(self) -> Path | None:
        """The workspace used last, when it still exists; None sends the app to its start page."""
        paths = self.paths()
        return paths[0] if paths and paths[0].is_file() else None


class RecentMenu(QObject):
    """File > Open recent, filled each time it opens: missing files are greyed out."""

    def __init__(self, window: WindowHost, menu: QMenu, recent: RecentFiles) -> None:
        super().__init__(window)
        self.window, self.menu, self.recent = window, menu, recent
        menu.aboutToShow.connect(self.fill)
        self.fill()

    def fill(self) -> None:
        self.menu.clear()
        paths = self.recent.paths()
        if not paths:
            self.menu.addAction("No recent workspaces").setEnabled(False)
            return
        missing = False
        for path in paths:
            exists = path.exists()
            missing = missing or not exists
            action = self.menu.addAction(path.name if exists else f"{path.name} (not found)")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(exists)
            action.triggered.connect(lambda _c=False, p=path: self.open(p))
        self.menu.addSeparator()
        if missing:
            self.menu.addAction("Remove missing entries", self._remove_missing)
        self.menu.addAction("Clear list", self._clear)

    def add(self, path: str | Path) -> None:
        self.recent.add(path)
        self.fill()

    def open(self, path: Path) -> bool:
        """Open a recent entry; one that vanished meanwhile leaves the list with a message."""
        if not path.exists():
            self.recent.remove(path)
            self.fill()
            self.window.show_error(f"{path} no longer exists; it was removed from the recent list.")
            return False
        return self.window.open_path(path)

    def _remove_missing(self) -> None:
        self.recent.remove_missing()
        self.fill()

    def _clear(self) -> None:
        self.recent.settings.remove(RECENT_KEY)
        self.fill()


def install_recent(window: WindowHost, menu: QMenu) -> RecentMenu:
    """Drive ``menu`` (File > Open recent) from the window's settings."""
    return RecentMenu(window, menu, RecentFiles(window.settings))


__all__ = [
    "CONFIG_DIR_ENV",
    "MAX_RECENT",
    "RecentFiles",
    "RecentMenu",
    "app_settings",
    "install_recent",
]
