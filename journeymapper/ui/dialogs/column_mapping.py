"""The mapping steps of an import: one choice per column, then labels to touchpoints.

Step 1 previews the file with a field choice above each column (suggested by
:mod:`journeymapper.interchange.mapping`), the number of header rows, the sheet of
a workbook and, where the dates do not settle it, the day/month order. Step 2
(:mod:`.column_mapping_labels`) pairs each label of the touchpoint column with a
card title (closest first), makes it a new card, or skips it. The result is a
:class:`Mapping`, optionally saved as a named profile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper.interchange import mapping as mp
from journeymapper.interchange.mapping.fields import LABEL_FIELDS, METRIC_PREFIX
from journeymapper.interchange.mapping.table import column_letter
from journeymapper.interchange.sniff import normalise
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.store.journey_data import load_metrics
from journeymapper.ui.dialogs.column_mapping_labels import SKIP, LabelStep

__all__ = ["SKIP", "ColumnMappingDialog", "saved_mapping_for"]

PREVIEW_ROWS = 8
_ORDERS = (
    ("Choose…", None),
    ("Day first (31/12/2026)", "dmy"),
    ("Month first (12/31/2026)", "mdy"),
)


class ColumnMappingDialog(QDialog):
    """Map the columns (and labels) of ``data`` for the importer ``kind``."""

    def __init__(
        self,
        data: bytes,
        source: str,
        kind: str,
        doc: Document | None = None,
        journey_id: int | None = None,
        start: mp.Mapping | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data, self.source, self.kind = data, source, kind
        self.doc, self.journey_id = doc, journey_id
        self.mapping: mp.Mapping | None = None
        self.saved_profile: Path | None = None
        self.setWindowTitle(f"Map the columns of {source}")
        self.resize(900, 560)
        #: Metric names (comparison form) -> keys, for metric columns of a touchpoints file.
        self.metrics = {normalise(m.name): m.key for m in load_metrics(doc).values()} if doc else {}
        self.fields = [mp.IGNORE, *mp.fields_for(kind)]
        if kind == "touchpoints" and doc is not None:
            self.fields += [METRIC_PREFIX + m.key for m in load_metrics(doc).values()]
        self.shape = self._inspect(start.sheet if start else None, None)
        self.combos: list[QComboBox] = []
        #: Choices to show again on step 2 (a profile's, or the last pass's).
        self.start = start
        self.labels = LabelStep(doc, journey_id)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._columns_page())
        self.stack.addWidget(self.labels)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        self.save_profile = QCheckBox("Save this mapping as a profile named")
        self.profile_name = QLineEdit(Path(source).stem)
        row.addWidget(self.save_profile)
        row.addWidget(self.profile_name, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self._fill_columns(start)
        self._go(0)

    # -- step 1: columns ----------------------------------------------------------------
    def _columns_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.columns_intro = QLabel()
        self.columns_intro.setWordWrap(True)
        layout.addWidget(self.columns_intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.header_rows = QSpinBox()
        self.header_rows.setRange(1, 5)
        self.header_rows.valueChanged.connect(self._header_rows_changed)
        form.addRow("Header rows above the data:", self.header_rows)
        self.sheet = QComboBox()
        self.sheet.addItems(self.shape.sheets)
        self.sheet.currentTextChanged.connect(self._sheet_changed)
        if self.shape.sheets:
            form.addRow("Sheet:", self.sheet)
        self.date_order = QComboBox()
        for text, order in _ORDERS:
            self.date_order.addItem(text, order)
        self.date_order_label = QLabel("Day/month order of the dates:")
        form.addRow(self.date_order_label, self.date_order)
        layout.addLayout(form)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.preview, 1)
        return page

    def _fill_columns(self, start: mp.Mapping | None = None) -> None:
        shape = self.shape
        self.header_rows.blockSignals(True)
        self.header_rows.setValue(len(shape.header))
        self.header_rows.blockSignals(False)
        chosen = start.columns if start else {s.position: s.field for s in shape.suggestions}
        width = shape.width
        self.preview.clear()
        self.preview.setColumnCount(width)
        self.preview.setRowCount(1 + min(PREVIEW_ROWS, len(shape.samples)))
        names = [(shape.names(i) or [column_letter(i)])[0] for i in range(width)]
        self.preview.setHorizontalHeaderLabels(
            [_heading(shape.names(i), names[i]) for i in range(width)]
        )
        self.preview.setVerticalHeaderLabels(
            ["Holds"] + [str(len(shape.header) + r + 1) for r in range(PREVIEW_ROWS)]
        )
        self.combos = []
        reasons = {s.position: s.reason for s in shape.suggestions}
        for i in range(width):
            combo = QComboBox()
            for key in self.fields:
                combo.addItem(mp.label(key), key)
            key = chosen.get(i, mp.IGNORE)
            combo.setCurrentIndex(max(0, combo.findData(key)))
            combo.setToolTip(f"{' / '.join(shape.names(i))}\nSuggested: {reasons.get(i, '')}")
            combo.setAccessibleName(f"Column {names[i]}")
            combo.currentIndexChanged.connect(self._intro)
            self.preview.setCellWidget(0, i, combo)
            self.combos.append(combo)
            self.preview.horizontalHeaderItem(i).setToolTip("\n".join(shape.names(i)))
            for r, row in enumerate(shape.samples[:PREVIEW_ROWS]):
                self.preview.setItem(r + 1, i, QTableWidgetItem(row[i] if i < len(row) else ""))
        self.preview.resizeColumnsToContents()
        for c in range(width):
            self.preview.setColumnWidth(c, max(150, min(self.preview.columnWidth(c), 240)))
        self.ask_order = shape.dates_ambiguous
        self.date_order.setVisible(self.ask_order)
        self.date_order_label.setVisible(self.ask_order)
        if start and start.date_order:
            self.date_order.setCurrentIndex(self.date_order.findData(start.date_order))
        self._intro()

    def _intro(self) -> None:
        self.columns_intro.setText(
            f"<b>Step 1 of 2 — columns.</b> {self.shape.details}. Choose what each column "
            "holds, or <i>Ignore</i>. Suggestions come from the headers and the values."
        )

    def _header_rows_changed(self, rows: int) -> None:
        self._reinspect(rows, self.sheet.currentText() or None)

    def _sheet_changed(self, sheet: str) -> None:
        self._reinspect(None, sheet or None)

    def _reinspect(self, rows: int | None, sheet: str | None) -> None:
        self.shape = self._inspect(sheet, rows)
        self._fill_columns()

    def _inspect(self, sheet: str | None, rows: int | None) -> mp.Shape:
        return mp.inspect_data(
            self.data, self.source, self.kind, sheet=sheet, rows=rows, metric_names=self.metrics
        )

    def current_mapping(self) -> mp.Mapping:
        """What the choices on screen say (labels as chosen on step 2, if shown)."""
        columns = {i: c.currentData() for i, c in enumerate(self.combos)}
        matches, create = self.labels.chosen()
        return mp.Mapping(
            columns=columns,
            header_rows=len(self.shape.header),
            matches=matches,
            date_order=self.date_order.currentData() if self.ask_order else None,
            sheet=self.sheet.currentText() or None,
            create=create,
        )

    def problems(self) -> list[str]:
        """Why the choices cannot be used yet (a field twice, dates left ambiguous)."""
        out = []
        seen: dict[str, int] = {}
        for i, c in enumerate(self.combos):
            key = c.currentData()
            if key != mp.IGNORE and key in seen:
                out.append(f"{mp.label(key)} is chosen for two columns.")
            seen.setdefault(key, i)
        if self.ask_order and self.date_order.currentData() is None:
            out.append("Choose the day/month order of the dates.")
        return out

    @property
    def label_combos(self) -> dict[str, QComboBox]:
        """Step 2's touchpoint choice per label."""
        return self.labels.combos

    def _needs_labels(self) -> bool:
        used = self.current_mapping().used().values()
        return (
            self.doc is not None
            and self.kind != "touchpoints"
            and any(k in LABEL_FIELDS for k in used)
        )

    # -- navigation -----------------------------------------------------------------------
    def _go(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        self.back_button.setEnabled(page > 0)
        last = page == 1 or not self._needs_labels()
        self.next_button.setText("Use this mapping" if last else "Next")

    def _back(self) -> None:
        """Back to the columns, keeping step 2's choices for the next pass."""
        if self.stack.currentIndex() == 1:
            self.start = self.current_mapping()
        self._go(0)

    def _next(self) -> None:
        if problems := self.problems():
            self.columns_intro.setText("<b>Not yet:</b> " + " ".join(problems))
            self._go(0)
            return
        if self.stack.currentIndex() == 0 and self._needs_labels():
            self.labels.clear()
            self.labels.fill(self.shape, self.current_mapping(), self.start)
            self._go(1)
            return
        if problems := self.labels.problems():
            self.labels.intro.setText("<b>Not yet:</b> " + " ".join(problems))
            return
        self.finish()

    def finish(self) -> None:
        """Accept with the mapping on screen (saving the profile if asked)."""
        if self.stack.currentIndex() == 0:
            self.labels.clear()
        self.mapping = self.current_mapping()
        if self.save_profile.isChecked() and self.profile_name.text().strip():
            header = list(self.shape.header[0])
            profile = mp.Profile(self.profile_name.text().strip(), self.kind, header, self.mapping)
            self.saved_profile = mp.save_profile(profile)
        self.accept()


def saved_mapping_for(data: bytes, source: str, kind: str) -> tuple[mp.Mapping, str] | None:
    """The mapping of a saved profile made for this header, and its name (or None)."""
    try:
        shape = mp.inspect_data(data, source, kind)
    except (ValueError, JourneyMapperError):
        return None
    for profile in mp.profiles_for(shape.header[0], kind):
        return profile.mapping, profile.name
    return None


def _short(text: str) -> str:
    return text if len(text) <= 32 else text[:31] + "…"


def _heading(names: list[str], fallback: str) -> str:
    """A column's id over its question text (import-id rows left out)."""
    shown = [n for n in names if not n.lstrip().startswith("{")][:2] or [fallback]
    if len(shown) == 2 and shown[0].casefold() == shown[1].casefold():
        shown = shown[:1]
    return "\n".join(_short(n) for n in shown)
