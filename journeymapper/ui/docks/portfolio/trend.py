"""The selected opportunity's targets in the Portfolio dock: each one's metric trend
with its target line (from → to, by a date), one target at a time from a list.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from journeymapper.model.document import Document
from journeymapper.store.portfolio_queries import OpportunityRow, target_trend
from journeymapper.ui.docks.charts.plot import ChartPlot
from journeymapper.ui.docks.charts.targets import draw_measured, draw_targets, fit

EMPTY = "Select an opportunity with a target to see its metric's trend."


class TargetTrendPane(QWidget):
    """A target picker over a trend chart (drawn from :mod:`charts.targets`)."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.picker = QComboBox()
        self.picker.setAccessibleName("Target")
        self.picker.setToolTip("Which of the opportunity's targets to chart")
        self.picker.currentIndexChanged.connect(lambda _i: self._draw())
        layout.addWidget(self.picker)
        self.plot = ChartPlot(bottom=pg.DateAxisItem("bottom", utcOffset=0))
        self.plot.setMinimumSize(260, 200)
        layout.addWidget(self.plot, 1)
        self._doc: Document | None = None
        self._opp: OpportunityRow | None = None
        self.show_opportunity(None, None)

    def show_opportunity(self, doc: Document | None, opp: OpportunityRow | None) -> None:
        """Chart ``opp``'s targets (keeping the chosen one when it is still there)."""
        self._doc, self._opp = doc, opp
        keep = self.picker.currentData()
        targets = opp.targets if opp is not None else []
        blocked = self.picker.blockSignals(True)
        self.picker.clear()
        for target in targets:
            self.picker.addItem(target.label, target.id)
        self.picker.setCurrentIndex(max(0, self.picker.findData(keep)))
        self.picker.setVisible(bool(targets))
        self.picker.blockSignals(blocked)
        self._draw()

    def redraw(self) -> None:
        """Measurements changed: read the chosen target's series again."""
        self._draw()

    def _draw(self) -> None:
        plot, opp = self.plot, self._opp
        plot.begin()
        target = None
        if opp is not None and self._doc is not None:
            target = next((t for t in opp.targets if t.id == self.picker.currentData()), None)
        if target is None or opp is None or self._doc is None:
            plot.title(None)
            plot.label("left", "")
            plot.message(EMPTY if opp is None else f"{opp.title!r} has no targets yet.")
            plot.finish()
            return
        trend = target_trend(self._doc, opp, target)
        plot.title(html.escape(f"{target.metric} on {target.place.label}"))
        plot.label("left", target.metric + (f" ({target.unit})" if target.unit else ""))
        plot.label("bottom", "Date")
        xs = draw_measured(plot, trend.points) if trend.points else []
        xs += draw_targets(plot, [trend.line], trend.points)
        fit(plot, xs, trend.min_value, trend.max_value)
        plot.finish()
