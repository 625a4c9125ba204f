"""The blueprint rules of an open journey, kept current card by card for the live check.

The four blueprint rules walk every card and every connector: 15,000 cards and 10,000
connectors cost more than everything else a live check does after one edit. Most edits
(a measurement, a move of a card that is no failure point and keeps nobody waiting) leave
what those rules read as it was, so :class:`LiveBlueprint` keeps, per card, the fields
the card rules read and, per connector, the stage it counts as a hand-off for. An edit
re-reads the cards it touched and their connectors; the card rules run again only when a
card's fields changed, the hand-off rule only for the stages whose hand-offs changed.
Connectors, lanes and stages change only with a reload (a new :class:`LiveBlueprint`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from journeymapper.analysis import blueprint_health as bh
from journeymapper.analysis.findings import Finding
from journeymapper.store.journey_data import JourneyData, TouchpointData


def _key(t: TouchpointData) -> tuple[object, ...]:
    """What the card rules read of a card (its stage only where a finding names it)."""
    named = t.failure_point or bool(t.wait_min)
    return (t.lane_id, t.title, t.owner, t.failure_point, t.wait_min, named and t.stage_id)


class LiveBlueprint:
    """The blueprint findings of one snapshot, recomputed only where an edit reached."""

    def __init__(self, data: JourneyData) -> None:
        self.data = data
        self.on = bh.is_blueprint(data)
        self._limits: bh.Limits | None = None
        #: Findings of the card rules (failure points, unsupported, waits); None: stale.
        self._front: list[Finding] | None = None
        self._waits: list[Finding] = []
        self._keys: dict[int, tuple[object, ...]] = {}
        #: Connector ids touching each card; per connector the stage it is a hand-off of.
        self._by_card: dict[int, list[int]] = {}
        self._handoff: dict[int, int | None] = {}
        #: Hand-off connector ids per stage, ascending (the order a full check lists them).
        self._per_stage: dict[int, list[int]] = {}
        self._stage_found: dict[int, Finding | None] = {}
        if self.on:
            self._keys = {t.id: _key(t) for t in data.touchpoints.values()}
            for conn in data.connectors.values():
                self._by_card.setdefault(conn.source_id, []).append(conn.id)
                if conn.target_id != conn.source_id:
                    self._by_card.setdefault(conn.target_id, []).append(conn.id)
            for stage_id, ids in bh.handoffs(data).items():
                self._per_stage[stage_id] = sorted(ids)
                for conn_id in ids:
                    self._handoff[conn_id] = stage_id
        #: How many stages the last check built the hand-off finding of (tests look).
        self.rebuilt = 0

    def touched(self, ids: Iterable[int]) -> None:
        """The cards ``ids`` were re-read into the snapshot (changed, added or removed)."""
        if not self.on:
            return
        cards = self.data.touchpoints
        for tp_id in ids:
            t = cards.get(tp_id)
            key = None if t is None else _key(t)
            if key != self._keys.get(tp_id):
                self._front = None
            if key is None:
                self._keys.pop(tp_id, None)
            else:
                self._keys[tp_id] = key
            for conn_id in self._by_card.get(tp_id, ()):
                self._rehome(conn_id)

    def _rehome(self, conn_id: int) -> None:
        conn = self.data.connectors.get(conn_id)
        stage = None if conn is None else bh.handoff_stage(self.data.touchpoints, conn)
        old = self._handoff.get(conn_id)
        if stage == old:
            return
        if old is not None:
            self._per_stage[old].remove(conn_id)
            self._stage_found.pop(old, None)
        if stage is not None:
            bisect.insort(self._per_stage.setdefault(stage, []), conn_id)
            self._stage_found.pop(stage, None)
        self._handoff[conn_id] = stage

    def findings(self, limits: bh.Limits) -> list[Finding]:
        """What :func:`blueprint_health.findings` says of the snapshot now."""
        return [f for part in self.sources(limits) for f in part]

    def sources(self, limits: bh.Limits) -> list[list[Finding]]:
        """:meth:`findings` in three parts (the card rules, the hand-offs, the waits); a
        part not computed again is the very list kept from the last call."""
        if not self.on:
            return [[], [], []]
        data = self.data
        if limits != self._limits:
            self._limits, self._front, self._stage_found = limits, None, {}
        if self._front is None:
            self._front = [*bh.ownerless_failure_points(data), *bh.unsupported_touchpoints(data)]
            self._waits = bh.long_waits(data, limits)
        self.rebuilt = 0
        handoffs = []
        for stage in data.stages:
            if stage.id not in self._stage_found:
                ids = self._per_stage.get(stage.id, [])
                self._stage_found[stage.id] = bh.handoff_finding(data, stage, ids, limits)
                self.rebuilt += 1
            found = self._stage_found[stage.id]
            if found is not None:
                handoffs.append(found)
        return [self._front, handoffs, self._waits]
