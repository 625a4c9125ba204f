"""Workshop mode driven like a facilitator: keys on the capture bar, clicks on cards, the clicker.

The file is read back with a fresh read-only Document after each phase, so the
tests check what is committed, not what the window shows.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymapper.geometry import type_scale
from journeymapper.model.document import Document
from journeymapper.templates import create_workspace, list_templates
from journeymapper.ui import style
from journeymapper.ui.app import create_app
from journeymapper.ui.main_window import MainWindow
from journeymapper.ui.workshop import WorkshopMode
from journeymapper.ui.workshop.capture_bar import DRAFT_KEY
from journeymapper.ui.workshop.stepper import title_px
from journeymapper.ui.workshop.timer import CountdownTimer, TimerWidget, format_seconds
from journeymapper.ui.workshop.voting import ParticipantsError, parse_participants

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    """Keep QSettings (the capture draft, recent files) out of the user's real settings."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def open_window(qtbot: Any, path: Path, size: tuple[int, int] = (1600, 1000)) -> MainWindow:
    create_app()
    QApplication.setKeyboardInputInterval(300)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    assert win.open_path(path)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    win.workshop.full_screen = False  # offscreen screens are small: keep the size we chose
    return win


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.jmap"
    create_workspace(path, "blank").close()
    return path


def rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    with Document.open(path, read_only=True) as doc:
        return doc.rows(sql, params)


def mode_of(win: MainWindow) -> WorkshopMode:
    mode = win.workshop  # type: ignore[attr-defined]
    assert isinstance(mode, WorkshopMode)
    return mode


def names(win: MainWindow) -> tuple[dict[str, int], dict[str, int]]:
    data = win.scene.data
    assert data is not None
    return {s.name: s.id for s in data.stages}, {ln.name: ln.id for ln in data.lanes}


def type_ahead(widget: Any, text: str) -> None:
    """Type into a combo box's keyboard search, then let its search string expire."""
    QTest.keyClicks(widget, text)
    QTest.qWait(QApplication.keyboardInputInterval() + 30)


def capture(mode: WorkshopMode, title: str, stage: str | None = None, lane: str | None = None):
    """Title, then Tab to the stage and lane lists, type-ahead, Enter: keys only."""
    bar = mode.capture
    assert QApplication.focusWidget() is bar.title
    QTest.keyClicks(bar.title, title)
    if stage is not None or lane is not None:
        QTest.keyClick(bar.title, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is bar.stage
        if stage is not None:
            type_ahead(bar.stage, stage)
        QTest.keyClick(bar.stage, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is bar.lane
        if lane is not None:
            type_ahead(bar.lane, lane)
        QTest.keyClick(bar.lane, Qt.Key.Key_Return)
    else:
        QTest.keyClick(bar.title, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is bar.title, "the title box keeps the focus"
    assert bar.title.text() == ""


def card_point(win: MainWindow, tp_id: int) -> Any:
    card = win.scene.cards[tp_id]
    return win.view.mapFromScene(card.mapToScene(QPointF(40, 40)))


def click_card(win: MainWindow, tp_id: int, modifiers: Qt.KeyboardModifier = NONE) -> None:
    QTest.mouseClick(
        win.view.viewport(), Qt.MouseButton.LeftButton, modifiers, card_point(win, tp_id)
    )


# -- the scripted workshop -------------------------------------------------------------------------


def test_scripted_workshop_is_in_the_file_and_undoable(qtbot: Any, blank: Path) -> None:
    win = open_window(qtbot, blank)
    mode = mode_of(win)
    stages, lanes = names(win)
    before = rows(blank, "SELECT count(*) FROM touchpoint")[0][0]

    QTest.keyClick(win, Qt.Key.Key_F11)
    assert mode.active
    assert not win.menuBar().isVisible() and not win.statusBar().isVisible()
    assert mode.top.isVisible() and mode.bottom.isVisible()
    assert QApplication.focusWidget() is mode.capture.title

    plan = [
        ("Sees a TV ad", "Aw", "Ad"),
        ("Scrolls past an influencer post", None, "So"),
        ("Visits the landing page", None, "We"),
        ("Reads reviews", "Con", "Web"),
        ("Compares plans", None, None),  # same cell as before
        ("Calls the sales line", "Pur", "Ph"),
        ("Pays at the till", None, "St"),
        ("Gets a welcome email", "Ret", "Em"),
        ("Asks support about delivery", None, "Su"),
        ("Posts a review", "Adv", "So"),
    ]
    expected = []
    cell = (stages["Awareness"], lanes["Website"])
    for title, stage, lane in plan:
        capture(mode, title, stage, lane)
        stage_id, lane_id = mode.capture.cell()
        expected.append((title, stage_id, lane_id))
    wanted_cells = [
        ("Awareness", "Ads"),
        ("Awareness", "Social media"),
        ("Awareness", "Website"),
        ("Consideration", "Website"),
        ("Consideration", "Website"),
        ("Purchase", "Phone"),
        ("Purchase", "Store"),
        ("Retention", "Email"),
        ("Retention", "Support desk"),
        ("Advocacy", "Social media"),
    ]
    assert [(s, ln) for _t, s, ln in expected] == [(stages[s], lanes[ln]) for s, ln in wanted_cells]
    _ = cell

    saved = rows(
        blank, "SELECT title, stage_id, lane_id FROM touchpoint ORDER BY id DESC LIMIT 10"
    )[::-1]
    assert [tuple(r) for r in saved] == expected
    assert rows(blank, "SELECT count(*) FROM touchpoint")[0][0] == before + 10
    assert len(win.scene.cards) == before + 10

    # Ctrl+Z in the (empty) title box undoes exactly the last capture; Ctrl+Y brings it back.
    last_id = rows(blank, "SELECT max(id) FROM touchpoint")[0][0]
    QTest.keyClick(mode.capture.title, Qt.Key.Key_Z, CTRL)
    assert rows(blank, "SELECT count(*) FROM touchpoint")[0][0] == before + 9
    assert not rows(blank, "SELECT 1 FROM touchpoint WHERE id = ?", (last_id,))
    QTest.keyClick(mode.capture.title, Qt.Key.Key_Y, CTRL)
    assert rows(blank, "SELECT title FROM touchpoint WHERE id = ?", (last_id,)) == [
        ("Posts a review",)
    ]
    # While something is typed, Ctrl+Z undoes the typing, not the map.
    QTest.keyClicks(mode.capture.title, "Half")
    QTest.keyClick(mode.capture.title, Qt.Key.Key_Z, CTRL)
    assert rows(blank, "SELECT count(*) FROM touchpoint")[0][0] == before + 10
    assert mode.capture.title.text() == ""

    ids = [r[0] for r in rows(blank, "SELECT id FROM touchpoint ORDER BY id DESC LIMIT 10")][::-1]
    ad, post, landing, reviews, plans = ids[:5]

    # -- voting: Alt+V, "3" participants, 3 dots each, Enter starts the round ----------------------
    QTest.keyClick(mode.capture.title, Qt.Key.Key_V, ALT)
    assert mode.dock.isVisible() and not mode.bottom.isVisible()
    panel = mode.panel
    panel.people.selectAll()
    QTest.keyClicks(panel.people, "3")
    QTest.keyClick(panel.people, Qt.Key.Key_Return)
    info = mode.voting.info()
    assert info is not None and info.state == "open" and info.dots == 3
    assert mode.voting.participants == ["P1", "P2", "P3"]
    assert mode.voting.participant == "P1"

    click_card(win, ad)  # P1
    click_card(win, ad)
    click_card(win, reviews)
    click_card(win, plans)  # a 4th dot is refused
    assert "all 3 dots" in mode.bar.message_label.text()
    QTest.keyClick(win, Qt.Key.Key_2)
    assert mode.voting.participant == "P2"
    click_card(win, landing)
    QTest.keyClick(win, Qt.Key.Key_V)  # again on the selected card
    QTest.keyClick(win, Qt.Key.Key_Tab)
    assert mode.voting.participant == "P3"
    click_card(win, post)
    click_card(win, ad)
    click_card(win, ad, SHIFT)  # P3 takes that dot back
    QTest.keyClick(win, Qt.Key.Key_Tab, SHIFT)
    assert mode.voting.participant == "P2"
    QTest.keyClick(win, Qt.Key.Key_3)
    click_card(win, plans)
    # Undo the last vote (P3 on "Compares plans"), then redo it.
    QTest.keyClick(win, Qt.Key.Key_Z, CTRL)
    assert not rows(blank, "SELECT 1 FROM vote WHERE touchpoint_id = ?", (plans,))
    QTest.keyClick(win, Qt.Key.Key_Y, CTRL)

    want = Counter(
        {("P1", ad): 2, ("P1", reviews): 1, ("P2", landing): 2, ("P3", post): 1, ("P3", plans): 1}
    )
    got = Counter(
        (r[0], r[1])
        for r in rows(
            blank, "SELECT participant, touchpoint_id FROM vote WHERE round_id = ?", (info.id,)
        )
    )
    assert got == want
    assert win.scene.cards[ad].tp.votes == 2
    ranked = [(r.label, r.votes) for r in mode.voting.results()]
    assert ranked[:2] == [("Sees a TV ad", 2), ("Visits the landing page", 2)]
    assert panel.results.rowCount() == 5
    assert panel.results.item(0, 0).text() == "Sees a TV ad"

    QTest.mouseClick(panel.buttons["close"], Qt.MouseButton.LeftButton)
    assert rows(blank, "SELECT state FROM vote_round WHERE id = ?", (info.id,)) == [("closed",)]
    click_card(win, post)  # closed: no more votes
    assert sum(got.values()) == rows(blank, "SELECT count(*) FROM vote")[0][0]

    QTest.keyClick(win, Qt.Key.Key_Escape)
    assert not mode.active
    assert win.menuBar().isVisible() and win.statusBar().isVisible()
    assert not mode.top.isVisible() and not mode.bottom.isVisible() and not mode.dock.isVisible()

    # The file holds exactly that: 10 new touchpoints, the closed round and its 7 votes.
    assert rows(blank, "SELECT count(*) FROM touchpoint")[0][0] == before + 10
    assert rows(blank, "SELECT name, dots_per_participant, state FROM vote_round") == [
        ("Round 1", 3, "closed")
    ]
    assert (
        Counter(tuple(r) for r in rows(blank, "SELECT participant, touchpoint_id FROM vote"))
        == want
    )
    # ... and undo still walks back through it: reopen, then the votes one by one.
    stack = win.controller.undo_stack
    stack.undo()
    assert rows(blank, "SELECT state FROM vote_round") == [("open",)]
    stack.undo()
    assert rows(blank, "SELECT count(*) FROM vote")[0][0] == 6


def test_capture_keys_move_the_cell_and_annotations_pin(qtbot: Any, blank: Path) -> None:
    win = open_window(qtbot, blank)
    mode = mode_of(win)
    stages, lanes = names(win)
    mode.enter()
    bar = mode.capture
    assert bar.cell() == (stages["Awareness"], lanes["Website"])
    # An idea "on the selected card" before there is any card: refused, the text stays.
    bar.set_kind("idea")
    bar.pin.setCurrentIndex(1)
    QTest.keyClicks(bar.title, "Live chat")
    QTest.keyClick(bar.title, Qt.Key.Key_Return)
    assert bar.title.text() == "Live chat", "a refused capture keeps its text"
    assert "Select a card" in mode.bar.message_label.text()
    bar.title.setText("")
    bar.set_kind("touchpoint")
    QTest.keyClick(bar.title, Qt.Key.Key_Right, ALT)
    QTest.keyClick(bar.title, Qt.Key.Key_Right, ALT)
    QTest.keyClick(bar.title, Qt.Key.Key_Down, ALT)
    assert bar.cell() == (stages["Purchase"], lanes["Social media"])
    capture(mode, "Checkout")
    card = rows(blank, "SELECT id, stage_id, lane_id FROM touchpoint WHERE title = 'Checkout'")
    assert [tuple(card[0][1:])] == [(stages["Purchase"], lanes["Social media"])]
    assert win.scene.selected_touchpoints() == [card[0][0]]
    # The kind list is one Shift+Tab away; type-ahead picks "Pain point".
    QTest.keyClick(bar.title, Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is bar.kind
    type_ahead(bar.kind, "Pa")
    assert bar.kind.currentData() == "pain_point"
    assert bar.pin.isVisible() and not bar.lane.isVisible()
    QTest.keyClick(bar.kind, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.title
    QTest.keyClick(bar.title, Qt.Key.Key_Tab)
    QTest.keyClick(bar.stage, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.pin
    QTest.keyClick(bar.pin, Qt.Key.Key_Up)
    assert bar.pin.currentData() == "stage"
    QTest.keyClick(bar.pin, Qt.Key.Key_Tab)
    QTest.keyClick(bar.kind, Qt.Key.Key_Tab)
    capture(mode, "Too many steps")
    assert rows(blank, "SELECT kind, text, stage_id, touchpoint_id FROM annotation") == [
        ("pain_point", "Too many steps", stages["Purchase"], None)
    ]
    # Pinned to the selected card (else the card captured last).
    bar.pin.setCurrentIndex(1)
    capture(mode, "Shows a spinner forever")
    assert rows(blank, "SELECT touchpoint_id FROM annotation ORDER BY id")[-1] == (card[0][0],)
    assert rows(blank, "SELECT count(*) FROM annotation")[0][0] == 2
    QTest.keyClick(bar.title, Qt.Key.Key_Z, CTRL)
    assert rows(blank, "SELECT count(*) FROM annotation")[0][0] == 1
    assert rows(blank, "SELECT count(*) FROM touchpoint WHERE title = 'Checkout'")[0][0] == 1


def test_half_typed_title_survives_closing_but_is_not_in_the_file(qtbot: Any, blank: Path) -> None:
    win = open_window(qtbot, blank)
    mode_of(win).enter()
    QTest.keyClicks(mode_of(win).capture.title, "Waits in the que")
    before = rows(blank, "SELECT count(*) FROM touchpoint")[0][0]
    win.close()
    assert rows(blank, "SELECT count(*) FROM touchpoint")[0][0] == before
    assert QSettings("JourneyMapper", "JourneyMapper").value(DRAFT_KEY) == "Waits in the que"
    again = open_window(qtbot, blank)
    mode_of(again).enter()
    assert mode_of(again).capture.title.text() == "Waits in the que"
    QTest.keyClicks(mode_of(again).capture.title, "ue")
    QTest.keyClick(mode_of(again).capture.title, Qt.Key.Key_Return)
    assert QSettings("JourneyMapper", "JourneyMapper").value(DRAFT_KEY) is None
    assert rows(blank, "SELECT title FROM touchpoint ORDER BY id DESC LIMIT 1") == [
        ("Waits in the queue",)
    ]


# -- stepping, metrics, contrast -------------------------------------------------------------------


def test_page_keys_step_through_stages_readably(qtbot: Any, blank: Path) -> None:
    win = open_window(qtbot, blank, size=(1920, 1080))
    mode = mode_of(win)
    stages, _ = names(win)
    mode.enter()
    capture(mode, "Sees a TV ad")
    order = list(stages.values())
    whole = win.view.zoom
    for stage_id in order:
        QTest.keyClick(mode.capture.title, Qt.Key.Key_PageDown)
        assert mode.stepper.stage_id == stage_id
        port = win.view.viewport().rect().adjusted(-1, -1, 1, 1)
        col = win.scene.layout.columns[stage_id]
        for lane in win.scene.layout.lanes.values():  # every lane of the stage fits
            assert port.contains(win.view.mapFromScene(QPointF(col.x, lane.y)))
            assert port.contains(win.view.mapFromScene(QPointF(col.right, lane.bottom)))
        header = win.scene.layout.stages[stage_id]
        shown = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
        assert shown.contains(QPointF(header.cx, header.cy)), "the stage's header is on screen"
        assert mode.capture.cell()[0] == stage_id, "captures follow the stage shown"
    QTest.keyClick(mode.capture.title, Qt.Key.Key_PageDown)
    assert mode.stepper.stage_id is None and win.view.zoom == pytest.approx(whole)
    QTest.keyClick(mode.capture.title, Qt.Key.Key_PageUp)
    assert mode.stepper.stage_id == order[-1]
    for _ in order:
        QTest.keyClick(mode.capture.title, Qt.Key.Key_PageUp)
    assert mode.stepper.stage_id is None
    # Zoomed to a stage, the lane names stay on screen, in their own strip beside the stage.
    mode.stepper.show_stage(order[2])
    assert "Website" in win.view.frozen.visible_lanes()
    column = win.view.frozen.column
    strip_right = win.view.mapFromScene(column.mapToScene(QPointF(column.rect.right(), 0))).x()
    stage_left = win.view.mapFromScene(QPointF(win.scene.layout.columns[order[2]].x, 0)).x()
    assert strip_right <= stage_left + 1, "the pinned labels never cover the stage"
    # A capture into another stage follows it.
    mode.capture.set_cell(stage_id=order[4])
    capture(mode, "Posts a review")
    assert mode.stepper.stage_id == order[4]


def test_metrics_key_and_high_contrast(qtbot: Any, blank: Path) -> None:
    win = open_window(qtbot, blank)
    mode = mode_of(win)
    mode.enter()
    capture(mode, "Mobile app")  # "M" typed in the title box is just a letter
    assert win.scene.metrics_visible
    QTest.keyClick(mode.capture.title, Qt.Key.Key_M, ALT)
    assert not win.scene.metrics_visible
    assert all(not c.metrics_visible for c in win.scene.cards.values())
    assert not win.metrics_action.isChecked()
    mode.toggle_voting()  # no text box has the focus now: plain M works
    QTest.keyClick(win, Qt.Key.Key_M)
    assert win.scene.metrics_visible and win.metrics_action.isChecked()
    mode.toggle_voting()

    original = {name: QColor(getattr(style, name)).name() for name in ("CANVAS_BG", "INK", "GRID")}
    QTest.keyClick(mode.capture.title, Qt.Key.Key_H, ALT)
    assert mode.theme.on and QColor("#000000") == style.CANVAS_BG
    image = win.view.viewport().grab().toImage()
    assert QColor(image.pixel(3, 3)) == QColor("#000000"), "the room around the map is black"
    assert not win.scene.title.isVisible()
    mode.leave()
    assert not mode.theme.on
    assert {n: QColor(getattr(style, n)).name() for n in original} == original
    assert win.scene.title.isVisible()
    mode.enter()  # the choice is remembered for the next workshop
    assert mode.theme.on
    win.close()  # closing mid-workshop puts the shared canvas colours back
    assert not mode.active
    assert {n: QColor(getattr(style, n)).name() for n in original} == original


def test_round_hide_reveal_reset_and_undo(qtbot: Any, blank: Path) -> None:
    win = open_window(qtbot, blank)
    mode = mode_of(win)
    mode.enter()
    capture(mode, "Landing page")
    tp = rows(blank, "SELECT max(id) FROM touchpoint")[0][0]
    mode.toggle_voting()
    round_id = mode.voting.start_round(2, parse_participants("Ann, Bob"))
    assert round_id is not None
    click_card(win, tp)
    QTest.keyClick(win, Qt.Key.Key_2)
    click_card(win, tp)
    assert win.scene.cards[tp].tp.votes == 2
    mode.voting.hide()
    assert rows(blank, "SELECT state FROM vote_round") == [("hidden",)]
    assert win.scene.cards[tp].tp.votes == 0, "hidden votes leave the cards"
    assert mode.panel.results.isHidden() and not mode.panel.hidden_label.isHidden()
    mode.voting.reveal()
    assert win.scene.cards[tp].tp.votes == 2
    mode.voting.reopen()
    assert mode.voting.reset() == 2
    assert rows(blank, "SELECT count(*) FROM vote")[0][0] == 0
    win.controller.undo_stack.undo()  # the whole reset is one step
    assert rows(blank, "SELECT participant FROM vote ORDER BY participant") == [("Ann",), ("Bob",)]
    win.controller.undo_stack.undo()  # reopen
    win.controller.undo_stack.undo()  # reveal
    win.controller.undo_stack.undo()  # hide
    win.controller.undo_stack.undo()  # Bob's vote
    win.controller.undo_stack.undo()  # Ann's vote
    win.controller.undo_stack.undo()  # the round
    assert rows(blank, "SELECT count(*) FROM vote_round")[0][0] == 0
    assert mode.voting.info() is None
    win.controller.undo_stack.redo()
    assert mode.voting.info() is not None and mode.voting.participants == ["Ann", "Bob"]


def test_participants_are_numbered_or_named() -> None:
    assert parse_participants(" 3 ") == ["P1", "P2", "P3"]
    assert parse_participants("Ann, Bob;  Chris\nAnn") == ["Ann", "Bob", "Chris"]
    for bad in ("", "0", "51", " , ;"):
        with pytest.raises(ParticipantsError):
            parse_participants(bad)


# -- the timer -------------------------------------------------------------------------------------


def test_timer_counts_down_pauses_and_alerts(qtbot: Any) -> None:
    create_app()
    timer = CountdownTimer(seconds=0.4, interval_ms=20)
    widget = TimerWidget(timer)
    qtbot.addWidget(widget)
    blinks: list[bool] = []
    widget.blink.connect(blinks.append)
    assert widget.label.text() == "00:01"
    timer.start()
    assert timer.running
    qtbot.waitUntil(lambda: not timer.running, timeout=3000)
    assert timer.remaining == 0 and widget.label.text() == "00:00"
    assert widget.alerting and blinks and blinks[0] is True
    widget.reset()
    assert not widget.alerting and blinks[-1] is False and widget.label.text() == "00:01"

    timer.set_duration(300)
    timer.start()
    QTest.qWait(60)
    timer.pause()
    left = timer.remaining
    QTest.qWait(120)
    assert timer.remaining == left, "paused time does not run"
    assert 299 < left < 300
    timer.adjust(-240)
    assert timer.remaining == pytest.approx(left - 240)
    timer.start()
    qtbot.waitUntil(lambda: timer.remaining < left - 240 - 0.05, timeout=2000)
    timer.pause()
    assert format_seconds(61) == "01:01" and format_seconds(0.2) == "00:01"


def test_timer_alert_colours_the_workshop_bar(qtbot: Any, blank: Path) -> None:
    win = open_window(qtbot, blank)
    mode = mode_of(win)
    mode.enter()
    mode.timer.set_duration(0.2)
    QTest.keyClick(mode.capture.title, Qt.Key.Key_T, ALT)
    assert mode.timer.running
    qtbot.waitUntil(lambda: mode.bar.alert, timeout=3000)
    assert "#f0b429" in mode.bar.styleSheet()
    QTest.keyClick(mode.capture.title, Qt.Key.Key_T, ALT)  # start again: the alert ends
    assert not mode.bar.alert
    mode.timer.pause()


# -- screenshots -----------------------------------------------------------------------------------


def test_workshop_screenshots_1920x1080(qtbot: Any, tmp_path: Path) -> None:
    """Renders the mode at projector size; set JM_SCREENSHOTS=folder to keep the PNGs."""
    template = "retail" if "retail" in {t.name for t in list_templates()} else "blank"
    path = tmp_path / "shots.jmap"
    create_workspace(path, template).close()
    win = open_window(qtbot, path, size=(1920, 1080))
    mode = mode_of(win)
    mode.enter()
    win.resize(1920, 1080)
    if template == "blank":
        for title, stage, lane in (
            ("Sees a TV ad", None, "Ad"),
            ("Reads reviews", "Con", "Web"),
            ("Compares plans online", None, None),
            ("Pays at the till", "Pur", "St"),
            ("Gets a welcome email", "Ret", "Em"),
        ):
            capture(mode, title, stage, lane)
    out = Path(os.environ.get("JM_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    shots = {"whole-map": None}
    assert title_px(win.view, win.view.zoom) >= type_scale.MIN_TITLE_PX_WORKSHOP
    win.grab().save(str(out / "workshop-whole-map.png"))
    QTest.keyClick(mode.capture.title, Qt.Key.Key_PageDown)
    QTest.keyClick(mode.capture.title, Qt.Key.Key_PageDown)
    QApplication.processEvents()
    win.grab().save(str(out / "workshop-stage.png"))
    stage = win.scene.layout.columns[mode.stepper.stage_id]
    shown = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    assert shown.contains(QRectF(stage.x, stage.y, stage.w, stage.h)), "the whole stage shows"
    mode.toggle_voting()
    mode.voting.start_round(3, parse_participants("4"))
    for tp_id in list(win.scene.cards)[:3]:
        mode.voting.vote(tp_id)
    QTest.keyClick(mode.capture.title, Qt.Key.Key_H, ALT)
    QApplication.processEvents()
    win.grab().save(str(out / "workshop-voting-contrast.png"))
    shots["whole-map"] = out / "workshop-whole-map.png"
    for name in ("workshop-whole-map.png", "workshop-stage.png", "workshop-voting-contrast.png"):
        image = (out / name).stat()
        assert image.st_size > 10_000
    mode.leave()


def test_toolbar_button_enters_and_esc_cancels_an_inline_edit_first(
    qtbot: Any, blank: Path
) -> None:
    win = open_window(qtbot, blank)
    mode = mode_of(win)
    button = win.toolbar.widgetForAction(mode.toggle_action)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert mode.active and not win.toolbar.isVisible()
    capture(mode, "Landing page")
    tp = rows(blank, "SELECT max(id) FROM touchpoint")[0][0]
    editor = win.scene.actions.edit_title(tp)
    assert editor is not None
    QTest.keyClicks(editor.widget, " (new)")
    QTest.keyClick(win, Qt.Key.Key_Escape)
    assert mode.active, "Esc first cancels the rename"
    assert rows(blank, "SELECT title FROM touchpoint WHERE id = ?", (tp,)) == [("Landing page",)]
    QTest.keyClick(win, Qt.Key.Key_Escape)
    assert not mode.active and win.toolbar.isVisible()
    # Outside the mode its keys do not exist: Page Down and M are the editor's again.
    QTest.keyClick(win, Qt.Key.Key_M)
    assert win.scene.metrics_visible
