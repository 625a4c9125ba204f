"""A form that edits one row through the controller, one field at a time.

Every change is validated with the editing API's own validator first, so a bad
value shows its reason under the field and is never written. Typing into one
field merges into one undo step until the field loses focus (or Enter). When
the row changes under the form (undo, the canvas), fields are refreshed, except
while the form's own edit is echoing back, so the user's cursor never jumps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from journeymapper.model.document import Document
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.docks.fields import (
    ColourButton,
    ErrorLabel,
    problem,
    set_line_text,
    set_plain_text,
    with_error,
)

Validator = Callable[[Any], Any]


class ItemForm(QWidget):
    """Base of the inspector's pages: subclasses declare the op and add their fields."""

    #: Table name in :class:`Changes` and first part of merge keys.
    table = ""
    #: Editing operation that takes ``id_arg`` plus field updates (a ``staticmethod``).
    op: Callable[..., Any] = staticmethod(lambda **_: None)
    id_arg = ""
    noun = ""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.item_id: int | None = None
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._setters: dict[str, Callable[[Any], None]] = {}
        self._errors: dict[str, ErrorLabel] = {}
        self._validators: dict[str, Validator] = {}
        self._labels: dict[str, str] = {}
        self._loading = False
        #: The typed field whose own edit is echoing back (not refreshed, to keep the cursor).
        self._committing: str | None = None
        self._typed: set[str] = set()
        self._generation = 0
        self._last_field = ""

    # -- subclasses -------------------------------------------------------
    def read(self, doc: Document, item_id: int) -> dict[str, Any] | None:
        """The row's current field values (None when it is gone)."""
        raise NotImplementedError

    # -- building ---------------------------------------------------------
    def _row(self, field: str, label: str, widget: QWidget, validator: Validator) -> None:
        error = ErrorLabel()
        self._errors[field] = error
        self._validators[field] = validator
        self._labels[field] = label.lower()
        self.form.addRow(label, with_error(widget, error))

    def add_line(self, field: str, label: str, validator: Validator) -> QLineEdit:
        edit = QLineEdit()
        edit.textEdited.connect(lambda text: self.commit(field, text))
        edit.editingFinished.connect(self.end_typing)
        self._setters[field] = lambda v: set_line_text(edit, str(v or ""))
        self._typed.add(field)
        self._row(field, label, edit, validator)
        return edit

    def add_text(self, field: str, label: str, validator: Validator) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        edit.textChanged.connect(lambda: self.commit(field, edit.toPlainText()))
        self._setters[field] = lambda v: set_plain_text(edit, str(v or ""))
        self._typed.add(field)
        self._row(field, label, edit, validator)
        return edit

    def add_choice(
        self, field: str, label: str, options: list[tuple[str, Any]], validator: Validator
    ) -> QComboBox:
        combo = QComboBox()
        for text, value in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(
            lambda i: self.commit(field, combo.itemData(i), merge=False)
        )

        def show(value: Any) -> None:
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)

        self._setters[field] = show
        self._row(field, label, combo, validator)
        return combo

    def add_number(
        self, field: str, label: str, low: int, high: int, suffix: str, validator: Validator
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(lambda v: self.commit(field, float(v)))
        self._setters[field] = lambda v: spin.setValue(round(v))
        self._row(field, label, spin, validator)
        return spin

    def add_colour(
        self, field: str, label: str, validator: Validator, *, allow_empty: bool
    ) -> ColourButton:
        button = ColourButton(f"{self.noun.capitalize()} colour", allow_empty=allow_empty)
        button.colourChosen.connect(lambda c: self.commit(field, c, merge=False))
        self._setters[field] = lambda v: button.set_colour(str(v or ""))
        self._row(field, label, button, validator)
        return button

    # -- showing ------------------------------------------------------------
    def show_item(self, item_id: int | None) -> bool:
        """Show row ``item_id``; False when it does not exist (any more)."""
        if item_id != self.item_id:
            self.item_id = item_id
            self._generation += 1
            for error in self._errors.values():
                error.show_error(None)
        return self.refresh()

    def refresh(self) -> bool:
        """Re-read the shown row (except the field being typed into)."""
        doc = self.controller.doc
        values = self.read(doc, self.item_id) if doc and self.item_id is not None else None
        if values is None:
            return False
        self._loading = True
        try:
            for field, setter in self._setters.items():
                if field in values and field != self._committing:
                    setter(values[field])
            self.after_refresh(values)
        finally:
            self._loading = False
        return True

    def after_refresh(self, values: dict[str, Any]) -> None:
        """Hook for read-only parts of a page."""

    # -- editing ------------------------------------------------------------
    def end_typing(self) -> None:
        """The next keystroke starts a new undo step."""
        self._generation += 1

    def commit(self, field: str, value: Any, *, merge: bool = True) -> bool:
        """Validate ``value`` for ``field`` and write it; False (with an inline reason) if bad."""
        if self._loading or self.item_id is None:
            return False
        message = problem(self._validators[field], value)
        self._errors[field].show_error(message)
        if message:
            return False
        if field != self._last_field:
            self._last_field = field
            self._generation += 1
        key = (self.table, self.item_id, field, self._generation) if merge else None
        self._committing = field if field in self._typed else None
        try:
            result = self.controller.run(
                f"Edit {self.noun} {self._labels[field]}",
                self.op,
                merge_key=key,
                **{self.id_arg: self.item_id, field: value},
            )
        finally:
            self._committing = None
        return result is not None
