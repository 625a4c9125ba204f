"""Keeps a window in step with its team workspace: others' edits, who is here, reconnects.

Other people's change sets arrive on the feed's socket and go out through the controller's
``changed`` signal, the same path an own edit takes, so only the touched items redraw. While
the server cannot be reached the status bar says "Reconnecting…" and edits are refused (the
document raises); on reconnect the window catches up from the change log. The status bar
also names who else has the window's journey open; it follows the journey shown.
"""

from __future__ import annotations

from collections import Counter

import psycopg
from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QLabel

from journeymapper.model.errors import JourneyMapperError
from journeymapper.team.document import TeamDocument
from journeymapper.team.live import ChangeFeed, RemoteChange
from journeymapper.ui.window_host import WindowHost

RECONNECTING = "Reconnecting to the team server… (edits are not saved until then)"


class TeamLink(QObject):
    """The live link of one window to one team workspace."""

    def __init__(self, window: WindowHost, doc: TeamDocument) -> None:
        super().__init__(window)
        self.window, self.doc = window, doc
        self.label = QLabel("")
        self.label.setObjectName("teamPresence")
        window.statusBar().addPermanentWidget(self.label)
        self.feed: ChangeFeed | None = None
        self._notifier: QSocketNotifier | None = None
        self._ticks = 0
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._connect()

    def _connect(self) -> list[RemoteChange]:
        try:
            if self.feed is None:
                self.feed = ChangeFeed(self.doc)
                self.feed.show_journey(self.window.controller.journey_id)
                found: list[RemoteChange] = []
            else:
                found = self.feed.poll(0)
        except (psycopg.Error, JourneyMapperError):
            self._offline()
            return []
        fileno = self.feed.fileno()
        if fileno is not None and (self._notifier is None or self._notifier.socket() != fileno):
            self._notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self.poll)
        self.doc.offline = False
        self._show_edit_state()
        self._show_presence()
        return found

    def _offline(self) -> None:
        self.doc.offline = True
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self.label.setText(RECONNECTING)
        self._show_edit_state()

    def _show_edit_state(self) -> None:
        """The window's "Editable" label follows the link (edits are refused while away)."""
        layout = getattr(self.window, "window_layout", None)
        if layout is not None:
            layout.show_edit_state()

    def poll(self) -> None:
        """Apply what others committed (the notifier fires as soon as it arrives)."""
        if self.feed is None or not self.feed.live:
            found = self._connect()
        else:
            try:
                found = self.feed.poll(0)
            except psycopg.Error:
                self._offline()
                return
            if self.feed.take_presence_moved():
                self._show_presence()
        self._apply(found)

    def _apply(self, found: list[RemoteChange]) -> None:
        controller = self.window.controller
        if not found or controller.doc is not self.doc:
            return
        if any(r.changes is None for r in found):
            controller.journeyChanged.emit()  # too much to list: every view rebuilds
        else:
            for remote in found:
                assert remote.changes is not None
                controller.changed.emit(remote.changes)
        who = ", ".join(sorted({r.who for r in found if r.who})) or "Someone"
        self.window.statusBar().showMessage(f"{who} changed the map; it is up to date.", 4000)

    def _tick(self) -> None:
        """Heartbeat: notice a dead link, retry a lost one, refresh who is here."""
        self._ticks += 1
        self.poll()
        if self._ticks % 6 == 0 and not self.doc.offline:
            self._show_presence()

    def show_journey(self, journey_id: int | None) -> None:
        """The window shows another journey: move this window's presence there."""
        if self.feed is None or not self.feed.live:
            if self.feed is not None:
                self.feed.journey_id = journey_id  # taken along when the link is back
            return
        try:
            self.feed.show_journey(journey_id)
        except psycopg.Error:
            return self._offline()
        self._show_presence()

    def _show_presence(self) -> None:
        try:
            others = self.feed.others() if self.feed is not None else []
        except psycopg.Error:
            return self._offline()
        self.label.setText(presence_text(others))
        self.label.setToolTip(
            "Who else has this journey open, by their database role (one per window)"
        )

    def close(self) -> None:
        self.timer.stop()
        if self.feed is not None:
            self.feed.close()
        self.window.statusBar().removeWidget(self.label)
        self.label.deleteLater()


def presence_text(others: list[str]) -> str:
    """``Also here: ann, ben ×2`` (a name twice: that person has two windows open)."""
    if not others:
        return "Team workspace: only you on this journey"
    counts = Counter(others)
    names = (name if n == 1 else f"{name} \u00d7{n}" for name, n in counts.items())
    return "Also here: " + ", ".join(names)


class TeamLinks(QObject):
    """Starts a link when the window shows a team workspace, and ends it when it stops."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.link: TeamLink | None = None
        window.controller.journeyChanged.connect(self._on_document)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Closing the window leaves the journey at once (others' status bars follow)."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.link:
            self.link.close()
            self.link = None
        return False

    def _on_document(self) -> None:
        doc = self.window.controller.doc
        if self.link is not None and self.link.doc is doc:
            self.link.show_journey(self.window.controller.journey_id)
            return
        if self.link is not None:
            self.link.close()
            self.link = None
        if isinstance(doc, TeamDocument):
            self.link = TeamLink(self.window, doc)


def install_team_links(window: WindowHost) -> TeamLinks:
    return TeamLinks(window)
