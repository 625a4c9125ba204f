"""Menu entries of the compare view and of named snapshots, and the pickers they open.

Journey > Compare with… (another journey of this workspace, or of another .jmap file),
File > Compare with snapshot… and File > Name a snapshot now…. Every dialog here is
opened window-modal with ``open()`` (never a nested event loop), so a test clicks it
like a user does; :attr:`CompareActions.ask_open_path` is the one question tests replace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.paths import data_dir as default_data_dir
from journeymapper.safety.snapshots import (
    SnapshotInfo,
    list_snapshots,
    snapshot_folder,
    take_snapshot,
)
from journeymapper.store.journey_data import journey_ids
from journeymapper.store.workspace_queries import journey_settings
from journeymapper.ui.dialogs.compare.view import CompareDialog, Source
from journeymapper.ui.window_host import WindowHost

FILE_FILTER = "Journey Mapper workspaces (*.jmap);;All files (*)"


@dataclass
class Choice:
    """One line of a picker: what it shows and the side it stands for."""

    label: str
    source: Source
    owned: list[Document] = field(default_factory=list)
    #: The snapshot this line stands for (its file is opened only once chosen).
    snapshot: SnapshotInfo | None = None


class Picker(QDialog):
    """A list to pick one entry from, optionally with an "Another file…" button."""

    def __init__(
        self,
        title: str,
        prompt: str,
        choices: list[Choice],
        parent: QWidget,
        more: Callable[[], list[Choice]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.choices = choices
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Compare")
        self.more_button: QPushButton | None = None
        if more is not None:
            self.more_button = self.buttons.addButton(
                "Another file…", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.more_button.clicked.connect(lambda: self._add(more()))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._add([])
        self.resize(520, 360)

    def _add(self, extra: list[Choice]) -> None:
        self.choices += extra
        self.list.clear()
        self.list.addItems([c.label for c in self.choices])
        if self.choices:
            self.list.setCurrentRow(len(self.choices) - len(extra) if extra else 0)
        self.ok_button.setEnabled(bool(self.choices))

    def chosen(self) -> Choice | None:
        row = self.list.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def extra_documents(self) -> list[Document]:
        return [doc for c in self.choices for doc in c.owned]


class CompareActions(QObject):
    """The compare and named-snapshot actions of one main window."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        #: Which other workspace file to read (None: cancelled); tests replace it.
        self.ask_open_path: Callable[[], str | None] = self._ask_open_path
        self.picker: Picker | None = None
        self.dialog: CompareDialog | None = None
        self.name_dialog: QInputDialog | None = None
        self.name_action = QAction("Name a snapshot &now…", window)
        self.name_action.triggered.connect(self.name_snapshot)
        self.snapshot_action = QAction("Compare with sna&pshot…", window)
        self.snapshot_action.triggered.connect(self.compare_with_snapshot)
        self.journey_action = QAction("&Compare with…", window)
        self.journey_action.triggered.connect(self.compare_with_journey)
        for action in (self.name_action, self.snapshot_action):
            window.file_menu.insertAction(window.export_separator, action)
        window.journey_menu.aboutToShow.connect(self._extend_journey_menu)
        window.controller.journeyChanged.connect(self._on_document)

    def _on_document(self) -> None:
        """The window closed or swapped its workspace: a view of the old one goes too."""
        if self.dialog is not None and self.dialog.window_doc is not self.window.controller.doc:
            self.dialog.close()
            self.dialog = None

    def _extend_journey_menu(self) -> None:
        """After the window lists its journeys (the menu is refilled on every show)."""
        menu = self.window.journey_menu
        if self.window.controller.doc is not None:
            menu.addSeparator()
            menu.addAction(self.journey_action)

    # -- where things are --------------------------------------------------------------------
    def _current(self) -> Source | None:
        doc, journey = self.window.controller.doc, self.window.controller.journey_id
        if doc is None or journey is None:
            return None
        name = self.window.scene.data.name if self.window.scene.data else doc.path.stem
        return Source(doc, journey, name)

    def _data_dir(self) -> Path:
        guard = getattr(self.window, "safety", None)
        return Path(guard.data_dir) if guard is not None else default_data_dir()

    def snapshots(self) -> list[SnapshotInfo]:
        doc = self.window.controller.doc
        if doc is None:
            return []
        return list_snapshots(snapshot_folder(self._data_dir(), doc.path))

    # -- named snapshots ---------------------------------------------------------------------
    def name_snapshot(self) -> None:
        """File > Name a snapshot now…: ask for a name, then take the snapshot at once."""
        if self.window.controller.doc is None:
            return
        ask = QInputDialog(self.window)
        ask.setWindowTitle("Name a snapshot")
        ask.setLabelText("A snapshot of the workspace as it is now, called:")
        ask.setTextValue(f"Snapshot {dt.datetime.now():%Y-%m-%d %H:%M}")
        ask.textValueSelected.connect(self.take_named)
        self.name_dialog = ask
        ask.open()

    def take_named(self, name: str) -> SnapshotInfo | None:
        doc = self.window.controller.doc
        if doc is None or not name.strip():
            return None
        guard = getattr(self.window, "safety", None)
        keeper = getattr(guard, "keeper", None)
        try:
            if keeper is not None and keeper.doc is doc:
                info = keeper.take_named(name)
            else:
                folder = snapshot_folder(self._data_dir(), doc.path)
                info = take_snapshot(doc, folder, dt.datetime.now(), name)
        except (JourneyMapperError, OSError) as exc:
            self.window.show_error(f"The snapshot could not be taken: {exc}")
            return None
        self.window.statusBar().showMessage(f"Snapshot \u201c{info.name}\u201d taken.", 8000)
        return info

    # -- pickers -----------------------------------------------------------------------------
    def compare_with_journey(self) -> None:
        """Journey > Compare with…: another journey of this workspace or of another file."""
        current = self._current()
        if current is None:
            return
        choices = [
            Choice(name, Source(current.doc, jid, name))
            for jid, name in journey_ids(current.doc)
            if jid != current.journey_id
        ]
        self._pick(
            "Compare with…",
            f"Compare \u201c{current.label}\u201d with:",
            choices,
            current,
            more=self._other_file,
        )

    def compare_with_snapshot(self) -> None:
        """File > Compare with snapshot…: this journey as it was then (A) against now (B)."""
        current = self._current()
        if current is None:
            return
        choices = [Choice(s.label(), current, snapshot=s) for s in self.snapshots()]
        self._pick(
            "Compare with snapshot",
            "Compare this journey now with a snapshot of it:"
            if choices
            else "There are no snapshots of this workspace yet (File > Name a snapshot now…).",
            choices,
            current,
        )

    def _pick(
        self,
        title: str,
        prompt: str,
        choices: list[Choice],
        current: Source,
        more: Callable[[], list[Choice]] | None = None,
    ) -> None:
        picker = Picker(title, prompt, choices, self.window, more)
        picker.accepted.connect(lambda: self._chosen(picker, current))
        picker.rejected.connect(lambda: _close_all(picker.extra_documents()))
        self.picker = picker
        picker.open()

    def _other_file(self) -> list[Choice]:
        path = self.ask_open_path()
        if not path:
            return []
        try:
            doc = Document.open(path, read_only=True)
        except JourneyMapperError as exc:
            self.window.show_error(str(exc))
            return []
        found = journey_ids(doc)
        if not found:
            doc.close()
            self.window.show_error(f"{Path(path).name} holds no journey.")
            return []
        choices = [
            Choice(f"{doc.path.name}: {name}", Source(doc, jid, f"{doc.path.name}: {name}"))
            for jid, name in found
        ]
        choices[0].owned.append(doc)  # closed once, with the view or the picker
        return choices

    def _chosen(self, picker: Picker, current: Source) -> None:
        choice = picker.chosen()
        extra = picker.extra_documents()
        if choice is None:
            _close_all(extra)
            return
        try:
            if choice.snapshot is not None:
                a, owned = self._snapshot_side(choice.snapshot, current)
                b = current
            else:
                a, b = ordered(current, choice.source)
                owned = [d for d in extra if d is choice.source.doc]
            _close_all([d for d in extra if d not in owned])
            self.show_dialog(a, b, owned)
        except JourneyMapperError as exc:
            _close_all(extra)
            self.window.show_error(str(exc))

    def _snapshot_side(self, info: SnapshotInfo, current: Source) -> tuple[Source, list[Document]]:
        doc = Document.open(info.path, read_only=True)
        ids = [jid for jid, _name in journey_ids(doc)]
        if not ids:
            doc.close()
            raise JourneyMapperError("That snapshot holds no journey.")
        jid = current.journey_id if current.journey_id in ids else ids[0]
        label = f"snapshot {info.name or f'{info.taken_at:%Y-%m-%d %H:%M}'}"
        return Source(doc, jid, label), [doc]

    def show_dialog(
        self, a: Source, b: Source, owned: list[Document] | None = None
    ) -> CompareDialog:
        """Open the compare view of ``a`` (before) and ``b`` (after)."""
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = CompareDialog(a, b, self.window, owned or [])
        self.dialog.window_doc = self.window.controller.doc
        self.dialog.show()
        return self.dialog

    def _ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Compare with a journey of another workspace", "", FILE_FILTER
        )
        return path or None


def ordered(current: Source, other: Source) -> tuple[Source, Source]:
    """(before, after): a current-state journey goes first, else the one on screen."""
    mine = journey_settings(current.doc, current.journey_id)
    theirs = journey_settings(other.doc, other.journey_id)
    if mine and theirs and mine.state == "future" and theirs.state == "current":
        return other, current
    return current, other


def _close_all(docs: list[Document]) -> None:
    for doc in docs:
        doc.close()
