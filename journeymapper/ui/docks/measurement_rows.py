"""Editing a measurement row in place: double-click (or F2) a date, value, sample or source.

The value and sample size are checked while they are typed, with the same rules
(and the same messages) as the form that adds a value; Enter on a wrong value
keeps the field open with the reason shown, and nothing is written until it is
right. Each accepted cell is one undo step through the controller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from journeymapper.store.journey_data import MeasurementData, MetricData

DATE, METRIC, VALUE, SAMPLE, SOURCE = range(5)
#: Column → (the set_measurement argument it edits, the word the undo text uses).
EDITABLE: dict[int, tuple[str, str]] = {
    DATE: ("measured_on", "date"),
    VALUE: ("value", "value"),
    SAMPLE: ("sample_size", "sample size"),
    SOURCE: ("source", "source"),
}
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class RowChecks:
    """What the delegate asks of the panel: the row and metric behind a cell, the checks,
    where to show a problem, and how to write an accepted value."""

    row: Callable[[int], tuple[MeasurementData, MetricData | None] | None]
    value_problem: Callable[[MetricData, str], str | None]
    sample_problem: Callable[[str], tuple[int | None, str | None]]
    parse_number: Callable[[str], float | None]
    show_error: Callable[[str | None], None]
    write: Callable[[int, str, Any], None]


def editor_text(m: MeasurementData, column: int) -> str:
    """What a cell's editor starts with: the stored value, without its unit."""
    if column == VALUE:
        return f"{m.value:g}"
    if column == SAMPLE:
        return "" if m.sample_size is None else str(m.sample_size)
    return m.source


class RowEditDelegate(QStyledItemDelegate):
    """Edits the date, value, sample size and source of a measurement row."""

    def __init__(self, checks: RowChecks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checks = checks

    def _row(
        self, index: QModelIndex | QPersistentModelIndex
    ) -> tuple[MeasurementData, MetricData | None] | None:
        measurement_id = index.data(ID_ROLE)
        return None if measurement_id is None else self.checks.row(int(measurement_id))

    def problem(
        self, column: int, index: QModelIndex | QPersistentModelIndex, text: str
    ) -> tuple[Any, str | None]:
        """The value typed in ``column`` of the row at ``index`` and why it is wrong, if it is."""
        found = self._row(index)
        if found is None:
            return None, "That measurement is gone."
        _m, metric = found
        if column == VALUE:
            if metric is None:
                return None, "This value's metric is unknown."
            message = self.checks.value_problem(metric, text)
            return (None if message else self.checks.parse_number(text)), message
        if column == SAMPLE:
            return self.checks.sample_problem(text)
        return text.strip(), None

    # -- Qt's delegate protocol -----------------------------------------------------------
    def createEditor(  # noqa: N802 (Qt API)
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget | None:
        column = index.column()
        if column not in EDITABLE or self._row(index) is None:
            return None
        self.checks.show_error(None)
        if column == DATE:
            date = QDateEdit(parent)
            date.setDisplayFormat("yyyy-MM-dd")
            date.setCalendarPopup(True)
            return date
        line = QLineEdit(parent)
        held = QPersistentModelIndex(index)
        line.textEdited.connect(
            lambda text: self.checks.show_error(self.problem(column, held, text)[1])
        )
        return line

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        found = self._row(index)
        if found is None:
            return
        m, _metric = found
        if isinstance(editor, QDateEdit):
            editor.setDate(QDate(m.measured_on.year, m.measured_on.month, m.measured_on.day))
        elif isinstance(editor, QLineEdit):
            editor.setText(editor_text(m, index.column()))
            editor.selectAll()

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex
    ) -> None:
        found = self._row(index)
        if found is None:
            return
        m, _metric = found
        column = index.column()
        if isinstance(editor, QDateEdit):
            value: Any = editor.date().toPython().isoformat()  # type: ignore[union-attr]
        else:
            assert isinstance(editor, QLineEdit)
            value, message = self.problem(column, index, editor.text())
            self.checks.show_error(message)
            if message:
                return  # the cell goes back to the stored value; the reason stays shown
        self.checks.write(m.id, EDITABLE[column][0], value)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter on a wrong value keeps the field open (the reason is already shown)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(obj, QLineEdit)
        ):
            index = self._editing_index(obj)
            if index is not None:
                message = self.problem(index.column(), index, obj.text())[1]
                if message:
                    self.checks.show_error(message)
                    return True
        return super().eventFilter(obj, event)

    def _editing_index(self, editor: QWidget) -> QModelIndex | None:
        view = editor.parent()
        while view is not None and not hasattr(view, "indexAt"):
            view = view.parent()
        if view is None:
            return None
        index = view.indexAt(editor.geometry().center())  # type: ignore[attr-defined]
        return index if index.isValid() else None


__all__ = ["EDITABLE", "METRIC", "SAMPLE", "SOURCE", "RowChecks", "RowEditDelegate", "editor_text"]
