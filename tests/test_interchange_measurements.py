"""Measurements CSV into an existing workspace: matching, formats, and the exact reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeymapper import editing, interchange
from journeymapper.cli import main
from journeymapper.interchange import ImportFailed, measurements_csv, workspace_json
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey, measurement_history

DATA = Path(__file__).parent / "data" / "csv"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    target = tmp_path / "w.jmap"
    interchange.import_csv_file(DATA / "touchpoints_utf8.csv", target)
    return target


def _history(doc: Document) -> list[tuple]:  # type: ignore[type-arg]
    """Every imported (not CSV-dated today) measurement: title, key, value, date, n, source."""
    data = load_journey(doc, find_journey(doc, None))
    out = []
    for tp in sorted(data.touchpoints.values(), key=lambda t: t.id):
        for m in measurement_history(doc, tp.id):
            if m.source != "Imported from touchpoints_utf8.csv":
                out.append(
                    (tp.title, m.metric_key, m.value, m.measured_on, m.sample_size, m.source)
                )
    return out


def test_iso_dates_keys_and_names(workspace: Path) -> None:
    with Document.open(workspace) as doc:
        result = interchange.import_measurements_file(doc, DATA / "measurements_iso.csv")
        assert result.counts == {"measurements": 4}
        assert _history(doc) == [
            ("Landing page", "csat", 4.4, dt.date(2026, 3, 1), 120, "Survey Q1"),
            ("Landing page", "csat", 4.5, dt.date(2026, 4, 1), None, "Survey Q2"),
            ("Pricing page", "engagement_rate", 41.5, dt.date(2026, 3, 15), None, "GA4"),
            ("Café checkout", "nps", 35.0, dt.date(2026, 3, 20), 80, ""),
        ]


def test_semicolon_decimal_commas_and_day_month_dates(workspace: Path) -> None:
    with Document.open(workspace) as doc:
        interchange.import_measurements_file(doc, DATA / "measurements_semicolon_dates.csv")
        source = "Imported from measurements_semicolon_dates.csv"
        assert _history(doc) == [
            ("Landing page", "ces", 2.5, dt.date(2026, 4, 13), 1200, source),
            ("Landing page", "conversion_rate", 3.75, dt.date(2026, 4, 13), None, source),
            ("Pricing page", "csat", 4.1, dt.date(2026, 3, 4), None, source),
            ("Pricing page", "csat", 4.2, dt.date(2026, 3, 5), None, source),
            ("Pricing page", "csat", 4.0, dt.date(2026, 4, 3), 15, source),
            ("Café checkout", "nps", -5.0, dt.date(2026, 5, 5), None, source),
        ]


def _report(workspace: Path, name: str, **kwargs: object) -> list[str]:
    with Document.open(workspace) as doc:
        before = workspace_json.dumps(workspace_json.export_workspace(doc))
        with pytest.raises(ImportFailed) as info:
            interchange.import_measurements_file(doc, DATA / name, **kwargs)  # type: ignore[arg-type]
        assert workspace_json.dumps(workspace_json.export_workspace(doc)) == before
    return info.value.report.lines()


def test_ambiguous_and_bad_dates_are_reported(workspace: Path) -> None:
    assert _report(workspace, "measurements_ambiguous_dates.csv") == [
        "line 2, column 'date': '03/04/2026' is ambiguous: day 3 of month 4, or month 3 day 4? "
        "Write dates as YYYY-MM-DD (or say which order the file uses).",
        "line 3, column 'date': '2026-02-30' is not a real date.",
        "line 4, column 'date': 'yesterday' is not a date (write dates as YYYY-MM-DD).",
        "line 5, column 'date': '3/4/26' has a two-digit year; write the year in full "
        "(YYYY-MM-DD).",
    ]


def test_a_declared_date_order_resolves_ambiguous_dates(workspace: Path) -> None:
    data = b"touchpoint,metric,value,date\nLanding page,csat,4,03/04/2026\n"
    with Document.open(workspace) as doc:
        for order in ("dmy", "mdy"):
            measurements_csv.import_measurements(doc, data, "m.csv", date_order=order)
        assert [h[3] for h in _history(doc)] == [dt.date(2026, 3, 4), dt.date(2026, 4, 3)]


def test_every_bad_row_is_reported(workspace: Path) -> None:
    assert _report(workspace, "measurements_broken.csv") == [
        "line 2, column 'metric': Unknown metric 'happiness'. Known metrics: engagement_rate "
        "(Engagement rate), csat (CSAT), nps (NPS), conversion_rate (Conversion rate), ces "
        "(Customer Effort Score), drop_off_rate (Drop-off rate).",
        "line 3, column 'touchpoint': There is no touchpoint titled 'Nowhere'.",
        "line 4, column 'touchpoint': There is no touchpoint 'Landing page' in the stage "
        "'Purchase' (it is in 'Awareness').",
        "line 5, column 'value': CSAT must be from 1 to 5; 7 is out of range.",
        "line 6, column 'value': The value is missing.",
        "line 7, column 'date': The date is missing.",
        "line 8, column 'sample size': A sample size must be 1 or more, not '0'.",
        "line 9, column 'sample size': '12.5' is not a whole number.",
        "line 10, column 'touchpoint': The touchpoint title is missing.",
    ]


def test_repeated_titles_need_a_stage(workspace: Path) -> None:
    with Document.open(workspace) as doc:
        journey = find_journey(doc, None)
        data = load_journey(doc, journey)
        stages = {s.name: s.id for s in data.stages}
        lane = data.lanes[0].id
        first = editing.add_touchpoint(doc, stages["Awareness"], lane, "FAQ").created_id
        second = editing.add_touchpoint(doc, stages["Consideration"], lane, "FAQ").created_id
    assert _report(workspace, "measurements_repeated_titles.csv") == [
        "line 4, column 'touchpoint': 2 touchpoints are titled 'FAQ' (Awareness / Website, "
        "Consideration / Website); name a stage column to say which one."
    ]
    ok = b"stage,touchpoint,metric,value,date\nAwareness,FAQ,csat,3,2026-01-10\n"
    ok += b"consideration,faq,CSAT,5,2026-01-10\n"
    with Document.open(workspace) as doc:
        measurements_csv.import_measurements(doc, ok, "ok.csv")
        assert [m.value for m in measurement_history(doc, first)] == [3.0]
        assert [m.value for m in measurement_history(doc, second)] == [5.0]


def test_header_only_and_missing_columns(workspace: Path) -> None:
    assert _report(workspace, "header_only_measurements.csv") == [
        "header_only_measurements.csv has a header but no rows: there is nothing to import."
    ]
    with Document.open(workspace) as doc, pytest.raises(ImportFailed) as info:
        measurements_csv.import_measurements(doc, b"touchpoint;value\nA;1\n", "m.csv")
    assert info.value.report.lines() == [
        "line 1: The header has no 'metric' column (or 'metric key', 'metric name', 'kpi'). "
        "Columns found: 'touchpoint', 'value'.",
        "line 1: The header has no 'date' column (or 'measured on', 'measurement date', 'day'). "
        "Columns found: 'touchpoint', 'value'.",
    ]


def test_cli_import_measurements(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = str(DATA / "measurements_iso.csv")
    assert main(["import", "measurements", csv_path, str(workspace)]) == 0
    assert capsys.readouterr().out.startswith("Imported 4 measurements.")
    bad = str(DATA / "measurements_ambiguous_dates.csv")
    assert main(["import", "measurements", bad, str(workspace)]) == 1
    err = capsys.readouterr().err
    assert "(4 problems; nothing was changed)" in err
    assert main(["import", "measurements", bad, str(workspace), "--date-order", "dmy"]) == 1
    assert "(3 problems; nothing was changed)" in capsys.readouterr().err
    assert main(["import", "measurements", csv_path, str(workspace), "--journey", "Nope"]) == 1
    assert "There is no journey 'Nope'" in capsys.readouterr().err
