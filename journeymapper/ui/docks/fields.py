"""Small form pieces shared by the docks: inline error labels, colour buttons, quiet setters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model.errors import EditError

ERROR_STYLE = "color: #c62828;"


def alive(obj: QObject) -> bool:
    """False once Qt has started deleting ``obj`` (its signals still fire while it dies)."""
    return bool(shiboken6.isValid(obj))


def coalesced(parent: QObject, slot: Callable[[], None]) -> Callable[..., None]:
    """A trigger that runs ``slot`` once, on the next event-loop turn, however often it fires.

    The scene emits ``selectionChanged`` once per item (2,000 times for Select all);
    reacting to each would be quadratic.
    """
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)

    def trigger(*_args: object) -> None:
        if alive(timer):  # the scene still signals while the window is torn down
            timer.start()

    return trigger


def problem(validator: Callable[[Any], Any], value: Any) -> str | None:
    """The editing API's own message for ``value`` (None when it is accepted)."""
    try:
        validator(value)
    except EditError as exc:
        return str(exc)
    return None


class ErrorLabel(QLabel):
    """A red message under a field, hidden while there is nothing wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def with_error(field: QWidget, error: ErrorLabel) -> QWidget:
    """``field`` with its error label right under it, as one form cell."""
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    return box


def set_line_text(edit: QLineEdit, text: str) -> None:
    """Show ``text`` without moving the cursor of someone typing (no-op when unchanged)."""
    if edit.text() == text:
        return
    cursor = edit.cursorPosition()
    edit.setText(text)
    if edit.hasFocus():
        edit.setCursorPosition(min(cursor, len(text)))


def set_plain_text(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() == text:
        return
    position = edit.textCursor().position()
    edit.setPlainText(text)
    if edit.hasFocus():
        cursor = edit.textCursor()
        cursor.setPosition(min(position, len(text)))
        edit.setTextCursor(cursor)
    else:
        edit.moveCursor(QTextCursor.MoveOperation.Start)


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour) if colour else QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class ColourButton(QWidget):
    """A swatch button that opens a colour dialog; optionally a reset to "no colour"."""

    #: The chosen colour as ``#rrggbb`` ("" when reset).
    colourChosen = Signal(str)

    def __init__(self, title: str, *, allow_empty: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.colour = ""
        self.button = QPushButton("Default")
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 1)
        self.reset = QToolButton()
        self.reset.setText("Reset")
        self.reset.setToolTip("Use the default colour")
        self.reset.clicked.connect(lambda: self.colourChosen.emit(""))
        self.reset.setVisible(allow_empty)
        layout.addWidget(self.reset)

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        self.button.setIcon(swatch(colour))
        self.button.setText(colour if colour else "Default")
        self.reset.setEnabled(bool(colour))

    def choose(self) -> None:
        initial = QColor(self.colour) if self.colour else QColor("#ffffff")
        colour = QColorDialog.getColor(initial, self, self._title)
        if colour.isValid():
            self.colourChosen.emit(colour.name())
