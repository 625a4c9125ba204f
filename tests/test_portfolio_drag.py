"""Drag a pain-point note onto an opportunity note: linked in one undo step, saved at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.ui.canvas.portfolio_links import RESOLVED_OPACITY
from journeymapper.ui.main_window import MainWindow
from tests.test_portfolio_ui import retail, window  # noqa: F401 (fixtures)
from tests.ui_helpers import drag


def _db(path: Path, sql: str, params: tuple = ()) -> list:  # type: ignore[type-arg]
    with Document.open(path, read_only=True) as doc:
        return doc.rows(sql, params)


def _note(win: MainWindow, kind: str, words: str) -> int:
    data = win.scene.data
    assert data is not None
    return next(a.id for a in data.annotations if a.kind == kind and words in a.text)


def _centre(win: MainWindow, ann_id: int) -> QPointF:
    return win.scene.notes[ann_id].sceneBoundingRect().center()


def _drag_note(win: MainWindow, pain: int, onto: QPointF) -> None:
    start = _centre(win, pain)
    win.view.centerOn((start + onto) / 2)
    QApplication.processEvents()
    drag(win.view, (start.x(), start.y()), (onto.x(), onto.y()), steps=8)
    QApplication.processEvents()


LINKS = "SELECT opportunity_id FROM opportunity_link WHERE annotation_id = ? ORDER BY id"


def test_drop_on_an_opportunity_note_links_in_one_undo_step(
    window: MainWindow,  # noqa: F811
    retail: Path,  # noqa: F811
) -> None:
    stack = window.controller.undo_stack
    tills = _note(window, "pain_point", "tills")
    sync = _note(window, "opportunity", "Sync store stock")
    note_text, note_card = _db(
        retail, "SELECT text, touchpoint_id FROM annotation WHERE id = ?", (sync,)
    )[0]
    before = _db(retail, LINKS, (tills,))
    origin = window.scene.notes[tills].pos()
    # The opportunity note has no opportunity yet: the drop makes one from it, linked to
    # the note's card and to the pain point.
    _drag_note(window, tills, _centre(window, sync))
    assert stack.count() == 1
    new = _db(retail, "SELECT id, title, description FROM opportunity ORDER BY id DESC")[0]
    assert new[1] == note_text.splitlines()[0][:120] and new[2] == note_text
    assert _db(retail, LINKS, (tills,)) == [*before, (new[0],)]
    places = "SELECT touchpoint_id FROM opportunity_link WHERE opportunity_id = ? ORDER BY id"
    assert _db(retail, places, (new[0],)) == [(note_card,), (None,)]
    assert window.scene.notes[tills].pos() == origin  # the note went back to its row
    stack.undo()
    assert _db(retail, "SELECT count(*) FROM opportunity") == [(4,)]
    assert _db(retail, LINKS, (tills,)) == before
    stack.redo()
    assert _db(retail, LINKS, (tills,)) == [*before, (new[0],)]
    # Now the note stands for that opportunity: another pain point dropped on it joins it.
    stock = _note(window, "pain_point", "Stock shown online")
    _drag_note(window, stock, _centre(window, sync))
    assert stack.count() == 2
    assert _db(retail, "SELECT count(*) FROM opportunity") == [(5,)]
    assert _db(retail, LINKS, (stock,))[-1] == (new[0],)
    stack.undo()
    assert (new[0],) not in _db(retail, LINKS, (stock,))
    assert _db(retail, "SELECT count(*) FROM opportunity") == [(5,)]


def test_drop_elsewhere_changes_nothing(window: MainWindow, retail: Path) -> None:  # noqa: F811
    tills = _note(window, "pain_point", "tills")
    idea = _note(window, "idea", "wishlist")
    origin = window.scene.notes[tills].pos()
    before = _db(retail, "SELECT * FROM opportunity_link")
    _drag_note(window, tills, _centre(window, idea))  # an idea is not an opportunity
    assert window.controller.undo_stack.count() == 0
    assert _db(retail, "SELECT * FROM opportunity_link") == before
    assert window.scene.notes[tills].pos() == origin


def test_a_pain_point_note_shows_resolved_when_its_opportunity_is_done(
    window: MainWindow,  # noqa: F811
) -> None:
    receipts = _note(window, "pain_point", "paper receipt")  # "Any receipt works" is done
    tills = _note(window, "pain_point", "tills")
    notes = window.scene.notes
    assert notes[receipts].opacity() == pytest.approx(RESOLVED_OPACITY)
    assert any("Resolved by" in c.toolTip() for c in notes[receipts].childItems())
    assert notes[tills].opacity() == 1.0
    pay = window.portfolio_dock.portfolio.by_pain_point[tills][0]
    window.controller.run("Done", editing.edit_opportunity, opportunity_id=pay, status="done")
    assert notes[tills].opacity() == pytest.approx(RESOLVED_OPACITY)
    window.controller.undo_stack.undo()
    assert notes[tills].opacity() == 1.0
