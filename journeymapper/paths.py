"""Where the application's files live: its bundled resources and its own data folder."""

from __future__ import annotations

import os
from pathlib import Path

#: ``resources/`` at the repository root (the package is installed in place).
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS = RESOURCES / "fonts"


def data_dir() -> Path:
    """The app's own folder for samples, never-named workspaces and snapshots.

    ``JOURNEYMAPPER_DATA_DIR`` moves it (tests, portable installs).
    """
    override = os.environ.get("JOURNEYMAPPER_DATA_DIR")
    if override:
        folder = Path(override)
    else:
        import platformdirs  # only here: the app's first paint does not wait for it

        folder = Path(platformdirs.user_data_dir("JourneyMapper", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
