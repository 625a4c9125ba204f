"""The Outline dock: the journey as a tree (stages → lanes → cards), with search.

A blueprint adds a Connectors group after the stages (:mod:`outline_connectors`).

The tree is a :class:`QStandardItemModel` filled in one batch per stage and
filtered by a recursive proxy in C++, so searching a 2,000-touchpoint map costs
no Python per row. Edits that only touch a few touchpoints patch their rows;
anything structural rebuilds the tree. Selection follows the canvas both ways.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from journeymapper.editing import Changes
from journeymapper.model.enums import CARD_LANE_KINDS, JourneyView
from journeymapper.model.errors import DocumentError
from journeymapper.store import item_queries
from journeymapper.store.blueprint_queries import journey_view
from journeymapper.store.journey_data import (
    JourneyData,
    TouchpointData,
    load_connectors,
    load_journey,
    load_touchpoint,
    load_vote_counts,
)
from journeymapper.ui.canvas.items import StageHeaderItem
from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.docks.fields import alive, coalesced
from journeymapper.ui.docks.outline_connectors import connectors_group

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
#: On a lane row: the stage of its cell.
STAGE_ROLE = Qt.ItemDataRole.UserRole + 4
#: Above this many touchpoints in one change, rebuilding beats patching.
PATCH_LIMIT = 50
#: What the Outline says while no workspace is open.
NO_WORKSPACE = (
    "No workspace is open.\n\nCreate a map from a template or open a workspace: its stages, "
    "lanes and touchpoints are listed here, and a search finds any card."
)


def _search_text(tp: TouchpointData) -> str:
    return "\n".join((tp.title, tp.description, tp.owner))


def _row_text(tp: TouchpointData) -> str:
    """The title, plus the visible dot-votes when there are any (as the card shows them)."""
    if not tp.votes:
        return tp.title
    return f"{tp.title}  ·  {tp.votes} vote{'' if tp.votes == 1 else 's'}"


def _touchpoint_item(tp: TouchpointData) -> QStandardItem:
    item = QStandardItem(_row_text(tp))
    item.setEditable(False)
    item.setData("touchpoint", KIND_ROLE)
    item.setData(tp.id, ID_ROLE)
    item.setData(_search_text(tp), SEARCH_ROLE)
    tip = tp.title + (f"\n{tp.description}" if tp.description else "")
    item.setToolTip(tip + (f"\nOwner: {tp.owner}" if tp.owner else ""))
    return item


def _group_item(kind: str, item_id: int, text: str, search: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(kind, KIND_ROLE)
    item.setData(item_id, ID_ROLE)
    item.setData(search, SEARCH_ROLE)  # groups match none; they show through their children
    return item


class OutlinePanel(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        scene: JourneyScene,
        view: QGraphicsView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.scene = scene
        self.view = view
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search title, description, owner…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.set_filter)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.selectionModel().selectionChanged.connect(self._tree_selection_changed)
        self.status = QLabel()
        self.status.setStyleSheet("color: #5f6b7a;")
        #: Shown instead of an empty tree while no workspace is open (the start page).
        self.empty = QLabel(NO_WORKSPACE)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #5f6b7a; padding: 8px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.status)
        #: touchpoint id -> its row; (stage id, lane id) -> the lane row; stage id -> stage row.
        self.tp_items: dict[int, QStandardItem] = {}
        self.cell_items: dict[tuple[int, int], QStandardItem] = {}
        self.stage_items: dict[int, QStandardItem] = {}
        #: connector id -> its row in the Connectors group (a blueprint's arrows).
        self.conn_items: dict[int, QStandardItem] = {}
        self.conn_ends: set[int] = set()  # the cards at their ends (a rename relabels them)
        self.data: JourneyData | None = None
        self._syncing = False
        self.rebuild()

    # -- building ------------------------------------------------------------------
    def rebuild(self) -> None:
        """Read the journey and fill the tree in one batch per stage."""
        doc, journey_id = self.controller.doc, self.controller.journey_id
        self.data = None
        if doc is not None and journey_id is not None:
            try:
                self.data = load_journey(doc, journey_id, measurements=False)
            except DocumentError:  # the journey was deleted under us: show an empty tree
                self.data = None
        self.tp_items.clear()
        self.cell_items.clear()
        self.stage_items.clear()
        self.model.clear()
        self._show_empty(doc is None)
        if self.data is None:
            self._update_status()
            return
        data = self.data
        lanes = [ln for ln in data.lanes if ln.kind in CARD_LANE_KINDS]  # touchpoints and steps
        by_cell = data.cells()
        root = self.model.invisibleRootItem()
        stage_rows = []
        for stage in data.stages:
            stage_item = _group_item("stage", stage.id, stage.name)
            self.stage_items[stage.id] = stage_item
            lane_rows = []
            for lane in lanes:
                cards = by_cell.get((stage.id, lane.id))
                if cards:
                    lane_rows.append(self._cell_item(stage.id, lane.id, cards))
            if lane_rows:
                stage_item.appendRows(lane_rows)
            stage_rows.append(stage_item)
        root.appendRows(stage_rows)
        self._refresh_connectors()
        self._refresh_counts()
        self._apply_filter_view()
        self.sync_from_scene()

    def _lane_label(self, lane_id: int) -> str:
        assert self.data is not None
        lane = next((ln for ln in self.data.lanes if ln.id == lane_id), None)
        if lane is None:
            return "?"
        return f"{lane.name}  ({lane.channel_kind})" if lane.channel_kind else lane.name

    def _cell_item(self, stage_id: int, lane_id: int, cards: list[TouchpointData]) -> QStandardItem:
        lane_item = _group_item("lane", lane_id, self._lane_label(lane_id))
        lane_item.setData(stage_id, STAGE_ROLE)
        rows = []
        for tp in cards:
            item = _touchpoint_item(tp)
            self.tp_items[tp.id] = item
            rows.append(item)
        lane_item.appendRows(rows)
        self.cell_items[(stage_id, lane_id)] = lane_item
        return lane_item

    def _refresh_counts(self) -> None:
        assert self.data is not None
        for stage in self.data.stages:
            item = self.stage_items.get(stage.id)
            if item is None:
                continue
            count = sum(lane.rowCount() for lane in self._children(item))
            item.setText(f"{stage.name}  ({count})")
        self._update_status()

    def _refresh_connectors(self) -> None:
        """(Re)build the Connectors group: a blueprint with arrows shows it after the stages."""
        root, doc, data = self.model.invisibleRootItem(), self.controller.doc, self.data
        old = next((r for r in self._children(root) if r.data(KIND_ROLE) == "connectors"), None)
        if old is not None:
            root.removeRow(old.row())
        self.conn_items, self.conn_ends = {}, set()
        if doc is None or data is None or journey_view(doc, data.id) != JourneyView.BLUEPRINT:
            return
        connectors = load_connectors(doc, data.id)
        self.conn_ends = {
            c for conn in connectors.values() for c in (conn.source_id, conn.target_id)
        }
        if connectors:
            group, self.conn_items = connectors_group(data, connectors, _group_item)
            root.appendRow(group)
            self.tree.expand(self.proxy.mapFromSource(group.index()))

    @staticmethod
    def _children(item: QStandardItem) -> list[QStandardItem]:
        return [item.child(row) for row in range(item.rowCount())]

    def _show_empty(self, empty: bool) -> None:
        """No workspace: say so, rather than a search box over a blank tree."""
        for widget in (self.search, self.tree, self.status):
            widget.setVisible(not empty)
        self.empty.setVisible(empty)

    def _update_status(self) -> None:
        total = len(self.tp_items)
        if self.search.text().strip():
            shown = self._count_visible()
            self.status.setText(f"{shown} of {total} touchpoints match")
        else:
            self.status.setText(f"{total} touchpoints")

    def _count_visible(self) -> int:
        count = 0
        for stage_row in range(self.proxy.rowCount()):
            stage = self.proxy.index(stage_row, 0)
            for lane_row in range(self.proxy.rowCount(stage)):
                count += self.proxy.rowCount(self.proxy.index(lane_row, 0, stage))
        return count

    # -- patching -------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        structural = {"stage", "lane", "journey"} & set(changes.ids)
        ids = changes.of("touchpoint")
        if structural or len(ids) > PATCH_LIMIT:
            self.rebuild()
            return
        if self.data is None or self.controller.doc is None:
            return
        if ids:
            for tp_id in ids:
                self._patch(tp_id)
            self._refresh_counts()
        if "connector" in changes or set(ids) & self.conn_ends:
            self._refresh_connectors()  # an arrow, or the title of a card at its end
        if ids or "connector" in changes:
            self.sync_from_scene()
        # Unvoting, hiding or deleting a round names no touchpoint: recount them all.
        if "vote" in changes or "vote_round" in changes:
            self._refresh_votes()

    def _refresh_votes(self) -> None:
        """Re-read the visible vote counts of the journey (one query) and relabel what changed."""
        assert self.data is not None and self.controller.doc is not None
        counts = load_vote_counts(self.controller.doc, self.data.id)
        for tp_id, item in self.tp_items.items():
            tp = self.data.touchpoints.get(tp_id)
            votes = counts.get(tp_id, 0)
            if tp is not None and tp.votes != votes:
                tp.votes = votes
                item.setText(_row_text(tp))

    def _patch(self, tp_id: int) -> None:
        """Bring one touchpoint's row in line with the file (moved, renamed, added, gone)."""
        assert self.data is not None and self.controller.doc is not None
        tp = load_touchpoint(self.controller.doc, tp_id)
        if tp is not None and tp.stage_id not in self.stage_items:
            tp = None  # another journey's touchpoint
        old = self.tp_items.get(tp_id)
        if old is not None:
            old_cell = (old.parent().data(STAGE_ROLE), old.parent().data(ID_ROLE))
            if tp is not None and (tp.stage_id, tp.lane_id) == old_cell:
                self.data.touchpoints[tp_id] = tp
                old.setText(_row_text(tp))
                old.setData(_search_text(tp), SEARCH_ROLE)
                self._reorder(old.parent())
                return
            self._remove(tp_id)
        if tp is None:
            self.data.touchpoints.pop(tp_id, None)
            return
        self.data.touchpoints[tp_id] = tp
        item = _touchpoint_item(tp)
        self.tp_items[tp_id] = item
        cell = self.cell_items.get((tp.stage_id, tp.lane_id))
        if cell is None:
            cell = _group_item("lane", tp.lane_id, self._lane_label(tp.lane_id))
            cell.setData(tp.stage_id, STAGE_ROLE)
            self.cell_items[(tp.stage_id, tp.lane_id)] = cell
            stage = self.stage_items[tp.stage_id]
            order = {ln.id: ln.position for ln in self.data.lanes}
            mine = order[tp.lane_id]
            index = sum(1 for c in self._children(stage) if order[c.data(ID_ROLE)] < mine)
            stage.insertRow(index, cell)
        cell.appendRow(item)
        self._reorder(cell)

    def _remove(self, tp_id: int) -> None:
        item = self.tp_items.pop(tp_id)
        cell = item.parent()
        cell.removeRow(item.row())
        if cell.rowCount() == 0:
            key = (cell.data(STAGE_ROLE), cell.data(ID_ROLE))
            self.cell_items.pop(key, None)
            cell.parent().removeRow(cell.row())

    def _reorder(self, cell: QStandardItem) -> None:
        """Order a cell's rows by their touchpoints' positions (read in one query)."""
        assert self.controller.doc is not None
        key = (cell.data(STAGE_ROLE), cell.data(ID_ROLE))
        positions = dict(item_queries.cell_positions(self.controller.doc, *key))
        items = self._children(cell)
        wanted = sorted(items, key=lambda i: positions.get(i.data(ID_ROLE), 1 << 30))
        if [i.data(ID_ROLE) for i in wanted] == [i.data(ID_ROLE) for i in items]:
            return
        taken = [cell.takeRow(0)[0] for _ in range(cell.rowCount())]
        by_id = {i.data(ID_ROLE): i for i in taken}
        cell.appendRows([by_id[i.data(ID_ROLE)] for i in wanted])

    # -- search ---------------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._apply_filter_view()
        self._update_status()
        self.sync_from_scene()

    def _apply_filter_view(self) -> None:
        if self.search.text().strip():
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)

    # -- selection --------------------------------------------------------------------
    def sync_from_scene(self) -> None:
        """Select in the tree what is selected on the canvas."""
        if self._syncing or not alive(self.scene):
            return
        selection = QItemSelection()
        first: QModelIndex | None = None
        for item in self.scene.selectedItems():
            if isinstance(item, StageHeaderItem):
                source = self.stage_items.get(item.stage_id)
            elif isinstance(item, ConnectorItem):
                source = self.conn_items.get(item.connector_id)
            else:
                source = self.tp_items.get(getattr(item, "touchpoint_id", -1))
            if source is None:
                continue
            index = self.proxy.mapFromSource(source.index())
            if index.isValid():
                selection.select(index, index)
                first = first or index
        self._syncing = True
        try:
            self.tree.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if first is not None:
                self.tree.scrollTo(first)
        finally:
            self._syncing = False

    def _tree_selection_changed(self, *_args: object) -> None:
        if self._syncing:
            return
        picked: dict[str, list[int]] = {"touchpoint": [], "stage": [], "connector": []}
        for index in self.tree.selectionModel().selectedIndexes():
            kind, item_id = index.data(KIND_ROLE), index.data(ID_ROLE)
            if kind in picked:
                picked[kind].append(int(item_id))
        touchpoints = picked["touchpoint"]
        self._syncing = True
        try:
            self.scene.select_touchpoints(touchpoints)
            others = [
                *(self.scene.headers.get(i) for i in picked["stage"]),
                *(self.scene.blueprint.items.get(i) for i in picked["connector"]),
            ]
            for other in others:
                if other is not None:
                    other.setSelected(True)
        finally:
            self._syncing = False
        shown = [o for o in others if o is not None]
        target = self.scene.cards.get(touchpoints[0]) if touchpoints else None
        target = target or (shown[0] if shown else None)
        if target is not None and self.view is not None:
            self.view.ensureVisible(target)


class OutlineDock(QDockWidget):
    def __init__(
        self,
        controller: DocumentController,
        scene: JourneyScene,
        view: QGraphicsView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Outline", parent)
        self.setObjectName("OutlineDock")
        self.panel = OutlinePanel(controller, scene, view)
        self.setWidget(self.panel)
        controller.journeyChanged.connect(self.panel.rebuild)
        controller.changed.connect(self.panel.on_changed)
        scene.selectionChanged.connect(coalesced(self, self.panel.sync_from_scene))
