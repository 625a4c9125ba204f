"""The import dialog: a preview of what a file will add, or the report of what is wrong.

Standalone: the main window opens it from File > Import and, when it is
accepted, refreshes from :attr:`ImportDialog.result` (its ``changes``, and its
``inverse`` to push as one undo step). Long reads and writes show a progress
dialog that keeps the window responsive and can cancel (nothing is written).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper.interchange import registry
from journeymapper.interchange.importing import ImportResult, Plan
from journeymapper.interchange.mapping import Mapping
from journeymapper.interchange.report import (
    ImportCancelled,
    ImportFailed,
    ImportReport,
    Progress,
)
from journeymapper.interchange.sniff import read_bytes
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.ui.dialogs.column_mapping import ColumnMappingDialog, saved_mapping_for

#: Files up to this many lines are fully checked (a rolled-back trial import) for the preview
#: (the bulk import path checks 200,000 rows in a few seconds).
CHECK_LIMIT = 200_000
KINDS = tuple(i.kind for i in registry.IMPORTERS)


class ImportDialog(QDialog):
    """Preview an import of ``path`` and run it on request.

    ``kind`` is "touchpoints" (into ``journey_id`` of ``doc``, or a new journey
    when None), "measurements" (into ``doc``), "survey" (raw responses into ``doc``,
    previewed as the NPS / CSAT / CES measurements they give) or "workspace" (a JSON
    export, written as a new workspace at ``target``).
    """

    def __init__(
        self,
        path: str | Path,
        kind: str,
        doc: Document | None = None,
        journey_id: int | None = None,
        target: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.importer = registry.importer(kind)
        self.path = Path(path)
        self.kind = kind
        self.doc = doc
        self.journey_id = journey_id
        self.target = target
        self.plan: Plan | None = None
        self.result: ImportResult | None = None
        self.mapping: Mapping | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.mappable = "mapping" in self.importer.options
        self.setWindowTitle(f"{self.importer.title} — {self.path.name}")
        self.resize(820, 560)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the report to the clipboard")
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self.map_button = self.buttons.addButton(
            "Map columns…", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.map_button.clicked.connect(self.map_columns)
        self.map_button.setVisible(self.mappable)

        self.report_box = QWidget()
        report_layout = QVBoxLayout(self.report_box)
        report_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Problems</b> — nothing is imported until every row is right"))
        head.addStretch(1)
        head.addWidget(self.copy_button)
        report_layout.addLayout(head)
        report_layout.addWidget(self.problems)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.report_box, 2)
        layout.addWidget(self.buttons)
        self.load()

    # -- reading ----------------------------------------------------------------------
    def load(self) -> None:
        """Read and check the file; show its preview, or what is wrong with it."""
        try:
            with self._progress("Reading") as progress:
                self.plan = self._plan(progress)
                self._check(self.plan, progress)
        except ImportFailed as exc:
            self._show_report(exc.report)
            self.summary.setText(f"{self.path.name} cannot be imported.")
            self.table.hide()
            return
        except ImportCancelled:
            self.summary.setText("Reading was cancelled.")
            self.import_button.setEnabled(False)
            self.report_box.hide()
            return
        except JourneyMapperError as exc:
            self._show_report(_single(self.path.name, str(exc)))
            self.table.hide()
            return
        plan = self.plan
        self._fill_table(plan)
        rows = getattr(plan, "rows", None)
        count = len(rows) if rows is not None else len(plan.preview_rows)
        text = f"<b>{self.path.name}</b>: {plan.details}. "
        if plan.ok:
            shown = len(plan.preview_rows)
            text += f"{self._what(count)}" + (
                f" (the first {shown} shown)." if count > shown else "."
            )
        else:
            text += "Rows with problems are marked; point at one to see why."
        extra = self._new_items(plan)
        self.summary.setText(text + (f"<br>{extra}" if extra else ""))
        if plan.ok:
            self.report_box.hide()
        else:
            self._show_report(plan.report)

    def _plan(self, progress: Progress) -> Plan:
        data = read_bytes(self.path)
        if self.importer.needs_doc and self.doc is None:
            raise JourneyMapperError("Open a workspace first.")
        if not self.mappable:
            return self.importer.plan(self.doc, data, self.path.name, self.journey_id, progress)
        if self.mapping is None and (saved := saved_mapping_for(data, self.path.name, self.kind)):
            self.mapping, name = saved  # offered again: the same header maps without questions
            self.setWindowTitle(f"{self.windowTitle()} — mapping profile {name!r}")
        return self.importer.plan(
            self.doc, data, self.path.name, self.journey_id, progress, mapping=self.mapping
        )

    def map_columns(self) -> None:
        """Open the mapping steps; their mapping re-reads the file when accepted."""
        data = read_bytes(self.path)
        dialog = ColumnMappingDialog(
            data, self.path.name, self.kind, self.doc, self.journey_id, self.mapping, self
        )
        dialog.accepted.connect(lambda: self.use_mapping(dialog.mapping))
        self.mapping_dialog = dialog
        dialog.open()

    def use_mapping(self, mapping: Mapping | None) -> None:
        self.mapping = mapping
        self.table.show()
        self.import_button.setEnabled(True)
        self.load()

    def _check(self, plan: Plan, progress: Progress) -> None:
        """Try the import and roll it back, so the preview marks every row the rules refuse.

        Skipped for big files (the real import still checks them all).
        """
        writable = self.doc is not None and not self.doc.read_only
        if not self.importer.needs_doc or not writable or plan.size > CHECK_LIMIT:
            return
        with contextlib.suppress(ImportFailed):
            self._apply(plan, progress, dry_run=True)

    def _what(self, count: int) -> str:
        one, many = self.importer.noun
        return f"{count} {one if count == 1 else many} to import"

    @staticmethod
    def _new_items(plan: Plan) -> str:
        stages = getattr(plan, "new_stages", [])
        lanes = getattr(plan, "new_lanes", [])
        parts = []
        if stages:
            parts.append("new stages: " + ", ".join(stages))
        if lanes:
            parts.append("new lanes: " + ", ".join(f"{n} ({k})" for n, k in lanes))
        return "Will create " + "; ".join(parts) + "." if parts else ""

    def _fill_table(self, plan: Plan) -> None:
        """The preview: one table row per file row, numbered by file line, bad rows marked."""
        reasons: dict[int, list[str]] = {}
        for p in plan.report.problems:
            if p.line is not None:
                reasons.setdefault(p.line, []).append(str(p))
        self.table.setColumnCount(len(plan.headers))
        self.table.setHorizontalHeaderLabels(plan.headers)
        self.table.setRowCount(len(plan.preview_rows))
        labels = []
        for r, (line, row) in enumerate(zip(plan.preview_lines, plan.preview_rows, strict=True)):
            labels.append("" if line is None else str(line))
            bad = reasons.get(line, []) if line is not None else []
            for c, value in enumerate(row):
                item = QTableWidgetItem(value.replace("\r\n", "\n"))
                item.setToolTip("\n".join(bad) if bad else value)
                if bad:
                    item.setBackground(QColor("#f8d7d4"))
                self.table.setItem(r, c, item)
        self.table.setVerticalHeaderLabels(labels)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 260))

    # -- writing ----------------------------------------------------------------------
    def run_import(self) -> None:
        """Write the plan; on success accept, on failure show the full report."""
        plan = self.plan
        if plan is None or not plan.ok:
            return
        try:
            with self._progress("Importing") as progress:
                self.result = self._apply(plan, progress)
        except ImportFailed as exc:
            self._show_report(exc.report)
            return
        except ImportCancelled as exc:
            self.summary.setText(str(exc))
            return
        except JourneyMapperError as exc:
            self._show_report(_single(self.path.name, str(exc)))
            return
        self.accept()

    def _apply(self, plan: Plan, progress: Progress, dry_run: bool = False) -> ImportResult:
        imp = self.importer
        if imp.apply is None:  # a format that makes a new workspace from the file
            if self.target is None:
                raise JourneyMapperError("Choose where to save the new workspace first.")
            return imp.import_file(self.path, self.target, progress=progress)
        assert self.doc is not None
        return imp.apply(
            self.doc,
            plan,
            self.journey_id,
            journey_name=self.path.stem,
            progress=progress,
            dry_run=dry_run,
        )

    # -- report -----------------------------------------------------------------------
    def _show_report(self, report: ImportReport) -> None:
        self.problems.setPlainText(report.text())
        self.report_box.show()
        self.import_button.setEnabled(False)

    def report_text(self) -> str:
        return self.problems.toPlainText()

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report_text())

    # -- progress ---------------------------------------------------------------------
    def _progress(self, label: str) -> _ProgressScope:
        return _ProgressScope(self, f"{label} {self.path.name}…")


class _ProgressScope:
    """A progress dialog shown only when work takes a while; Cancel stops the import."""

    def __init__(self, parent: QWidget, label: str) -> None:
        self.dialog = QProgressDialog(label, "Cancel", 0, 1000, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)

    def __enter__(self) -> Progress:
        def progress(done: int, total: int) -> None:
            self.dialog.setValue(int(1000 * done / total) if total else 0)
            QApplication.processEvents()
            if self.dialog.wasCanceled():
                raise ImportCancelled()

        return progress

    def __exit__(self, *exc: object) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


def _single(source: str, message: str) -> ImportReport:
    report = ImportReport(source)
    report.add(None, None, message)
    return report
