"""Qt glue for :mod:`journeymapper.safety`: locks, read-only banner, snapshots, recovery.

:func:`install_safety` attaches a :class:`SafetyGuard` to the main window. It
watches the controller for a new document, takes the one-writer lock (or offers
read-only when the file is open elsewhere), shows a banner above the canvas
whenever the document is read-only and disables every editing gesture, drives
snapshots with a timer, adds File > New blank workspace and File > Restore
snapshot…, and on close cleans up (lock, session marker, never-named file).
Questions to the user are attributes tests can replace.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from journeymapper.editing import Changes
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.paths import data_dir as _default_data_dir
from journeymapper.safety import lock, recovery
from journeymapper.safety.file_watch import FileWatch
from journeymapper.safety.snapshots import (
    DEFAULT_INTERVAL_S,
    SnapshotInfo,
    SnapshotKeeper,
    list_snapshots,
    restore_snapshot,
    snapshot_folder,
)
from journeymapper.store.workspace_queries import has_touchpoints
from journeymapper.templates import create_workspace
from journeymapper.ui.dialogs.snapshots import SnapshotDialog
from journeymapper.ui.save_places import documents_dir, suggest
from journeymapper.ui.window_host import WindowHost

FILE_FILTER = "Journey Mapper workspaces (*.jmap);;All files (*)"
TICK_MS = 30_000
BANNER_STYLE = (
    "QLabel { background: #fff4ce; color: #5c4400; border-bottom: 1px solid #e0c060;"
    " padding: 6px 10px; }"
)


class SafetyGuard(QObject):
    """Everything about not losing work, attached to one main window."""

    def __init__(
        self,
        window: WindowHost,
        data_dir: Path | None = None,
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = Path(data_dir) if data_dir is not None else _default_data_dir()
        self.interval_s = interval_s
        self.lock: lock.WriterLock | None = None
        self.keeper: SnapshotKeeper | None = None
        self.marker = recovery.SessionMarker(self.data_dir).start()
        self._seen: tuple[int, Path, bool] | None = None
        self._untitled_changed = False
        self._closed = False
        #: "Open it read-only?" when the file is open elsewhere; tests replace it.
        self.ask_read_only: Callable[[str], bool] = self._ask_read_only
        #: What to do with crashed sessions' workspaces: "restore", "discard" or "later".
        self.ask_recover: Callable[[list[recovery.Recoverable]], str] = self._ask_recover
        #: Closing a never-named workspace with work in it: "save", "discard" or "cancel".
        self.ask_keep: Callable[[Path], str] = self._ask_keep
        #: Where Save As / Restore write to; tests replace it. None means cancelled.
        self.ask_save_path: Callable[[str, str], str | None] = self._ask_save_path
        #: Which snapshot to restore (None: cancelled); tests replace it.
        self.choose_snapshot: Callable[[list[SnapshotInfo]], SnapshotInfo | None] = (
            self._choose_snapshot
        )

        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._wrap_canvas()
        self._add_actions()

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.snapshot_now)
        self.timer.start()

        self.watch = FileWatch()  # the file replaced or changed by another program?
        window.controller.journeyChanged.connect(self._on_document)
        window.controller.errorOccurred.connect(lambda _message: self.check_file())
        window.controller.changed.connect(self._on_changed)
        window.installEventFilter(self)

    # -- layout and menus ------------------------------------------------------------------
    def _wrap_canvas(self) -> None:
        """Put the banner above the canvas (without destroying the view)."""
        view = self.window.takeCentralWidget()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        if view is not None:
            layout.addWidget(view)
        self.window.setCentralWidget(box)

    def _add_actions(self) -> None:
        w = self.window
        self.new_blank_action = QAction("New &blank workspace", w)
        self.new_blank_action.setShortcut("Ctrl+Shift+N")
        self.new_blank_action.triggered.connect(self.new_blank)
        self.restore_action = QAction("Restore s&napshot…", w)
        self.restore_action.triggered.connect(self.restore_dialog)
        menu = w.file_menu
        actions = menu.actions()
        menu.insertAction(actions[0] if actions else None, self.new_blank_action)
        menu.insertAction(w.export_separator, self.restore_action)

    # -- documents ---------------------------------------------------------------------------
    @property
    def doc(self) -> Document | None:
        return self.window.controller.doc

    def _on_document(self) -> None:
        """A document (or a new path for it, after Save As) is shown: lock, banner, snapshots."""
        doc = self.doc
        key = (id(doc), doc.path, doc.read_only) if doc is not None else None
        if key == self._seen:
            return
        previous, self._seen = self._seen, key
        if previous is not None and (key is None or previous[1] != key[1]):
            self._leave(previous[1], same_doc=key is not None and previous[0] == key[0])
        if doc is None or not doc.is_file:  # a team workspace: the server guards it
            self._set_read_only(doc)
            return
        if not doc.read_only and self.lock is None:
            try:
                self.lock = lock.acquire(doc.path)
            except lock.LockedElsewhere as exc:
                self._opened_elsewhere(doc, str(exc))
                return
            except lock.LockUnavailable as exc:  # e.g. a full disk: never edit unlocked
                return self._go_read_only(doc, str(exc))
        self.watch.follow(doc)
        if recovery.is_untitled(doc.path, self.data_dir):
            self.marker.note_untitled(doc.path)
        self.keeper = None if doc.read_only else self._keeper(doc)
        self._set_read_only(doc)

    def _keeper(self, doc: Document) -> SnapshotKeeper:
        return SnapshotKeeper(doc, self.data_dir, interval_s=self.interval_s)

    def _leave(self, path: Path, *, same_doc: bool) -> None:
        """The window stopped showing ``path``: release it; tidy a never-named file."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.keeper = None
        if recovery.is_untitled(path, self.data_dir):
            self.marker.forget_untitled(path)
            if same_doc or not self._untitled_changed:
                recovery.discard(path)  # saved elsewhere, or never touched
            else:
                self.window.statusBar().showMessage(
                    f"Your unnamed workspace is kept as {path} (File > Open recent).", 15000
                )
        self._untitled_changed = False

    def _opened_elsewhere(self, doc: Document, message: str) -> None:
        path = doc.path
        if self.ask_read_only(message):
            try:
                read_only = Document.open(path, read_only=True)
            except JourneyMapperError as exc:
                self.window.controller.close_document()
                self._on_document()
                self.window.show_error(str(exc))
                return
            self._seen = (id(doc), doc.path, False)  # the switch below is ours
            self.window.controller.set_document(read_only)
            self._set_read_only(read_only, message)
        else:
            self.window.controller.close_document()
            self._seen = None
            self.window.scene.show_journey(None, None)
            self._set_read_only(None)

    def _set_read_only(self, doc: Document | None, reason: str | None = None) -> None:
        """Banner on, editing off — or the reverse."""
        read_only = doc is not None and doc.read_only
        if read_only:
            assert doc is not None
            self.banner.setText(reason or lock.why_read_only(doc.path))
        self.banner.setVisible(read_only)
        w = self.window
        w.view.setInteractive(not read_only)
        actions = getattr(w, "journey_actions", None)  # the Map menu, Stage and Lane
        if actions is not None:
            actions.refresh()
        for action in w.edit_menu.actions():
            if action.text().replace("&", "") not in ("Copy", "Select all"):
                action.setEnabled(not read_only)
        if not read_only:  # undo/redo follow the stack again
            w.undo_action.setEnabled(w.controller.undo_stack.canUndo())
            w.redo_action.setEnabled(w.controller.undo_stack.canRedo())
        for dock in w.findChildren(QDockWidget):
            if dock.widget() is not None:
                dock.widget().setEnabled(not read_only)

    def _on_changed(self, _changes: Changes) -> None:
        doc = self.doc
        if doc is not None and recovery.is_untitled(doc.path, self.data_dir):
            self._untitled_changed = True

    def check_file(self) -> bool:
        """If another program replaced or changed the open file, go read-only (True)."""
        doc = self.doc
        reason = self.watch.changed(doc) if doc is not None and doc.is_file else None
        if doc is None or reason is None:
            return False
        self._go_read_only(doc, reason)
        return True

    def _go_read_only(self, doc: Document, reason: str) -> None:
        doc.read_only, self.keeper, self._seen = True, None, (id(doc), doc.path, True)
        self._set_read_only(doc, reason)

    # -- snapshots ------------------------------------------------------------------------------
    def snapshot_now(self) -> SnapshotInfo | None:
        """Timer tick: check the file, snapshot when due. A failure is reported, never raised."""
        if (
            self.check_file()
            or self.keeper is None
            or self.doc is None
            or self.keeper.doc is not self.doc
        ):
            return None
        try:
            return self.keeper.tick()
        except (JourneyMapperError, OSError) as exc:
            self.window.statusBar().showMessage(f"Snapshot failed: {exc}", 10000)
            return None

    def snapshots(self) -> list[SnapshotInfo]:
        doc = self.doc
        return [] if doc is None else list_snapshots(snapshot_folder(self.data_dir, doc.path))

    def restore_dialog(self) -> None:
        """File > Restore snapshot…: pick one, save it under a new name, open that copy."""
        doc = self.doc
        found = self.snapshots()
        if doc is None or not found:
            QMessageBox.information(
                self.window, "Restore snapshot", "There are no snapshots of this workspace yet."
            )
            return
        chosen = self.choose_snapshot(found)
        if chosen is None:
            return
        suggestion = doc.path.with_name(
            f"{doc.path.stem} (snapshot {chosen.taken_at:%Y-%m-%d %H.%M}).jmap"
        )
        if recovery.is_untitled(doc.path, self.data_dir):
            suggestion = documents_dir() / suggestion.name
        target = self.ask_save_path("Save the restored snapshot as", str(suggestion))
        if not target:
            return
        target_path = Path(target)
        if target_path.with_suffix(".jmap").resolve() == doc.path:
            self.window.show_error(
                "A snapshot is restored as a new copy; choose a name other than the open file."
            )
            return
        try:
            restored = restore_snapshot(chosen.path, target_path, overwrite=True)
        except JourneyMapperError as exc:
            self.window.show_error(str(exc))
            return
        self.window.open_path(restored)

    # -- never-named workspaces and recovery ---------------------------------------------------
    def new_blank(self) -> bool:
        """A new workspace with no name yet: a real file in the app's data folder."""
        path = recovery.new_untitled_path(self.data_dir)
        try:
            create_workspace(path, "blank").close()
        except JourneyMapperError as exc:
            self.window.show_error(str(exc))
            return False
        return self.window.open_path(path)

    def offer_recovery(self) -> bool:
        """At start: offer back the never-named workspaces of a crashed session."""
        found = recovery.recoverable(self.data_dir)
        if not found:
            recovery.dismiss_crashes(self.data_dir)
            return False
        answer = self.ask_recover(found)
        if answer == "later":
            return False
        recovery.dismiss_crashes(self.data_dir)
        if answer == "discard":
            for item in found:
                recovery.discard(item.path)
            return False
        opened = self.window.open_path(found[0].path)
        self._untitled_changed = opened  # it holds work: ask before dropping it
        if len(found) > 1:
            self.window.statusBar().showMessage(
                f"{len(found) - 1} more unnamed workspace(s) are kept in "
                f"{recovery.untitled_folder(self.data_dir)}.",
                15000,
            )
        return opened

    # -- closing ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.window and event.type() == QEvent.Type.Close:
            assert isinstance(event, QCloseEvent)
            if not self.close_cleanly():
                event.ignore()
                return True
        return False

    def close_cleanly(self) -> bool:
        """A normal close: keep or drop a never-named workspace, release, remove the marker."""
        if self._closed:
            return True
        doc = self.doc
        if doc is not None and recovery.is_untitled(doc.path, self.data_dir):
            worth_keeping = self._untitled_changed or _has_touchpoints(doc)
            answer = self.ask_keep(doc.path) if worth_keeping else "discard"
            if answer == "cancel":
                return False
            if answer == "discard":
                self._untitled_changed = False  # _leave deletes it
            if answer == "save":
                data = self.window.scene.data
                name = data.name if data else "Map"
                target = self.ask_save_path("Save workspace as", suggest(doc.path, name, ".jmap"))
                if not target or not self.window.save_as(target):
                    return False
        self.timer.stop()
        self.window.controller.close_document()
        self._on_document()
        self.marker.finish()
        self._closed = True
        return True

    # -- default questions (dialogs) -------------------------------------------------------
    def _ask_read_only(self, message: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Open elsewhere", message, parent=self.window)
        read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is read_only

    def _ask_recover(self, found: list[recovery.Recoverable]) -> str:
        lines = "\n".join(f"• {item.label()}" for item in found)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Recover your work",
            "Journey Mapper did not close normally last time. These unnamed workspaces "
            f"can be restored:\n\n{lines}",
            parent=self.window,
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "restore" if clicked is restore else "discard" if clicked is discard else "later"

    def _ask_keep(self, path: Path) -> str:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Keep this workspace?",
            "This workspace has no name yet. Save it under a name before closing?",
            parent=self.window,
        )
        save = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def _ask_save_path(self, title: str, suggestion: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggestion, FILE_FILTER)
        return path or None

    def _choose_snapshot(self, found: list[SnapshotInfo]) -> SnapshotInfo | None:
        dialog = SnapshotDialog(found, self.window)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _has_touchpoints(doc: Document) -> bool:
    with contextlib.suppress(Exception):
        return has_touchpoints(doc)
    return True


def install_safety(window: WindowHost, data_dir: Path | None = None) -> SafetyGuard:
    """Attach the safety guard to ``window``."""
    return SafetyGuard(window, data_dir)


__all__ = ["SafetyGuard", "SnapshotDialog", "install_safety"]
