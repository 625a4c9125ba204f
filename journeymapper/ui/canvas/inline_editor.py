"""Type in place: a line (titles, names) or a text box (text-lane cells) over the canvas.

Enter (Ctrl+Enter in a text box) or leaving the field commits, Esc cancels. The view
scrolls to the box first, so a field opened for something just added off-screen (a new
stage at the right end, a new lane at the bottom) is where the user can see it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QPlainTextEdit, QWidget

from journeymapper.ui import style

#: Pixels kept between a box the view scrolled to and the viewport's edge.
FOLLOW_MARGIN = 40


class InlineEditor(QObject):
    """Owns one editing widget placed over a scene rectangle of a view."""

    def __init__(
        self,
        view: QGraphicsView,
        scene_rect: QRectF,
        text: str,
        on_commit: Callable[[str], None],
        *,
        multiline: bool = False,
        placeholder: str = "",
    ) -> None:
        super().__init__(view)
        self._on_commit = on_commit
        self._done = False
        self.widget: QLineEdit | QPlainTextEdit
        if multiline:
            editor = QPlainTextEdit(view.viewport())
            editor.setPlainText(text)
            editor.selectAll()
            self.widget = editor
        else:
            line = QLineEdit(view.viewport())
            line.setText(text)
            line.selectAll()
            line.setPlaceholderText(placeholder)
            line.returnPressed.connect(self.commit)
            self.widget = line
        view.ensureVisible(scene_rect, FOLLOW_MARGIN, FOLLOW_MARGIN)
        zoom = max(0.6, view.transform().m11())
        self.widget.setFont(style.font(min(14.0, 9 * zoom)))
        rect = view.mapFromScene(scene_rect).boundingRect()
        if not multiline:
            rect.setHeight(max(26, min(rect.height(), 34)))
        self.widget.setGeometry(rect)
        self.widget.setObjectName("inlineEditor")
        self.widget.installEventFilter(self)
        self.widget.show()
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        if isinstance(self.widget, QLineEdit):
            return self.widget.text()
        return self.widget.toPlainText()

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        text = self.text()
        self._close()
        self._on_commit(text)

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self._close()

    def _close(self) -> None:
        # Hide now; delete once control is back in the event loop, never from inside
        # this object's own event filter (Qt is still delivering the event then).
        self.widget.hide()
        self.widget.setObjectName("")  # no longer "the" inline editor while it waits to go
        QTimer.singleShot(0, self._dispose)

    def _dispose(self) -> None:
        self.widget.removeEventFilter(self)
        self.widget.deleteLater()
        self.deleteLater()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # An exception escaping an event filter aborts PySide: report it and carry on.
        try:
            return self._filter(event)
        except Exception:  # noqa: BLE001
            traceback.print_exc()
            return False

    def _filter(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and isinstance(self.widget, QPlainTextEdit) and ctrl:
                self.commit()
                return True
        if event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False


def active_editor(view: QGraphicsView) -> QWidget | None:
    return view.viewport().findChild(QWidget, "inlineEditor")
