"""Bring your own data through the CLI: four survey-tool shapes and a German Excel CSV.

Every expected number is worked out by hand in the comments (NPS = % promoters
9–10 minus % detractors 0–6; CSAT = mean of 1–5 and % answering 4–5; CES = mean).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from journeymapper.analysis.surveys import CSAT_SHARE_KEY as SHARE
from journeymapper.cli import main
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey, measurement_history
from tests.conftest import sha256
from tests.mapping_support import mapping_fixtures

DATA = Path(__file__).parent / "data"
BYOD = DATA / "byod"
M1, M2, M3, M5, M6, M12 = (dt.date(2026, 3, d) for d in (1, 2, 3, 5, 6, 12))
A1 = dt.date(2026, 4, 1)
MATCHES = ["--match", "Pricing=Pricing page", "--match", "Checkout at the café=Café checkout"]
SKIP_PARKING = ["--match", "Parking="]

#: qualtrics_three_header_rows.csv (rows 4–12; Parking skipped):
#: Landing page 1 March: NPS 10, 9, 3 → (2 − 1)/3 = 33.3333; CSAT 5, 4, 2 → 11/3, 2 of 3
#: satisfied; CES 2, 6 (one N/A) → 4. Landing page 2 March: NPS 8 → 0; CES 3.
#: Pricing 1 March: NPS 7, 10 → 50; CSAT 4, 5 → 4.5, 100 %; CES 2, 1 → 1.5.
#: Café checkout 2 March: NPS 0, 9 → 0; CSAT 1 (one N/A) → 1, 0 %; CES 7 (one N/A).
QUALTRICS = {
    ("Landing page", "nps", M1, 33.3333, 3), ("Landing page", "csat", M1, 3.6667, 3),
    ("Landing page", SHARE, M1, 66.6667, 3), ("Landing page", "ces", M1, 4.0, 2),
    ("Landing page", "nps", M2, 0.0, 1), ("Landing page", "ces", M2, 3.0, 1),
    ("Pricing page", "nps", M1, 50.0, 2), ("Pricing page", "csat", M1, 4.5, 2),
    ("Pricing page", SHARE, M1, 100.0, 2), ("Pricing page", "ces", M1, 1.5, 2),
    ("Café checkout", "nps", M2, 0.0, 2), ("Café checkout", "csat", M2, 1.0, 1),
    ("Café checkout", SHARE, M2, 0.0, 1), ("Café checkout", "ces", M2, 7.0, 1),
}  # fmt: skip
#: qualtrics_same_header_april.csv: Pricing 10/5/1 → NPS 100, CSAT 5 (100 %), CES 1;
#: café 6/3/4 → NPS −100, CSAT 3 (0 %), CES 4; Parking skipped by the profile.
APRIL = {
    ("Pricing page", "nps", A1, 100.0, 1), ("Pricing page", "csat", A1, 5.0, 1),
    ("Pricing page", SHARE, A1, 100.0, 1), ("Pricing page", "ces", A1, 1.0, 1),
    ("Café checkout", "nps", A1, -100.0, 1), ("Café checkout", "csat", A1, 3.0, 1),
    ("Café checkout", SHARE, A1, 0.0, 1), ("Café checkout", "ces", A1, 4.0, 1),
}  # fmt: skip
#: surveymonkey_two_header_rows.csv, month first: Landing 1 March NPS 10, 6 → 0, CSAT 5, 3
#: → 4 (50 %); Landing 2 March NPS 9 → 100, CSAT 4 (100 %); kiosk 2 March NPS 4 → −100
#: (one blank), CSAT 2, 1 → 1.5 (0 %); Pricing 12 March NPS 8 → 0 (CSAT N/A).
SURVEYMONKEY = {
    ("Landing page", "nps", M1, 0.0, 2), ("Landing page", "csat", M1, 4.0, 2),
    ("Landing page", SHARE, M1, 50.0, 2), ("Landing page", "nps", M2, 100.0, 1),
    ("Landing page", "csat", M2, 4.0, 1), ("Landing page", SHARE, M2, 100.0, 1),
    ("Self-service kiosk", "nps", M2, -100.0, 1), ("Self-service kiosk", "csat", M2, 1.5, 2),
    ("Self-service kiosk", SHARE, M2, 0.0, 2), ("Pricing page", "nps", M12, 0.0, 1),
}  # fmt: skip
#: google_forms_timestamp.csv: café 1 March NPS 10, 7, 2 → (1 − 1)/3 = 0, CES 2, 4 → 3;
#: Instagram ad 3 March NPS 9 → 100 (one N/A), CES 3, 5 → 4.
GOOGLE = {
    ("Café checkout", "nps", M1, 0.0, 3), ("Café checkout", "ces", M1, 3.0, 2),
    ("Instagram ad", "nps", M3, 100.0, 1), ("Instagram ad", "ces", M3, 4.0, 2),
}  # fmt: skip
#: ms_forms_export.xlsx, sheet Responses (NPS 9 and 8 are formulas' cached values):
#: Pricing 5 March NPS 10, 9, 4 → 33.3333, CSAT 5, 4, 2 → 3.6667 (66.6667 %), CES 1, 2 → 1.5;
#: Landing 6 March NPS 8 → 0, CSAT 4 (100 %), CES 3.
XLSX = {
    ("Pricing page", "nps", M5, 33.3333, 3), ("Pricing page", "csat", M5, 3.6667, 3),
    ("Pricing page", SHARE, M5, 66.6667, 3), ("Pricing page", "ces", M5, 1.5, 2),
    ("Landing page", "nps", M6, 0.0, 1), ("Landing page", "csat", M6, 4.0, 1),
    ("Landing page", SHARE, M6, 100.0, 1), ("Landing page", "ces", M6, 3.0, 1),
}  # fmt: skip


own_profiles, visit_map = mapping_fixtures()


def survey_values(path: Path) -> set[tuple[Any, ...]]:
    """(title, metric, date, value, sample size) of every survey-imported measurement."""
    out = set()
    with Document.open(path, read_only=True) as doc:
        data = load_journey(doc, find_journey(doc, None))
        for tp in data.touchpoints.values():
            for m in measurement_history(doc, tp.id):
                if m.source.startswith("Survey import"):
                    out.add((tp.title, m.metric_key, m.measured_on, m.value, m.sample_size))
    return out


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_three_header_rows_with_import_ids_and_matched_labels(
    visit_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = str(BYOD / "qualtrics_three_header_rows.csv")
    code, out, _ = run(capsys, "import", "inspect", src)
    assert code == 0 and "Header rows: 3" in out and "'Q2_NPS' -> NPS answer" in out
    before = sha256(visit_map)
    code, _, err = run(capsys, "import", "survey", src, str(visit_map), "--map", "Q1=touchpoint")
    # Labels that are no title: refused by line and by the file's own column name.
    assert code == 1 and "line 8, column 'Q1': There is no touchpoint titled 'Pricing'" in err
    assert "line 12, column 'Q1'" in err and sha256(visit_map) == before
    args = ["import", "survey", src, str(visit_map), "--map", "Q1=touchpoint"]
    code, out, err = run(capsys, *args, *MATCHES, *SKIP_PARKING)
    assert code == 0, err
    assert survey_values(visit_map) == QUALTRICS


def test_a_saved_profile_maps_the_same_header_again_and_refuses_a_changed_one(
    visit_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = str(BYOD / "qualtrics_three_header_rows.csv")
    args = ["--map", "Q1=touchpoint", *MATCHES, *SKIP_PARKING, "--save-profile", "Visit"]
    code, out, err = run(capsys, "import", "survey", src, str(visit_map), *args)
    assert code == 0, err
    assert "Saved the mapping profile 'Visit'" in out
    code, out, _ = run(capsys, "import", "inspect", str(BYOD / "qualtrics_same_header_april.csv"))
    assert "Saved profile 'Visit' fits this header" in out
    april = str(BYOD / "qualtrics_same_header_april.csv")
    code, out, err = run(capsys, "import", "survey", april, str(visit_map), "--profile", "Visit")
    assert code == 0, err
    assert survey_values(visit_map) == QUALTRICS | APRIL
    # The profile file itself works too, and says what it maps.
    saved = json.loads(next(Path(p) for p in _profiles()).read_text(encoding="utf-8"))
    assert saved["fields"][3:7] == ["touchpoint", "recommend", "satisfaction", "effort"]
    assert saved["matches"]["Parking"] is None
    before = sha256(visit_map)
    changed = str(BYOD / "qualtrics_changed_header.csv")
    code, _, err = run(capsys, "import", "survey", changed, str(visit_map), "--profile", "Visit")
    assert code == 1 and "The header changed" in err and "now has 'Q6'" in err
    assert sha256(visit_map) == before


def _profiles() -> list[Path]:
    from journeymapper.interchange.mapping.profiles import folder

    return sorted(folder().glob("*.json"))


def test_two_header_rows_and_an_explicit_day_month_order(
    visit_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = str(BYOD / "surveymonkey_two_header_rows.csv")
    code, out, _ = run(capsys, "import", "inspect", src)
    assert "Header rows: 2" in out and "choose with --date-order" in out
    before = sha256(visit_map)
    code, _, err = run(capsys, "import", "survey", src, str(visit_map), "--header-rows", "2")
    assert code == 1 and "line 3, column 'Start Date': '03/01/2026' is ambiguous" in err
    assert sha256(visit_map) == before
    args = ["--header-rows", "2", "--date-order", "mdy"]
    code, out, err = run(capsys, "import", "survey", src, str(visit_map), *args)
    assert code == 0, err
    assert survey_values(visit_map) == SURVEYMONKEY


def test_timestamp_column_with_question_texts_as_headers(
    visit_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = str(BYOD / "google_forms_timestamp.csv")
    question = "Which part of your visit do you want to rate?"
    code, out, err = run(
        capsys, "import", "survey", src, str(visit_map), "--map", f"{question}=touchpoint"
    )
    assert code == 0, err
    assert survey_values(visit_map) == GOOGLE


def test_xlsx_sheet_with_formulas_and_date_times(
    visit_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = str(BYOD / "ms_forms_export.xlsx")
    code, out, _ = run(capsys, "import", "inspect", src)
    assert "Sheets: 'Summary', 'Responses'" in out
    code, _, err = run(capsys, "import", "survey", src, str(visit_map), "--sheet", "Nope")
    assert code == 1 and "has no sheet 'Nope'" in err
    code, out, err = run(capsys, "import", "survey", src, str(visit_map), "--sheet", "Responses")
    assert code == 0, err
    assert survey_values(visit_map) == XLSX


def test_german_excel_csv_builds_a_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = str(BYOD / "german_excel_touchpoints.csv")
    target = tmp_path / "de.jmap"
    # Without a mapping the German header is refused, as before.
    code, _, err = run(capsys, "import", "csv", src, "-o", str(target))
    assert code == 1 and not target.exists()
    code, out, err = run(capsys, "import", "csv", src, "-o", str(target), "--map", "Datum=date")
    assert code == 0, err
    with Document.open(target, read_only=True) as doc:
        data = load_journey(doc, find_journey(doc, None))
        stages = {s.id: s.name for s in data.stages}
        cards = {t.title: t for t in data.touchpoints.values()}
        assert [s.name for s in data.stages] == ["Bewusstsein", "Kauf"]
        assert cards["Kasse im Café"].description == "Zahlt an der Theke; bar oder Karte"
        assert cards["Kasse im Café"].emotion == -2 and stages[cards["Startseite"].stage_id]
        values = {
            (title, m.metric_key, m.measured_on, m.value)
            for title, tp in cards.items()
            for m in measurement_history(doc, tp.id)
        }
    # Decimal commas: 4,2 and 3,5 CSAT, 2,5 and 6,0 CES; dotted dates are day first.
    assert values == {
        ("Startseite", "csat", M1, 4.2), ("Startseite", "ces", M1, 2.5),
        ("Kasse im Café", "csat", M2, 3.5), ("Kasse im Café", "ces", M2, 6.0),
    }  # fmt: skip
