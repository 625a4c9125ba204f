"""The Portfolio dock: every opportunity in a sortable, filterable table and a matrix.

Filters by status, owner, journey and stage; clicking a row selects the pain
points and cards it answers on the map and charts its targets beside the matrix
(:mod:`.trend`); dragging a matrix point re-scores it as one undo step. It reads
:func:`load_portfolio` once per refresh (a few ms for hundreds of opportunities)
and writes only through the controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from journeymapper import editing
from journeymapper.editing import Changes
from journeymapper.model.enums import OpportunityStatus
from journeymapper.store.portfolio_queries import OpportunityRow, Portfolio, load_portfolio
from journeymapper.ui.docks.portfolio.matrix import MatrixView
from journeymapper.ui.docks.portfolio.table import PortfolioTable
from journeymapper.ui.docks.portfolio.trend import TargetTrendPane

if TYPE_CHECKING:
    from journeymapper.ui.canvas.scene import JourneyScene
    from journeymapper.ui.controller import DocumentController

ANY = "(any)"
#: Tables whose change can alter what the dock shows.
WATCHED = ("opportunity", "solution", "target", "opportunity_link", "annotation", "stage")


class PortfolioDock(QDockWidget):
    def __init__(
        self, controller: DocumentController, scene: JourneyScene, parent: QWidget | None = None
    ) -> None:
        super().__init__("Portfolio", parent)
        self.setObjectName("PortfolioDock")
        self.controller, self.scene = controller, scene
        self.portfolio = Portfolio([], {}, {})
        self.shown: list[OpportunityRow] = []
        self._refilling = False
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        self.filters: dict[str, QComboBox] = {}
        for name in ("status", "owner", "journey", "stage"):
            box = QComboBox()
            box.setAccessibleName(f"Filter by {name}")
            box.setToolTip(f"Show only opportunities with this {name}")
            box.currentIndexChanged.connect(self._fill)
            filters.addWidget(box)
            self.filters[name] = box
        layout.addLayout(filters)
        self.table = PortfolioTable()
        self.table.selectionModel().selectionChanged.connect(self._row_selected)
        self.matrix = MatrixView(self._dropped, self.select_opportunity)
        self.trend = TargetTrendPane()
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.matrix)
        top.addWidget(self.trend)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)  # a taller dock shows more rows, not only a bigger matrix
        layout.addWidget(split)
        self.setWidget(body)
        controller.changed.connect(self._changed)
        controller.journeyChanged.connect(lambda: self.isVisible() and self.refresh())

    # -- reading ---------------------------------------------------------------------
    def refresh(self) -> None:
        doc = self.controller.doc
        self.portfolio = load_portfolio(doc) if doc is not None else Portfolio([], {}, {})
        self._fill_filters()
        self._fill()

    def _changed(self, changes: Changes) -> None:
        """Refresh when shown; a hidden dock refreshes when it is shown again."""
        if not self.isVisible():
            return
        if any(table in changes for table in WATCHED):
            self.refresh()
        elif "measurement" in changes:
            self.trend.redraw()  # a new value on the trend; the portfolio is the same

    def _fill_filters(self) -> None:
        opps = self.portfolio.opportunities
        choices = {
            "status": [s.value for s in OpportunityStatus],
            "owner": sorted({o.owner for o in opps if o.owner}) + ["(no owner)"],
            "journey": sorted({j for o in opps for j in o.journeys}),
            "stage": sorted({s for o in opps for s in o.stages}),
        }
        for name, box in self.filters.items():
            current = box.currentText()
            blocked = box.blockSignals(True)
            box.clear()
            box.addItem(f"{name.capitalize()}: {ANY}", None)
            for value in choices[name]:
                box.addItem(value.replace("_", " ") if name == "status" else value, value)
            index = box.findText(current)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(blocked)

    @staticmethod
    def _matches(opp: OpportunityRow, want: dict[str, str | None]) -> bool:
        if want["status"] is not None and opp.status != want["status"]:
            return False
        if want["owner"] is not None and (opp.owner or "(no owner)") != want["owner"]:
            return False
        if want["journey"] is not None and want["journey"] not in opp.journeys:
            return False
        return want["stage"] is None or want["stage"] in opp.stages

    def _fill(self) -> None:
        """Table and matrix of the shown opportunities; the selected one stays selected."""
        chosen = self.table.selected_id()
        want = {name: box.currentData() for name, box in self.filters.items()}
        self.shown = [o for o in self.portfolio.opportunities if self._matches(o, want)]
        self.table.set_rows(self.shown)
        self.matrix.set_opportunities(self.shown)
        row = self.table.row_of(chosen) if chosen is not None else None
        if row is not None:
            self._refilling = True  # the same opportunity again: leave the map alone
            try:
                self.table.selectRow(row)
            finally:
                self._refilling = False
        opp = self.portfolio.get(chosen) if row is not None and chosen is not None else None
        self.trend.show_opportunity(self.controller.doc, opp)

    # -- gestures ----------------------------------------------------------------------
    def _dropped(self, opportunity_id: int, value: int, effort: int) -> None:
        opp = self.portfolio.get(opportunity_id)
        if opp is None:
            return
        if (opp.value, opp.effort) == (value, effort):
            self.matrix.set_opportunities(self.shown)  # back to its place
            return
        self.controller.run(
            f"Re-score {opp.title!r}",
            editing.edit_opportunity,
            opportunity_id=opportunity_id,
            value=value,
            effort=effort,
        )

    def select_opportunity(self, opportunity_id: int) -> None:
        row = self.table.row_of(opportunity_id)
        if row is not None:
            self.table.selectRow(row)

    def selected_id(self) -> int | None:
        return self.table.selected_id()

    def _row_selected(self) -> None:
        """Select on the map the pain points and cards of the chosen opportunity."""
        if self._refilling:
            return
        opp_id = self.selected_id()
        opp = self.portfolio.get(opp_id) if opp_id is not None else None
        self.trend.show_opportunity(self.controller.doc, opp)
        if opp is None:
            return
        journey = self.controller.journey_id
        cards = [p.touchpoint_id for p in opp.places if p.touchpoint_id and p.journey_id == journey]
        cards += [t.place.touchpoint_id for t in opp.targets if t.place.touchpoint_id]
        blocked = self.scene.blockSignals(True)
        try:
            self.scene.select_touchpoints([c for c in cards if c is not None])
            for pain in opp.pain_points:
                marker = self.scene.markers.get(pain.id)
                if marker is not None:
                    marker.setSelected(True)
        finally:
            self.scene.blockSignals(blocked)
        self.scene.selectionChanged.emit()
