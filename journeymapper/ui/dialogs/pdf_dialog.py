"""File > Export PDF…: choose page, layout and appendix parts, then export without freezing.

The export runs in a worker thread that opens its OWN read-only Document on
the same file (an SQLAlchemy session is not thread-safe), so the window stays
responsive and the user's open document is never touched. Wire it up with::

    dialog = PdfExportDialog(doc.path, journey_id, journey_name, parent=window)
    dialog.exec()
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model.errors import JourneyMapperError
from journeymapper.pdf.export import ExportCancelled, ExportReport, check_target, export_pdf
from journeymapper.pdf.options import PAGE_SIZES, ExportOptions, MapMode, Orientation
from journeymapper.team.address import is_team_url
from journeymapper.team.opening import open_workspace
from journeymapper.ui.save_places import suggest

APPENDIX_PARTS = (
    ("annotations", "Annotations in full"),
    ("touchpoints", "Touchpoints in full"),
    ("metrics", "Metrics tables"),
    ("charts", "Charts"),
    ("votes", "Dot-voting results"),
    ("portfolio", "Opportunity portfolio"),
    ("health", "Journey health findings"),
)


class ExportWorker(QObject):
    """Runs one export in a worker thread; talks to the dialog only through signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # ExportReport
    failed = Signal(str)

    def __init__(
        self, workspace: str | Path, journey_id: int, out: Path, options: ExportOptions
    ) -> None:
        super().__init__()
        self.workspace, self.journey_id, self.out, self.options = (
            workspace,
            journey_id,
            out,
            options,
        )
        self.cancelled = False

    def _progress(self, done: int, total: int, what: str) -> None:
        if self.cancelled:
            raise ExportCancelled("The export was cancelled; no file was written.")
        self.progressed.emit(done, total, what)

    @Slot()
    def run(self) -> None:
        try:
            with open_workspace(self.workspace, read_only=True) as doc:
                report = export_pdf(doc, self.journey_id, self.out, self.options, self._progress)
        except JourneyMapperError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a worker must always report back, never die silently
            self.failed.emit(f"The export failed unexpectedly: {exc}")
        else:
            self.succeeded.emit(report)
        finally:
            # quit() directly (thread-safe): a queued quit could not run while the GUI
            # thread waits for this thread in done().
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()


class PdfExportDialog(QDialog):
    """Options for a PDF export, a progress bar, and the export itself."""

    exported = Signal(object)  # ExportReport

    def __init__(
        self,
        workspace: str | Path,
        journey_id: int,
        journey_name: str = "",
        parent: QWidget | None = None,
        output: str | Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        #: A file, or a team workspace's address (the worker connects on its own).
        self.workspace = workspace if is_team_url(str(workspace)) else Path(workspace)
        self.journey_id = journey_id
        self.report: ExportReport | None = None
        self.error: str | None = None
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        place = Path(self.workspace) if isinstance(self.workspace, Path) else None
        name = journey_name or (place.stem if place else "journey")
        default = output or suggest(place, name, ".pdf")
        self._build(str(default))

    # -- widgets ---------------------------------------------------------------------
    def _build(self, default_output: str) -> None:
        form = QFormLayout()
        self.page_box = QComboBox()
        self.page_box.addItems(list(PAGE_SIZES))
        self.page_box.setCurrentText("A3")
        form.addRow("Page size", self.page_box)
        self.orientation_box = QComboBox()
        for o in Orientation:
            self.orientation_box.addItem(o.value.capitalize(), o.value)
        form.addRow("Orientation", self.orientation_box)
        self.fit_button = QRadioButton("Fit the map on one page")
        self.tile_button = QRadioButton("Poster at 100 %, tiled over pages")
        self.fit_button.setChecked(True)
        self._mode_group = QButtonGroup(self)
        for b in (self.fit_button, self.tile_button):
            self._mode_group.addButton(b)
        modes = QVBoxLayout()
        modes.addWidget(self.fit_button)
        modes.addWidget(self.tile_button)
        form.addRow("Map", _wrap(modes))

        appendix = QGroupBox("Appendix")
        box = QVBoxLayout(appendix)
        self.part_boxes: dict[str, QCheckBox] = {}
        for key, label in APPENDIX_PARTS:
            check = QCheckBox(label)
            check.setChecked(True)
            self.part_boxes[key] = check
            box.addWidget(check)

        self.output_edit = QLineEdit(default_output)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.output_edit, 1)
        row.addWidget(browse)
        form.addRow("Save as", _wrap(row))
        self.open_when_done = QCheckBox("Open the PDF when done")

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(appendix)
        layout.addWidget(self.open_when_done)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export PDF", self.output_edit.text(), "PDF files (*.pdf)"
        )
        if path:
            self.output_edit.setText(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    # -- what the user chose -------------------------------------------------------------
    def options(self) -> ExportOptions:
        parts = {key: box.isChecked() for key, box in self.part_boxes.items()}
        return ExportOptions(
            page=self.page_box.currentText(),
            orientation=self.orientation_box.currentData(),
            mode=MapMode.TILE.value if self.tile_button.isChecked() else MapMode.FIT.value,
            **parts,
        )

    def set_options(self, options: ExportOptions) -> None:
        self.page_box.setCurrentText(options.page)
        self.orientation_box.setCurrentIndex(self.orientation_box.findData(options.orientation))
        (self.tile_button if options.mode == MapMode.TILE else self.fit_button).setChecked(True)
        for key, box in self.part_boxes.items():
            box.setChecked(bool(getattr(options, key)))

    def output_path(self) -> Path:
        return Path(self.output_edit.text().strip()).expanduser()

    @property
    def running(self) -> bool:
        return self._thread is not None

    # -- the export ----------------------------------------------------------------------
    def start_export(self) -> None:
        if self.running:
            return
        out = self.output_path()
        if not self.output_edit.text().strip():
            self._fail("Choose where to save the PDF.")
            return
        try:
            check_target(out)
        except JourneyMapperError as exc:
            self._fail(str(exc))
            return
        self.report, self.error = None, None
        self._set_busy(True)
        self.status.setText("Exporting…")
        thread = QThread(self)
        worker = ExportWorker(self.workspace, self.journey_id, out, self.options())
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_progress)
        worker.succeeded.connect(self._on_success)
        worker.failed.connect(self._fail)
        thread.finished.connect(self._on_thread_done)
        self._thread, self._worker = thread, worker
        thread.start()

    def _set_busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        self.close_button.setText("Cancel" if busy else "Close")
        for w in (
            self.page_box,
            self.orientation_box,
            self.fit_button,
            self.tile_button,
            self.output_edit,
            *self.part_boxes.values(),
        ):
            w.setEnabled(not busy)

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if what and what != "done":
            self.status.setText(f"Exporting… {what}")

    def _on_success(self, report: ExportReport) -> None:
        self.report = report
        text = f"Wrote {report.pages} page{'s' if report.pages != 1 else ''} to {report.path}."
        if report.warnings:
            text += "\n" + "\n".join(f"• {w}" for w in report.warnings)
        self.status.setText(text)
        self.exported.emit(report)
        if self.open_when_done.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.path)))

    def _fail(self, message: str) -> None:
        self.error = message
        self.status.setText(message)

    def _on_thread_done(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread, self._worker = None, None
        self._set_busy(False)

    def _close_or_cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancelled = True
            self.status.setText("Cancelling…")
            return
        self.reject()

    def wait(self, ms: int = 30000) -> None:
        """Block until a running export ends (tests, and closing the window mid-export)."""
        if self._thread is not None:
            self._thread.wait(ms)

    def done(self, result: int) -> None:  # noqa: D102 (Qt API)
        if self._worker is not None:
            self._worker.cancelled = True
            self.wait()
        super().done(result)


def _wrap(layout: QHBoxLayout | QVBoxLayout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
