"""File > Export PDF… from the main window writes a PDF of the shown journey."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from journeymapper.templates import create_workspace
from journeymapper.ui.app import create_app
from journeymapper.ui.main_window import MainWindow


def test_export_pdf_from_the_file_menu(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shop.jmap"
    create_workspace(path, "retail").close()
    create_app()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    action = next(a for a in window.file_menu.actions() if a.text() == "Export &PDF…")
    action.trigger()
    dialog = window.pdf_dialog
    out = tmp_path / "map.pdf"
    dialog.output_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.start_export()
    report = dialog.report
    assert report is not None and report.path == out and out.exists()
    text = PdfReader(str(report.path)).pages[0].extract_text()
    first_title = window.scene.data.touchpoints[min(window.scene.data.touchpoints)].title
    assert first_title.split()[0] in text
