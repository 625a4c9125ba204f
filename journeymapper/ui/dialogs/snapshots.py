"""File > Restore snapshot…: the list of snapshots of the open workspace, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from journeymapper.safety.snapshots import SnapshotInfo


class SnapshotDialog(QDialog):
    """The list of snapshots of the open workspace, newest first."""

    def __init__(self, found: list[SnapshotInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore snapshot")
        self.found = found
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Pick a snapshot. It opens as a new copy; the current file is not changed.")
        )
        self.list = QListWidget()
        self.list.addItems([s.label() for s in found])
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore as a copy…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 320)

    def chosen(self) -> SnapshotInfo | None:
        row = self.list.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None
