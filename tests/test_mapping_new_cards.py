"""Unmatched survey labels made into new cards: CLI, saved profile, all or nothing, one undo.

Expected values by hand (NPS = % promoters 9–10 minus % detractors 0–6; CSAT = mean and
% answering 4–5; the sample size is the number of answers).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from journeymapper import editing, interchange
from journeymapper.analysis.surveys import CSAT_SHARE_KEY as SHARE
from journeymapper.interchange.mapping import Mapping, NewCard, build_mapping, inspect_data
from journeymapper.interchange.report import ImportFailed
from journeymapper.interchange.survey_csv import import_survey
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from tests.conftest import sha256
from tests.mapping_support import mapping_fixtures
from tests.test_mapping_cli import (
    A1,
    APRIL,
    BYOD,
    DATA,
    MATCHES,
    QUALTRICS,
    run,
    survey_values,
)

TYPEFORM = BYOD / "typeform_stage_channel.csv"
M2, M5, M6 = (dt.date(2026, 3, d) for d in (2, 5, 6))
USE = ["--map", "What did you use?=touchpoint"]
#: typeform_stage_channel.csv: Café checkout (exists) 5 March NPS 9 → 100, CSAT 4 (100 %);
#: Loyalty card (new, Purchase / Store from its rows) 5 March NPS 10, 6 → 0, CSAT 5, 3 →
#: 4 (50 %); Podcast ad (new, Awareness / Social media) 6 March NPS 4 → −100, CSAT 2 (0 %).
TYPEFORM_VALUES = {
    ("Café checkout", "nps", M5, 100.0, 1), ("Café checkout", "csat", M5, 4.0, 1),
    ("Café checkout", SHARE, M5, 100.0, 1),
    ("Loyalty card", "nps", M5, 0.0, 2), ("Loyalty card", "csat", M5, 4.0, 2),
    ("Loyalty card", SHARE, M5, 50.0, 2),
    ("Podcast ad", "nps", M6, -100.0, 1), ("Podcast ad", "csat", M6, 2.0, 1),
    ("Podcast ad", SHARE, M6, 0.0, 1),
}  # fmt: skip
#: qualtrics_three_header_rows.csv line 12: Parking 2 March NPS 5 → −100, CSAT 2 (0 %), CES 5.
PARKING = {
    ("Parking", "nps", M2, -100.0, 1), ("Parking", "csat", M2, 2.0, 1),
    ("Parking", SHARE, M2, 0.0, 1), ("Parking", "ces", M2, 5.0, 1),
}  # fmt: skip


own_profiles, visit_map = mapping_fixtures()


def cards(path: Path) -> dict[str, tuple[str, str, str]]:
    """Title → (stage, lane, evidence) of every card."""
    with Document.open(path, read_only=True) as doc:
        data = load_journey(doc, find_journey(doc, None))
        stages = {s.id: s.name for s in data.stages}
        lanes = {ln.id: ln.name for ln in data.lanes}
        return {
            t.title: (stages[t.stage_id], lanes[t.lane_id], t.evidence)
            for t in data.touchpoints.values()
        }


def test_new_cards_go_where_their_rows_say(visit_map: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = sha256(visit_map)
    src = str(TYPEFORM)
    code, _, err = run(capsys, "import", "survey", src, str(visit_map), *USE)
    assert code == 1 and "There is no touchpoint titled 'Loyalty card'" in err
    assert sha256(visit_map) == before
    args = [*USE, "--match", "Loyalty card=+", "--match", "Podcast ad=+"]
    code, out, err = run(capsys, "import", "survey", src, str(visit_map), *args)
    assert code == 0, err
    assert "2 touchpoints" in out
    made = cards(visit_map)
    assert made["Loyalty card"][:2] == ("Purchase", "Store")
    assert made["Podcast ad"][:2] == ("Awareness", "Social media")
    assert survey_values(visit_map) == TYPEFORM_VALUES


def test_a_named_place_and_a_missing_one(visit_map: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = str(BYOD / "qualtrics_three_header_rows.csv")
    base = ["import", "survey", src, str(visit_map), "--map", "Q1=touchpoint", *MATCHES]
    before = sha256(visit_map)
    # No stage or lane column, and no place named: refused by line, nothing written.
    code, _, err = run(capsys, *base, "--match", "Parking=+")
    assert code == 1 and "line 12, column 'Q1': A new card for 'Parking' needs a stage" in err
    code, _, err = run(capsys, *base, "--match", "Parking=+Purchase / Car park")
    assert code == 1 and "There is no channel lane 'Car park'" in err and "'Kiosk'" in err
    code, _, err = run(capsys, *base, "--match", "Parking=+Leaving / Store")
    assert code == 1 and "There is no stage 'Leaving'" in err
    assert sha256(visit_map) == before
    code, out, err = run(capsys, *base, "--match", "Parking=+purchase / store")
    assert code == 0, err
    assert cards(visit_map)["Parking"] == ("Purchase", "Store", "assumed")
    assert survey_values(visit_map) == QUALTRICS | PARKING


def test_create_unmatched_is_saved_with_the_profile_and_reapplied(
    visit_map: Path,
    tmp_path: Path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    src = str(BYOD / "qualtrics_three_header_rows.csv")
    args = ["--map", "Q1=touchpoint", *MATCHES, "--create-unmatched", "Purchase / Kiosk"]
    code, out, err = run(
        capsys, "import", "survey", src, str(visit_map), *args, "--save-profile", "Visit"
    )
    assert code == 0, err
    assert cards(visit_map)["Parking"][:2] == ("Purchase", "Kiosk")
    saved = json.loads((tmp_path / "data" / "mapping-profiles" / "Visit.json").read_text("utf-8"))
    assert saved["create_unmatched"] == {"stage": "Purchase", "lane": "Kiosk"}
    assert saved["matches"]["Pricing"] == "Pricing page"
    # The same header again, by profile alone: no question, the card is not made twice.
    april = str(BYOD / "qualtrics_same_header_april.csv")
    code, out, err = run(capsys, "import", "survey", april, str(visit_map), "--profile", "Visit")
    assert code == 0, err
    assert list(cards(visit_map)).count("Parking") == 1
    # April's Parking rows (NPS 9 → 100, CSAT 5 → 5, 100 %, CES 1) go onto that card.
    april_parking = {
        ("Parking", "nps", A1, 100.0, 1), ("Parking", "csat", A1, 5.0, 1),
        ("Parking", SHARE, A1, 100.0, 1), ("Parking", "ces", A1, 1.0, 1),
    }  # fmt: skip
    assert survey_values(visit_map) == QUALTRICS | APRIL | PARKING | april_parking
    # A choice given now wins over the profile's: skipped, Parking gets no card.
    other = tmp_path / "other.jmap"
    interchange.import_csv_file(DATA / "csv" / "touchpoints_utf8.csv", other)
    code, out, err = run(
        capsys, "import", "survey", april, str(other), "--profile", "Visit", "--match", "Parking="
    )
    assert code == 0, err
    assert "Parking" not in cards(other)
    assert survey_values(other) == APRIL


def test_new_cards_and_their_values_are_one_undo_step(visit_map: Path) -> None:
    data = TYPEFORM.read_bytes()
    mapping = build_mapping(
        inspect_data(data, TYPEFORM.name, "survey"),
        "survey",
        ["What did you use?=touchpoint"],
        ["Loyalty card=+", "Podcast ad=+Awareness / Website"],
    )
    with Document.open(visit_map) as doc:
        journey = find_journey(doc, None)

        def titles() -> set[str]:
            return {t.title for t in load_journey(doc, journey).touchpoints.values()}

        before = titles()
        count = doc.rows("SELECT count(*) FROM measurement")[0][0]
        result = import_survey(doc, data, TYPEFORM.name, None, mapping=mapping)
        assert titles() - before == {"Loyalty card", "Podcast ad"}
        undo = editing.apply(doc, result.inverse)  # one step takes cards and values away
        assert titles() == before
        assert doc.rows("SELECT count(*) FROM measurement")[0][0] == count
        editing.apply(doc, undo.inverse)  # and one brings them back
        assert titles() - before == {"Loyalty card", "Podcast ad"}
        assert doc.rows("SELECT count(*) FROM measurement")[0][0] == count + 9


def test_a_refused_value_leaves_no_new_card(visit_map: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(TYPEFORM.read_text("utf-8").replace(",6,3", ",11,3"), "utf-8")
    data = bad.read_bytes()
    mapping = Mapping(
        columns={0: "date", 1: "stage", 2: "lane", 3: "touchpoint", 4: "recommend",
                 5: "satisfaction"},
        create={"Loyalty card": NewCard(), "Podcast ad": NewCard()},
    )  # fmt: skip
    before = sha256(visit_map)
    with Document.open(visit_map) as doc, pytest.raises(ImportFailed, match="line 4"):
        import_survey(doc, data, bad.name, None, mapping=mapping)
    assert sha256(visit_map) == before


def test_measurements_import_makes_a_card_too(visit_map: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "ga.csv"
    src.write_text(
        "Page,Metric,Value,Date\n"
        "Landing page,engagement_rate,40,2026-03-01\n"
        "Store locator,engagement_rate,12.5,2026-03-01\n",
        "utf-8",
    )
    base = ["import", "measurements", str(src), str(visit_map), "--map", "Page=touchpoint"]
    code, _, err = run(capsys, *base)
    assert code == 1 and "There is no touchpoint titled 'Store locator'" in err
    code, out, err = run(capsys, *base, "--create-unmatched", "Consideration / Website")
    assert code == 0, err
    assert cards(visit_map)["Store locator"][:2] == ("Consideration", "Website")
    with Document.open(visit_map, read_only=True) as doc:
        rows = doc.rows(
            "SELECT m.value FROM measurement m JOIN touchpoint t ON t.id = m.touchpoint_id "
            "WHERE t.title = 'Store locator'"
        )
    assert rows == [(12.5,)]


def test_a_touchpoints_file_refuses_new_card_options(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "t.jmap"
    src = str(DATA / "csv" / "touchpoints_utf8.csv")
    code, _, err = run(capsys, "import", "csv", src, "-o", str(target), "--create-unmatched")
    assert code == 1 and "made by survey and measurements imports" in err
    assert not target.exists()
