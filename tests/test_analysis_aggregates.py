"""Stage aggregates against numbers worked out by hand (see tests/analysis_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.analysis.aggregates import (
    channel_mix,
    coverage,
    funnel,
    stage_aggregates,
    stage_metric,
    weighted_mean,
)
from journeymapper.store.journey_data import load_journey
from tests.analysis_support import Small, small_journey


@pytest.fixture
def small(tmp_path: Path) -> Small:
    s = small_journey(tmp_path / "small.jmap")
    yield s
    s.doc.close()


def test_weighted_mean_uses_sample_size_and_weight_one_when_missing() -> None:
    assert weighted_mean([(4, 3), (2, None)]).value == pytest.approx(3.5)
    assert weighted_mean([(4, 3), (2, None)]).weight == 4
    assert weighted_mean([(7, None)]).value == 7
    empty = weighted_mean([])
    assert empty.value is None and empty.count == 0


def test_stage_metric_means(small: Small) -> None:
    data = load_journey(small.doc, small.journey)
    csat = stage_metric(data, "csat")
    assert csat[small.stages["Aware"]].value == pytest.approx(3.5)
    assert csat[small.stages["Aware"]].count == 2
    assert csat[small.stages["Buy"]].value is None  # missing metric
    assert csat[small.stages["Keep"]].value is None  # empty stage
    ces = stage_metric(data, "ces")
    assert ces[small.stages["Buy"]].value == pytest.approx(5.25)


def test_stage_aggregates_use_latest_measurement(small: Small) -> None:
    editing.set_measurement(small.doc, small.tps["Site"], "csat", 5, "2024-06-01", sample_size=1)
    editing.set_measurement(small.doc, small.tps["Site"], "csat", 1, "2023-01-01", sample_size=99)
    aggs = stage_aggregates(load_journey(small.doc, small.journey))
    # latest Site csat is 5 (n=1): (4·3 + 5·1) / 4
    assert aggs[small.stages["Aware"]]["csat"].value == pytest.approx(17 / 4)
    assert "ces" not in aggs[small.stages["Aware"]]
    assert aggs[small.stages["Keep"]] == {}


def test_funnel(small: Small) -> None:
    steps = funnel(load_journey(small.doc, small.journey))
    assert [s.name for s in steps] == ["Aware", "Buy", "Keep"]
    assert [s.drop_off for s in steps] == [pytest.approx(25), pytest.approx(10), None]
    assert [s.entered for s in steps] == [100, pytest.approx(75), pytest.approx(67.5)]
    assert steps[-1].left == pytest.approx(67.5)
    assert steps[0].lost == pytest.approx(25)
    assert steps[1].lost == pytest.approx(7.5)


def test_funnel_without_data_passes_everyone(tmp_path: Path) -> None:
    s = small_journey(tmp_path / "f.jmap")
    for tp in s.tps.values():
        for m in load_journey(s.doc, s.journey).touchpoints[tp].latest.values():
            editing.delete_measurement(s.doc, m.id)
    steps = funnel(load_journey(s.doc, s.journey))
    assert all(st.entered == 100 and st.left == 100 and st.drop_off is None for st in steps)
    s.doc.close()


def test_channel_mix(small: Small) -> None:
    mixes = {m.stage_id: m for m in channel_mix(load_journey(small.doc, small.journey))}
    aware, buy, keep = (mixes[small.stages[n]] for n in ("Aware", "Buy", "Keep"))
    assert (aware.online, aware.offline, aware.direct, aware.indirect) == (2, 0, 1, 1)
    assert (buy.online, buy.offline, buy.direct, buy.indirect) == (0, 2, 2, 0)
    assert keep.total == 0


def test_coverage_matrix(small: Small) -> None:
    cov = coverage(load_journey(small.doc, small.journey))
    assert [ln.name for ln in cov.lanes] == ["Web", "Store", "Help"]  # no emotion lane
    web, store, help_ = (small.lanes[n] for n in ("Web", "Store", "Help"))
    st = small.stages
    assert cov.count(web, st["Aware"]) == 2
    assert cov.count(store, st["Buy"]) == 1
    assert cov.count(help_, st["Buy"]) == 1
    assert cov.count(web, st["Keep"]) == 0
    assert len(cov.gaps()) == 3 * 3 - 3
    assert (web, st["Buy"]) in cov.gaps()
