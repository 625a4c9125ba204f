"""File > Import and File > Export: CSV and JSON through the interchange services, and
PNG/SVG pictures of the canvas. An import lands as one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog

from journeymapper.interchange.touchpoints_csv import write_touchpoints_csv
from journeymapper.interchange.workspace_json import write_workspace_json
from journeymapper.model.errors import JourneyMapperError
from journeymapper.ui.dialogs.import_dialog import ImportDialog
from journeymapper.ui.image_export import export_png, export_svg
from journeymapper.ui.save_places import suggest
from journeymapper.ui.window_host import WindowHost

CSV_FILTER = "CSV files (*.csv *.txt *.tsv);;All files (*)"
JSON_FILTER = "Journey Mapper JSON (*.json);;All files (*)"


class FileTransfer(QObject):
    """The import and export menu entries of one main window."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        menu = window.file_menu
        before = window.export_separator
        self.import_menu = menu.addMenu("&Import")
        self.export_menu = menu.addMenu("E&xport")
        menu.insertMenu(before, self.import_menu)
        menu.insertMenu(before, self.export_menu)
        self.import_menu.addAction("Touchpoints from CSV…", lambda: self.ask_import("touchpoints"))
        self.import_menu.addAction(
            "Measurements from CSV…", lambda: self.ask_import("measurements")
        )
        self.import_menu.addAction("Survey responses from CSV…", lambda: self.ask_import("survey"))
        self.import_menu.addAction("Workspace from JSON…", lambda: self.ask_import("workspace"))
        self.export_menu.addAction("Touchpoints as CSV…", lambda: self.ask_export("csv"))
        self.export_menu.addAction("Workspace as JSON…", lambda: self.ask_export("json"))
        self.export_menu.addAction("Map as PNG image…", lambda: self.ask_export("png"))
        self.export_menu.addAction("Map as SVG image…", lambda: self.ask_export("svg"))

    # -- import -----------------------------------------------------------------
    def ask_import(self, kind: str) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self.window, "Import", "", JSON_FILTER if kind == "workspace" else CSV_FILTER
        )
        if not source:
            return
        target = None
        if kind == "workspace":
            chosen, _ = QFileDialog.getSaveFileName(
                self.window,
                "New workspace for the import",
                suggest(self.window.controller.path, Path(source).stem, ".jmap"),
                "Workspaces (*.jmap)",
            )
            if not chosen:
                return
            target = Path(chosen).with_suffix(".jmap")
        self.open_import(source, kind, target)

    def open_import(
        self, source: str | Path, kind: str, target: Path | None = None
    ) -> ImportDialog:
        controller = self.window.controller
        dialog = ImportDialog(
            source, kind, controller.doc, controller.journey_id, target=target, parent=self.window
        )
        dialog.finished.connect(lambda code: self._imported(dialog, kind, target, code))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, dialog: ImportDialog, kind: str, target: Path | None, code: int) -> None:
        result = dialog.result
        if code != QDialog.DialogCode.Accepted or result is None:
            return
        if kind == "workspace" and target is not None:
            self.window.open_path(target)
        else:
            self.window.controller.record(f"Import {kind}", result)
        self.window.statusBar().showMessage(result.summary(), 10000)

    # -- export -----------------------------------------------------------------
    def ask_export(self, fmt: str) -> None:
        doc = self.window.controller.doc
        if doc is None:
            return
        filters = {
            "csv": "CSV files (*.csv)",
            "json": JSON_FILTER,
            "png": "PNG images (*.png)",
            "svg": "SVG images (*.svg)",
        }
        data = self.window.scene.data
        default = suggest(doc.path, data.name if data else doc.path.stem, f".{fmt}")
        path, _ = QFileDialog.getSaveFileName(self.window, "Export", default, filters[fmt])
        if path:
            self.export(fmt, Path(path))

    def export(self, fmt: str, path: Path) -> Path | None:
        """Write one export; a failure is shown to the user and nothing partial is left."""
        window = self.window
        doc, journey_id = window.controller.doc, window.controller.journey_id
        if doc is None:
            return None
        if path.suffix.lower() != f".{fmt}":
            path = path.with_suffix(f".{fmt}")
        try:
            if fmt == "csv" and journey_id is not None:
                out = write_touchpoints_csv(doc, journey_id, path)
            elif fmt == "json":
                out = write_workspace_json(doc, path)
            elif fmt == "png":
                out = export_png(window.scene, path)
            elif fmt == "svg":
                title = window.scene.data.name if window.scene.data else ""
                out = export_svg(window.scene, path, title)
            else:
                return None
        except (JourneyMapperError, OSError) as exc:
            window.show_error(str(exc))
            return None
        window.statusBar().showMessage(f"Exported {out}", 8000)
        return out


def install_file_transfer(window: WindowHost) -> FileTransfer:
    """Add File > Import and File > Export to ``window``."""
    return FileTransfer(window)
