"""The ``journeymapper`` console script and ``python -m journeymapper`` (the desktop entry).

A desktop start (``gui [FILE]``, or one existing file written as a path) goes straight to the
app, whose frame and first map paint before SQLAlchemy and the services load; everything
else, and every mistake to report, goes to the full command line (``cli/main.py``), whose
command modules import them at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def _path_shaped(arg: str) -> bool:
    """Written as a path (``map.jmap``, ``./map``): a command name never is."""
    return not arg.startswith("-") and ("/" in arg or os.sep in arg or Path(arg).suffix != "")


def desktop_files(argv: Sequence[str]) -> list[str] | None:
    """The files of a plain desktop start, or None for what the full command line handles."""
    args = list(argv)
    if args[:1] == ["gui"]:
        args = args[1:]
    elif len(args) != 1 or not _path_shaped(args[0]):
        return None
    if len(args) > 1 or any(a.startswith("-") or not Path(a).is_file() for a in args):
        return None
    return args


def run(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    files = desktop_files(args)
    if files is not None:
        from journeymapper.ui.app import main as app_main

        return app_main(files)
    from journeymapper.cli.main import main

    return main(args)


__all__ = ["desktop_files", "run"]
