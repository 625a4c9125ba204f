"""The portfolio health rules on hand-made cases."""

from __future__ import annotations

import datetime as dt

import pytest

from journeymapper import editing
from journeymapper.analysis.health import check_journey
from journeymapper.analysis.portfolio_health import check_portfolio
from journeymapper.model.document import Document

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def ids(doc: Document) -> dict[str, int]:
    journey = doc.rows("SELECT id FROM journey")[0][0]
    stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
    lanes = {r[1]: r[0] for r in doc.rows("SELECT id, name FROM lane")}
    tp = editing.add_touchpoint(doc, stages[2], lanes["Website"], "Checkout").created_id
    calm = editing.add_touchpoint(doc, stages[0], lanes["Website"], "Ads").created_id
    assert tp and calm
    return {"journey": journey, "stage": stages[2], "calm_stage": stages[0], "tp": tp}


def _rules(findings: list) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in findings]


def test_owner_and_due_date(doc: Document, ids: dict[str, int]) -> None:
    opp = editing.add_opportunity(doc, "Guest checkout", due_on="2026-05-01").created_id
    editing.link_opportunity(doc, opp, touchpoint_id=ids["tp"])
    editing.add_opportunity(doc, "Owned, not due", owner="Web", due_on="2026-07-01")
    found = check_portfolio(doc, TODAY)
    assert _rules(found) == [
        ("opportunity_overdue", "problem"),
        ("opportunity_without_owner", "warning"),
    ]
    assert "due 2026-05-01 (31 days ago) and is still idea" in found[0].message
    assert found[0].touchpoint_ids == (ids["tp"],)
    # The journey it touches reports it too; done or dropped work is not chased.
    assert "opportunity_overdue" in {
        f.rule for f in check_journey(doc, ids["journey"], today=TODAY)
    }
    editing.edit_opportunity(doc, opp, status="dropped")
    assert check_portfolio(doc, TODAY) == []


def _done_with_target(doc: Document, ids: dict[str, int], started: str) -> int:
    opp = editing.add_opportunity(doc, "Faster checkout", owner="Web").created_id
    assert opp is not None
    editing.add_target(doc, opp, "csat", 4.5, touchpoint_id=ids["tp"], from_value=3.5)
    editing.edit_opportunity(doc, opp, status="done", started_on=started)
    return opp


def test_done_but_target_metric_did_not_move_or_moved_the_wrong_way(
    doc: Document, ids: dict[str, int]
) -> None:
    tp = ids["tp"]
    editing.set_measurement(doc, tp, "csat", 3.6, "2026-01-10")
    _done_with_target(doc, ids, "2026-02-01")
    found = check_portfolio(doc, TODAY)
    assert _rules(found) == [("target_unmeasured", "warning")]
    assert "has not been measured since it started" in found[0].message

    editing.set_measurement(doc, tp, "csat", 3.6, "2026-04-01")
    found = check_portfolio(doc, TODAY)
    assert _rules(found) == [("target_not_moved", "warning")]
    assert "did not move since it started (3.6; target 4.5)" in found[0].message

    editing.set_measurement(doc, tp, "csat", 3.2, "2026-05-01")
    found = check_portfolio(doc, TODAY)
    assert _rules(found) == [("target_wrong_way", "problem")]
    assert "3.6 → 3.2" in found[0].message

    editing.set_measurement(doc, tp, "csat", 4.0, "2026-05-20")
    assert check_portfolio(doc, TODAY) == []  # it moved the right way


def test_lower_is_better_metric_and_stage_targets(doc: Document, ids: dict[str, int]) -> None:
    opp = editing.add_opportunity(doc, "Simpler forms", owner="Web").created_id
    editing.add_target(doc, opp, "ces", 3, stage_id=ids["stage"], from_value=5)
    editing.edit_opportunity(doc, opp, status="done", started_on="2026-01-01")
    editing.set_measurement(doc, ids["tp"], "ces", 5.5, "2026-03-01")
    found = check_journey(doc, ids["journey"], today=TODAY)
    wrong = [f for f in found if f.rule == "target_wrong_way"]
    assert len(wrong) == 1 and "5 → 5.5" in wrong[0].message
    editing.set_measurement(doc, ids["tp"], "ces", 4, "2026-04-01")
    assert "target_wrong_way" not in {
        f.rule for f in check_journey(doc, ids["journey"], today=TODAY)
    }


def test_high_value_pain_point_without_opportunity(doc: Document, ids: dict[str, int]) -> None:
    editing.set_measurement(doc, ids["tp"], "drop_off_rate", 65, "2026-05-01")
    hot = editing.add_annotation(doc, "pain_point", "Card refused", touchpoint_id=ids["tp"])
    editing.add_annotation(doc, "pain_point", "Ads feel pushy", stage_id=ids["calm_stage"])
    found = check_journey(doc, ids["journey"], today=TODAY)
    high = [f for f in found if f.rule == "high_value_pain_without_opportunity"]
    assert len(high) == 1 and high[0].severity == "problem"
    assert "'Card refused'" in high[0].message and high[0].touchpoint_ids == (ids["tp"],)
    plain = [f for f in found if f.rule == "pain_without_opportunity"]
    assert len(plain) == 1 and "Ads feel pushy" in plain[0].message  # no double report
    # Linking it to an opportunity answers it.
    opp = editing.add_opportunity(doc, "Retry payment", owner="Pay").created_id
    editing.link_opportunity(doc, opp, annotation_id=hot.created_id)
    rules = {f.rule for f in check_journey(doc, ids["journey"], today=TODAY)}
    assert "high_value_pain_without_opportunity" not in rules
