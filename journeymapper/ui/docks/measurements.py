"""A touchpoint's measurements: a small dated table, a form to add a value, and delete.

Values are checked against the metric's definition while they are typed; the
reason (naming the valid range) shows in red under the field and nothing is
written until the value is valid. A row's date, value, sample size and source
are edited in place (double-click) with the same checks (see measurement_rows).
The metric box starts on the card's own metric, so a card measured only by NPS
is not offered "Engagement rate" first.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper import editing
from journeymapper.store.journey_data import (
    MeasurementData,
    MetricData,
    load_metrics,
    measurement_history,
)
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.docks.fields import ErrorLabel, problem, with_error
from journeymapper.ui.docks.measurement_rows import (
    EDITABLE,
    METRIC,
    SAMPLE,
    SOURCE,
    RowChecks,
    RowEditDelegate,
)

COLUMNS = ("Date", "Metric", "Value", "n", "Source")
ID_ROLE = Qt.ItemDataRole.UserRole


def parse_number(text: str) -> float | None:
    """A typed number ("4.5", "4,5", "38 %"); None when it is not one."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def value_problem(metric: MetricData, text: str) -> str | None:
    """Why ``text`` is not a valid value of ``metric`` (None when it is)."""
    if not text.strip():
        return f"Enter a {metric.name} value."
    value = parse_number(text)
    if value is None:
        return f"{metric.name} must be a number, not {text.strip()!r}."
    return problem(lambda v: editing.rules.metric_value(metric, v), value)  # type: ignore[arg-type]


def sample_problem(text: str) -> tuple[int | None, str | None]:
    """The sample size typed (None when blank) and why it is wrong, if it is."""
    if not text.strip():
        return None, None
    try:
        size = int(text.strip())
    except ValueError:
        return None, f"A sample size must be a whole number of 1 or more, not {text.strip()!r}."
    return size, problem(editing.rules.sample_size, size)


def format_value(value: float, unit: str) -> str:
    return f"{value:g}{unit}"


class MeasurementsPanel(QGroupBox):
    """Measurements of one touchpoint; every change goes through the controller."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__("Measurements", parent)
        self.controller = controller
        self.touchpoint_id: int | None = None
        self.metrics: dict[str, MetricData] = {}
        #: The rows shown, by measurement id (what an in-place edit starts from).
        self.rows: dict[int, MeasurementData] = {}

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.row_error = ErrorLabel()
        self.table.setItemDelegate(
            RowEditDelegate(
                RowChecks(
                    row=self._row,
                    value_problem=value_problem,
                    sample_problem=sample_problem,
                    parse_number=parse_number,
                    show_error=self.row_error.show_error,
                    write=self.edit_row,
                ),
                self.table,
            )
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(110)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The metric and the source share what is left (elided, full text in the
        # tooltip), so the table never needs a sideways scroll at a dock's width.
        for column in (METRIC, SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        sample_header = self.table.horizontalHeaderItem(SAMPLE)
        assert sample_header is not None
        sample_header.setToolTip("Sample size")
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.metric_combo = QComboBox()
        self.metric_combo.currentIndexChanged.connect(self._metric_changed)
        self.value = QLineEdit()
        self.value.textEdited.connect(self._check_value)
        self.value.returnPressed.connect(self.add_value)
        self.value_error = ErrorLabel()
        self.sample = QLineEdit()
        self.sample.setPlaceholderText("optional")
        self.sample.textEdited.connect(self._check_sample)
        self.sample_error = ErrorLabel()
        self.source = QLineEdit()
        self.source.setPlaceholderText("optional, e.g. survey Q2")
        self.add_button = QPushButton("Add value")
        self.add_button.clicked.connect(self.add_value)
        self.delete_button = QPushButton("Delete selected")
        self.delete_button.clicked.connect(self.delete_selected)
        self.error = ErrorLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Metric", self.metric_combo)
        form.addRow("Value", with_error(self.value, self.value_error))
        form.addRow("Date", self.date)
        form.addRow("Sample size", with_error(self.sample, self.sample_error))
        form.addRow("Source", self.source)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.row_error)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self._update_buttons()

    # -- showing ------------------------------------------------------------
    def show_touchpoint(self, touchpoint_id: int | None) -> None:
        if touchpoint_id != self.touchpoint_id:
            self.touchpoint_id = touchpoint_id
            self.value.clear()
            self.sample.clear()
            for label in (self.value_error, self.sample_error, self.error, self.row_error):
                label.show_error(None)
            self.refresh()
            self._choose_own_metric()
            return
        self.refresh()

    def refresh_metrics(self) -> None:
        doc = self.controller.doc
        self.metrics = load_metrics(doc) if doc else {}
        current = self.metric_combo.currentData()
        self.metric_combo.blockSignals(True)
        self.metric_combo.clear()
        for metric in self.metrics.values():
            span = f"{metric.min_value:g}–{metric.max_value:g}{metric.unit}"
            self.metric_combo.addItem(f"{metric.name} ({span})", metric.key)
        index = self.metric_combo.findData(current)
        self.metric_combo.setCurrentIndex(max(index, 0))
        self.metric_combo.blockSignals(False)
        self._metric_changed()

    def refresh(self) -> None:
        doc = self.controller.doc
        if not self.metrics:
            self.refresh_metrics()
        selected = self.selected_id()
        history = (
            measurement_history(doc, self.touchpoint_id)
            if doc and self.touchpoint_id is not None
            else []
        )
        order = {key: i for i, key in enumerate(self.metrics)}
        history.sort(key=lambda m: (order.get(m.metric_key, len(order)), m.measured_on, m.id))
        self.rows = {m.id: m for m in history}
        self.table.setRowCount(len(history))
        for row, m in enumerate(history):
            metric = self.metrics.get(m.metric_key)
            cells = (
                m.measured_on.isoformat(),
                metric.name if metric else m.metric_key,
                format_value(m.value, metric.unit if metric else ""),
                "" if m.sample_size is None else str(m.sample_size),
                m.source,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, m.id)
                if column not in EDITABLE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column in (METRIC, SOURCE) and text:
                    item.setToolTip(text)
                if column in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            if m.id == selected:
                self.table.selectRow(row)
        self._update_buttons()

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(ID_ROLE)) if items else None

    def current_metric(self) -> MetricData | None:
        return self.metrics.get(self.metric_combo.currentData())

    def _choose_own_metric(self) -> None:
        """Offer the metric of the card's newest value (the one most likely measured next)."""
        if not self.rows:
            return
        newest = max(self.rows.values(), key=lambda m: (m.measured_on, m.id))
        index = self.metric_combo.findData(newest.metric_key)
        if index >= 0:
            self.metric_combo.setCurrentIndex(index)

    def _row(self, measurement_id: int) -> tuple[MeasurementData, MetricData | None] | None:
        m = self.rows.get(measurement_id)
        return None if m is None else (m, self.metrics.get(m.metric_key))

    # -- validation -----------------------------------------------------------
    def _metric_changed(self) -> None:
        metric = self.current_metric()
        if metric is not None:
            self.value.setPlaceholderText(
                f"{metric.min_value:g} to {metric.max_value:g}{metric.unit}"
            )
        if self.value.text():
            self._check_value()

    def _check_value(self) -> bool:
        metric = self.current_metric()
        if not self.value.text().strip():
            message = None  # an empty field is not wrong until Add is pressed
        else:
            message = value_problem(metric, self.value.text()) if metric else "Choose a metric."
        self.value_error.show_error(message)
        return message is None

    def _check_sample(self) -> bool:
        _size, message = sample_problem(self.sample.text())
        self.sample_error.show_error(message)
        return message is None

    def _update_buttons(self) -> None:
        has_tp = self.touchpoint_id is not None
        self.add_button.setEnabled(has_tp)
        self.delete_button.setEnabled(has_tp and self.selected_id() is not None)

    # -- editing ------------------------------------------------------------------
    def add_value(self) -> bool:
        """Write the typed value; False (with the reason shown inline) when it is invalid."""
        metric = self.current_metric()
        if self.touchpoint_id is None or metric is None:
            return False
        value_message = value_problem(metric, self.value.text())
        size, sample_message = sample_problem(self.sample.text())
        self.value_error.show_error(value_message)
        self.sample_error.show_error(sample_message)
        if value_message or sample_message:
            return False
        value = parse_number(self.value.text())
        date = self.date.date().toPython()
        assert isinstance(date, dt.date)
        ok, reason = self._set_measurement(
            f"Add {metric.name} value",
            touchpoint_id=self.touchpoint_id,
            metric=metric.key,
            value=value,
            measured_on=date.isoformat(),
            sample_size=size,
            source=self.source.text().strip(),
        )
        self.error.show_error(reason)
        if not ok:
            return False
        self.value.clear()
        self.sample.clear()
        return True

    def edit_row(self, measurement_id: int, field: str, value: object) -> bool:
        """Change one field of a shown measurement: one undo step, or False (reason shown)."""
        m = self.rows.get(measurement_id)
        if m is None or self.touchpoint_id is None:
            return False
        fields: dict[str, object] = {
            "value": m.value,
            "measured_on": m.measured_on.isoformat(),
            "sample_size": m.sample_size,
            "source": m.source,
        }
        if fields[field] == value:
            return False
        fields[field] = value
        metric = self.metrics.get(m.metric_key)
        what = next(word for name, word in EDITABLE.values() if name == field)
        ok, reason = self._set_measurement(
            f"Edit {metric.name if metric else m.metric_key} {what}",
            touchpoint_id=self.touchpoint_id,
            metric=m.metric_key,
            measurement_id=m.id,
            **fields,
        )
        self.row_error.show_error(reason)
        return ok

    def _set_measurement(self, label: str, **args: object) -> tuple[bool, str | None]:
        """Run ``set_measurement`` as one undo step; (done, the refusal's reason if refused)."""
        errors: list[str] = []

        def refused(message: str) -> None:
            errors.append(message)

        self.controller.errorOccurred.connect(refused)
        try:
            result = self.controller.run(label, editing.set_measurement, **args)
        finally:
            self.controller.errorOccurred.disconnect(refused)
        return result is not None, (errors[0] if errors else None)

    def delete_selected(self) -> bool:
        measurement_id = self.selected_id()
        if measurement_id is None:
            return False
        return (
            self.controller.run(
                "Delete measurement", editing.delete_measurement, measurement_id=measurement_id
            )
            is not None
        )


__all__ = ["MeasurementsPanel", "value_problem"]
