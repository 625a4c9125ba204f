"""Each health rule against the hand-built journey, thresholds from settings, the CLI, speed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.analysis.health import (
    Finding,
    ThresholdError,
    Thresholds,
    check_data,
    check_journey,
    read_thresholds,
    save_thresholds,
    summary,
)
from journeymapper.bench.generate import generate_workspace
from journeymapper.cli import main
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from tests.analysis_support import Small, small_journey

TODAY = dt.date(2024, 6, 1)


@pytest.fixture
def small(tmp_path: Path) -> Small:
    s = small_journey(tmp_path / "small.jmap")
    yield s
    s.doc.close()


def run(s: Small, **limits: float) -> dict[str, list[Finding]]:
    found = check_journey(s.doc, s.journey, Thresholds(**limits), today=TODAY)
    by_rule: dict[str, list[Finding]] = {}
    for f in found:
        by_rule.setdefault(f.rule, []).append(f)
    return by_rule


def test_findings_of_the_small_journey(small: Small) -> None:
    found = run(small)
    assert set(found) == {
        "empty_stage",
        "online_only_stage",
        "high_effort_stage",
        "highest_drop_off_stage",
        "highest_drop_off_touchpoint",
    }
    (empty,) = found["empty_stage"]
    assert empty.stage_ids == (small.stages["Keep"],) and empty.severity == "warning"
    (online,) = found["online_only_stage"]
    assert online.stage_ids == (small.stages["Aware"],)
    assert set(online.touchpoint_ids) == {small.tps["Ad"], small.tps["Site"]}
    (effort,) = found["high_effort_stage"]
    assert effort.severity == "problem" and "5.25" in effort.message
    assert set(effort.touchpoint_ids) == {small.tps["Shop"], small.tps["Call"]}
    (stage,) = found["highest_drop_off_stage"]
    assert stage.stage_ids == (small.stages["Aware"],) and "25.0%" in stage.message
    assert stage.severity == "info"  # below the 40 % default
    (tp,) = found["highest_drop_off_touchpoint"]
    assert tp.touchpoint_ids == (small.tps["Site"],) and "30.0%" in tp.message


def test_problems_come_first(small: Small) -> None:
    found = check_journey(small.doc, small.journey, Thresholds(), today=TODAY)
    order = ["problem", "warning", "info"]
    assert [order.index(f.severity) for f in found] == sorted(
        order.index(f.severity) for f in found
    )
    assert summary(found) == "1 problem, 1 warning, 3 info"


def test_thresholds_change_findings(small: Small) -> None:
    found = run(small, max_touchpoints_per_stage=1, max_stage_effort=6, drop_off_problem=20)
    assert {f.stage_ids for f in found["overloaded_stage"]} == {
        (small.stages["Aware"],),
        (small.stages["Buy"],),
    }
    assert "high_effort_stage" not in found
    assert found["highest_drop_off_stage"][0].severity == "problem"
    assert found["highest_drop_off_touchpoint"][0].severity == "problem"  # 30 ≥ 20
    assert run(small)["highest_drop_off_touchpoint"][0].severity == "info"  # 30 < 40


def test_stale_measurements(small: Small) -> None:
    # today 2024-06-01, 90 days → before 2024-03-03 is stale: only Site's conversion rate
    (stale,) = run(small, stale_days=90)["stale_measurements"]
    assert stale.touchpoint_ids == (small.tps["Site"],)
    assert "2024-01-01" in stale.message
    assert "stale_measurements" not in run(small, stale_days=1000)
    # a newer measurement of the same metric makes the old one history, not stale
    editing.set_measurement(small.doc, small.tps["Site"], "conversion_rate", 60, "2024-05-20")
    assert "stale_measurements" not in run(small, stale_days=90)


def test_missing_feedback_and_unmeasured_assumptions(small: Small) -> None:
    new = editing.add_touchpoint(
        small.doc, small.stages["Keep"], small.lanes["Store"], "Loyalty card", evidence="assumed"
    ).created_id
    found = run(small)
    assert found["no_feedback"][0].touchpoint_ids == (new,)
    assert "1 touchpoint has no customer feedback" in found["no_feedback"][0].message
    assert found["assumed_unmeasured"][0].touchpoint_ids == (new,)
    assert "empty_stage" not in found
    editing.set_measurement(small.doc, new, "engagement_rate", 50, "2024-05-01")
    found = run(small)
    assert "assumed_unmeasured" not in found
    assert found["no_feedback"][0].touchpoint_ids == (new,)  # engagement is not feedback


def test_no_offline_and_no_support(small: Small) -> None:
    editing.delete_touchpoint(small.doc, small.tps["Call"])
    found = run(small)
    assert "no_support" in found and "no_offline" not in found
    editing.delete_touchpoint(small.doc, small.tps["Shop"])
    found = run(small)
    assert "no_offline" in found and "no_support" in found
    assert {f.stage_ids for f in found["empty_stage"]} == {
        (small.stages["Buy"],),
        (small.stages["Keep"],),
    }


def test_pain_points_without_opportunity(small: Small) -> None:
    ed = editing.add_annotation
    ed(small.doc, "pain_point", "Ad is confusing", touchpoint_id=small.tps["Ad"])
    ed(small.doc, "opportunity", "Clearer copy", touchpoint_id=small.tps["Site"])
    ed(small.doc, "pain_point", "Queues", touchpoint_id=small.tps["Shop"])
    ed(small.doc, "opportunity", "Self-checkout", stage_id=small.stages["Buy"])
    ed(small.doc, "pain_point", "Nobody follows up", stage_id=small.stages["Keep"])
    found = run(small)["pain_without_opportunity"]
    assert [(f.touchpoint_ids, f.stage_ids) for f in found] == [
        ((small.tps["Ad"],), (small.stages["Aware"],)),
        ((), (small.stages["Keep"],)),
    ]
    assert "Pain point 1 on touchpoint 'Ad'" in found[0].message
    assert found[0].severity == "warning"


def test_empty_journey(tmp_path: Path) -> None:
    doc = Document.create(tmp_path / "e.jmap")
    j = editing.add_journey(doc, "Nothing yet").created_id
    assert check_journey(doc, j, today=TODAY) == []
    doc.close()


def test_thresholds_from_settings(small: Small) -> None:
    assert read_thresholds(small.doc) == Thresholds()
    save_thresholds(small.doc, Thresholds(stale_days=30, max_stage_effort=6.5))
    assert small.doc.rows("SELECT value FROM setting WHERE key = 'health.stale_days'") == [("30",)]
    assert read_thresholds(small.doc) == Thresholds(stale_days=30, max_stage_effort=6.5)
    assert "high_effort_stage" not in {f.rule for f in check_journey(small.doc, small.journey)}
    save_thresholds(small.doc, Thresholds())
    assert not small.doc.rows("SELECT 1 FROM setting WHERE key LIKE 'health.%'")
    editing.set_setting(small.doc, "health.stale_days", "soon")
    with pytest.raises(ThresholdError, match="stale_days must be a whole number, not 'soon'"):
        read_thresholds(small.doc)


def test_cli_check_text_and_json(small: Small, capsys: pytest.CaptureFixture[str]) -> None:
    path = small.doc.path
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Journey 'Test journey':" in out and "[high_effort_stage]" in out
    assert main(["check", str(path), "--journey", "Test journey", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    rules = {f["rule"] for f in report["journeys"][0]["findings"]}
    assert "empty_stage" in rules
    effort = next(f for f in report["journeys"][0]["findings"] if f["rule"] == "high_effort_stage")
    assert effort["stage_ids"] == [small.stages["Buy"]]
    assert main(["check", str(path), "--threshold", "max_stage_effort=6", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["thresholds"]["max_stage_effort"] == 6
    assert "high_effort_stage" not in {f["rule"] for f in report["journeys"][0]["findings"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--journey", "Nope"], "There is no journey 'Nope'"),
        (["--threshold", "speed=1"], "Unknown health threshold 'speed'"),
        (["--threshold", "stale_days"], "NAME=VALUE"),
        (["--threshold", "stale_days=-3"], "cannot be negative"),
    ],
)
def test_cli_check_mistakes(
    small: Small, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(small.doc.path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_check_refuses_a_foreign_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.jmap"
    bad.write_text("not a workspace")
    assert main(["check", str(bad)]) == 1
    assert capsys.readouterr().err.startswith("journeymapper: error:")
    assert bad.read_text() == "not a workspace"


def test_health_check_runs_on_a_big_map(tmp_path: Path) -> None:
    """Scale check (its speed is a figure of ``journeymapper bench``, not asserted here)."""
    path = generate_workspace(tmp_path / "big.jmap", measurements_per_touchpoint=2)
    with Document.open(path) as doc:
        data = load_journey(doc, find_journey(doc, None))
        assert len(data.touchpoints) == 2000
        findings = check_data(data, today=TODAY)
    rules = {f.rule for f in findings}
    assert {"overloaded_stage", "highest_drop_off_stage"} <= rules
