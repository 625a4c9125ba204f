"""Survey answers → NPS, CSAT, CES, and storing them as measurements."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymapper.analysis.surveys import (
    CSAT_SHARE_KEY,
    SurveyError,
    ces,
    csat,
    nps,
    store_survey,
    summarise,
)
from journeymapper.store.journey_data import load_journey, measurement_history
from tests.analysis_support import small_journey


def test_nps_edge_cases() -> None:
    assert nps([9, 10, 10]) == 100
    assert nps([0, 3, 6]) == -100
    assert nps([7, 8, 7, 8]) == 0
    assert nps([10]) == 100  # a single response
    assert nps([10, 9, 8, 7, 6]) == pytest.approx(20)  # 2 promoters − 1 detractor of 5


def test_csat_share_and_mean() -> None:
    result = csat([5, 4, 3, 1])
    assert result.satisfied == 50
    assert result.mean == pytest.approx(13 / 4)
    assert csat([3]).satisfied == 0


def test_ces_mean() -> None:
    assert ces([1, 7, 4]) == 4
    assert ces([2]) == 2


def test_answers_from_text_and_blanks() -> None:
    assert nps(["10", " 9 ", "", None, 6.0]) == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("fn", "answers", "fragment"),
    [
        (nps, [11], "outside 0–10"),
        (nps, [-1], "outside 0–10"),
        (csat, [0], "outside 1–5"),
        (ces, [8], "outside 1–7"),
        (nps, [7.5], "whole numbers"),
        (nps, ["ten"], "whole numbers"),
        (nps, [True], "whole numbers"),
        (nps, [], "no recommend answers"),
        (ces, ["", None], "no effort answers"),
    ],
)
def test_bad_answers_have_clear_errors(fn, answers, fragment) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SurveyError, match=fragment):
        fn(answers)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_nps_is_bounded_and_matches_definition(answers: list[int]) -> None:
    value = nps(answers)
    assert -100 <= value <= 100
    promoters = sum(a >= 9 for a in answers) / len(answers)
    detractors = sum(a <= 6 for a in answers) / len(answers)
    assert value == pytest.approx(100 * (promoters - detractors))


def test_summarise_unknown_question() -> None:
    with pytest.raises(SurveyError, match="Unknown survey question 'mood'"):
        summarise({"mood": [1]})


def test_store_survey_writes_dated_measurements(tmp_path: Path) -> None:
    s = small_journey(tmp_path / "s.jmap")
    tp = s.tps["Shop"]
    ids = store_survey(
        s.doc,
        {tp: {"recommend": [10, 9, 3, 8], "satisfaction": [5, 4, 2], "effort": [2, 3]}},
        "2024-07-01",
    )
    assert len(ids) == 4
    latest = load_journey(s.doc, s.journey).touchpoints[tp].latest
    assert latest["nps"].value == 25 and latest["nps"].sample_size == 4
    assert latest["csat"].value == pytest.approx(11 / 3, abs=1e-4)
    assert latest[CSAT_SHARE_KEY].value == pytest.approx(200 / 3, abs=1e-4)
    assert latest["ces"].value == 2.5 and latest["ces"].sample_size == 2
    assert latest["ces"].source == "Survey"
    assert str(latest["ces"].measured_on) == "2024-07-01"
    # a second import reuses the CSAT-share metric
    store_survey(s.doc, {tp: {"satisfaction": [5]}}, "2024-08-01")
    assert len(measurement_history(s.doc, tp, CSAT_SHARE_KEY)) == 2
    s.doc.close()


def test_store_survey_is_all_or_nothing(tmp_path: Path) -> None:
    s = small_journey(tmp_path / "s.jmap")
    before = s.doc.rows("SELECT count(*) FROM measurement")[0][0]
    with pytest.raises(SurveyError, match=f"Touchpoint {s.tps['Call']}: effort answer 2 is 9"):
        store_survey(
            s.doc,
            {s.tps["Shop"]: {"recommend": [10]}, s.tps["Call"]: {"effort": [3, 9]}},
            "2024-07-01",
        )
    with pytest.raises(SurveyError, match="no touchpoint with id 999"):
        store_survey(
            s.doc, {s.tps["Shop"]: {"recommend": [10]}, 999: {"effort": [3]}}, "2024-07-01"
        )
    assert s.doc.rows("SELECT count(*) FROM measurement")[0][0] == before
    assert not s.doc.rows("SELECT 1 FROM metric_definition WHERE key = ?", (CSAT_SHARE_KEY,))
    s.doc.close()
