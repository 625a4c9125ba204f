"""The frame of a comparison: paired stages and lanes, and one shared order for both maps."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymapper.analysis.compare.matching import Matching, Rule, match, merged_order
from journeymapper.analysis.compare.model import Column
from journeymapper.store.journey_data import JourneyData
from journeymapper.store.origins import Origins


def fold(text: str) -> str:
    """Names compare without case or surrounding blanks."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Side:
    """One journey to compare, with its origin links and how the user names it."""

    data: JourneyData
    origins: Origins = field(default_factory=Origins)
    label: str = ""


@dataclass
class Frame:
    """Stages and lanes paired, and ranks on the shared (B-first) order of both."""

    a: Side
    b: Side
    linked: bool
    stages: Matching
    lanes: Matching
    columns: list[Column]
    #: Column / shared lane index of each stage and lane id, per side.
    col_a: dict[int, int]
    col_b: dict[int, int]
    row_a: dict[int, int]
    row_b: dict[int, int]
    #: Stage and lane names per side, read once (a comparison asks thousands of times).
    _names: dict[tuple[str, str], dict[int, str]] = field(default_factory=dict)
    _cells: dict[str, dict[int, tuple[int, int]]] = field(default_factory=dict)

    def card_cells(self, side: str) -> dict[int, tuple[int, int]]:
        """Touchpoint id → :meth:`place` of its cell, for one side (computed once)."""
        cells = self._cells.get(side)
        if cells is None:
            data = self.a.data if side == "a" else self.b.data
            cols, rows = (self.col_a, self.row_a) if side == "a" else (self.col_b, self.row_b)
            cells = self._cells[side] = {
                t.id: (cols.get(t.stage_id, -1), rows.get(t.lane_id, -1))
                for t in data.touchpoints.values()
            }
        return cells

    def __post_init__(self) -> None:
        for side, data in (("a", self.a.data), ("b", self.b.data)):
            self._names["s", side] = {s.id: s.name for s in data.stages}
            self._names["l", side] = {ln.id: ln.name for ln in data.lanes}

    def place(self, side: str, stage_id: int, lane_id: int) -> tuple[int, int]:
        """(column, shared lane row) of a cell: equal for a cell and its partner only."""
        if side == "a":
            return self.col_a.get(stage_id, -1), self.row_a.get(lane_id, -1)
        return self.col_b.get(stage_id, -1), self.row_b.get(lane_id, -1)

    def where(self, side: str, stage_id: int, lane_id: int | None = None) -> str:
        """ "Stage / Lane" (or the stage's name) on one side."""
        stage, lanes = self._names["s", side], self._names["l", side]
        if lane_id is None:
            return stage.get(stage_id, "?")
        return f"{stage.get(stage_id, '?')} / {lanes.get(lane_id, '?')}"


def _ranks(order: list[tuple[int | None, int | None]]) -> tuple[dict[int, int], dict[int, int]]:
    on_a: dict[int, int] = {}
    on_b: dict[int, int] = {}
    for i, (a_id, b_id) in enumerate(order):
        if a_id is not None:
            on_a[a_id] = i
        if b_id is not None:
            on_b[b_id] = i
    return on_a, on_b


def build_frame(a: Side, b: Side, linked: bool) -> Frame:
    """Pair stages (by name after links) and lanes (by kind + name), and order both."""
    sa = {s.id: s for s in a.data.stages}
    sb = {s.id: s for s in b.data.stages}
    stage_ids_a = [s.id for s in a.data.stages]
    stage_ids_b = [s.id for s in b.data.stages]
    stages = match(
        stage_ids_a,
        stage_ids_b,
        [Rule("name", lambda i: fold(sa[i].name), lambda i: fold(sb[i].name))],
        linked=linked,
        a_origin=a.origins.stages,
        b_origin=b.origins.stages,
    )
    la = {ln.id: ln for ln in a.data.lanes}
    lb = {ln.id: ln for ln in b.data.lanes}
    lane_ids_a = [ln.id for ln in a.data.lanes]
    lane_ids_b = [ln.id for ln in b.data.lanes]
    lanes = match(
        lane_ids_a,
        lane_ids_b,
        [
            Rule(
                "name",
                lambda i: (la[i].kind, fold(la[i].name)),
                lambda i: (lb[i].kind, fold(lb[i].name)),
            )
        ],
        linked=linked,
        a_origin=a.origins.lanes,
        b_origin=b.origins.lanes,
    )
    stage_order = merged_order(stage_ids_a, stage_ids_b, stages)
    columns = [
        Column(sb[b_id].name if b_id is not None else sa[a_id].name, a_id, b_id)  # type: ignore[index]
        for a_id, b_id in stage_order
    ]
    col_a, col_b = _ranks(stage_order)
    row_a, row_b = _ranks(merged_order(lane_ids_a, lane_ids_b, lanes))
    return Frame(a, b, linked, stages, lanes, columns, col_a, col_b, row_a, row_b)
