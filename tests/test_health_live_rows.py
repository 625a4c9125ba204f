"""The Health dock follows a dragged card the portfolio names without reading the portfolio
again, and its rows stay what a fresh dock on the saved file shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.analysis import live_stages
from journeymapper.analysis.findings import SEVERITIES, Finding, SeverityGroups, by_severity
from journeymapper.analysis.health import Thresholds
from journeymapper.analysis.health_live import LiveHealth
from journeymapper.bench.generate import generate_workspace
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey
from journeymapper.ui.docks.health import HealthDock
from journeymapper.ui.main_window import MainWindow
from tests.conftest import blank_map, frame_ids
from tests.docks_support import open_canvas
from tests.ui_helpers import drag


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Three cards; an ownerless overdue opportunity naming the landing card, with a done
    sibling whose target is on that card; and one naming only the store card."""
    path = tmp_path / "map.jmap"
    doc, _journey, stages, lanes = blank_map(path)
    landing = editing.add_touchpoint(doc, stages[0], lanes["Website"], "Landing page").created_id
    editing.add_touchpoint(doc, stages[0], lanes["Website"], "Pricing page")
    store = editing.add_touchpoint(doc, stages[1], lanes["Store"], "Store visit").created_id
    editing.set_measurement(doc, landing, "csat", 4.0, "2025-01-10", sample_size=40)
    editing.set_measurement(doc, landing, "csat", 3.0, "2025-09-10", sample_size=40)
    naming = editing.add_opportunity(doc, "Faster landing", due_on="2025-02-01").created_id
    editing.link_opportunity(doc, naming, touchpoint_id=landing)
    done = editing.add_opportunity(
        doc, "Clearer copy", owner="Web", status="done", started_on="2025-06-01"
    ).created_id
    editing.add_target(doc, done, "csat", 4.5, from_value=4.0, touchpoint_id=landing)
    other = editing.add_opportunity(doc, "Shorter queue", due_on="2025-03-01").created_id
    editing.link_opportunity(doc, other, touchpoint_id=store)
    doc.close()
    return path


def _rows(dock: HealthDock) -> list[tuple[str, str]]:
    items = [dock.list.item(r) for r in range(dock.list.count())]
    return [(item.text(), item.toolTip()) for item in items]


def _fresh_rows(path: Path) -> tuple[list[tuple[str, str]], str]:
    """The rows and summary of a new Health dock on the file as saved."""
    with Document.open(path, read_only=True) as doc:
        fresh = HealthDock()
        fresh.show_journey(doc, find_journey(doc, None))
        rows, text = _rows(fresh), fresh.summary.text()
        fresh.deleteLater()
    return rows, text


def test_dragged_card_patches_the_portfolio_rows_that_name_it(
    qtbot,  # type: ignore[no-untyped-def]
    workspace: Path,
) -> None:
    window: MainWindow = open_canvas(qtbot, workspace)
    docks = window.analysis
    docks.ensure_docks()
    docks.health.toggleViewAction().trigger()  # View > Health
    QApplication.processEvents()
    health = docks.health
    live = health.live
    assert live is not None
    assert _rows(health) == _fresh_rows(workspace)[0]
    data = window.scene.data
    assert data is not None
    stages, lanes = frame_ids(data)
    landing = next(t.id for t in data.touchpoints.values() if t.title == "Landing page")
    opps = {o.title: o for o in live.portfolio.portfolio.opportunities}
    assert any("'Faster landing'" in text for text, _tip in _rows(health))

    card = window.scene.layout.cards[landing]
    cell = window.scene.layout.cell_rect(stages[2], lanes["Website"])
    drag(window.view, (card.cx, card.cy), (cell.x + cell.w * 0.6, cell.y + cell.h * 0.5))
    QApplication.processEvents()

    with Document.open(workspace, read_only=True) as doc:
        assert doc.rows("SELECT stage_id FROM touchpoint WHERE id = ?", (landing,)) == [
            (stages[2],)
        ]
    assert health.live is live  # followed, not read again
    now = {o.title: o for o in live.portfolio.portfolio.opportunities}
    assert now["Shorter queue"] is opps["Shorter queue"]  # a row naming another card: kept
    assert now["Faster landing"] is not opps["Faster landing"]
    assert {p.stage_id for p in now["Faster landing"].places} == {stages[2]}
    ran = set(live.rules.ran)
    assert {
        f"opportunity {opps['Faster landing'].id}",
        f"opportunity {opps['Clearer copy'].id}",
    } <= ran
    assert f"opportunity {opps['Shorter queue'].id}" not in ran
    rows, summary = _fresh_rows(workspace)
    assert _rows(health) == rows and health.summary.text() == summary
    target = next(f for f in health.findings if f.rule == "target_wrong_way")
    assert target.stage_ids == (stages[2],) and target.touchpoint_ids == (landing,)
    assert window.scene.selected_touchpoints() == [landing]  # the dragged card stays selected
    naming = [r for r, f in enumerate(health.findings) if landing in f.touchpoint_ids]
    assert len(naming) >= 2 and health.highlighted_rows() == naming
    assert f"Landing page ({data.stages[2].name})" in target.message

    window.undo_action.trigger()  # Edit > Undo: back where it was, rows as a fresh dock's
    QApplication.processEvents()
    rows, summary = _fresh_rows(workspace)
    assert _rows(health) == rows and health.summary.text() == summary
    target = next(f for f in health.findings if f.rule == "target_wrong_way")
    assert target.stage_ids == (stages[0],)


def test_measuring_a_targeted_card_rereads_only_its_targets(workspace: Path) -> None:
    """A new value on the card a done opportunity targets moves that target's finding;
    a measurement of another metric leaves the portfolio object as it was."""
    with Document.open(workspace) as doc:
        journey = find_journey(doc, None)
        live = LiveHealth(doc, journey)
        before = live.check(Thresholds())
        landing = next(t.id for t in live.data.touchpoints.values() if t.title == "Landing page")
        assert any(f.rule == "target_wrong_way" for f in before)  # 4.0 -> 3.0
        facts = live.portfolio
        live.apply(editing.set_measurement(doc, landing, "nps", 20, "2025-10-01").changes)
        assert live.portfolio is facts  # no target reads NPS
        live.apply(editing.set_measurement(doc, landing, "csat", 4.8, "2025-10-02").changes)
        assert live.portfolio is not facts
        assert live.portfolio.portfolio is facts.portfolio  # the rows themselves: the same
        after = live.check(Thresholds())
        assert not any(f.rule == "target_wrong_way" for f in after)
        assert after == LiveHealth(doc, journey).check(Thresholds())


FINDINGS = st.builds(
    Finding,
    rule=st.sampled_from(["a", "b"]),
    severity=st.sampled_from(SEVERITIES),
    message=st.sampled_from(["x", "y", "z"]),
)


@given(st.lists(st.lists(st.lists(FINDINGS, max_size=4), min_size=3, max_size=3), max_size=4))
def test_severity_groups_sort_as_by_severity_and_keep_equal_runs(
    checks: list[list[list[Finding]]],
) -> None:
    """Each check lists what sorting the sources' findings by severity lists; a run equal to
    the last check's is that very list (the dock skips it without comparing rows)."""
    groups = SeverityGroups()
    for sources in checks:
        before = list(groups.groups)
        found = groups.update(sources)
        assert found == by_severity([f for source in sources for f in source])
        assert groups.counts() == {s: sum(f.severity == s for f in found) for s in SEVERITIES}
        for old, new in zip(before, groups.groups, strict=False):  # none before the first
            assert (old is new) == (old == new)


def test_a_move_computes_only_the_two_cells_it_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a generated 2,000-card map, a card moved to another stage computes again the cell
    it left and the one it joined (not their stages' ~170 cards each), and agrees with a
    fresh check."""
    path = generate_workspace(tmp_path / "big.jmap", touchpoints=2000, annotations=200)
    with Document.open(path) as doc:
        live = LiveHealth(doc, 1)
        live.check(Thresholds())
        tp = min(live.data.touchpoints.values(), key=lambda t: t.id)
        to = next(s.id for s in live.data.stages if s.id != tp.stage_id)
        seen: list[int] = []
        real = live_stages.cell_facts

        def counted(items, *args):  # type: ignore[no-untyped-def]
            seen.append(len(items))
            return real(items, *args)

        monkeypatch.setattr(live_stages, "cell_facts", counted)
        live.apply(editing.move_touchpoint(doc, tp.id, to, tp.lane_id).changes)
        found = live.check(Thresholds())
        assert live.recomputed == 2 and len(seen) == 2
        stage_size = min(f.count for f in live.stages.facts.values())
        assert max(seen) < stage_size / 3
        assert found == LiveHealth(doc, 1).check(Thresholds())
