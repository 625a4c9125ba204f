"""The ``journeymapper`` command line: ``main`` and one module per command group."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """The console script; a desktop start skips the command modules (cli/launch.py)."""
    from journeymapper.cli import launch

    args = list(sys.argv[1:] if argv is None else argv)
    files = launch.desktop_start(args)
    if files is not None:
        return launch.start_gui(Path(files[0]) if files else None)
    from journeymapper.cli.main import main as run

    return run(args)


__all__ = ["main"]
