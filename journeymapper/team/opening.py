"""Opening a workspace by what the user gave: a file path or a ``postgresql://`` address."""

from __future__ import annotations

import os
from pathlib import Path

from journeymapper.model.document import Document
from journeymapper.team.address import is_team_url
from journeymapper.team.document import TeamDocument


def open_workspace(target: str | os.PathLike[str], *, read_only: bool = False) -> Document:
    """The file or team workspace ``target`` names (a team one is always editable)."""
    if is_team_url(str(target)):
        return TeamDocument.open(str(target))
    return Document.open(Path(target), read_only=read_only)
