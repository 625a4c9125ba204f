"""One person at one window, in a process of its own: ``python -m tests.team.window_driver``.

Opens the real main window (offscreen) on a team workspace, waits until every other driver
has its window open too, then edits the first journey as a person does, in an order its
seed picks: drags cards between cells, renames one with F2 and typed keys, deletes one
with the Delete key, adds one by double-clicking a cell and typing, undoes with Edit >
Undo, dismissing any refusal the way a person clicks OK. Between steps the event loop runs,
so the other windows' edits arrive over the live channel as they are made. When all
drivers are done it waits until its window has heard the server's last edit, and prints
what the window shows (each card's id, the cell its item is drawn in, its place in that
cell, its title) and what its document reads, as one JSON line on stdout.

The drivers meet through files in a folder (``ready-SEED``, ``done-SEED``): no sleeps
stand in for a condition.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from journeymapper.store.journey_data import load_journey
from journeymapper.team.document import TeamDocument
from journeymapper.ui.app import create_app
from journeymapper.ui.main_window import MainWindow
from tests.ui_helpers import click, double_click, drag, to_view

#: Generous: two windows start and edit on a loaded two-core machine.
WAIT = 60.0


def wait_until(condition: Callable[[], bool], what: str, seconds: float = WAIT) -> None:
    """Run the event loop until ``condition`` holds; fail loudly naming ``what``."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"window driver: timed out waiting for {what}")
        QTest.qWait(10)


def open_window(url: str) -> MainWindow:
    create_app()
    win = MainWindow()
    win.resize(2600, 1500)
    win.show()
    if not win.open_path(url):
        raise SystemExit(f"window driver: could not open {url}")
    win.view.reset_zoom()
    win.view.horizontalScrollBar().setValue(win.view.horizontalScrollBar().minimum())
    win.view.verticalScrollBar().setValue(win.view.verticalScrollBar().minimum())
    QApplication.processEvents()
    return win


class Person:
    """The scripted user of one window."""

    def __init__(self, win: MainWindow, seed: int) -> None:
        self.win, self.seed, self.rng = win, seed, random.Random(seed)
        self.errors: list[str] = []
        win.controller.errorOccurred.connect(self.errors.append)
        self.steps = 0
        assert win.scene.data is not None
        self.lanes = sorted({t.lane_id for t in win.scene.data.touchpoints.values()})

    # -- where things are on screen -------------------------------------------------------
    def _visible(self, point: tuple[float, float]) -> bool:
        return self.win.view.viewport().rect().contains(to_view(self.win.view, point))

    def cards(self) -> list[int]:
        layout = self.win.scene.layout
        return sorted(t for t, r in layout.cards.items() if self._visible((r.cx, r.cy)))

    def cells(self) -> list[tuple[float, float]]:
        """Points in the busy cells (first three stages of the lanes cards started in).

        Few cells, so that both people reorder cards within the same cells, not only
        spread them out; the drop height picks the place in the cell.
        """
        data = self.win.scene.data
        assert data is not None
        out = []
        for stage in data.stages[:3]:
            for lane_id in self.lanes:
                cell = self.win.scene.layout.cell_rect(stage.id, lane_id)
                point = (
                    cell.x + cell.w * self.rng.uniform(0.2, 0.9),
                    cell.y + cell.h * self.rng.uniform(0.1, 0.9),
                )
                if self._visible(point):
                    out.append(point)
        return out

    def _centre(self, tp: int) -> tuple[float, float]:
        r = self.win.scene.layout.cards[tp]
        return (r.cx, r.cy)

    # -- what a person does ---------------------------------------------------------------
    def drag_card(self) -> None:
        cards, cells = self.cards(), self.cells()
        if cards and cells:
            drag(self.win.view, self._centre(self.rng.choice(cards)), self.rng.choice(cells))

    def rename_card(self) -> None:
        cards = self.cards()
        if not cards:
            return
        click(self.win.view, self._centre(self.rng.choice(cards)))
        QTest.keyClick(self.win.view.viewport(), Qt.Key.Key_F2)
        editor = self.win.view.viewport().findChild(QLineEdit, "inlineEditor")
        if editor is None:
            return  # the card went (someone deleted it) before F2 reached it
        QTest.keyClicks(editor, f"Card {self.seed}.{self.steps}")
        QTest.keyClick(editor, Qt.Key.Key_Return)

    def delete_card(self) -> None:
        cards = self.cards()
        if len(cards) > 3:  # keep something to drag
            click(self.win.view, self._centre(self.rng.choice(cards)))
            QTest.keyClick(self.win.view.viewport(), Qt.Key.Key_Delete)

    def add_card(self) -> None:
        cells = self.cells()
        if not cells:
            return
        double_click(self.win.view, self.rng.choice(cells))
        editor = self.win.view.viewport().findChild(QLineEdit, "inlineEditor")
        if editor is not None:
            QTest.keyClicks(editor, f"New {self.seed}.{self.steps}")
            QTest.keyClick(editor, Qt.Key.Key_Return)

    def undo(self) -> None:
        if self.win.undo_action.isEnabled():
            self.win.undo_action.trigger()  # Edit > Undo

    def dismiss_refusals(self) -> None:
        """Click OK on any message the window put up (a refused edit or undo)."""
        for box in self.win.findChildren(QMessageBox):
            if box.isVisible():
                QTest.keyClick(box, Qt.Key.Key_Return)
                box.close()

    def act(self, steps: int) -> None:
        moves = [self.drag_card] * 4 + [self.rename_card] * 2 + [self.delete_card]
        moves += [self.add_card, self.undo, self.undo]
        for self.steps in range(steps):
            self.rng.choice(moves)()
            self.dismiss_refusals()
            QTest.qWait(self.rng.randint(5, 60))  # a person's pause; the live channel runs


def server_last_seq(doc: TeamDocument) -> int:
    """The newest edit on the server, read on a fresh connection."""
    with psycopg.connect(doc.address.conninfo, autocommit=True) as conn:
        row = conn.execute(
            f'SELECT coalesce(max(seq), 0) FROM "{doc.entry.pg_schema}".jm_edit'
        ).fetchone()
    return int(row[0]) if row else 0


def shown(win: MainWindow) -> dict[str, Any]:
    """The cards the window draws (the cell found from the item's place) and its read."""
    scene, data, doc = win.scene, win.scene.data, win.controller.doc
    assert data is not None and doc is not None
    cards = []
    for tp_id, item in sorted(scene.cards.items()):
        centre = item.mapToScene(item.boundingRect().center())
        cells = [
            (s.id, lane.id)
            for s in data.stages
            for lane in data.lanes
            if _contains(scene.layout.cell_rect(s.id, lane.id), centre)
        ]
        tp = item.tp
        cards.append([tp_id, cells, tp.position, tp.title, [item.pos().x(), item.pos().y()]])
    return {"cards": cards, "read": journey_rows(doc, data.id)}


def _contains(rect: Any, point: QPointF) -> bool:
    return bool(rect.x <= point.x() <= rect.x + rect.w and rect.y <= point.y() <= rect.y + rect.h)


def journey_rows(doc: Any, journey_id: int) -> list[list[Any]]:
    """A journey's cards as a document reads them: id, stage, lane, place, title."""
    data = load_journey(doc, journey_id, measurements=False)
    return [
        [t.id, t.stage_id, t.lane_id, t.position, t.title]
        for t in sorted(data.touchpoints.values(), key=lambda t: t.id)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--meet", type=Path, required=True, help="folder the drivers meet in")
    parser.add_argument("--drivers", type=int, default=2)
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args(argv)
    win = open_window(args.url)
    doc = win.controller.doc
    assert isinstance(doc, TeamDocument)
    (args.meet / f"ready-{args.seed}").touch()
    wait_until(lambda: len(list(args.meet.glob("ready-*"))) >= args.drivers, "the others")
    person = Person(win, args.seed)
    person.act(args.steps)
    (args.meet / f"done-{args.seed}").touch()
    wait_until(lambda: len(list(args.meet.glob("done-*"))) >= args.drivers, "the others")
    last = server_last_seq(doc)
    link = win.team_links.link
    assert link is not None
    wait_until(lambda: link.feed is not None and link.feed.last_seq >= last, "the last edit")
    person.dismiss_refusals()
    QApplication.processEvents()
    out = {"seed": args.seed, "errors": person.errors, "last_seq": last, **shown(win)}
    sys.stdout.write("JSON " + json.dumps(out) + "\n")
    sys.stdout.flush()
    win.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
