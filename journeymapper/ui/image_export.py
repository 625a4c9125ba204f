"""PNG and SVG pictures of the journey canvas, rendered offscreen from a scene.

Used by File > Export and by ``journeymapper export png|svg`` (which needs no
window: it builds a scene for the file and renders it).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from journeymapper.model.errors import JourneyMapperError
from journeymapper.ui.canvas.scene import JourneyScene

#: Largest side of a PNG in pixels (a 2,000-card map at 2x would be a 600-MB image).
MAX_PNG_SIDE = 16000


class ImageExportError(JourneyMapperError):
    """A picture could not be written."""


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise ImageExportError(f"{path} is a folder; give a file name.")
    if not path.parent.is_dir():
        raise ImageExportError(f"The folder {path.parent} does not exist.")


def _deselected(scene: JourneyScene) -> list:  # type: ignore[type-arg]
    selected = scene.selectedItems()
    for item in selected:
        item.setSelected(False)
    return selected


def export_png(scene: JourneyScene, path: str | os.PathLike[str], scale: float = 1.0) -> Path:
    """Render the whole map at ``scale`` (1 = 100 %) to a PNG (temp file, then rename)."""
    path = Path(path)
    _check_target(path)
    source = scene.sceneRect()
    scale = min(scale, MAX_PNG_SIDE / max(source.width(), source.height(), 1))
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    selected = _deselected(scene)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    for item in selected:
        item.setSelected(True)
    tmp = path.with_name(f".{path.name}.part")
    if not image.save(str(tmp), "PNG"):
        tmp.unlink(missing_ok=True)
        raise ImageExportError(f"Cannot write {path}.")
    os.replace(tmp, path)
    return path


def export_svg(scene: JourneyScene, path: str | os.PathLike[str], title: str = "") -> Path:
    """Write the whole map as a vector SVG (temp file, then rename)."""
    path = Path(path)
    _check_target(path)
    source = scene.sceneRect()
    tmp = path.with_name(f".{path.name}.part")
    generator = QSvgGenerator()
    generator.setFileName(str(tmp))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title or "Journey map")
    generator.setDescription("Exported by Journey Mapper")
    selected = _deselected(scene)
    painter = QPainter()
    if not painter.begin(generator):
        tmp.unlink(missing_ok=True)
        raise ImageExportError(f"Cannot write {path}.")
    painter.fillRect(QRectF(0, 0, source.width(), source.height()), Qt.GlobalColor.white)
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    for item in selected:
        item.setSelected(True)
    if not tmp.exists() or tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        raise ImageExportError(f"Cannot write {path}.")
    os.replace(tmp, path)
    return path
