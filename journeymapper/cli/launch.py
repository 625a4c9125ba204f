"""Desktop starts (``journeymapper gui [FILE]``, ``journeymapper FILE``) without the command
modules: they import SQLAlchemy and the services, which the app loads after its first paint."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from journeymapper.cli.registry import fail

GUI = "gui"


def path_shaped(arg: str) -> bool:
    """Written as a path (``map.jmap``, ``./map``): a command name never is."""
    return not arg.startswith("-") and ("/" in arg or os.sep in arg or Path(arg).suffix != "")


def looks_like_a_file(arg: str) -> bool:
    """A path (``map.jmap``, ``./map``, an existing file) rather than a mistyped command."""
    return path_shaped(arg) or (not arg.startswith("-") and Path(arg).exists())


def desktop_start(argv: Sequence[str]) -> list[str] | None:
    """The files of a plain desktop start, or None for anything the full parser must read.

    Only what cannot be a command qualifies: ``gui [FILE]``, or one path-shaped argument.
    """
    args = list(argv)
    if args[:1] == [GUI] and len(args) <= 2 and not any(a.startswith("-") for a in args[1:]):
        return args[1:]
    if len(args) == 1 and path_shaped(args[0]):
        return args
    return None


def start_gui(file: Path | None) -> int:
    """Open the desktop app on ``file`` (None: the last workspace, else the start page)."""
    if file is not None and not file.exists():
        return fail(f"{file}: no such workspace file (nor a command: see 'journeymapper --help').")
    from journeymapper.ui.app import main as gui_main

    return gui_main([str(file)] if file is not None else [])


__all__ = ["desktop_start", "looks_like_a_file", "start_gui"]
