"""The mapping steps of the import dialog, driven by real clicks on the choices."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from journeymapper.analysis.surveys import CSAT_SHARE_KEY as SHARE
from journeymapper.model.document import Document
from journeymapper.ui.dialogs.column_mapping import SKIP, ColumnMappingDialog
from journeymapper.ui.dialogs.import_dialog import ImportDialog
from tests.test_mapping_cli import A1, APRIL, BYOD, QUALTRICS, survey_values, visit_map  # noqa: F401

SHOTS = os.environ.get("JOURNEYMAPPER_SHOTS")


@pytest.fixture(autouse=True)
def own_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no saved mapping profiles (they live in the data folder)."""
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "data"))


def choose(qtbot: Any, combo: QComboBox, text: str) -> None:
    """Open the combo box with a click and click the entry ``text`` in its list."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = combo.model().index(combo.findText(text), 0)
    assert index.isValid(), text
    view.scrollTo(index)
    rect = view.visualRect(index)
    # A combo popup ignores a release that comes too soon after it opened (as a person's).
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == text


def shot(widget: Any, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()  # let the layout follow a changed text first
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_map_columns_match_labels_save_profile_and_reuse_it(
    qtbot: Any,
    visit_map: Path,  # noqa: F811
) -> None:
    with Document.open(visit_map) as doc:
        dialog = ImportDialog(BYOD / "qualtrics_three_header_rows.csv", "survey", doc)
        qtbot.addWidget(dialog)
        dialog.show()
        # The tool's own column names are refused, with the way forward on a button.
        assert not dialog.import_button.isEnabled() and dialog.map_button.isVisible()
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
        mapper = dialog.mapping_dialog
        assert isinstance(mapper, ColumnMappingDialog)
        qtbot.waitUntil(mapper.isVisible)
        assert mapper.header_rows.value() == 3  # ids, questions, import ids
        assert [c.currentData() for c in mapper.combos] == [
            "date", "ignore", "ignore", "ignore", "recommend", "satisfaction", "effort", "ignore",
        ]  # fmt: skip
        choose(qtbot, mapper.combos[3], "Touchpoint (title)")
        choose(qtbot, mapper.combos[7], "CES answer (1–7)")  # a field twice: refused
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert mapper.stack.currentIndex() == 0 and "chosen for two columns" in (
            mapper.columns_intro.text()
        )
        choose(qtbot, mapper.combos[7], "Ignore")
        shot(mapper, "mapping-columns")
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert mapper.stack.currentIndex() == 1
        combos = mapper.label_combos
        assert list(combos) == ["Landing page", "Pricing", "Checkout at the café", "Parking"]
        assert combos["Pricing"].currentText() == "Pricing page"
        assert combos["Parking"].currentText() == SKIP  # unmatched: listed, skipped
        choose(qtbot, combos["Checkout at the café"], "Café checkout")
        click(qtbot, mapper.save_profile)
        assert mapper.save_profile.isChecked()
        mapper.profile_name.setText("Visit survey")
        shot(mapper, "mapping-labels")
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert mapper.saved_profile is not None and mapper.saved_profile.exists()
        assert dialog.import_button.isEnabled(), dialog.report_text()
        assert "4 blank or N/A answers skipped" in dialog.summary.text()
        shot(dialog, "mapping-preview")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.result is not None
    assert survey_values(visit_map) == QUALTRICS

    with Document.open(visit_map) as doc:
        # The same header again: the saved profile maps it without a question.
        again = ImportDialog(BYOD / "qualtrics_same_header_april.csv", "survey", doc)
        qtbot.addWidget(again)
        assert again.import_button.isEnabled(), again.report_text()
        assert "Visit survey" in again.windowTitle()
        again.import_button.click()
        # A changed header asks again.
        changed = ImportDialog(BYOD / "qualtrics_changed_header.csv", "survey", doc)
        qtbot.addWidget(changed)
        assert changed.mapping is None and not changed.import_button.isEnabled()
    assert survey_values(visit_map) == QUALTRICS | APRIL


def test_ambiguous_dates_need_a_choice_before_use(qtbot: Any, visit_map: Path) -> None:  # noqa: F811
    data = (BYOD / "surveymonkey_two_header_rows.csv").read_bytes()
    with Document.open(visit_map) as doc:
        mapper = ColumnMappingDialog(data, "sm.csv", "survey", doc)
        qtbot.addWidget(mapper)
        mapper.show()
        assert mapper.header_rows.value() == 2 and mapper.date_order.isVisible()
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert "day/month order" in mapper.columns_intro.text()
        choose(qtbot, mapper.date_order, "Month first (12/31/2026)")
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert mapper.stack.currentIndex() == 1
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert mapper.mapping is not None and mapper.mapping.date_order == "mdy"


def test_an_unmatched_label_becomes_a_new_card_by_clicks(qtbot: Any, visit_map: Path) -> None:  # noqa: F811
    import json

    from journeymapper.store.journey_data import find_journey, load_journey
    from journeymapper.ui.dialogs.column_mapping_labels import CREATE
    from tests.test_mapping_new_cards import PARKING

    with Document.open(visit_map) as doc:
        dialog = ImportDialog(BYOD / "qualtrics_three_header_rows.csv", "survey", doc)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
        mapper = dialog.mapping_dialog
        qtbot.waitUntil(mapper.isVisible)
        choose(qtbot, mapper.combos[3], "Touchpoint (title)")
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        step = mapper.labels
        assert step.combos["Parking"].currentText() == SKIP
        place = step.places["Parking"]
        assert not place.isEnabled() and place.currentText() == ""  # only a new card has one
        choose(qtbot, step.combos["Checkout at the café"], "Café checkout")
        choose(qtbot, step.combos["Parking"], CREATE)
        assert place.isEnabled()
        # No stage or lane column is mapped: every stage / channel lane is offered.
        assert place.count() == 3 * 4 and place.itemText(0) == "Awareness / Website"
        choose(qtbot, place, "Purchase / Store")
        # Back to the columns and on again: the choices of step 2 are still there.
        qtbot.mouseClick(mapper.back_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert step.combos["Parking"].currentText() == CREATE
        assert step.places["Parking"].currentText() == "Purchase / Store"
        assert step.combos["Checkout at the café"].currentText() == "Café checkout"
        click(qtbot, mapper.save_profile)
        mapper.profile_name.setText("Visit with parking")
        shot(mapper, "mapping-labels-new-card")
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        assert dialog.import_button.isEnabled(), dialog.report_text()
        assert "1 new card ('Parking' in Purchase / Store)" in dialog.summary.text()
        shot(dialog, "mapping-preview-new-card")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.result is not None and dialog.result.counts["touchpoints"] == 1
    assert survey_values(visit_map) == QUALTRICS | PARKING
    saved = json.loads(mapper.saved_profile.read_text("utf-8"))
    assert saved["create"] == {"Parking": {"stage": "Purchase", "lane": "Store"}}
    assert saved["matches"]["Pricing"] == "Pricing page"

    with Document.open(visit_map) as doc:
        # The profile maps April's file without a question, onto the card made in March.
        again = ImportDialog(BYOD / "qualtrics_same_header_april.csv", "survey", doc)
        qtbot.addWidget(again)
        assert again.import_button.isEnabled(), again.report_text()
        assert "Visit with parking" in again.windowTitle()
        qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
        data = load_journey(doc, find_journey(doc, None))
        parking = [t for t in data.touchpoints.values() if t.title == "Parking"]
        assert len(parking) == 1
        stages = {s.id: s.name for s in data.stages}
        assert stages[parking[0].stage_id] == "Purchase"
    assert {v for v in survey_values(visit_map) if v[0] == "Parking"} - PARKING == {
        ("Parking", "nps", A1, 100.0, 1), ("Parking", "csat", A1, 5.0, 1),
        ("Parking", SHARE, A1, 100.0, 1), ("Parking", "ces", A1, 1.0, 1),
    }  # fmt: skip


def test_a_profile_that_makes_unmatched_labels_cards_shows_them_as_new_cards(
    qtbot: Any,
    visit_map: Path,  # noqa: F811
) -> None:
    from journeymapper.interchange.mapping import Mapping, NewCard
    from journeymapper.ui.dialogs.column_mapping_labels import CREATE

    data = (BYOD / "qualtrics_three_header_rows.csv").read_bytes()
    start = Mapping(
        columns={0: "date", 3: "touchpoint", 4: "recommend", 5: "satisfaction", 6: "effort"},
        header_rows=3,
        matches={"Pricing": "Pricing page"},
        create_unmatched=NewCard("Purchase", "Kiosk"),
    )
    with Document.open(visit_map) as doc:
        mapper = ColumnMappingDialog(data, "q.csv", "survey", doc, None, start)
        qtbot.addWidget(mapper)
        mapper.show()
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
        step = mapper.labels
        assert step.combos["Pricing"].currentText() == "Pricing page"
        assert step.combos["Checkout at the café"].currentText() == "Café checkout"  # close
        assert step.combos["Parking"].currentText() == CREATE  # no title is close
        assert step.places["Parking"].currentText() == "Purchase / Kiosk"
        qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
    assert mapper.mapping is not None
    assert mapper.mapping.create == {"Parking": NewCard("Purchase", "Kiosk")}
    assert mapper.mapping.matches["Checkout at the café"] == "Café checkout"


def test_new_card_import_from_the_window_is_one_undo_step(qtbot: Any, visit_map: Path) -> None:  # noqa: F811
    from journeymapper.ui.dialogs.column_mapping_labels import CREATE
    from journeymapper.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show_error = lambda message: setattr(window, "last_error", message)
    assert window.open_path(visit_map)

    def count(sql: str) -> int:
        with Document.open(visit_map, read_only=True) as doc:
            return doc.rows(sql)[0][0]

    parking = "SELECT count(*) FROM touchpoint WHERE title = 'Parking'"
    values = "SELECT count(*) FROM measurement"
    before = count(values)
    dialog = window.file_transfer.open_import(BYOD / "qualtrics_three_header_rows.csv", "survey")
    qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    mapper = dialog.mapping_dialog
    qtbot.waitUntil(mapper.isVisible)
    choose(qtbot, mapper.combos[3], "Touchpoint (title)")
    qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
    choose(qtbot, mapper.labels.combos["Parking"], CREATE)
    choose(qtbot, mapper.labels.places["Parking"], "Awareness / Social media")
    qtbot.mouseClick(mapper.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert count(parking) == 1 and count(values) == before + 18
    assert "Parking" in {item.tp.title for item in window.scene.cards.values()}
    window.undo_action.trigger()  # the card and every value of the import go together
    assert count(parking) == 0 and count(values) == before
    assert "Parking" not in {item.tp.title for item in window.scene.cards.values()}
    window.redo_action.trigger()
    assert count(parking) == 1 and count(values) == before + 18
