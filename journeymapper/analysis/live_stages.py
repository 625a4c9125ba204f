"""Every stage's health facts of one open journey, kept cell by cell between live checks.

A stage of a 10,000-card map holds ~800 cards: computing its facts again after each edit
that touched it cost more than the rest of the live check. :class:`LiveStages` keeps the
facts of each cell (one stage × one lane, a few dozen cards), computes again only the
cells an edit touched, and joins a touched stage from its cells' facts
(:func:`.stage_facts.join_cells`, the same join a full check ends with).
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

from journeymapper.analysis.stage_facts import (
    CellFacts,
    Memo,
    StageFacts,
    cell_facts,
    cutoff_of,
    join_cells,
)
from journeymapper.store.journey_data import JourneyData, LaneData, StageData, TouchpointData

Cell = tuple[int, int]
_ID = attrgetter("id")
_PLACE = attrgetter("position", "id")


class LiveStages:
    """Stage facts by stage id, patched card by card (``layers``: lanes whose cards are
    blueprint steps, not the customer's touchpoints)."""

    def __init__(self, layers: set[int]) -> None:
        self.layers = layers
        self.facts: dict[int, StageFacts] = {}
        #: Card ids of each cell in position order, and the cell's facts.
        self._cells: dict[Cell, list[int]] = {}
        self._cell_facts: dict[Cell, CellFacts] = {}
        #: Cells to compute again; of those, cells whose cards changed place.
        self._dirty: set[Cell] = set()
        self._resort: set[Cell] = set()
        #: Card facts kept between checks (for one set of thresholds and one day).
        self._memo: Memo = {}
        self._basis: tuple[object, dt.date] | None = None
        #: How many stages the last check joined again (a test and the benchmark look).
        self.recomputed = 0

    def touched(
        self, tp_id: int, old: TouchpointData | None, tp: TouchpointData | None, moved: bool
    ) -> None:
        """Card ``tp_id`` was re-read (``old`` before, ``tp`` now; None: absent); ``moved``:
        a card of the edit changed place, so the cells it touched are sorted again."""
        if self._basis is None:
            return  # the next check builds every cell
        for t, joins in ((old, False), (tp, True)):
            if t is None or t.lane_id in self.layers:
                continue
            cell = (t.stage_id, t.lane_id)
            self._dirty.add(cell)
            if moved:
                ids = self._cells.setdefault(cell, [])
                if tp_id in ids:
                    ids.remove(tp_id)
                if joins:
                    ids.append(tp_id)
                self._resort.add(cell)

    def check(
        self, data: JourneyData, stale_days: int, basis: object, today: dt.date
    ) -> list[StageFacts]:
        """Every stage's facts now, in stage order; ``data`` is the customer's view and
        ``basis`` the thresholds (a change of them or of the day computes everything)."""
        lanes = {ln.id: ln for ln in data.lanes}
        cutoff = cutoff_of(today, stale_days)
        if self._basis != (basis, today) or len(self.facts) != len(data.stages):
            self._build(data, lanes, cutoff)
        else:
            self._update(data, lanes, cutoff)
        self._basis, self._dirty, self._resort = (basis, today), set(), set()
        return [self.facts[s.id] for s in data.stages]

    def _build(self, data: JourneyData, lanes: dict[int, LaneData], cutoff: dt.date) -> None:
        self._memo = {}
        cells: dict[Cell, list[TouchpointData]] = {}
        for t in data.touchpoints.values():
            cells.setdefault((t.stage_id, t.lane_id), []).append(t)
        self._cells, self._cell_facts = {}, {}
        for cell, items in cells.items():
            items.sort(key=_PLACE)
            self._cells[cell] = list(map(_ID, items))
            self._cell_facts[cell] = cell_facts(items, lanes, cutoff, self._memo)
        self.facts = {s.id: self._join(s, data) for s in data.stages}
        self.recomputed = len(self.facts)

    def _update(self, data: JourneyData, lanes: dict[int, LaneData], cutoff: dt.date) -> None:
        cards = data.touchpoints
        for cell in self._dirty:
            ids = self._cells.get(cell)
            if not ids:
                self._cells.pop(cell, None)
                self._cell_facts.pop(cell, None)
                continue
            items = list(map(cards.__getitem__, ids))
            if cell in self._resort:
                items.sort(key=_PLACE)
                ids[:] = map(_ID, items)
            self._cell_facts[cell] = cell_facts(items, lanes, cutoff, self._memo)
        stages = {s.id: s for s in data.stages}
        joined = {stage_id for stage_id, _ in self._dirty if stage_id in stages}
        for stage_id in joined:
            self.facts[stage_id] = self._join(stages[stage_id], data)
        self.recomputed = len(joined)

    def _join(self, stage: StageData, data: JourneyData) -> StageFacts:
        """A stage's facts from its cells, the cells in lane order."""
        found = self._cell_facts
        cells = [found[(stage.id, ln.id)] for ln in data.lanes if (stage.id, ln.id) in found]
        return join_cells(stage, cells)
