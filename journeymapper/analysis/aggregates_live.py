"""The stage aggregates of one open journey, kept current edit by edit (for the Charts dock).

Computing the funnel, the channel mix, the step times and a metric's ranking from the
whole journey costs tens of ms at 10,000 cards: too slow to repeat after every edit.
:class:`LiveAggregates` patches its snapshot with the few cards an edit touched
(:func:`.snapshot.patch`), computes again the sums of just the stages those cards left or
joined (:func:`stage_sums`, the same per-stage step a full computation would take), and
moves just those cards within each metric's ranking. The hypothesis state machine checks
that every number equals the full functions of :mod:`.aggregates` after every edit.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from journeymapper.analysis.aggregates import (
    ChannelMix,
    FunnelStep,
    WeightedMean,
    channel_kind_of,
    drop_off_of,
    funnel_steps,
    weighted_mean,
)
from journeymapper.analysis.blueprint_health import StageTimes
from journeymapper.analysis.snapshot import Patch, patch
from journeymapper.analysis.stage_facts import in_map_order
from journeymapper.editing import Changes
from journeymapper.model.document import Document
from journeymapper.model.enums import LAYER_KINDS, ChannelKind, Interaction
from journeymapper.store.journey_data import (
    JourneyData,
    LaneData,
    StageData,
    TouchpointData,
    load_journey,
)


@dataclass
class StageSums:
    """One stage's aggregates, computed from that stage's cards alone."""

    stage: StageData
    #: The customer's cards (blueprint steps left out), in map order.
    items: list[TouchpointData]
    online: list[int]
    offline: list[int]
    mix: ChannelMix
    #: Weighted-mean drop-off of the customer's cards (the funnel's number).
    drop: WeightedMean
    #: Every card with a duration or a wait (steps, in any lane), and their sums.
    timed: list[TouchpointData]
    times: StageTimes
    #: Each card's drop-off and sample size (None: not known), in the order of ``items``.
    drops: list[tuple[float, int | None] | None] = field(default_factory=list)
    #: The sums these were patched from, and the cards that changed since (a chart that drew
    #: ``base`` redraws just those); only one step back, so old sums are not kept alive.
    base: StageSums | None = None
    changed: frozenset[int] = frozenset()
    _at: dict[int, int] | None = None
    _means: dict[str, WeightedMean] = field(default_factory=dict)
    _ids: list[int] | None = None
    _steps: list[int] | None = None
    _sets: dict[str, frozenset[int]] = field(default_factory=dict)

    def index(self) -> dict[int, int]:
        """Where each card stands in ``items`` (built once, shared by patched copies)."""
        if self._at is None:
            self._at = {t.id: i for i, t in enumerate(self.items)}
        return self._at

    def ids(self) -> list[int]:
        """The customer's cards' ids in map order (built once)."""
        if self._ids is None:
            self._ids = [t.id for t in self.items]
        return self._ids

    def step_ids(self) -> list[int]:
        """The ids of the cards with a non-zero duration or wait (the times chart's bars)."""
        if self._steps is None:
            self._steps = [t.id for t in self.timed if t.duration_min or t.wait_min]
        return self._steps

    def members(self, name: str) -> frozenset[int]:
        """The ids of ``"items"``, ``"steps"``, ``"online"`` or ``"offline"`` as a set (built
        once): a chart outlines a selected bar by looking the few selected ids up in it."""
        found = self._sets.get(name)
        if found is None:
            lists = {"items": self.ids, "steps": self.step_ids}
            ids = lists[name]() if name in lists else getattr(self, name)
            found = self._sets[name] = frozenset(ids)
        return found

    def mean(self, metric_key: str) -> WeightedMean:
        """The weighted mean of the cards' latest ``metric_key`` values (kept once asked)."""
        found = self._means.get(metric_key)
        if found is None:
            found = self._means[metric_key] = weighted_mean(
                (t.latest[metric_key].value, t.latest[metric_key].sample_size)
                for t in self.items
                if metric_key in t.latest
            )
        return found


def stage_sums(
    stage: StageData,
    items: list[TouchpointData],
    timed: list[TouchpointData],
    lanes: dict[int, LaneData],
) -> StageSums:
    """The sums of one stage: ``items`` are its customer cards in map order."""
    online: list[int] = []
    offline: list[int] = []
    indirect = 0
    for t in items:
        is_online = channel_kind_of(lanes.get(t.lane_id)) == ChannelKind.ONLINE
        (online if is_online else offline).append(t.id)
        indirect += t.interaction == Interaction.INDIRECT
    mix = ChannelMix(stage.id, len(online), len(offline), len(items) - indirect, indirect)
    drops = [drop_off_of(t) for t in items]
    drop = weighted_mean(d for d in drops if d is not None)
    return StageSums(stage, items, online, offline, mix, drop, timed, _times(stage, timed), drops)


def _times(stage: StageData, timed: list[TouchpointData]) -> StageTimes:
    return StageTimes(
        stage.id,
        stage.name,
        sum(t.duration_min or 0.0 for t in timed),
        sum(t.wait_min or 0.0 for t in timed),
        len(timed),
    )


def patched_sums(
    old: StageSums, cards: list[TouchpointData], timed: list[TouchpointData] | None
) -> StageSums:
    """``old`` with ``cards`` (new snapshots of cards that kept their place) put in: the
    same sums as :func:`stage_sums` gives, without walking the stage's other cards.

    ``timed``: the stage's timed cards again when a step's times changed (else kept).
    """
    at = old.index()
    items, drops = old.items.copy(), old.drops.copy()
    indirect = old.mix.indirect
    for tp in cards:
        i = at.get(tp.id)
        if i is not None:  # a customer's card (steps are only timed)
            was = items[i].interaction == Interaction.INDIRECT
            indirect += (tp.interaction == Interaction.INDIRECT) - was
            items[i], drops[i] = tp, drop_off_of(tp)
    m = old.mix
    mix = ChannelMix(m.stage_id, m.online, m.offline, len(items) - indirect, indirect)
    drop = weighted_mean(d for d in drops if d is not None)
    sets = dict(old._sets)
    if timed is None:
        timed, times, steps = old.timed, old.times, old._steps
    else:
        times, steps = _times(old.stage, timed), None
        sets.pop("steps", None)
    new = StageSums(old.stage, items, old.online, old.offline, mix, drop, timed, times, drops)
    new.base, new.changed, old.base = old, frozenset(t.id for t in cards), None
    new._at, new._ids, new._steps, new._sets = at, old._ids, steps, sets
    return new


def _timed(t: TouchpointData | None) -> bool:
    return t is not None and (t.duration_min is not None or t.wait_min is not None)


class Ranking:
    """The customer's cards that have a value of one metric, best first (ties: by title,
    then id), kept sorted as cards change: a card moves by two bisections, not a sort."""

    def __init__(self, key: str, higher_is_better: bool, cards: Iterable[TouchpointData]) -> None:
        self.key, self._sign = key, -1.0 if higher_is_better else 1.0
        self._entries: list[tuple[float, str, int]] = []
        self._of: dict[int, tuple[float, str, int]] = {}
        self._cards: dict[int, TouchpointData] = {}
        #: How many ranked cards each stage holds (the chart's legend names those stages).
        self.stages: Counter[int] = Counter()
        for t in cards:
            self._put(t)
        self._entries.sort()

    def _put(self, t: TouchpointData, sort: bool = False) -> None:
        m = t.latest.get(self.key)
        if m is None:
            return
        entry = (self._sign * m.value, t.title, t.id)
        self._of[t.id], self._cards[t.id] = entry, t
        self.stages[t.stage_id] += 1
        if sort:
            bisect.insort(self._entries, entry)
        else:
            self._entries.append(entry)

    def update(self, tp_id: int, tp: TouchpointData | None) -> None:
        """Card ``tp_id`` changed (None: it left the customer's map)."""
        old = self._of.pop(tp_id, None)
        if old is not None:
            del self._entries[bisect.bisect_left(self._entries, old)]
            self.stages[self._cards.pop(tp_id).stage_id] -= 1
        if tp is not None:
            self._put(tp, sort=True)

    def __len__(self) -> int:
        return len(self._entries)

    def at(self, rank: int) -> tuple[TouchpointData, float]:
        """The card at ``rank`` (0 = best) and its value."""
        _v, _title, tp_id = self._entries[rank]
        tp = self._cards[tp_id]
        return tp, tp.latest[self.key].value

    def rank_of(self, tp_id: int) -> int | None:
        entry = self._of.get(tp_id)
        return None if entry is None else bisect.bisect_left(self._entries, entry)


class LiveAggregates:
    """A journey snapshot and its per-stage sums and metric rankings, patched after each edit."""

    def __init__(self, doc: Document, journey_id: int, data: JourneyData | None = None) -> None:
        self.doc, self.journey_id = doc, journey_id
        self.data: JourneyData = data if data is not None else load_journey(doc, journey_id)
        self._index()

    def _index(self) -> None:
        data = self.data
        self.layers = {ln.id for ln in data.lanes if ln.kind in LAYER_KINDS}
        self.lanes = {ln.id: ln for ln in data.lanes}
        self._members: dict[int, set[int]] = {s.id: set() for s in data.stages}
        self._timed: dict[int, set[int]] = {s.id: set() for s in data.stages}
        for tp in data.touchpoints.values():
            self._join(tp)
        self._sums: dict[int, StageSums] = {}
        #: Cards changed in place since a stage's sums were made, by stage id.
        self._pending: dict[int, set[int]] = {}
        self._retime: set[int] = set()
        self._rankings: dict[str, Ranking] = {}
        #: Stages whose sums the last :meth:`apply` made stale (a chart redraws just those).
        self.touched_stages: set[int] = set(self._members)
        #: How many stage sums have been computed (a test and the benchmark look).
        self.recomputed = 0

    def _join(self, tp: TouchpointData) -> None:
        if tp.lane_id not in self.layers:
            self._members.setdefault(tp.stage_id, set()).add(tp.id)
        if _timed(tp):
            self._timed.setdefault(tp.stage_id, set()).add(tp.id)

    def reload(self) -> None:
        """Read the journey again (after a structural change)."""
        self.data = load_journey(self.doc, self.journey_id)
        self._index()

    def apply(self, changes: Changes) -> Patch | None:
        """Follow an edit; the patch (what it changed), or None when all was read again."""
        ids = changes.of("touchpoint")
        before = {i: tp for i in ids if (tp := self.data.touchpoints.get(i)) is not None}
        done = patch(self.doc, self.data, changes)
        if done is None:
            self.reload()
            return None
        touched: set[int] = set()
        for tp_id in ids:
            old, tp = before.get(tp_id), self.data.touchpoints.get(tp_id)
            if old is not None:
                self._members[old.stage_id].discard(tp_id)
                self._timed[old.stage_id].discard(tp_id)
                touched.add(old.stage_id)
            if tp is not None:
                self._join(tp)
                touched.add(tp.stage_id)
            shown = tp if self.is_customer(tp) else None
            for ranking in self._rankings.values():
                ranking.update(tp_id, shown)
        for stage_id in touched:
            if done.placement or stage_id not in self._sums:
                self._sums.pop(stage_id, None)
                self._pending.pop(stage_id, None)
            else:  # the cards kept their places: patched into the stage's sums when asked
                # (a card the journey never held, deleted by the same batch, is in ``ids``)
                cards = self.data.touchpoints
                here = [i for i in ids if i in cards and cards[i].stage_id == stage_id]
                self._pending.setdefault(stage_id, set()).update(here)
                if any(_timed(before.get(i)) or _timed(cards[i]) for i in here):
                    self._retime.add(stage_id)  # a step's minutes changed
        self.touched_stages = touched
        return done

    def is_customer(self, tp: TouchpointData | None) -> bool:
        """Whether a card is one of the customer's (not a blueprint step)."""
        return tp is not None and tp.lane_id not in self.layers

    def customer_count(self) -> int:
        return sum(len(m) for m in self._members.values())

    def sums(self, stage_id: int) -> StageSums:
        """One stage's sums, computed again only when an edit touched the stage."""
        found = self._sums.get(stage_id)
        changed = self._pending.pop(stage_id, None)
        retimed = stage_id in self._retime
        self._retime.discard(stage_id)
        if found is not None and changed:
            cards = [self.data.touchpoints[i] for i in sorted(changed)]
            timed = in_map_order(self.data, self._timed[stage_id]) if retimed else None
            found = self._sums[stage_id] = patched_sums(found, cards, timed)
            self.recomputed += 1
        elif found is None:
            stage = next(s for s in self.data.stages if s.id == stage_id)
            items = in_map_order(self.data, self._members.get(stage_id, ()))
            timed = in_map_order(self.data, self._timed.get(stage_id, ()))
            found = self._sums[stage_id] = stage_sums(stage, items, timed, self.lanes)
            self.recomputed += 1
        return found

    def all_sums(self) -> list[StageSums]:
        return [self.sums(s.id) for s in self.data.stages]

    def funnel(self) -> list[FunnelStep]:
        return funnel_steps((s.stage, s.drop) for s in self.all_sums())

    def channel_mix(self) -> list[ChannelMix]:
        return [s.mix for s in self.all_sums()]

    def stage_times(self) -> list[StageTimes]:
        return [s.times for s in self.all_sums()]

    def stage_metric(self, metric_key: str) -> dict[int, WeightedMean]:
        return {s.stage.id: s.mean(metric_key) for s in self.all_sums()}

    def ranking(self, metric_key: str) -> Ranking:
        """The customer's cards by one metric, best first (built once, then kept)."""
        found = self._rankings.get(metric_key)
        if found is None:
            metric = self.data.metrics[metric_key]
            cards = (t for t in self.data.touchpoints.values() if t.lane_id not in self.layers)
            found = self._rankings[metric_key] = Ranking(metric_key, metric.higher_is_better, cards)
        return found
