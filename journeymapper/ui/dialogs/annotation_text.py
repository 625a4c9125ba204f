"""The box that asks for a pain point's, opportunity's, idea's or note's text.

A note is a sentence or two, so the box wraps lines at its width instead of
scrolling sideways; Enter starts a new line and Ctrl+Enter adds the note, as in
the map's own text cells.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class AnnotationTextDialog(QDialog):
    """Multi-line, wrapping text of one annotation; Ctrl+Enter or Add accepts."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add {what.lower()}")
        self.text_box = QPlainTextEdit()
        self.text_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_box.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text_box.setPlaceholderText("Ctrl+Enter adds it")
        self.text_box.setTabChangesFocus(True)
        self.text_box.installEventFilter(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add")
        self.add_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text_box.textChanged.connect(self._text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{what}:"))
        layout.addWidget(self.text_box)
        layout.addWidget(self.buttons)
        self.resize(420, 220)

    def text(self) -> str:
        return self.text_box.toPlainText().strip()

    def _text_changed(self) -> None:
        self.add_button.setEnabled(bool(self.text()))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.text_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if self.text():
                    self.accept()
                return True
        return super().eventFilter(obj, event)


def ask_annotation_text(parent: QWidget | None, what: str) -> str | None:
    """The text typed for a new ``what`` ("Pain point"), or None when cancelled."""
    dialog = AnnotationTextDialog(what, parent)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


__all__ = ["AnnotationTextDialog", "ask_annotation_text"]
