"""The portfolio table: a model over the shown opportunities, sorted by a proxy.

A model instead of a QTableWidget so that opening the dock builds nothing per cell:
Qt asks only for the cells it paints (a screenful, not 8 × 200 items), which keeps
opening the portfolio of the benchmark's 200 opportunities within its 100 ms.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from journeymapper.model.enums import OpportunityStatus
from journeymapper.store.portfolio_queries import OpportunityRow

COLUMNS = ("Opportunity", "Status", "Owner", "Value", "Effort", "Quadrant", "Due", "Pain points")
#: The role the proxy sorts by: numbers as numbers, statuses in workflow order, no date last.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole
_STATUS_ORDER = {s.value: i for i, s in enumerate(OpportunityStatus)}
#: Up to this many rows the columns are fitted to their text; beyond, to their headers.
FIT_ROWS = 60
_Index = QModelIndex | QPersistentModelIndex


def _cells(opp: OpportunityRow) -> tuple[tuple[str, Any], ...]:
    """(text, sort key) per column."""
    due = opp.due_on.isoformat() if opp.due_on else ""
    return (
        (opp.title, opp.title.lower()),
        (opp.status.replace("_", " "), _STATUS_ORDER.get(opp.status, 9)),
        (opp.owner, opp.owner.lower()),
        (str(opp.value), opp.value),
        (str(opp.effort), opp.effort),
        (opp.quadrant, opp.quadrant.lower()),
        (due, due or "9999"),
        (str(len(opp.pain_points)), len(opp.pain_points)),
    )


class OpportunityModel(QAbstractTableModel):
    """Rows are the shown opportunities, in portfolio order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OpportunityRow] = []

    def set_rows(self, rows: list[OpportunityRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        opp = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cells(opp)[col][0]
        if role == SORT_ROLE:
            return _cells(opp)[col][1]
        if role == ID_ROLE:
            return opp.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return opp.description or opp.title
            if col == len(COLUMNS) - 1 and opp.pain_points:
                return "\n".join(f"{p.stage} #{p.number}: {p.text}" for p in opp.pain_points)
        return None


class PortfolioTable(QTableView):
    """The sortable table; rows in portfolio order until a header is clicked."""

    def __init__(self) -> None:
        super().__init__()
        self.source = OpportunityModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # portfolio order until asked
        self.proxy.sort(-1)

    def set_rows(self, rows: list[OpportunityRow]) -> None:
        self.source.set_rows(rows)
        if len(rows) <= FIT_ROWS:
            for col in range(1, len(COLUMNS)):
                self.resizeColumnToContents(col)

    def rowCount(self) -> int:  # noqa: N802
        return self.proxy.rowCount()

    def text(self, row: int, column: int) -> str:
        """The text shown in a cell (row as displayed, after sorting)."""
        return str(self.proxy.index(row, column).data() or "")

    def id_at(self, row: int) -> int:
        return int(self.proxy.index(row, 0).data(ID_ROLE))

    def row_of(self, opportunity_id: int) -> int | None:
        return next((r for r in range(self.rowCount()) if self.id_at(r) == opportunity_id), None)

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.id_at(rows[0].row()) if rows else None
