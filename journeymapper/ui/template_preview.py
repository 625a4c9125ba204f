"""Thumbnails of the built-in templates for the start page, cached in the app's data folder.

A preview is the template's own map drawn by the shared canvas rendering (the same scene
as the window and ``export png``), so it never drifts from what the user will get. Each
file name carries a hash of the template, so an edited template gets a fresh picture.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from journeymapper.paths import data_dir
from journeymapper.store.journey_data import find_journey
from journeymapper.templates import TEMPLATE_DIR, create_workspace
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.image_export import export_png

#: Raise when the drawing changes so that old cached pictures are redrawn.
PREVIEW_VERSION = 1
PREVIEW_WIDTH = 300


def preview_folder() -> Path:
    folder = data_dir() / "previews"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def preview_path(name: str, width: int = PREVIEW_WIDTH) -> Path:
    """Where the picture of template ``name`` is cached (it may not exist yet)."""
    digest = hashlib.sha1((TEMPLATE_DIR / f"{name}.json").read_bytes())
    digest.update(f"{PREVIEW_VERSION}/{width}".encode())
    return preview_folder() / f"{name}-{digest.hexdigest()[:12]}.png"


def template_preview(name: str, width: int = PREVIEW_WIDTH) -> Path:
    """The cached picture of template ``name``, drawn first when missing."""
    out = preview_path(name, width)
    if out.is_file():
        return out
    for stale in preview_folder().glob(f"{name}-*.png"):
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        doc = create_workspace(Path(tmp) / "preview.jmap", name)
        try:
            scene = JourneyScene()
            scene.show_journey(doc, find_journey(doc, None))
            rect = scene.sceneRect()
            export_png(scene, out, width / max(rect.width(), 1.0))
        finally:
            doc.close()
    return out


__all__ = ["PREVIEW_WIDTH", "preview_path", "template_preview"]
