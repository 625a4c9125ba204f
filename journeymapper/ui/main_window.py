"""The main window: menus, the canvas, docks and the status bar around one controller."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from journeymapper.editing import Changes
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.safety import lock
from journeymapper.store.journey_data import journey_ids
from journeymapper.team.address import is_team_url
from journeymapper.team.opening import open_workspace
from journeymapper.templates import create_workspace, list_templates
from journeymapper.ui.canvas.editable_scene import EditableScene
from journeymapper.ui.canvas.heatmap import CardHeatmap
from journeymapper.ui.canvas.view import JourneyView
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.dialogs.compare import install_compare
from journeymapper.ui.dialogs.coverage import open_coverage
from journeymapper.ui.docks import install_docks
from journeymapper.ui.docks.analysis import AnalysisDocks
from journeymapper.ui.docks.portfolio import install_portfolio
from journeymapper.ui.file_guard import install_safety
from journeymapper.ui.file_transfer import install_file_transfer
from journeymapper.ui.journey_actions import install_journey_actions
from journeymapper.ui.recent_files import app_settings, install_recent
from journeymapper.ui.save_places import suggest
from journeymapper.ui.team_link import install_team_links
from journeymapper.ui.window_host import WindowHost
from journeymapper.ui.window_layout import install_window_layout
from journeymapper.ui.workshop import install_workshop

FILE_FILTER = "Journey Mapper workspaces (*.jmap);;All files (*)"


class MainWindow(WindowHost):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Journey Mapper")
        self.resize(1440, 900)
        self.controller = DocumentController(self)
        self.scene = EditableScene(self)
        self.scene.controller = self.controller
        self.view = JourneyView(self.scene, self)
        self.setCentralWidget(self.view)
        self.settings = app_settings()
        self._zoom_label = QLabel("100 %")
        self._file_label = QLabel("")
        self.statusBar().addPermanentWidget(self._file_label)
        self.statusBar().addPermanentWidget(self._zoom_label)
        self.view.zoomChanged.connect(lambda z: self._zoom_label.setText(f"{z * 100:.0f} %"))
        self.controller.journeyChanged.connect(self._on_journey_changed)
        self.controller.changed.connect(self._on_changed)
        self.controller.errorOccurred.connect(self.show_error)
        self._build_menus()
        self.recent = install_recent(self, self.recent_menu)
        docks = install_docks(self, self.controller, self.scene, self.view, self.view_menu)
        self.inspector_dock, self.workspace_dock = docks.inspector, docks.workspace
        self.outline_dock = docks.outline
        portfolio = install_portfolio(self, self.controller, self.scene, self.view_menu)
        self.portfolio_dock, self.portfolio_marks = portfolio.dock, portfolio.marks
        self.analysis = AnalysisDocks(self, self.controller, self.scene, self.view, self.view_menu)
        self.heatmap = CardHeatmap(self.controller, self.scene, self.view, self.view_menu)
        self.view_menu.addAction("Coverage matrix (channels × stages)…", self.show_coverage)
        self.file_transfer = install_file_transfer(self)
        self.safety = install_safety(self)
        self.team_links = install_team_links(self)
        self.workshop = install_workshop(self)
        self.compare = install_compare(self)
        install_window_layout(self)
        install_journey_actions(self)

    # -- menus ----------------------------------------------------------------
    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(
            self._action(
                "&New from template…", self.new_from_template, QKeySequence.StandardKey.New
            )
        )
        self.file_menu.addAction(
            self._action("&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        )
        self.file_menu.addAction(self._action("Open &team workspace…", self.open_team_dialog))
        self.recent_menu = self.file_menu.addMenu("Open &recent")
        self.file_menu.addAction(
            self._action("Save &As…", self.save_as_dialog, QKeySequence.StandardKey.SaveAs)
        )
        self.file_menu.addSeparator()
        self.export_separator = self.file_menu.addSeparator()
        self.export_pdf_action = self._action("Export &PDF…", self.export_pdf_dialog, "Ctrl+P")
        self.file_menu.insertAction(self.export_separator, self.export_pdf_action)
        self.file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        self.edit_menu = bar.addMenu("&Edit")
        undo = self.controller.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.controller.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(
            self._action(
                "&Copy", self.scene.clipboard.copy_selection, QKeySequence.StandardKey.Copy
            )
        )
        self.edit_menu.addAction(
            self._action("&Paste", self.scene.clipboard.paste, QKeySequence.StandardKey.Paste)
        )
        self.edit_menu.addAction(
            self._action("D&uplicate", self.scene.actions.duplicate_selection, "Ctrl+D")
        )
        self.edit_menu.addAction(
            self._action(
                "&Delete", self.scene.actions.delete_selection, QKeySequence.StandardKey.Delete
            )
        )
        self.edit_menu.addAction(
            self._action("Select &all", self._select_all, QKeySequence.StandardKey.SelectAll)
        )

        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self._action("Zoom &in", self.view.zoom_in, "Ctrl+="))
        self.view_menu.addAction(self._action("Zoom &out", self.view.zoom_out, "Ctrl+-"))
        self.view_menu.addAction(self._action("&Actual size", self.view.reset_zoom, "Ctrl+1"))
        self.view_menu.addAction(self._action("&Fit to window", self.view.fit, "Ctrl+0"))
        self.view_menu.addSeparator()
        self.metrics_action = self._action("Show &metrics", self._toggle_metrics, "Ctrl+M")
        self.metrics_action.setCheckable(True)
        self.metrics_action.setChecked(True)
        self.view_menu.addAction(self.metrics_action)
        zoom_in_alt = self._action("Zoom in", self.view.zoom_in, "Ctrl++")
        self.addAction(zoom_in_alt)

        self.journey_menu = bar.addMenu("&Journey")
        self.journey_menu.aboutToShow.connect(self._fill_journey_menu)

        self.map_menu = bar.addMenu("&Map")
        self.map_menu.addAction(self._action("Add &stage", lambda: self.scene.actions.add_stage()))
        self.map_menu.addAction(
            self._action(
                "Add &online channel lane", lambda: self.scene.actions.add_lane("channel", "online")
            )
        )
        self.map_menu.addAction(
            self._action(
                "Add o&ffline channel lane",
                lambda: self.scene.actions.add_lane("channel", "offline"),
            )
        )
        self.map_menu.addAction(
            self._action("Add &text lane", lambda: self.scene.actions.add_lane("text"))
        )
        self.map_menu.addAction(
            self._action("Add &emotion lane", lambda: self.scene.actions.add_lane("emotion"))
        )

    def _select_all(self) -> None:
        self.scene.select_touchpoints(list(self.scene.cards))

    def _fill_journey_menu(self) -> None:
        self.journey_menu.clear()
        doc = self.controller.doc
        if doc is None:
            return
        for journey_id, name in journey_ids(doc):
            action = self.journey_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(journey_id == self.controller.journey_id)
            action.triggered.connect(
                lambda _checked=False, j=journey_id: self.controller.set_journey(j)
            )

    def _toggle_metrics(self) -> None:
        self.scene.set_metrics_visible(self.metrics_action.isChecked())

    # -- files ----------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a workspace file; a refusal is shown to the user and nothing is written."""
        try:
            doc = open_workspace(path)
        except JourneyMapperError as exc:
            self.show_error(str(exc))
            return False
        self.show_document(doc)
        return True

    def show_document(self, doc: Document) -> None:
        """Show a workspace opened (and checked) by ``Document.open``: the start opens its
        first one before this window exists (ui/startup.py)."""
        self._adopt(doc)
        if doc.migrated_from is not None:
            self.statusBar().showMessage(
                f"Upgraded from file format {doc.migrated_from}; the original is kept as "
                f"{doc.backup_path.name if doc.backup_path else 'a backup'}.",
                10000,
            )

    def _adopt(self, doc: Document) -> None:
        self.controller.set_document(doc)
        if doc.is_file:  # a team address is never kept (it may hold a password)
            self.recent.add(doc.path)
        suffix = " [read-only]" if doc.read_only else ""
        self.setWindowTitle(f"{doc.path.name}{suffix} — Journey Mapper")
        self._file_label.setText(doc.path.name)
        self._file_label.setToolTip(doc.describe() + suffix)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open workspace", "", FILE_FILTER)
        if path:
            self.open_path(path)

    def open_team_dialog(self) -> None:
        """File > Open team workspace…: a postgresql:// address (never stored)."""
        address, ok = QInputDialog.getText(
            self,
            "Open team workspace",
            "Server address (postgresql://user@host/database#workspace, or service=NAME):",
        )
        if ok and address.strip():
            text = address.strip()
            self.open_path(text if is_team_url(text) else f"postgresql:///?{text}")

    def new_from_template(self) -> None:
        templates = list_templates()
        titles = [f"{t.title} — {t.description}" for t in templates]
        choice, ok = QInputDialog.getItem(self, "New workspace", "Start from:", titles, 0, False)
        if not ok:
            return
        template = templates[titles.index(choice)].name
        title = templates[titles.index(choice)].title
        path, _ = QFileDialog.getSaveFileName(
            self, "Create workspace", suggest(self.controller.path, title, ".jmap"), FILE_FILTER
        )
        if path:
            self.create_from_template(path, template)

    def create_from_template(self, path: str | Path, template: str) -> bool:
        path = Path(path)
        if path.suffix != ".jmap":
            path = path.with_suffix(".jmap")
        try:
            with lock.writing(path):  # never onto a workspace another window holds
                if path.exists():
                    path.unlink()
                doc = create_workspace(path, template)
        except (JourneyMapperError, OSError) as exc:
            self.show_error(str(exc))
            return False
        self._adopt(doc)
        return True

    def save_as_dialog(self) -> None:
        if self.controller.doc is None:
            return
        name = self.scene.data.name if self.scene.data else self.controller.doc.path.stem
        start = suggest(self.controller.doc.path, name, ".jmap")
        path, _ = QFileDialog.getSaveFileName(self, "Save workspace as", start, FILE_FILTER)
        if path:
            self.save_as(path)

    def save_as(self, path: str | Path) -> bool:
        doc = self.controller.doc
        if doc is None:
            return False
        path = Path(path)
        if path.suffix != ".jmap":
            path = path.with_suffix(".jmap")
        try:
            doc.save_as(path)
        except JourneyMapperError as exc:
            self.show_error(str(exc))
            return False
        self._adopt(doc)
        return True

    def export_pdf_dialog(self) -> None:
        """File > Export PDF…: options, progress and the export in a background thread."""
        from journeymapper.ui.dialogs.pdf_dialog import PdfExportDialog

        doc, journey_id = self.controller.doc, self.controller.journey_id
        if doc is None or journey_id is None:
            return
        name = self.scene.data.name if self.scene.data else ""
        dialog = PdfExportDialog(doc.location(), journey_id, name, parent=self)
        dialog.exported.connect(
            lambda report: self.statusBar().showMessage(
                f"Exported {report.pages} pages to {report.path}", 8000
            )
        )
        self.pdf_dialog = dialog
        dialog.open()

    def show_coverage(self) -> QDialog | None:
        """View > Coverage matrix: touchpoints per channel and stage."""
        self.coverage_dialog = open_coverage(self.scene.data, self)
        return self.coverage_dialog

    # -- reactions --------------------------------------------------------------
    def _on_journey_changed(self) -> None:
        self.scene.show_journey(self.controller.doc, self.controller.journey_id)
        self.view.show_start()

    def _on_changed(self, changes: Changes) -> None:
        self.scene.apply_changes(changes)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Journey Mapper", message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.last_error = message

    def restore_layout(self) -> None:
        """The window's size, place and docks as the user left them; maximised the first time."""
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None and self.restoreGeometry(geometry):
            if state is not None:
                self.restoreState(state)
        else:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.controller.close_document()
        super().closeEvent(event)
