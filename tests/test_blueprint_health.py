"""The blueprint health rules, on the hotel blueprint template and edits to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.analysis.blueprint_health import stage_times
from journeymapper.analysis.health import Thresholds, check_journey
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace


@pytest.fixture
def hotel(tmp_path: Path) -> Document:
    doc = create_workspace(tmp_path / "hotel.jmap", "hotel_blueprint")
    yield doc  # type: ignore[misc]
    doc.close()


def _rules(doc: Document, rule: str, **limits: float) -> list:  # type: ignore[type-arg]
    journey = find_journey(doc, None)
    return [f for f in check_journey(doc, journey, Thresholds(**limits)) if f.rule == rule]  # type: ignore[arg-type]


def _id(doc: Document, title: str) -> int:
    return int(doc.rows("SELECT id FROM touchpoint WHERE title = ?", (title,))[0][0])


def test_touchpoints_without_frontstage_or_backstage_support(hotel: Document) -> None:
    (finding,) = _rules(hotel, "unsupported_touchpoint")
    titles = {hotel.rows("SELECT title FROM touchpoint WHERE id = ?", (i,))[0][0]
              for i in finding.touchpoint_ids}  # fmt: skip
    # Connected only to other touchpoints or to nothing:
    assert titles == {"Pre-arrival message", "Queue at reception", "First look at the room"}
    assert "3 touchpoints have no frontstage or backstage step" in finding.message
    step = _id(hotel, "Clean and inspect room")
    for title in titles:
        editing.add_connector(hotel, _id(hotel, title), step, "dependency")
    assert _rules(hotel, "unsupported_touchpoint") == []


def test_failure_points_need_an_owner(hotel: Document) -> None:
    assert _rules(hotel, "failure_point_without_owner") == []
    step = _id(hotel, "Deliver the tray")
    editing.edit_touchpoint(hotel, step, owner="  ")
    (finding,) = _rules(hotel, "failure_point_without_owner")
    assert finding.severity == "problem" and finding.touchpoint_ids == (step,)
    assert "'Deliver the tray' has no owner" in finding.message
    editing.edit_touchpoint(hotel, step, failure_point=False)
    assert _rules(hotel, "failure_point_without_owner") == []


def test_stages_with_many_handoffs(hotel: Document) -> None:
    assert _rules(hotel, "many_handoffs") == []
    (finding,) = _rules(hotel, "many_handoffs", max_handoffs_per_stage=2)
    data = load_journey(hotel, find_journey(hotel, None))
    stage = {s.id: s.name for s in data.stages}
    assert [stage[s] for s in finding.stage_ids] == ["Check-out"]
    assert "has 3 hand-offs between teams (more than 2)" in finding.message
    # An owner change along a plain flow counts as a hand-off too.
    a, b = _id(hotel, "Bill review & pay"), _id(hotel, "Post room charges")
    editing.add_connector(hotel, a, b, "flow")
    (finding,) = _rules(hotel, "many_handoffs")
    assert "has 4 hand-offs" in finding.message


def test_steps_with_long_waits(hotel: Document) -> None:
    found = _rules(hotel, "long_wait")
    assert [f.message for f in found] == [
        "Step 'Deliver the tray' keeps the customer waiting 45 min (more than 30 min)."
    ]
    assert len(_rules(hotel, "long_wait", max_wait_minutes=10)) == 4
    editing.edit_touchpoint(hotel, _id(hotel, "Deliver the tray"), wait_min=20)
    assert _rules(hotel, "long_wait") == []


def test_stage_times_and_map_rules_ignore_steps(hotel: Document) -> None:
    data = load_journey(hotel, find_journey(hotel, None))
    times = {t.name: (t.duration, t.wait, t.steps) for t in stage_times(data)}
    assert times["Check-in"] == (5.0, 32.0, 3)
    assert times["Stay"] == (30.0, 45.0, 2)
    assert times["Arrival"] == (0.0, 0.0, 0)
    # The journey-map rules count the customer's touchpoints only: steps have no CSAT.
    (silent,) = _rules(hotel, "no_feedback")
    assert not set(silent.touchpoint_ids) & {_id(hotel, "Assign a clean room")}


def test_a_plain_map_gets_no_blueprint_findings(tmp_path: Path) -> None:
    doc = create_workspace(tmp_path / "retail.jmap", "retail")
    try:
        rules = {f.rule for f in check_journey(doc, find_journey(doc, None))}
        assert not rules & {"unsupported_touchpoint", "many_handoffs", "long_wait",
                            "failure_point_without_owner"}  # fmt: skip
    finally:
        doc.close()


def test_charts_dock_shows_wait_and_duration_per_stage(qtbot, hotel: Document) -> None:  # type: ignore[no-untyped-def]
    from journeymapper.ui.app import create_app
    from journeymapper.ui.docks.charts.dock import ChartsDock

    create_app()
    dock = ChartsDock()
    qtbot.addWidget(dock)
    dock.resize(800, 480)
    dock.show()
    qtbot.waitExposed(dock)
    journey = find_journey(hotel, None)
    dock.show_journey(hotel, journey)
    dock.show_chart("times")
    work, wait = dock.plots["times"].bars
    data = load_journey(hotel, journey)
    names = [s.name for s in data.stages]
    assert work.height[names.index("Check-in")] == 5.0
    assert wait.height[names.index("Check-in")] == 32.0
    assert wait.y0[names.index("Stay")] == 30.0  # stacked on the duration
    assert "duration" in dock.legend.text() and "wait" in dock.legend.text()
    step = _id(hotel, "Deliver the tray")
    assert step in wait.ids[names.index("Stay")]
    # The map charts keep counting touchpoints only: steps are not offline touchpoints.
    dock.show_chart("mix")
    online, offline = dock.plots["mix"].bars
    assert sum(online.height) + sum(offline.height) == 9
    result = editing.edit_touchpoint(hotel, step, wait_min=5)
    dock.apply_changes(result.changes)
    dock.show_chart("times")
    assert dock.plots["times"].bars[1].height[names.index("Stay")] == 5.0


def test_live_check_follows_blueprint_edits_touching_only_what_changed(hotel: Document) -> None:
    """The live check keeps the blueprint findings: a measurement rebuilds no stage's
    hand-off finding, a card moved to another stage rebuilds just the two stages its
    connectors run from, and every step says what a full check says."""
    from journeymapper.analysis.health_live import LiveHealth

    journey = find_journey(hotel, None)
    limits = Thresholds(max_handoffs_per_stage=1, max_wait_minutes=10)
    live = LiveHealth(hotel, journey)
    assert live.check(limits) == check_journey(hotel, journey, limits)
    data = load_journey(hotel, journey)
    stages = [s.id for s in data.stages]
    bill = _id(hotel, "Bill review & pay")

    live.apply(editing.set_measurement(hotel, bill, "ces", 5, "2026-01-01").changes)
    assert live.check(limits) == check_journey(hotel, journey, limits)
    assert live._blueprint.rebuilt == 0

    step = _id(hotel, "Post room charges")
    editing.add_connector(hotel, bill, step, "handoff")
    live.reload()  # a connector is structural for the live check
    assert live.check(limits) == check_journey(hotel, journey, limits)
    where = data.touchpoints[bill].stage_id
    to = next(s for s in stages if s != where)
    before = {f.rule: f for f in live.check(limits)}
    live.apply(editing.move_touchpoint(hotel, bill, to, data.touchpoints[bill].lane_id).changes)
    after = live.check(limits)
    assert after == check_journey(hotel, journey, limits)
    assert 1 <= live._blueprint.rebuilt <= 2  # the stage the hand-offs left and joined
    assert after != list(before.values())

    for change in ({"owner": ""}, {"failure_point": True}, {"wait_min": 50.0}):
        live.apply(editing.edit_touchpoint(hotel, step, **change).changes)
        assert live.check(limits) == check_journey(hotel, journey, limits)
    live.apply(editing.delete_touchpoint(hotel, step).changes)
    assert live.check(limits) == check_journey(hotel, journey, limits)
