"""Thumbnails of the built-in templates for the start page, cached in the app's data folder.

A preview is the template's own map drawn by the shared canvas rendering (the same scene
as the window and ``export png``), so it never drifts from what the user will get. Each
file name carries a hash of the template, so an edited template gets a fresh picture.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from journeymapper.model.errors import JourneyMapperError
from journeymapper.paths import data_dir
from journeymapper.store.journey_data import find_journey
from journeymapper.templates import TEMPLATE_DIR, create_workspace
from journeymapper.ui.canvas.scene import JourneyScene

#: Raise when the drawing changes so that old cached pictures are redrawn.
PREVIEW_VERSION = 4
PREVIEW_WIDTH, PREVIEW_HEIGHT = 200, 120
#: Width of map (scene pixels) a preview shows: the first stages, large enough to read shapes.
CROP_WIDTH = 800.0


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
            _render(scene, out, width)
        finally:
            doc.close()
    return out


def _render(scene: JourneyScene, out: Path, width: int) -> None:
    """The top-left of the map (headers, lane labels, first stages) at the preview's size."""
    height = width * PREVIEW_HEIGHT // PREVIEW_WIDTH
    full = scene.sceneRect()
    crop_w = min(full.width(), CROP_WIDTH)
    source = QRectF(full.left(), full.top(), crop_w, crop_w * height / width)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, QRectF(0, 0, width, height), source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    tmp = out.with_name(f".{out.name}.part")
    if not image.save(str(tmp), "PNG"):
        tmp.unlink(missing_ok=True)
        raise JourneyMapperError(f"The preview {out} could not be written.")
    tmp.replace(out)


__all__ = ["PREVIEW_HEIGHT", "PREVIEW_WIDTH", "preview_path", "template_preview"]
