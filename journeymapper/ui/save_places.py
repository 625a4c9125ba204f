"""Where save and export dialogs start: beside the workspace, named after the journey.

A never-named workspace (and the sample) lives in the app's hidden data folder; proposing
that folder would bury the user's file, so those start in the user's Documents folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from journeymapper.paths import data_dir


def documents_dir() -> Path:
    """The user's Documents folder (their home when there is none)."""
    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def start_folder(workspace: Path | None) -> Path:
    """The folder a dialog opens in for ``workspace`` (None: nothing open)."""
    if workspace is None:
        return documents_dir()
    folder = Path(workspace).resolve().parent
    hidden = data_dir().resolve()
    if folder == hidden or hidden in folder.parents:
        return documents_dir()
    return folder


def file_stem(name: str) -> str:
    """``name`` as a file name: no slashes or other characters file systems refuse."""
    keep = "".join(c if c.isalnum() or c in " -_.,()" else "_" for c in name).strip(" .")
    return keep or "journey"


def suggest(workspace: Path | None, name: str, suffix: str) -> str:
    """The path a save dialog proposes: ``<start folder>/<name><suffix>``."""
    return str(start_folder(workspace) / f"{file_stem(name)}{suffix}")


__all__ = ["documents_dir", "file_stem", "start_folder", "suggest"]
