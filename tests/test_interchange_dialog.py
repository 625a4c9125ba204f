"""The import dialog: preview, the report with its Copy button, import, and cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from journeymapper import interchange
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace
from journeymapper.ui.dialogs.import_dialog import ImportDialog

DATA = Path(__file__).parent / "data" / "csv"


def test_preview_then_import_touchpoints(qtbot: Any, tmp_path: Path) -> None:
    with create_workspace(tmp_path / "w.jmap", "blank") as doc:
        journey = find_journey(doc, None)
        dialog = ImportDialog(DATA / "touchpoints_utf8.csv", "touchpoints", doc, journey)
        qtbot.addWidget(dialog)
        assert dialog.import_button.isEnabled()
        assert dialog.table.rowCount() == 5
        assert dialog.table.horizontalHeaderItem(3).text() == "title"
        assert dialog.table.item(3, 3).text() == "Café checkout"
        assert "new lanes: Kiosk (offline)" in dialog.summary.text()
        assert "5 touchpoints to import" in dialog.summary.text()
        assert load_journey(doc, journey).touchpoints == {}  # preview writes nothing
        dialog.import_button.click()
        assert dialog.result is not None
        assert dialog.result.counts["touchpoints"] == 5
        assert len(load_journey(doc, journey).touchpoints) == 5


def test_broken_file_shows_the_report_and_copies_it(qtbot: Any, tmp_path: Path) -> None:
    with create_workspace(tmp_path / "w.jmap", "blank") as doc:
        dialog = ImportDialog(DATA / "touchpoints_broken.csv", "touchpoints", doc, None)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.import_button.isEnabled()
        assert dialog.report_box.isVisible()
        text = dialog.report_text()
        assert text.startswith("touchpoints_broken.csv was not imported")
        assert "line 2, column 'title': The touchpoint title is missing." in text
        dialog.copy_button.click()
        assert QApplication.clipboard().text() == text


def test_write_time_problems_are_reported_and_nothing_written(qtbot: Any, tmp_path: Path) -> None:
    src = tmp_path / "m.csv"
    src.write_text("touchpoint,metric,value,date\nLanding page,csat,9,2026-01-01\n")
    target = tmp_path / "w.jmap"
    interchange.import_csv_file(DATA / "touchpoints_utf8.csv", target)
    with Document.open(target) as doc:
        dialog = ImportDialog(src, "measurements", doc)
        qtbot.addWidget(dialog)
        # The preview's trial import (rolled back) already found the refused value.
        assert not dialog.import_button.isEnabled()
        assert dialog.result is None
        assert dialog.table.item(0, 2).background().color().name() == "#f8d7d4"
        assert "line 2, column 'value': CSAT must be from 1 to 5; 9 is out of range." in (
            dialog.report_text()
        )
        assert not dialog.import_button.isEnabled()
        assert doc.rows("SELECT count(*) FROM measurement")[0][0] == 5


def test_unreadable_file_and_workspace_preview(qtbot: Any, tmp_path: Path) -> None:
    with create_workspace(tmp_path / "w.jmap", "blank") as doc:
        dialog = ImportDialog(DATA / "binary.csv", "touchpoints", doc)
        qtbot.addWidget(dialog)
        assert "binary.csv is not a CSV file: it contains binary data." in dialog.report_text()
        assert not dialog.import_button.isEnabled()
        interchange.workspace_json.write_workspace_json(doc, tmp_path / "w.json")
    target = tmp_path / "copy.jmap"
    dialog = ImportDialog(tmp_path / "w.json", "workspace", target=target)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "5"  # stages
    dialog.import_button.click()
    assert dialog.result is not None and target.exists()
