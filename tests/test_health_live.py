"""The Health dock follows edits incrementally: a hidden dock holds no copy of the map, a
shown one checks again only the stages an edit touched, and always says what a full check
of the file says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.analysis.findings import Finding
from journeymapper.analysis.health import check_journey, read_thresholds
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey
from journeymapper.ui.docks.health import _row_edits
from journeymapper.ui.main_window import MainWindow
from tests.conftest import blank_map, frame_ids
from tests.docks_support import open_canvas
from tests.ui_helpers import click, drag


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "map.jmap"
    doc, _journey, stages, lanes = blank_map(path)
    landing = editing.add_touchpoint(doc, stages[0], lanes["Website"], "Landing page").created_id
    editing.add_touchpoint(doc, stages[0], lanes["Website"], "Pricing page")
    editing.add_touchpoint(doc, stages[1], lanes["Store"], "Store visit")
    editing.set_measurement(doc, landing, "ces", 6, "2025-01-01", sample_size=40)
    doc.close()
    return path


@pytest.fixture
def window(qtbot, workspace: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_canvas(qtbot, workspace)


def _full_check(path: Path) -> list:  # type: ignore[type-arg]
    with Document.open(path, read_only=True) as doc:
        return check_journey(doc, find_journey(doc, None), read_thresholds(doc), dt.date.today())


def test_hidden_docks_hold_no_map_until_shown(window: MainWindow, workspace: Path) -> None:
    docks = window.analysis
    docks.ensure_docks()
    assert not docks.health.isVisible() and docks.health.live is None
    assert docks.charts._live is None  # the Charts dock read nothing either
    docks.health.toggleViewAction().trigger()  # View > Health, as the user opens it
    QApplication.processEvents()
    assert docks.health.isVisible() and docks.health.live is not None
    assert docks.health.findings == _full_check(workspace)


def test_a_dragged_card_rechecks_only_its_two_stages(window: MainWindow, workspace: Path) -> None:
    docks = window.analysis
    docks.ensure_docks()
    docks.health.toggleViewAction().trigger()
    QApplication.processEvents()
    data = window.scene.data
    assert data is not None
    stages, lanes = frame_ids(data)
    landing = next(t.id for t in data.touchpoints.values() if t.title == "Landing page")
    before = docks.health.findings
    assert any(f.rule == "high_effort_stage" and f.stage_ids == (stages[0],) for f in before)

    card = window.scene.layout.cards[landing]
    cell = window.scene.layout.cell_rect(stages[2], lanes["Store"])
    drag(window.view, (card.cx, card.cy), (cell.x + cell.w * 0.7, cell.y + cell.h * 0.6))
    QApplication.processEvents()

    with Document.open(workspace, read_only=True) as doc:
        assert doc.rows("SELECT stage_id FROM touchpoint WHERE id = ?", (landing,)) == [
            (stages[2],)
        ]
    live = docks.health.live
    assert live is not None and live.recomputed == 2  # the stage it left and the one it joined
    after = docks.health.findings
    assert after == _full_check(workspace)
    effort = next(f for f in after if f.rule == "high_effort_stage")
    assert effort.stage_ids == (stages[2],) and effort.touchpoint_ids == (landing,)
    rows = [docks.health.list.item(r).text() for r in range(docks.health.list.count())]
    assert rows == [f.message for f in after]  # and the dock lists them

    window.undo_action.trigger()  # Edit > Undo: the same two stages, back as they were
    QApplication.processEvents()
    assert live.recomputed == 2 and docks.health.findings == before == _full_check(workspace)


def test_selected_cards_tint_their_findings_and_a_click_away_clears_them(
    window: MainWindow, workspace: Path
) -> None:
    """Only the rows naming a selected card are tinted; with nothing selected none is,
    also after an edit re-fills the list (the dock then looks only at tinted rows)."""
    docks = window.analysis
    docks.ensure_docks()
    docks.health.toggleViewAction().trigger()
    QApplication.processEvents()
    health = docks.health
    data = window.scene.data
    assert data is not None
    landing = next(t.id for t in data.touchpoints.values() if t.title == "Landing page")
    card = window.scene.layout.cards[landing]
    click(window.view, (card.cx, card.cy))
    QApplication.processEvents()
    naming = [r for r, f in enumerate(health.findings) if landing in f.touchpoint_ids]
    assert naming and health.highlighted_rows() == naming

    stages = [s.id for s in data.stages]
    lanes = {ln.name: ln.id for ln in data.lanes}
    cell = window.scene.layout.cell_rect(stages[2], lanes["Store"])
    drag(window.view, (card.cx, card.cy), (cell.x + cell.w * 0.7, cell.y + cell.h * 0.6))
    QApplication.processEvents()
    assert health.findings == _full_check(workspace)
    moved = window.scene.layout.cards[landing]
    click(window.view, (moved.cx, moved.cy))
    QApplication.processEvents()
    naming = [r for r, f in enumerate(health.findings) if landing in f.touchpoint_ids]
    assert naming and health.highlighted_rows() == naming

    empty = window.scene.layout.cell_rect(stages[3], lanes["Website"])
    click(window.view, (empty.x + 5, empty.y + 5))
    QApplication.processEvents()
    assert window.scene.selected_touchpoints() == []
    assert health.highlighted_rows() == []
    window.undo_action.trigger()
    QApplication.processEvents()
    assert health.findings == _full_check(workspace) and health.highlighted_rows() == []


def test_pain_card_dragged_under_an_opportunity(qtbot, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    """The annotation rules' kept result is dropped when a pain point's card moves: the
    card lands in a stage an opportunity covers, so the pain point is answered there."""
    with Document.open(workspace) as doc:
        store = next(t for t in find_cards(doc) if t[1] == "Store visit")
        stage_ids = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
        editing.add_annotation(doc, "pain_point", "Queue too long", touchpoint_id=store[0])
        editing.add_annotation(doc, "opportunity", "Book a slot", stage_id=stage_ids[2])
    window = open_canvas(qtbot, workspace)
    docks = window.analysis
    docks.ensure_docks()
    docks.health.toggleViewAction().trigger()
    QApplication.processEvents()
    data = window.scene.data
    assert data is not None
    stages, lanes = frame_ids(data)

    def pains() -> list[str]:
        shown = [docks.health.list.item(r).text() for r in range(docks.health.list.count())]
        return [text for text in shown if "Queue too long" in text]

    assert len(pains()) == 1 and "'Store visit'" in pains()[0]
    before = docks.health.findings
    card = window.scene.layout.cards[store[0]]
    cell = window.scene.layout.cell_rect(stages[2], lanes["Store"])
    drag(window.view, (card.cx, card.cy), (cell.x + cell.w * 0.7, cell.y + cell.h * 0.6))
    QApplication.processEvents()

    live = docks.health.live
    assert live is not None and "pain_points" in live.rules.ran
    assert pains() == [] and docks.health.findings == _full_check(workspace)
    with Document.open(workspace, read_only=True) as doc:
        assert doc.rows("SELECT stage_id FROM touchpoint WHERE id = ?", (store[0],)) == [
            (stages[2],)
        ]
    window.undo_action.trigger()  # Edit > Undo: the finding is back, as the file says
    QApplication.processEvents()
    assert len(pains()) == 1 and docks.health.findings == before == _full_check(workspace)
    rows = [docks.health.list.item(r).text() for r in range(docks.health.list.count())]
    assert rows == [f.message for f in before]


def find_cards(doc: Document) -> list[tuple[int, str]]:
    return [(r[0], r[1]) for r in doc.rows("SELECT id, title FROM touchpoint ORDER BY id")]


@given(
    st.lists(st.integers(0, 9), max_size=12),
    st.lists(st.integers(0, 9), max_size=12),
)
def test_row_edits_turn_the_old_rows_into_the_new(old_keys: list[int], new_keys: list[int]) -> None:
    """The dock changes its rows by these edits only, so they must always end at ``new``."""
    old = [Finding("r", "info", str(k)) for k in old_keys]
    new = [Finding("r", "info", str(k)) for k in new_keys]
    rows: list[Finding | None] = list(old)
    for op, row, finding in _row_edits(old, new):
        if op == "delete":
            rows.pop(row)
        elif op == "insert":
            rows.insert(row, finding)
        else:
            rows[row] = finding
    assert rows == new
