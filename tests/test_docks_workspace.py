"""The Workspace dock (journeys and personas) and the journey copy service behind it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.editing.copy import duplicate_journey
from journeymapper.model.document import Document
from journeymapper.model.errors import EditError
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.ui.docks.workspace import WorkspacePanel
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import click_index, db, window_fixtures

COUNTED = ("stage", "lane", "touchpoint", "annotation")


workspace, window = window_fixtures()


def _panel(win: MainWindow, answers: list[str] | None = None, yes: bool = True) -> WorkspacePanel:
    panel = win.workspace_dock.panel
    queue = list(answers or [])
    panel.ask_text = lambda *_a, **_k: queue.pop(0) if queue else None  # type: ignore[method-assign]
    panel.confirm = lambda _q: yes  # type: ignore[method-assign]
    return panel


def _counts(path: Path, journey_id: int) -> dict[str, int]:
    counts = {
        t: db(path, f"SELECT count(*) FROM {t} WHERE journey_id=?", (journey_id,))[0][0]
        for t in COUNTED
    }
    counts["text_cell"] = db(
        path,
        "SELECT count(*) FROM text_cell c JOIN stage s ON s.id=c.stage_id WHERE s.journey_id=?",
        (journey_id,),
    )[0][0]
    counts["measurement"] = db(
        path,
        "SELECT count(*) FROM measurement m JOIN touchpoint t ON t.id=m.touchpoint_id "
        "WHERE t.journey_id=?",
        (journey_id,),
    )[0][0]
    return counts


# -- the Qt-free service ---------------------------------------------------------------


def test_duplicate_copies_everything_but_votes_and_undoes(workspace: Path) -> None:
    with Document.open(workspace) as doc:
        source = find_journey(doc, None)
        tp = next(iter(load_journey(doc, source).touchpoints))
        round_id = editing.add_vote_round(doc, source, "Round 1").created_id
        editing.vote(doc, round_id, "Ann", touchpoint_id=tp)
        result = duplicate_journey(doc, source, "To-be", state="future")
        copy = result.created_id
        assert copy is not None and copy != source
        original, twin = load_journey(doc, source), load_journey(doc, copy)
        assert (twin.name, twin.state, twin.persona) == ("To-be", "future", original.persona)
        assert [s.name for s in twin.stages] == [s.name for s in original.stages]
        assert [ln.name for ln in twin.lanes] == [ln.name for ln in original.lanes]
        assert sorted(t.title for t in twin.touchpoints.values()) == sorted(
            t.title for t in original.touchpoints.values()
        )
        assert sorted(twin.text_cells.values()) == sorted(original.text_cells.values())
        assert [(a.kind, a.text) for a in twin.annotations] == [
            (a.kind, a.text) for a in original.annotations
        ]
        # cells and measurements follow the copy, not the original
        stage_names = {s.id: s.name for s in twin.stages}
        for t in twin.touchpoints.values():
            assert t.stage_id in stage_names
        latest = {t.title: t.latest for t in original.touchpoints.values()}
        for t in twin.touchpoints.values():
            assert {k: m.value for k, m in t.latest.items()} == {
                k: m.value for k, m in latest[t.title].items()
            }
        assert all(t.votes == 0 for t in twin.touchpoints.values())
        assert doc.rows("SELECT id FROM journey ORDER BY position") == [(source,), (copy,)]
        # undo deletes the copy; redo brings back the very same rows
        redo = editing.apply(doc, result.inverse).inverse
        assert doc.rows("SELECT id FROM journey") == [(source,)]
        assert load_journey(doc, source).touchpoints.keys() == original.touchpoints.keys()
        editing.apply(doc, redo)
        assert load_journey(doc, copy).touchpoints.keys() == twin.touchpoints.keys()


def test_duplicate_refuses_bad_input_and_writes_nothing(workspace: Path) -> None:
    with Document.open(workspace) as doc:
        source = find_journey(doc, None)
        for args in ({"name": "  "}, {"name": "X", "state": "someday"}):
            with pytest.raises(EditError):
                duplicate_journey(doc, source, **args)
        with pytest.raises(EditError, match="no journey"):
            editing.apply(doc, Edit("duplicate_journey", {"journey_id": 999, "name": "X"}))
        assert doc.rows("SELECT count(*) FROM journey") == [(1,)]
        assert doc.rows("SELECT count(*) FROM stage") == [(5,)]


# -- the dock ---------------------------------------------------------------------------


def test_journey_row_shows_persona_and_state(window: MainWindow) -> None:
    panel = _panel(window)
    item = panel.journeys.topLevelItem(0)
    assert item.text(0) == "Customer journey\nBusy parent · Current state"
    assert item.font(0).bold()


def test_duplicate_as_future_state_then_undo(window: MainWindow, workspace: Path) -> None:
    panel = _panel(window, ["Customer journey – future"])
    source = window.controller.journey_id
    assert source is not None
    QTest.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    journeys = db(workspace, "SELECT id, name, state FROM journey ORDER BY position")
    assert len(journeys) == 2
    copy = journeys[1][0]
    assert journeys[1][1:] == ("Customer journey – future", "future")
    assert _counts(workspace, copy) == _counts(workspace, source)
    assert window.controller.journey_id == copy  # the copy is on screen
    assert window.scene.data is not None and window.scene.data.state == "future"
    assert panel.journeys.topLevelItemCount() == 2
    assert panel.journeys.topLevelItem(1).text(0).endswith("Future state")
    window.controller.undo_stack.undo()
    assert db(workspace, "SELECT id FROM journey") == [(source,)]
    assert window.controller.journey_id == source  # back to a journey that exists
    assert panel.journeys.topLevelItemCount() == 1
    assert window.scene.data is not None and window.scene.data.id == source


def test_add_rename_switch_and_delete_journeys(window: MainWindow, workspace: Path) -> None:
    panel = _panel(window, ["Onboarding", "Onboarding v2"])
    first = window.controller.journey_id
    QTest.mouseClick(panel.add_journey_button, Qt.MouseButton.LeftButton)
    added = window.controller.journey_id
    assert added != first
    assert db(
        workspace, "SELECT name, persona_id IS NOT NULL FROM journey WHERE id=?", (added,)
    ) == [("Onboarding", 1)]
    QTest.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert db(workspace, "SELECT name FROM journey WHERE id=?", (added,)) == [("Onboarding v2",)]
    assert panel.journeys.currentItem().text(0).startswith("Onboarding v2\n")
    # switch by clicking the first row
    click_index(panel.journeys, panel.journeys.model().index(0, 0))
    assert window.controller.journey_id == first
    # state through its combo
    panel.state_combo.setCurrentIndex(panel.state_combo.findData("future"))
    assert db(workspace, "SELECT state FROM journey WHERE id=?", (first,)) == [("future",)]
    assert window.scene.data is not None and window.scene.data.state == "future"
    # delete: a "no" keeps it, a "yes" deletes it and shows the neighbour
    click_index(panel.journeys, panel.journeys.model().index(1, 0))
    assert window.controller.journey_id == added
    panel.confirm = lambda _q: False  # type: ignore[method-assign]
    assert not panel.delete_journey()
    assert db(workspace, "SELECT count(*) FROM journey") == [(2,)]
    questions: list[str] = []
    panel.confirm = lambda q: questions.append(q) or True  # type: ignore[method-assign]
    QTest.mouseClick(panel.delete_journey_button, Qt.MouseButton.LeftButton)
    assert "0 stages and 0 touchpoints" in questions[0]
    assert db(workspace, "SELECT id FROM journey") == [(first,)]
    assert window.controller.journey_id == first
    # the last journey stays
    assert not panel.delete_journey()
    assert db(workspace, "SELECT count(*) FROM journey") == [(1,)]


def test_personas_add_edit_assign_delete(window: MainWindow, workspace: Path) -> None:
    panel = _panel(window, ["Student"])
    QTest.mouseClick(panel.add_persona_button, Qt.MouseButton.LeftButton)
    student = db(workspace, "SELECT id FROM persona WHERE name='Student'")[0][0]
    assert panel.selected_persona() == student
    form = panel.persona_form
    assert form.name.text() == "Student"
    form.name.setFocus()
    form.name.selectAll()
    QTest.keyClicks(form.name, "Student on a budget")
    form.goals.setFocus()
    QTest.keyClicks(form.goals, "Cheap, fast")
    form.pains.setFocus()
    QTest.keyClicks(form.pains, "Hidden fees")
    assert db(workspace, "SELECT name, goals, pains FROM persona WHERE id=?", (student,)) == [
        ("Student on a budget", "Cheap, fast", "Hidden fees")
    ]
    assert panel.personas.currentItem().text() == "Student on a budget"
    # assign it to the journey: the row and the canvas title band show it
    panel.persona_combo.setCurrentIndex(panel.persona_combo.findData(student))
    journey = window.controller.journey_id
    assert db(workspace, "SELECT persona_id FROM journey WHERE id=?", (journey,)) == [(student,)]
    assert "Student on a budget · " in panel.journeys.topLevelItem(0).text(0)
    assert window.scene.data is not None and window.scene.data.persona == "Student on a budget"
    questions: list[str] = []
    panel.confirm = lambda q: questions.append(q) or True  # type: ignore[method-assign]
    QTest.mouseClick(panel.delete_persona_button, Qt.MouseButton.LeftButton)
    assert "1 journey(s) will have no persona" in questions[0]
    assert db(workspace, "SELECT count(*) FROM persona WHERE id=?", (student,)) == [(0,)]
    assert "No persona · " in panel.journeys.topLevelItem(0).text(0)
    window.controller.undo_stack.undo()
    assert db(workspace, "SELECT persona_id FROM journey WHERE id=?", (journey,)) == [(student,)]
    assert "Student on a budget · " in panel.journeys.topLevelItem(0).text(0)
