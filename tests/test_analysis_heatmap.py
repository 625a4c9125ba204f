"""Heatmap colours: the scale's ends, the turn for lower-is-better metrics, legend, no data."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper.analysis.heatmap import NO_DATA, SCALE, colour_at, metric_heatmap, text_colour
from journeymapper.store.journey_data import load_journey
from tests.analysis_support import small_journey


def test_colour_scale_ends_and_middle() -> None:
    assert colour_at(0) == SCALE[0]
    assert colour_at(1) == SCALE[-1]
    assert colour_at(0.5) == SCALE[2]
    assert colour_at(-3) == SCALE[0] and colour_at(7) == SCALE[-1]
    assert colour_at(0.125) not in SCALE  # interpolated


def test_text_colour_reads_on_the_background() -> None:
    assert text_colour(SCALE[-1]) == "#ffffff"  # dark blue
    assert text_colour(SCALE[2]) == "#000000"  # near white
    assert text_colour(NO_DATA) == "#000000"


def test_metric_heatmap(tmp_path: Path) -> None:
    s = small_journey(tmp_path / "h.jmap")
    data = load_journey(s.doc, s.journey)
    csat = metric_heatmap(data, "csat")
    # CSAT 1–5: Ad 4 → 0.75, Site 2 → 0.25 of the way from worse to better
    assert csat.colours == {s.tps["Ad"]: colour_at(0.75), s.tps["Site"]: colour_at(0.25)}
    assert set(csat.missing) == {s.tps["Shop"], s.tps["Call"]}
    assert csat.colour_of(s.tps["Shop"]) == NO_DATA
    assert [stop.label for stop in csat.legend] == [
        "1 (worse)",
        "2",
        "3",
        "4",
        "5 (better)",
        "no data",
    ]
    assert csat.legend[0].colour == SCALE[0] and csat.legend[4].colour == SCALE[-1]
    # CES is lower-is-better, so the scale is turned round: 6 sits nearer "worse" than 5
    ces = metric_heatmap(data, "ces")
    assert ces.colours[s.tps["Shop"]] == colour_at(1 - 5 / 6)
    assert ces.colours[s.tps["Call"]] == colour_at(1 - 4 / 6)
    assert ces.legend[0].label == "7 (worse)" and ces.legend[4].label == "1 (better)"
    # fitted to the data, the two values span the whole scale
    fitted = metric_heatmap(data, "csat", fit_to_data=True)
    assert fitted.colours[s.tps["Ad"]] == SCALE[-1]
    assert fitted.colours[s.tps["Site"]] == SCALE[0]
    with pytest.raises(KeyError):
        metric_heatmap(data, "nonsense")
    s.doc.close()


def test_drop_off_units_in_legend(tmp_path: Path) -> None:
    s = small_journey(tmp_path / "u.jmap")
    heat = metric_heatmap(load_journey(s.doc, s.journey), "drop_off_rate", stops=3)
    assert [stop.label for stop in heat.legend] == ["100% (worse)", "50%", "0% (better)", "no data"]
    s.doc.close()
