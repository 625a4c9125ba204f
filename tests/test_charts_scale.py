"""The Charts and Health docks on a big map: edits are patched in, items are reused, the
metric chart is thinned to what fits, and a patched snapshot equals a fresh read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtTest import QTest

from journeymapper import editing
from journeymapper.analysis import aggregates_live
from journeymapper.analysis.snapshot import patch
from journeymapper.bench.generate import generate_workspace
from journeymapper.model.document import Document
from journeymapper.store.journey_data import JourneyData, load_journey
from journeymapper.ui.app import create_app
from journeymapper.ui.docks.charts.dock import MAX_KEPT, MIN_END, ChartsDock, thin_ranks
from journeymapper.ui.docks.health import HealthDock

JOURNEY = 1


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "template.jmap"
    return generate_workspace(path, touchpoints=300, annotations=40, measurements_per_touchpoint=3)


@pytest.fixture
def doc(template: Path, tmp_path: Path) -> Document:
    copy = tmp_path / "big.jmap"
    copy.write_bytes(template.read_bytes())
    d = Document.open(copy)
    yield d
    d.close()


def _same(a: JourneyData, b: JourneyData) -> None:
    assert a.touchpoints == b.touchpoints
    assert a.annotations == b.annotations


@pytest.fixture
def charts(qtbot, doc: Document) -> ChartsDock:  # type: ignore[no-untyped-def]
    create_app()
    dock = ChartsDock()
    qtbot.addWidget(dock)
    dock.resize(900, 420)
    dock.show()
    qtbot.waitExposed(dock)
    dock.show_journey(doc, JOURNEY)
    return dock


# -- thinning ------------------------------------------------------------------------


@given(
    count=st.integers(0, 3000),
    room=st.integers(1, 60),
    keep=st.lists(st.integers(-5, 3005), max_size=8),
)
def test_thin_ranks_keeps_the_ends_and_the_selection(count: int, room: int, keep: list[int]):
    shown = thin_ranks(count, room, keep)
    ranks = [r for r in shown if r is not None]
    assert ranks == sorted(set(ranks)) and all(0 <= r < count for r in ranks)
    if count <= room:
        assert shown == list(range(count))
        return
    assert ranks[:MIN_END] == list(range(MIN_END))
    assert ranks[-MIN_END:] == list(range(count - MIN_END, count))
    # a gap marker stands exactly between ranks that are not neighbours
    for before, marker, after in zip(shown, shown[1:], shown[2:], strict=False):
        if marker is None:
            assert before is not None and after is not None and after > before + 1
    assert all(b is not None or a is not None for a, b in zip(shown, shown[1:], strict=False))
    wanted = {r for r in keep if 0 <= r < count}
    assert len(wanted & set(ranks)) >= min(len(wanted), MAX_KEPT)
    if room >= 2 * MIN_END + 1 + 2 * MAX_KEPT:
        assert len(shown) <= room  # every row can carry its label


def test_metric_chart_is_thinned_and_shows_the_selection(charts: ChartsDock, doc: Document):
    charts.set_metric("csat")
    charts.show_chart("metric")
    QTest.qWait(20)
    plot = charts.plots["metric"]
    measured = sum("csat" in t.latest for t in load_journey(doc, JOURNEY).touchpoints.values())
    bars = plot.bars[0]
    assert 2 * MIN_END <= len(bars.ids) < measured
    labels = plot.getPlotItem().getAxis("left").labels()
    assert labels[0].startswith("1. ") and "⋯" in labels
    assert f"of {measured:,}" in charts.legend.text()
    # a touchpoint from the middle of the ranking joins the chart when selected
    shown = {ids[0] for ids in bars.ids}
    assert charts._live is not None
    data = charts._live.data
    middle = next(t for t, d in data.touchpoints.items() if "csat" in d.latest and t not in shown)
    charts.highlight_touchpoints([middle])
    bars = plot.bars[0]
    assert [middle] in bars.ids
    assert bars.item.opts["pens"][bars.ids.index([middle])].width() == 3
    assert "and the selection" in charts.legend.text()


# -- edits ---------------------------------------------------------------------------


def _no_reload(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_a: object) -> None:
        raise AssertionError("a small edit must be patched in, not re-read")

    monkeypatch.setattr(aggregates_live, "load_journey", fail)


@pytest.mark.parametrize("chart", ["funnel", "metric", "emotion", "mix"])
def test_an_edit_updates_the_chart_in_place_as_a_fresh_dock_would_draw_it(
    qtbot,  # type: ignore[no-untyped-def]
    charts: ChartsDock,
    doc: Document,
    chart: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    charts.set_metric("csat")
    charts.show_chart(chart)
    plot = charts.plots[chart]
    before = list(plot._items.values())
    assert charts._live is not None
    data = charts._live.data
    tps = sorted(data.touchpoints)
    _no_reload(monkeypatch)
    results = [
        editing.set_measurement(doc, tps[3], "csat", 1.0, "2026-03-01"),
        editing.set_measurement(doc, tps[4], "drop_off_rate", 69.0, "2026-03-01"),
        editing.move_touchpoint(
            doc, tps[5], data.stages[0].id, data.touchpoints[tps[5]].lane_id, 0
        ),
        editing.edit_touchpoint(doc, tps[6], emotion=-2),
    ]
    for result in results:
        charts.apply_changes(result.changes)
    monkeypatch.undo()
    assert [i for i in before if i in plot._items.values()] == before  # reused, not rebuilt
    fresh = ChartsDock()
    qtbot.addWidget(fresh)
    fresh.resize(900, 420)
    fresh.show()
    fresh.show_journey(doc, JOURNEY)
    fresh.set_metric("csat")
    fresh.show_chart(chart)
    QTest.qWait(20)
    charts._dirty.add(chart)  # same height as the fresh one, for the metric's thinning
    charts._draw_current()
    mine, theirs = plot, fresh.plots[chart]
    assert [(b.ids, b.x0, b.y0, b.width, b.height) for b in mine.bars] == [
        (b.ids, b.x0, b.y0, b.width, b.height) for b in theirs.bars
    ]
    assert [(x, y, t, vb is mine.vb) for x, y, t, vb in mine.points] == [
        (x, y, t, vb is theirs.vb) for x, y, t, vb in theirs.points
    ]
    assert charts.legend.text() == fresh.legend.text()


def test_patch_follows_moves_and_annotations(doc: Document) -> None:
    data = load_journey(doc, JOURNEY)
    tps = sorted(data.touchpoints)
    result = editing.set_measurement(doc, tps[0], "csat", 2.0, "2026-03-01")
    done = patch(doc, data, result.changes)
    assert done is not None and not done.placement
    moved = data.touchpoints[tps[1]]
    target = next(
        (s.id, moved.lane_id)
        for s in data.stages
        if s.id != moved.stage_id and data.cell(s.id, moved.lane_id)
    )
    result = editing.move_touchpoint(doc, tps[1], *target, 0)
    done = patch(doc, data, result.changes)
    assert done is not None and done.placement
    result = editing.add_annotation(doc, "pain_point", "Too slow", touchpoint_id=tps[2])
    assert patch(doc, data, result.changes) is not None
    _same(data, load_journey(doc, JOURNEY))  # neighbours' positions and numbering included
    stage = data.stages[0].id
    assert patch(doc, data, editing.edit_stage(doc, stage, name="Renamed").changes) is None


# -- health --------------------------------------------------------------------------


def test_health_keeps_rows_that_did_not_change(qtbot, doc: Document) -> None:  # type: ignore[no-untyped-def]
    create_app()
    dock = HealthDock()
    qtbot.addWidget(dock)
    dock.show()
    dock.show_journey(doc, JOURNEY)
    tps = sorted(load_journey(doc, JOURNEY).touchpoints)
    first = dock.list.item(0)
    dock.highlight_touchpoints([tps[0]])
    tinted = dock.highlighted_rows()
    assert tinted
    result = editing.set_measurement(doc, tps[1], "csat", 4.0, "2026-03-01")
    dock.apply_changes(result.changes)
    assert dock.list.item(0) is first and dock.highlighted_rows() == tinted
    # an edit that changes a finding: the list says so, as a fresh check would
    result = editing.add_annotation(doc, "pain_point", "Nobody answers", touchpoint_id=tps[0])
    dock.apply_changes(result.changes)
    fresh = HealthDock()
    qtbot.addWidget(fresh)
    fresh.show_journey(doc, JOURNEY)
    assert dock.findings == fresh.findings
    assert [dock.list.item(r).text() for r in range(dock.list.count())] == [
        fresh.list.item(r).text() for r in range(fresh.list.count())
    ]
    assert dock.summary.text() == fresh.summary.text()
    concerned = [r for r, f in enumerate(dock.findings) if tps[0] in f.touchpoint_ids]
    assert dock.highlighted_rows() == concerned  # the tint follows the rows that moved
    assert any("Nobody answers" in f.message for f in dock.findings)
