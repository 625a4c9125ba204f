"""Where the application's bundled resources live."""

from __future__ import annotations

from pathlib import Path

#: ``resources/`` at the repository root (the package is installed in place).
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS = RESOURCES / "fonts"
