"""The coverage matrix: touchpoints per channel lane and stage, gaps in orange."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from journeymapper.analysis.aggregates import coverage
from journeymapper.analysis.heatmap import text_colour
from journeymapper.store.journey_data import JourneyData


class CoverageDialog(QDialog):
    """One cell per channel lane × stage: how many touchpoints the map has there."""

    def __init__(self, data: JourneyData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        cov = coverage(data)
        self.setWindowTitle("Coverage: touchpoints per channel and stage")
        table = QTableWidget(len(cov.lanes), len(cov.stages), self)
        table.setHorizontalHeaderLabels([s.name for s in cov.stages])
        table.setVerticalHeaderLabels([f"{ln.name} ({ln.channel_kind})" for ln in cov.lanes])
        most = max(cov.counts.values(), default=1)
        for r, lane in enumerate(cov.lanes):
            for c, stage in enumerate(cov.stages):
                n = cov.count(lane.id, stage.id)
                item = QTableWidgetItem(str(n) if n else "—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                shade = QColor("#fbe3d6") if n == 0 else _blue(n / most)
                item.setBackground(shade)
                item.setForeground(QColor(text_colour(shade.name())))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        note = QLabel(
            f"{len(cov.gaps())} empty cells (orange) out of {len(cov.lanes) * len(cov.stages)}: "
            "channels a customer may meet in a stage that the map does not cover yet."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(note)
        self.resize(min(1200, 160 + 120 * len(cov.stages)), 120 + 32 * len(cov.lanes))


def open_coverage(data: JourneyData | None, parent: QWidget | None = None) -> QDialog | None:
    """Show the coverage matrix of ``data`` (window-modal; None when no journey is open)."""
    if data is None:
        return None
    dialog = CoverageDialog(data, parent)
    dialog.open()
    return dialog


def _blue(fraction: float) -> QColor:
    """Light to dark blue for 0..1 (cells with touchpoints)."""
    light, dark = QColor("#dbe9f6"), QColor("#1f5f99")
    f = max(0.0, min(1.0, fraction))
    return QColor(
        round(light.red() + (dark.red() - light.red()) * f),
        round(light.green() + (dark.green() - light.green()) * f),
        round(light.blue() + (dark.blue() - light.blue()) * f),
    )
