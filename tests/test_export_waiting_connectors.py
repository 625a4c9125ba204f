"""An image export right after an edit shows every connector, those waiting out of view too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QTransform
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.ui.canvas import blueprint as layer_module
from journeymapper.ui.image_export import export_png
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import open_canvas


@pytest.fixture
def window(qtbot, hotel_blueprint: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_canvas(qtbot, hotel_blueprint)


def test_a_png_exported_while_connectors_wait_shows_them_all(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layer_module, "EAGER", 0)  # as on a map with thousands of arrows
    view, layer = window.view, window.scene.blueprint
    view.setTransform(QTransform.fromScale(3, 3))  # the map's top-left corner only
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    QApplication.processEvents()
    stage = window.scene.layout.stage_order[0]
    width = window.scene.layout.columns[stage].w + 40
    assert window.controller.run("Resize", editing.edit_stage, stage_id=stage, width=width)
    assert [i for i in layer.items.values() if not i.isVisible()], "none waits: shows nothing"
    first = export_png(window.scene, tmp_path / "first.png")
    layer.flush()  # every connector routed and shown
    assert all(item.isVisible() for item in layer.items.values())
    again = export_png(window.scene, tmp_path / "again.png")
    assert QImage(str(first)) == QImage(str(again)), "the first export lacked waiting arrows"
