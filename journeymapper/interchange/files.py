"""Files an import or export touches: written whole or not at all.

A failed export must not leave half a file, and a failed import into a new
workspace must not leave a workspace behind (or replace an existing one).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from journeymapper.model.document import FILE_SUFFIX, Document
from journeymapper.model.errors import DocumentError

T = TypeVar("T")


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` via a temporary file beside ``path``, then move it into place."""
    if not path.parent.is_dir():
        raise DocumentError(f"The folder {path.parent} does not exist.")
    if path.is_dir():
        raise DocumentError(f"{path} is a folder.")
    tmp = path.with_name(path.name + ".writing")
    try:
        tmp.write_text(text, encoding=encoding, newline="")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DocumentError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    return path


def workspace_target(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Where a new workspace goes (``.jmap`` added when no suffix); refuse to clobber."""
    target = Path(path)
    if target.suffix == "":
        target = target.with_suffix(FILE_SUFFIX)
    if target.exists() and not overwrite:
        raise DocumentError(f"{target} already exists (use --force to replace it).")
    if target.is_dir():
        raise DocumentError(f"{target} is a folder.")
    if not target.parent.is_dir():
        raise DocumentError(f"The folder {target.parent} does not exist.")
    return target


def into_new_workspace(
    target: Path, name: str, fill: Callable[[Document], T], *, overwrite: bool = False
) -> T:
    """Create a workspace at ``target`` filled by ``fill``, or leave no file at all.

    The workspace is built under a temporary name and moved into place only
    when ``fill`` succeeded, so a failed import never replaces ``target``.
    """
    target = workspace_target(target, overwrite=overwrite)
    tmp = target.with_name(f".{target.name}.importing")
    doc = Document.create(tmp, name=name, overwrite=True)
    try:
        result = fill(doc)
        doc.close()
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise DocumentError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    except BaseException:
        doc.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return result
