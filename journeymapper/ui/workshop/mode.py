"""Workshop mode: the main window as a facilitator's tool on a projector.

Entering hides the menus, docks and status bar, goes full screen and shows
two slim bars: the workshop bar on top (journey, stage, timer, toggles) and
the capture bar at the bottom, which keeps the keyboard focus. The keys of
the mode exist only while it is on, so they never shadow the editor's keys.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTransform
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar, QWidget

from journeymapper.model.enums import RoundState
from journeymapper.ui.canvas.inline_editor import active_editor
from journeymapper.ui.canvas.stage_focus import set_focus
from journeymapper.ui.window_host import WindowHost
from journeymapper.ui.workshop.bar import WorkshopBar
from journeymapper.ui.workshop.capture_bar import TOUCHPOINT, CaptureBar
from journeymapper.ui.workshop.stepper import Stepper
from journeymapper.ui.workshop.theme import Theme
from journeymapper.ui.workshop.timer import CountdownTimer
from journeymapper.ui.workshop.voting import VoteClicks, Voting
from journeymapper.ui.workshop.voting_panel import VotingPanel

CAPTURE_CSS = """
QWidget#captureBar { background: #e9edf2; }
QWidget#captureBar QComboBox, QWidget#captureBar QLabel { font-size: 16pt; }
QWidget#captureBar QLineEdit { font-size: 20pt; padding: 4px 8px; }
QWidget#captureBar QPushButton { font-size: 16pt; padding: 4px 14px; }
"""
PANEL_CSS = """
QWidget#votingPanel QLabel, QWidget#votingPanel QComboBox, QWidget#votingPanel QSpinBox,
QWidget#votingPanel QLineEdit, QWidget#votingPanel QPushButton { font-size: 14pt; }
QWidget#votingPanel QLabel#roundLabel { font-size: 17pt; font-weight: bold; }
QWidget#votingPanel QLabel#helpLabel { font-size: 11pt; color: #5f6b7a; }
QWidget#votingPanel QTableWidget { font-size: 17pt; }
QWidget#votingPanel QHeaderView::section { font-size: 12pt; }
"""
PANEL_WIDTH = 460


class WorkshopMode(QObject):
    activeChanged = Signal(bool)

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        #: Tests and screenshots turn this off to keep a fixed window size.
        self.full_screen = True
        self.high_contrast = False
        self._saved: dict[str, object] = {}
        view, scene, controller = window.view, window.scene, window.controller
        self.timer = CountdownTimer(parent=self)
        self.stepper = Stepper(view, scene, self)
        self.theme = Theme(scene)
        self.voting = Voting(controller, scene)
        self.clicks = VoteClicks(self.voting, view)
        self.bar = WorkshopBar(self.timer)
        self.capture = CaptureBar(controller, scene, getattr(window, "settings", None))
        self.capture.setStyleSheet(CAPTURE_CSS)
        self.panel = VotingPanel(self.voting)
        self.panel.setStyleSheet(PANEL_CSS)
        self.top = self._toolbar("Workshop bar", self.bar, Qt.ToolBarArea.TopToolBarArea)
        self.bottom = self._toolbar("Capture bar", self.capture, Qt.ToolBarArea.BottomToolBarArea)
        self.dock = QDockWidget("Voting", window)
        self.dock.setObjectName("workshopVotingDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(PANEL_WIDTH)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

        self.toggle_action = QAction("Workshop mode", window)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("F11"))
        self.toggle_action.setToolTip("Workshop mode: full screen, quick capture, voting (F11)")
        self.toggle_action.triggered.connect(self.set_active)
        window.addAction(self.toggle_action)  # the main toolbar shows it (ui/toolbar.py)

        self._keys = [
            self._key("Leave workshop mode", self.escape, "Esc"),
            self._key("Next stage", self.stepper.next, "PgDown"),
            self._key("Previous stage", self.stepper.previous, "PgUp"),
            self._key("Show or hide metrics", self.toggle_metrics, "M", "Alt+M"),
            self._key("High contrast", self.toggle_high_contrast, "Alt+H"),
            self._key("Voting", self.toggle_voting, "Alt+V"),
            self._key("Start or pause the timer", self.bar.timer.toggle, "Alt+T"),
            self._key("Undo", controller.undo_stack.undo, "Ctrl+Z"),
            self._key("Redo", controller.undo_stack.redo, "Ctrl+Shift+Z", "Ctrl+Y"),
        ]
        self._vote_keys = [
            self._key("Vote on the selected card", self.voting.vote_selected, "V"),
            self._key(
                "Take back a vote", lambda: self.voting.vote_selected(remove=True), "Shift+V"
            ),
            self._key("Next participant", lambda: self.voting.step(1), "Tab"),
            self._key("Previous participant", lambda: self.voting.step(-1), "Shift+Tab"),
        ]
        for digit in range(1, 10):
            self._vote_keys.append(
                self._key(
                    f"Participant {digit}", lambda d=digit: self.voting.select(d - 1), str(digit)
                )
            )
        self._installed: set[QAction] = set()

        self.bar.metrics_button.clicked.connect(self.toggle_metrics)
        self.bar.contrast_button.clicked.connect(self.toggle_high_contrast)
        self.bar.voting_button.clicked.connect(self.toggle_voting)
        self.bar.leave_button.clicked.connect(self.leave)
        self.capture.message.connect(self.bar.show_message)
        self.voting.message.connect(self.bar.show_message)
        self.capture.captured.connect(self._after_capture)
        self.stepper.stageChanged.connect(self._stage_changed)
        self.voting.changed.connect(self._voting_changed)
        controller.journeyChanged.connect(self._journey_changed)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.timeout.connect(self._refresh_view)
        scene.laidOut.connect(self._refit.start)
        view.viewport().installEventFilter(self)
        window.installEventFilter(self)

    # -- building blocks ---------------------------------------------------------------------
    def _toolbar(self, title: str, widget: QWidget, area: Qt.ToolBarArea) -> QToolBar:
        bar = QToolBar(title, self.window)
        bar.setObjectName(title.replace(" ", ""))
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        bar.addWidget(widget)
        bar.layout().setContentsMargins(0, 0, 0, 0)
        self.window.addToolBar(area, bar)
        bar.hide()
        return bar

    def _key(self, text: str, slot: Callable[[], object], *keys: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _sync_keys(self) -> None:
        """Add exactly the mode's keys that apply now to the window (and remove the others)."""
        wanted: set[QAction] = set()
        if self.active:
            wanted.update(self._keys)
            if self.voting_on and self.voting.is_open:
                wanted.update(self._vote_keys)
        for action in self._installed - wanted:
            self.window.removeAction(action)
        for action in wanted - self._installed:
            self.window.addAction(action)
        self._installed = wanted

    @property
    def voting_on(self) -> bool:
        return self.bar.voting_button.isChecked()

    # -- entering and leaving --------------------------------------------------------------------
    def set_active(self, on: bool) -> None:
        self.enter() if on else self.leave()

    def enter(self) -> None:
        if self.active:
            return
        w = self.window
        analysis = getattr(w, "analysis", None)
        if analysis is not None:
            analysis.ensure_docks()  # built lazily: make them now so they are hidden too
        mine = {self.top, self.bottom, self.dock}
        others = [
            x for x in w.findChildren(QDockWidget) + w.findChildren(QToolBar) if x not in mine
        ]
        view = w.view
        self._saved = {
            # Docks and toolbars exactly as they are (areas, tabs, sizes, which tab is up).
            "docks": w.saveState(),
            "state": w.windowState(),
            "menubar": w.menuBar().isVisibleTo(w),
            "status": w.statusBar().isVisibleTo(w),
            "widgets": {x: x.isVisibleTo(w) for x in others},
            "focus": view.focusPolicy(),
            "scrollbars": (view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
            "transform": QTransform(view.transform()),
            "centre": view.mapToScene(view.viewport().rect().center()),
        }
        w.menuBar().hide()
        w.statusBar().hide()
        for x in others:
            x.hide()
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.active = True
        self.top.show()
        self._show_voting(self.voting_on)
        self.theme.set_high_contrast(self.high_contrast)
        self.toggle_action.setChecked(True)
        self.bar.metrics_button.setChecked(w.scene.metrics_visible)
        self.bar.contrast_button.setChecked(self.high_contrast)
        if self.full_screen:
            w.showFullScreen()
        self._journey_changed()
        self.capture.restore_draft()
        self._sync_keys()
        self.activeChanged.emit(True)

    def leave(self) -> None:
        if not self.active:
            return
        w, saved = self.window, self._saved
        self.active = False
        self._sync_keys()
        set_focus(w.scene, None)  # the normal layout back before the view is restored
        self.stepper.stage_id = None
        self.top.hide()
        self.bottom.hide()
        self.dock.hide()
        self.clicks.active = False
        self.theme.set_high_contrast(False)
        self.toggle_action.setChecked(False)
        w.menuBar().setVisible(bool(saved.get("menubar", True)))
        w.statusBar().setVisible(bool(saved.get("status", True)))
        widgets = saved.get("widgets", {})
        assert isinstance(widgets, dict)
        for x, visible in widgets.items():
            x.setVisible(visible)
        w.view.setFocusPolicy(saved.get("focus", Qt.FocusPolicy.StrongFocus))  # type: ignore[arg-type]
        policies = saved.get("scrollbars")
        if isinstance(policies, tuple):
            w.view.setHorizontalScrollBarPolicy(policies[0])
            w.view.setVerticalScrollBarPolicy(policies[1])
        if self.full_screen:
            w.setWindowState(saved.get("state", Qt.WindowState.WindowNoState))  # type: ignore[arg-type]
            w.show()
        docks = saved.get("docks")
        if isinstance(docks, QByteArray):
            w.restoreState(docks)
        w.view.setSceneRect(QRectF())  # the stage view may have widened it
        transform, centre = saved.get("transform"), saved.get("centre")
        if isinstance(transform, QTransform) and isinstance(centre, QPointF):
            w.view.setTransform(transform)
            w.view.centerOn(centre)
            w.view.zoomChanged.emit(w.view.zoom)
        self.activeChanged.emit(False)

    def escape(self) -> None:
        """Esc cancels an in-place edit on the canvas first; otherwise it leaves the mode."""
        editor = active_editor(self.window.view)
        if editor is not None and editor.isVisible():
            # A sent key press goes through the shortcuts first: step aside while it does.
            esc = self._keys[0]
            self.window.removeAction(esc)
            try:
                key = QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier
                )
                QApplication.sendEvent(editor, key)
            finally:
                if esc in self._installed:
                    self.window.addAction(esc)
            if not self.voting_on:
                self.capture.focus_title()
            return
        self.leave()

    # -- toggles ---------------------------------------------------------------------------------
    def toggle_metrics(self) -> None:
        """One key for discussions that should not anchor on numbers."""
        action = getattr(self.window, "metrics_action", None)
        if isinstance(action, QAction) and action.isCheckable():
            action.trigger()  # keeps the View menu's check mark right
        else:
            self.window.scene.set_metrics_visible(not self.window.scene.metrics_visible)
        self.bar.metrics_button.setChecked(self.window.scene.metrics_visible)

    def toggle_high_contrast(self) -> None:
        self.high_contrast = not self.high_contrast
        self.bar.contrast_button.setChecked(self.high_contrast)
        if self.active:
            self.theme.set_high_contrast(self.high_contrast)

    def toggle_voting(self) -> None:
        on = not self.voting_on if self.sender() is not self.bar.voting_button else self.voting_on
        self.bar.voting_button.setChecked(on)
        self._show_voting(on)

    def _show_voting(self, on: bool) -> None:
        """Voting replaces capturing: the panel shows, clicks become dots, digits pick a voter."""
        if not self.active:
            return
        self.dock.setVisible(on)
        self.bottom.setVisible(not on)
        self.clicks.active = on
        if on:
            target = self.panel.people if self.panel.people.isEnabled() else self.panel.who
            target.setFocus()
        else:
            self.capture.focus_title()
        self._voting_changed()

    # -- reactions -------------------------------------------------------------------------------
    def _journey_changed(self) -> None:
        self.stepper.stage_id = None
        set_focus(self.window.scene, None)
        data = self.window.scene.data
        self.bar.journey_label.setText(data.name if data else "No journey")
        self._stage_changed(None)
        if self.active:
            self.stepper.whole_map()
            self.capture.focus_title()

    def _stage_changed(self, stage_id: int | None) -> None:
        data = self.window.scene.data
        if stage_id is None or data is None:
            self.bar.stage_label.setText("· whole map" if data else "")
            return
        order = [s.id for s in data.stages]
        stage = next(s for s in data.stages if s.id == stage_id)
        self.bar.stage_label.setText(f"· {order.index(stage_id) + 1}/{len(order)} {stage.name}")
        self.capture.set_cell(stage_id=stage_id)

    def _after_capture(self, table: str, item_id: int) -> None:
        data = self.window.scene.data
        if table != TOUCHPOINT or data is None or self.stepper.stage_id is None:
            return
        tp = data.touchpoints.get(item_id)
        if tp is not None and tp.stage_id != self.stepper.stage_id:
            self.stepper.show_stage(tp.stage_id)

    def _voting_changed(self) -> None:
        info = self.voting.info()
        who = self.voting.participant
        if not self.voting_on or info is None:
            text = ""
        elif info.state == RoundState.OPEN and who:
            text = f"Voting: {who} · {self.voting.dots_left()} left"
        else:
            text = f"{info.name} {info.state}"
        self.bar.voter_label.setText(text)
        self._sync_keys()

    def _refresh_view(self) -> None:
        if self.active:
            self.stepper.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self.active:
            return False
        if event.type() == QEvent.Type.Resize and watched is not self.window:
            self._refit.start()
        elif event.type() == QEvent.Type.Close and watched is self.window:
            self.leave()  # puts the shared canvas colours back before the window goes
        return False
