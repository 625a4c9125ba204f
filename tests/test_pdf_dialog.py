"""The Export PDF dialog: options round-trip, a threaded export, refusals shown inline."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymapper.pdf.options import ExportOptions
from journeymapper.ui.dialogs.pdf_dialog import PdfExportDialog
from tests.pdf_support import build_sample


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, int]:
    doc, info = build_sample(tmp_path)
    doc.close()
    return info.path, info.journey_id


def test_options_round_trip(qtbot, workspace) -> None:
    path, journey = workspace
    dialog = PdfExportDialog(path, journey, "Customer journey")
    qtbot.addWidget(dialog)
    assert dialog.output_path() == path.with_name("Customer journey.pdf")
    chosen = ExportOptions(page="Legal", orientation="portrait", mode="tile", charts=False)
    dialog.set_options(chosen)
    assert dialog.options() == chosen


def test_export_runs_in_a_thread_and_reports(qtbot, workspace, tmp_path: Path) -> None:
    path, journey = workspace
    out = tmp_path / "dialog.pdf"
    dialog = PdfExportDialog(path, journey, output=out)
    qtbot.addWidget(dialog)
    dialog.set_options(ExportOptions(page="A4", mode="tile"))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.start_export()
        assert dialog.running
        assert not dialog.export_button.isEnabled()
    report = blocker.args[0]
    assert report.pages == len(PdfReader(str(out)).pages)
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.export_button.isEnabled()
    assert dialog.progress.value() == report.pages
    assert "Wrote" in dialog.status.text()


def test_bad_output_is_shown_and_nothing_written(qtbot, workspace, tmp_path: Path) -> None:
    path, journey = workspace
    dialog = PdfExportDialog(path, journey, output=tmp_path / "missing" / "x.pdf")
    qtbot.addWidget(dialog)
    dialog.start_export()
    assert not dialog.running
    assert "does not exist" in dialog.status.text()
    assert not (tmp_path / "missing").exists()
