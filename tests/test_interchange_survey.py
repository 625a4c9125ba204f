"""Raw survey responses CSV → NPS / CSAT / CES measurements: maths, formats, exact reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from journeymapper import editing, interchange
from journeymapper.analysis.surveys import CSAT_SHARE_KEY
from journeymapper.cli import main
from journeymapper.interchange import ImportFailed, survey_csv
from journeymapper.model.document import Document
from journeymapper.store.journey_data import (
    find_journey,
    load_journey,
    load_metrics,
    measurement_history,
)
from journeymapper.ui.dialogs.import_dialog import ImportDialog
from tests.conftest import dump, sha256

DATA = Path(__file__).parent / "data" / "csv"
D1, D2, A1 = dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 4, 1)

#: Hand-computed from survey_basic.csv (title, metric, value, date, sample size).
#: Landing page 1 March: recommend 10, 9, 6, 8 → 2 promoters − 1 detractor of 4 = 25;
#: satisfaction 5, 4, 2 → mean 11/3, 2 of 3 satisfied; effort 2, 5, 3 → mean 10/3.
#: Landing page 1 April is a single response (7 = passive, 3, 1).
#: Pricing page: 9, 10 → all promoters = 100. Café checkout: 0, 6 → all detractors = −100.
EXPECTED = [
    ("Landing page", "nps", 25.0, D1, 4),
    ("Landing page", "csat", 3.6667, D1, 3),
    ("Landing page", CSAT_SHARE_KEY, 66.6667, D1, 3),
    ("Landing page", "ces", 3.3333, D1, 3),
    ("Landing page", "nps", 0.0, A1, 1),
    ("Landing page", "csat", 3.0, A1, 1),
    ("Landing page", CSAT_SHARE_KEY, 0.0, A1, 1),
    ("Landing page", "ces", 1.0, A1, 1),
    ("Pricing page", "nps", 100.0, D1, 2),
    ("Café checkout", "nps", -100.0, D2, 2),
    ("Café checkout", "csat", 1.0, D2, 1),
    ("Café checkout", CSAT_SHARE_KEY, 0.0, D2, 1),
    ("Café checkout", "ces", 7.0, D2, 1),
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The touchpoints of touchpoints_utf8.csv, plus 'FAQ' twice (for ambiguous titles)."""
    target = tmp_path / "w.jmap"
    interchange.import_csv_file(DATA / "touchpoints_utf8.csv", target)
    with Document.open(target) as doc:
        data = load_journey(doc, find_journey(doc, None))
        stages = {s.name: s.id for s in data.stages}
        lane = data.lanes[0].id
        editing.add_touchpoint(doc, stages["Awareness"], lane, "FAQ")
        editing.add_touchpoint(doc, stages["Consideration"], lane, "FAQ")
    return target


def _survey_history(doc: Document, source: str) -> list[tuple[Any, ...]]:
    """The measurements a survey import wrote, in the order EXPECTED lists them."""
    data = load_journey(doc, find_journey(doc, None))
    out = []
    for tp in sorted(data.touchpoints.values(), key=lambda t: t.id):
        for m in measurement_history(doc, tp.id):
            if m.source == f"Survey import ({source})":
                out.append((tp.title, m.metric_key, m.value, m.measured_on, m.sample_size))
    order = {(t, k, d): i for i, (t, k, _, d, _) in enumerate(EXPECTED)}
    return sorted(out, key=lambda r: order.get((r[0], r[1], r[3]), len(order)))


@pytest.mark.parametrize(
    "name",
    ["survey_basic.csv", "survey_semicolon_decimal_comma.csv", "survey_utf16.csv"],
)
def test_hand_computed_metrics_from_every_variant(workspace: Path, name: str) -> None:
    with Document.open(workspace) as doc:
        result = survey_csv.import_survey_file(doc, DATA / name)
        assert result.counts == {"metrics": 1, "measurements": 13}
        assert _survey_history(doc, name) == EXPECTED
        assert load_metrics(doc)[CSAT_SHARE_KEY].unit == "%"


def test_plan_describes_the_file_and_previews_results(workspace: Path) -> None:
    with Document.open(workspace) as doc:
        index = survey_csv.touchpoint_index(doc, None)
    data = (DATA / "survey_utf16.csv").read_bytes()
    plan = survey_csv.plan_survey(data, "s.csv", index)
    assert plan.ok
    # The 'Instagram ad' row answered nothing: skipped, not an error.
    assert plan.details == "UTF-16-LE, tab-separated, 9 responses with 19 answers"
    assert plan.headers == ["touchpoint", "stage", "date", "metric", "value", "sample size"]
    assert plan.preview_rows[0] == ["Landing page", "Awareness", "2026-03-01", "NPS", "25", "4"]
    assert plan.preview_rows[9] == ["Café checkout", "Purchase", "2026-03-02", "NPS", "-100", "2"]
    assert plan.preview_lines == [2] * 4 + [6] * 4 + [7] + [9] * 4


def test_a_second_import_reuses_the_share_metric_and_undo_removes_everything(
    workspace: Path,
) -> None:
    with Document.open(workspace) as doc:
        before = dump(doc)
        first = survey_csv.import_survey_file(doc, DATA / "survey_basic.csv")
        second = survey_csv.import_survey_file(doc, DATA / "survey_utf16.csv")
        assert second.counts == {"measurements": 13}
        editing.apply(doc, second.inverse)
        editing.apply(doc, first.inverse)
        assert dump(doc) == before


def _report(workspace: Path, name: str, **kwargs: Any) -> list[str]:
    """The report of a failing import, checking the workspace file stays byte-identical."""
    digest = sha256(workspace)
    with Document.open(workspace) as doc:
        before = dump(doc)
        with pytest.raises(ImportFailed) as info:
            survey_csv.import_survey_file(doc, DATA / name, **kwargs)
        assert dump(doc) == before
    assert sha256(workspace) == digest
    return info.value.report.lines()


def test_every_bad_row_is_reported_and_nothing_written(workspace: Path) -> None:
    assert _report(workspace, "survey_broken.csv") == [
        "line 2, column 'recommend': '11' is out of range: recommend answers are whole numbers "
        "from 0 to 10.",
        "line 3, column 'recommend': '7.5' is not a whole number: recommend answers are whole "
        "numbers from 0 to 10.",
        "line 4, column 'touchpoint': There is no touchpoint titled 'Nowhere'.",
        "line 5, column 'touchpoint': 2 touchpoints are titled 'FAQ' (Awareness / Website, "
        "Consideration / Website); name a stage column to say which one.",
        "line 6, column 'date': '03/04/2026' is ambiguous: day 3 of month 4, or month 3 day 4? "
        "Write dates as YYYY-MM-DD (or say which order the file uses).",
        "line 7, column 'date': 'yesterday' is not a date (write dates as YYYY-MM-DD).",
        "line 8, column 'date': The date is missing.",
        "line 9, column 'satisfaction': '0' is out of range: satisfaction answers are whole "
        "numbers from 1 to 5.",
        "line 9, column 'effort': '8' is out of range: effort answers are whole numbers "
        "from 1 to 7.",
        "line 10, column 'recommend': 'ten' is not a whole number: recommend answers are whole "
        "numbers from 0 to 10.",
        "line 11, column 'touchpoint': There is no touchpoint 'Landing page' in the stage "
        "'Purchase' (it is in 'Awareness').",
        "line 12, column 'touchpoint': The touchpoint title is missing.",
    ]


def test_files_without_answers_say_so(workspace: Path) -> None:
    assert _report(workspace, "survey_no_answer_columns.csv") == [
        "line 1: The header has no answer column: add recommend (0–10, or 'NPS'), satisfaction "
        "(1–5, or 'CSAT') or effort (1–7, or 'CES'). Columns found: 'touchpoint', 'date', "
        "'comment'."
    ]
    assert _report(workspace, "survey_empty_answers.csv") == [
        "survey_empty_answers.csv has no answers: every 'NPS' and 'CSAT' cell is empty."
    ]
    assert _report(workspace, "header_only.csv") == [
        "line 1: The header has no 'date' column (or 'measured on', 'measurement date', 'day'). "
        "Columns found: 'stage', 'lane', 'title'.",
        "line 1: The header has no answer column: add recommend (0–10, or 'NPS'), satisfaction "
        "(1–5, or 'CSAT') or effort (1–7, or 'CES'). Columns found: 'stage', 'lane', 'title'.",
    ]


def test_header_only_and_duplicate_answer_columns(workspace: Path) -> None:
    with Document.open(workspace) as doc:
        with pytest.raises(ImportFailed) as info:
            survey_csv.import_survey(doc, b"touchpoint,date,NPS\n", "s.csv")
        assert info.value.report.lines() == [
            "s.csv has a header but no rows: there is nothing to import."
        ]
        with pytest.raises(ImportFailed) as info:
            survey_csv.import_survey(doc, b"touchpoint,date,NPS,recommend\nA,2026-01-01,9,9\n", "s")
        assert info.value.report.lines() == [
            "line 1, column 'recommend': Two columns both mean 'recommend': 'NPS' and "
            "'recommend'. Remove one of them."
        ]


def test_date_order_and_journey_restrict_matching(workspace: Path) -> None:
    data = b"touchpoint,date,CES\nPricing page,03/04/2026,2\nPricing page,4/3/2026,4\n"
    with Document.open(workspace) as doc:
        journey = find_journey(doc, None)
        survey_csv.import_survey(doc, data, "s.csv", journey, date_order="dmy")
        tp = next(
            t.id
            for t in load_journey(doc, journey).touchpoints.values()
            if t.title == "Pricing page"
        )
        ces = [(m.value, m.measured_on, m.sample_size) for m in measurement_history(doc, tp)]
        assert (2.0, dt.date(2026, 4, 3), 1) in ces
        assert (4.0, dt.date(2026, 3, 4), 1) in ces


def test_cli_exit_codes(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = str(DATA / "survey_basic.csv"), str(DATA / "survey_broken.csv")
    assert main(["import", "survey", good, str(workspace)]) == 0
    assert capsys.readouterr().out == f"Imported 1 metric, 13 measurements. Saved in {workspace}.\n"
    digest = sha256(workspace)
    assert main(["import", "survey", bad, str(workspace)]) == 1
    err = capsys.readouterr().err
    assert "survey_broken.csv was not imported (12 problems; nothing was changed)" in err
    assert "line 9, column 'effort': '8' is out of range" in err
    assert main(["import", "survey", bad, str(workspace), "--date-order", "dmy"]) == 1
    assert "(11 problems; nothing was changed)" in capsys.readouterr().err
    assert main(["import", "survey", good, str(workspace), "--journey", "Nope"]) == 1
    assert "There is no journey 'Nope'" in capsys.readouterr().err
    assert main(["import", "survey", str(DATA / "missing.csv"), str(workspace)]) == 1
    assert "There is no file" in capsys.readouterr().err
    assert sha256(workspace) == digest
    with pytest.raises(SystemExit) as info:
        main(["import", "survey", good, str(workspace), "--date-order", "ymd"])
    assert info.value.code == 2


def test_dialog_previews_survey_results_then_imports(qtbot: Any, workspace: Path) -> None:
    with Document.open(workspace) as doc:
        dialog = ImportDialog(DATA / "survey_basic.csv", "survey", doc)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Import survey responses — survey_basic.csv"
        assert dialog.import_button.isEnabled()
        assert "13 measurements to import" in dialog.summary.text()
        assert "9 responses with 19 answers" in dialog.summary.text()
        assert dialog.table.rowCount() == 13
        assert dialog.table.horizontalHeaderItem(3).text() == "metric"
        assert [dialog.table.item(8, c).text() for c in range(6)] == [
            "Pricing page",
            "Consideration",
            "2026-03-01",
            "NPS",
            "100",
            "2",
        ]
        assert dialog.table.verticalHeaderItem(8).text() == "8"  # the group's first file line
        assert _survey_history(doc, "survey_basic.csv") == []  # the preview wrote nothing
        dialog.import_button.click()
        assert dialog.result is not None
        assert dialog.result.counts == {"metrics": 1, "measurements": 13}
        assert _survey_history(doc, "survey_basic.csv") == EXPECTED


def test_dialog_marks_bad_survey_rows(qtbot: Any, workspace: Path) -> None:
    with Document.open(workspace) as doc:
        dialog = ImportDialog(DATA / "survey_broken.csv", "survey", doc)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.import_button.isEnabled()
        assert dialog.report_box.isVisible()
        assert dialog.table.rowCount() == 12  # the raw rows, bad ones marked
        assert "'11' is out of range" in dialog.table.item(0, 3).toolTip()
        assert dialog.table.item(11, 0).toolTip() == "Landing page"  # the good last row
        assert dialog.report_text().startswith("survey_broken.csv was not imported (12 problems")
