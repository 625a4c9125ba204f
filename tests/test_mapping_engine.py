"""The column-mapping engine without Qt: names in five languages, shapes, values, labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper.interchange import mapping as mp
from journeymapper.interchange.mapping.fields import not_answered
from journeymapper.interchange.mapping.profiles import header_changes
from journeymapper.interchange.mapping.shape import ambiguous_dates, date_part, header_rows
from journeymapper.interchange.mapping.suggest import suggest
from journeymapper.interchange.measurements_csv import _Target, plan_measurements
from journeymapper.interchange.survey_csv import plan_survey

BYOD = Path(__file__).parent / "data" / "byod"


@pytest.mark.parametrize(
    ("header", "kind", "expected"),
    [
        (["Etappe", "Kanal", "Titel", "Beschreibung", "Datum"], "touchpoints",
         ["stage", "lane", "title", "description", "date"]),
        (["Étape", "Canal", "Titre", "Propriétaire"], "touchpoints",
         ["stage", "lane", "title", "owner"]),
        (["Fase", "Canale", "Titolo", "Descrizione"], "touchpoints",
         ["stage", "lane", "title", "description"]),
        (["Etapa", "Canal", "Título", "Fecha"], "touchpoints", ["stage", "lane", "title", "date"]),
        (["Phase", "Kontaktpunkt", "Datum", "Bewertung"], "survey",
         ["stage", "touchpoint", "date", "satisfaction"]),
        (["Q1", "Q2_NPS", "Q3_CSAT", "Q4_CES"], "survey",
         ["ignore", "recommend", "satisfaction", "effort"]),
        (["How likely are you to recommend us?", "Zeitstempel"], "survey", ["recommend", "date"]),
        (["Bewertung", "Aufwand", "Titel", "Etappe", "Kanal"], "touchpoints",
         ["metric:csat", "metric:ces", "title", "stage", "lane"]),
    ],
)  # fmt: skip
def test_header_names_in_five_languages_and_tool_conventions(
    header: list[str], kind: str, expected: list[str]
) -> None:
    assert [s.field for s in suggest([header], [], kind)] == expected


@pytest.fixture(autouse=True)
def own_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no saved mapping profiles (they live in the data folder)."""
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "data"))


def test_values_suggest_answer_scales_and_dates_only_for_unnamed_fields() -> None:
    header = ["A", "B", "C", "D", "ID", "Comment"]
    rows = [
        ["0", "5", "7", "2026-03-01T10:00:00+02:00", "1", "ok"],
        ["10", "1", "1", "2026-03-02 08:00", "2", "bad"],
        ["6", "3", "4", "2026-03-02", "3", ""],
    ]
    fields = [s.field for s in suggest([header], rows, "survey")]
    assert fields == ["recommend", "satisfaction", "effort", "date", "ignore", "ignore"]
    # A named CSAT column keeps its place; values do not give it to another column.
    named = [s.field for s in suggest([["CSAT", "B"]], [["4", "2"], ["5", "3"]], "survey")]
    assert named == ["satisfaction", "effort"]


def test_header_rows_detected_column_ids_questions_import_ids() -> None:
    ids = ["StartDate", "Q1", "Q2"]
    questions = ["Start Date", "Which part?", "How likely are you to recommend us?"]
    import_ids = ['{"ImportId":"startDate"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}']
    data = [["2026-03-01 09:00", "Landing page", "9"], ["2026-03-02 10:00", "Pricing", "3"]]
    assert header_rows([ids, questions, import_ids, *data]) == 3
    assert header_rows([ids, questions, *data]) == 2
    assert header_rows([ids, *data]) == 1
    # A text column over text rows (labels) is data, not a header row.
    assert header_rows([["Touchpoint", "Comment"], ["Landing page", "fine"], ["FAQ", "ok"]]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01T23:30:00+02:00", "2026-03-01"),
        ("2026-03-01T23:30:00Z", "2026-03-01"),
        ("2026-03-01 23:30:00.123", "2026-03-01"),
        ("2026/03/01 10:15:31 AM GMT+1", "2026/03/01"),
        ("03/01/2026 10:15:31 PM", "03/01/2026"),
        ("01.03.2026 08:00", "01.03.2026"),
        ("2026-03-01", "2026-03-01"),
        ("not a date 10:00", "not a date 10:00"),
    ],
)
def test_date_times_keep_their_date(text: str, expected: str) -> None:
    assert date_part(text) == expected


def test_ambiguous_day_month_needs_a_choice() -> None:
    assert ambiguous_dates(["03/01/2026 10:00 AM", "03/02/2026"])
    assert not ambiguous_dates(["03/01/2026", "13/02/2026"])  # 13 settles it
    assert not ambiguous_dates(["01.03.2026", "2026-03-02"])


def test_blank_and_na_answers() -> None:
    assert all(not_answered(t) for t in ["", " ", "N/A", "n/a", "NA", "k.A.", "-"])
    assert not any(not_answered(t) for t in ["0", "5", "none of it"])


def test_labels_matched_to_the_closest_titles() -> None:
    titles = ["Check-in at front desk", "Landing page", "Pricing page", "Café checkout"]
    found = {m.label: m for m in mp.match_labels(
        ["Check-in desk", "landing page", "Pricing", "Parking", "Pricing"], titles
    )}  # fmt: skip
    assert found["landing page"].exact and found["landing page"].choice == "Landing page"
    assert found["Check-in desk"].choice == "Check-in at front desk"
    assert found["Pricing"].choice == "Pricing page" and found["Pricing"].count == 2
    assert found["Parking"].choice is None  # listed as unmatched: skip or create
    assert "Pricing page" in found["Parking"].candidates or found["Parking"].candidates == []


def test_mapping_reads_the_file_by_its_own_lines_and_counts_skipped_answers() -> None:
    data = (BYOD / "qualtrics_three_header_rows.csv").read_bytes()
    shape = mp.inspect_data(data, "q.csv", "survey")
    mapping = mp.build_mapping(
        shape, "survey", ["Q1=touchpoint"], ["Pricing=Pricing page", "Parking="]
    )
    assert list(mp.distinct_labels(shape, mapping).items()) == [
        ("Landing page", 4), ("Pricing", 2), ("Checkout at the café", 2), ("Parking", 1),
    ]  # fmt: skip
    targets = {
        "landing page": [_Target(1, "J", "Awareness", "Web")],
        "pricing page": [_Target(2, "J", "Awareness", "Web")],
    }
    plan = plan_survey(data, "q.csv", targets, mapping=mapping)
    # The café rows are not matched: their problems keep the file's line and column.
    assert [(p.line, p.column) for p in plan.report.problems] == [(10, "Q1"), (11, "Q1")]
    mapping.matches["Checkout at the café"] = None
    plan = plan_survey(data, "q.csv", targets, mapping=mapping)
    assert plan.ok, plan.report.text()
    assert "2 blank or N/A answers skipped" in plan.details  # rows 5 (N/A) and 7 (blank)
    assert "3 rows of skipped labels" in plan.details


def test_measurement_rows_without_a_value_are_skipped() -> None:
    data = (
        "KPI;Kontaktpunkt;Wert;Datum\n"
        "csat;Landing page;4,5;01.03.2026\n"
        "csat;Landing page;N/A;02.03.2026\n"
    )
    shape = mp.inspect_data(data.encode(), "m.csv", "measurements")
    mapping = mp.build_mapping(shape, "measurements", ["KPI=metric"])
    from journeymapper.store.journey_data import MetricData

    metrics = {"csat": MetricData(1, "csat", "CSAT", "", 1, 5, True)}
    targets = {"landing page": [_Target(1, "J", "Awareness", "Web")]}
    plan = plan_measurements(data.encode(), "m.csv", targets, metrics, mapping=mapping)
    assert plan.ok, plan.report.text()
    assert [(r.line, r.value) for r in plan.rows] == [(2, 4.5)]


def test_parse_field_and_unknown_columns() -> None:
    assert mp.parse_field("NPS", "survey") == "recommend"
    assert mp.parse_field("metric:csat", "touchpoints") == "metric:csat"
    with pytest.raises(ValueError, match="is not a field"):
        mp.parse_field("colour", "survey")
    shape = mp.inspect_data(b"a,b\n1,2\n", "x.csv", "survey")
    with pytest.raises(ValueError, match="has no column 'c'"):
        mp.build_mapping(shape, "survey", ["c=date"])
    assert mp.build_mapping(shape, "survey", ["B=date", "1=recommend"]).used() == {
        1: "date", 0: "recommend",
    }  # fmt: skip


def test_profiles_keyed_by_header(tmp_path: Path) -> None:
    profile = mp.Profile("Visit", "survey", ["Q1", "Q2_NPS"], mp.Mapping({1: "recommend"}, 3))
    mp.save_profile(profile)
    assert [p.name for p in mp.profiles_for(["q1", " Q2 NPS "], "survey")] == ["Visit"]
    assert mp.profiles_for(["Q1", "Q2_NPS", "Q3"], "survey") == []
    assert mp.profiles_for(["Q1", "Q2_NPS"], "measurements") == []
    loaded = mp.load_profile("Visit")
    assert loaded.mapping.columns == {0: "ignore", 1: "recommend"}
    assert loaded.mapping.header_rows == 3
    assert "no longer has 'Q2_NPS'" in header_changes(profile, ["Q1", "Q9"])
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(mp.ProfileError, match="not a Journey Mapper mapping profile"):
        mp.load_profile(str(bad))
