"""What the health check needs to know about one stage, computed from that stage's cards alone.

The journey-wide rules (no feedback, stale values, the worst drop-off, the funnel …) are
combined from these per-stage facts, so after an edit only the stages it touched are
computed again (:mod:`.health_live`) while a full check builds every stage the same way:
the incremental and the full result cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain, compress, groupby
from math import fsum
from operator import attrgetter, itemgetter, mul, neg
from typing import NamedTuple

from journeymapper.analysis.aggregates import (
    WeightedMean,
    channel_kind_of,
    drop_off_of,
    weighted_mean,
)
from journeymapper.model.enums import FEEDBACK_METRICS, ChannelKind, Evidence
from journeymapper.store.journey_data import JourneyData, LaneData, StageData, TouchpointData


@dataclass
class StageFacts:
    """One stage's cards (in map order) and what the rules ask of them, joined from its
    cells' facts (:func:`join_cells`); the card lists are joined when first asked for."""

    stage: StageData
    #: The stage's cells in lane order.
    cells: list[CellFacts] = field(default_factory=list)
    #: How many cards the stage holds.
    count: int = 0
    #: How many cards sit in offline / support lanes.
    offline: int = 0
    support: int = 0
    #: The stage has cards and every one is online.
    online_only: bool = False
    #: The oldest latest value among the stale cards.
    oldest: dt.date | None = None
    #: Weighted-mean drop-off; the worst card (value, card).
    drop: WeightedMean = WeightedMean(None, 0.0, 0)
    worst: tuple[float, TouchpointData] | None = None
    #: Weighted-mean CES.
    ces: WeightedMean = WeightedMean(None, 0.0, 0)
    _means: dict[str, WeightedMean] = field(default_factory=dict)
    _ids: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _lists: dict[str, list[TouchpointData]] = field(default_factory=dict)

    def _joined(self, name: str) -> list[TouchpointData]:
        found = self._lists.get(name)
        if found is None:
            found = self._lists[name] = list(chain.from_iterable(c.lists[name] for c in self.cells))
        return found

    @property
    def items(self) -> list[TouchpointData]:
        """The stage's cards in map order."""
        return self._joined("items")

    @property
    def silent(self) -> list[TouchpointData]:
        """Cards with no CSAT, NPS or CES."""
        return self._joined("silent")

    @property
    def stale(self) -> list[TouchpointData]:
        """Cards with a latest value older than the cut-off."""
        return self._joined("stale")

    @property
    def assumed(self) -> list[TouchpointData]:
        """Cards marked assumed and never measured."""
        return self._joined("assumed")

    @property
    def dropping(self) -> tuple[int, ...]:
        """The ids of the cards that have a drop-off."""
        return self.ids_of("dropping")

    @property
    def effort_ids(self) -> tuple[int, ...]:
        """The ids of the cards that have a CES."""
        return self.ids_of("efforts")

    def ids_of(self, name: str) -> tuple[int, ...]:
        """The ids of one of the card lists (``"items"``, ``"silent"`` …), built once."""
        found = self._ids.get(name)
        if found is None:
            found = self._ids[name] = tuple(chain.from_iterable(c.ids[name] for c in self.cells))
        return found

    def mean(self, metric_key: str) -> WeightedMean:
        """The stage aggregate of one metric (weighted mean of the cards' latest values)."""
        found = self._means.get(metric_key)
        if found is None:
            found = weighted_mean(
                (t.latest[metric_key].value, t.latest[metric_key].sample_size)
                for t in self.items
                if metric_key in t.latest
            )
            self._means[metric_key] = found
        return found


def _worse(a: tuple[float, TouchpointData] | None, b: tuple[float, TouchpointData]) -> bool:
    """Whether ``b`` loses more customers than ``a`` (ties: the lower id wins)."""
    return a is None or (b[0], -b[1].id) > (a[0], -a[1].id)


class CardFacts(NamedTuple):
    """What the rules ask of one card (kept while the card's snapshot object is the same)."""

    offline: bool
    support: bool
    silent: bool
    #: The oldest latest value when one is older than the cut-off (a stale card), else None.
    stale_since: dt.date | None
    assumed: bool
    #: (value, weight): the weight is the sample size as a float, 1.0 when it has none.
    drop: tuple[float, float] | None
    ces: tuple[float, float] | None


def card_facts(t: TouchpointData, lanes: dict[int, LaneData], cutoff: dt.date) -> CardFacts:
    lane = lanes.get(t.lane_id)
    latest = t.latest
    stale_since = None
    if latest and any(m.measured_on < cutoff for m in latest.values()):
        stale_since = min(m.measured_on for m in latest.values())
    ces = latest.get("ces")
    drop = drop_off_of(t)
    return CardFacts(
        channel_kind_of(lane) == ChannelKind.OFFLINE,
        lane is not None and lane.is_support,
        not FEEDBACK_METRICS.intersection(latest),
        stale_since,
        t.evidence == Evidence.ASSUMED and not latest,
        None if drop is None else (drop[0], _weight(drop[1])),
        None if ces is None else (ces.value, _weight(ces.sample_size)),
    )


def _weight(sample_size: int | None) -> float:
    return float(sample_size) if sample_size else 1.0


class Sums(NamedTuple):
    """A weighted mean's parts: the sum of value × weight, of the weights, how many."""

    total: float
    weight: float
    count: int


def _sums(pairs: list[tuple[float, float]]) -> Sums:
    """One cell's sums of (value, weight) pairs, exactly rounded (:func:`math.fsum`)."""
    weights = list(map(_SECOND, pairs))
    return Sums(fsum(map(mul, map(_FIRST, pairs), weights)), fsum(weights), len(weights))


def _weighted(cells: list[Sums]) -> WeightedMean:
    """A stage's weighted mean from its cells' sums, added cell by cell in lane order: a
    full check and a live one (which keeps the sums of the cells an edit did not touch)
    add the same numbers in the same order, so they agree to the bit."""
    weight = fsum(map(_WEIGHT, cells))
    total = fsum(map(_TOTAL, cells))
    return WeightedMean(total / weight if weight else None, weight, sum(map(_COUNT, cells)))


#: Card facts by card id, with the snapshot object they were read from.
Memo = dict[int, tuple[TouchpointData, CardFacts]]


_OFFLINE, _SUPPORT, _SILENT, _STALE, _ASSUMED, _DROP, _CES = (
    attrgetter(name) for name in CardFacts._fields
)
_ID = attrgetter("id")
_LANE, _PLACE = attrgetter("lane_id"), attrgetter("position", "id")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_TOTAL, _WEIGHT, _COUNT = (attrgetter(name) for name in ("total", "weight", "count"))


@dataclass
class CellFacts:
    """What the rules ask of one cell (one stage × one lane): its cards in position order.

    A stage's facts are joined from its cells (:func:`join_cells`), so an edit that moves
    one card computes again the two cells it left and entered (a few dozen cards at
    10,000), not the two stages (~800 cards each)."""

    #: The card lists by name: ``items`` (every card), ``silent``, ``stale``, ``assumed``.
    lists: dict[str, list[TouchpointData]]
    offline: int
    support: int
    oldest: dt.date | None
    #: The sums of the cards' drop-offs; the worst card (value, card).
    drops: Sums
    worst: tuple[float, TouchpointData] | None
    #: The sums of the cards' CES.
    ces: Sums
    #: The ids of each card list (as :meth:`StageFacts.ids_of` names them), and of the
    #: cards with a drop-off (``"dropping"``) and with a CES (``"efforts"``).
    ids: dict[str, tuple[int, ...]]


_LISTS = ("items", "silent", "stale", "assumed")


def cell_facts(
    items: list[TouchpointData], lanes: dict[int, LaneData], cutoff: dt.date, memo: Memo
) -> CellFacts:
    """The facts of one cell; ``items`` are its cards in position order. A card whose
    snapshot object is the one ``memo`` kept is not looked at again."""
    kept = list(map(memo.get, map(_ID, items)))
    cards = [
        k[1] if k is not None and k[0] is t else _facts_of(t, lanes, cutoff, memo)
        for t, k in zip(items, kept, strict=True)
    ]
    ids = tuple(map(_ID, items))
    drops = list(filter(None, map(_DROP, cards)))
    dropping = tuple(compress(ids, map(_DROP, cards)))
    worst = None
    if drops:  # the highest drop-off; ties: the lower id (as :func:`_worse` orders them)
        value, minus_id = max(zip(map(_FIRST, drops), map(neg, dropping), strict=True))
        worst = (value, items[ids.index(-minus_id)])
    lists = (
        items,
        list(compress(items, map(_SILENT, cards))),
        list(compress(items, map(_STALE, cards))),
        list(compress(items, map(_ASSUMED, cards))),
    )
    return CellFacts(
        dict(zip(_LISTS, lists, strict=True)),
        sum(map(_OFFLINE, cards)),
        sum(map(_SUPPORT, cards)),
        min(filter(None, map(_STALE, cards)), default=None),
        _sums(drops),
        worst,
        _sums(list(filter(None, map(_CES, cards)))),
        {
            **{name: tuple(map(_ID, cards_)) for name, cards_ in zip(_LISTS, lists, strict=True)},
            "dropping": dropping,
            "efforts": tuple(compress(ids, map(_CES, cards))),
        },
    )


def join_cells(stage: StageData, cells: list[CellFacts]) -> StageFacts:
    """A stage's facts from its cells' facts, the cells in lane order: counts and sums
    added, card lists joined end to end when a rule asks (nothing walks the cards)."""
    f = StageFacts(stage, cells, sum(len(c.ids["items"]) for c in cells))
    f.offline = sum(c.offline for c in cells)
    f.support = sum(c.support for c in cells)
    f.oldest = min((c.oldest for c in cells if c.oldest is not None), default=None)
    for c in cells:
        if c.worst is not None and _worse(f.worst, c.worst):
            f.worst = c.worst
    f.online_only = f.count > 0 and f.offline == 0
    f.drop = _weighted([c.drops for c in cells])
    f.ces = f._means["ces"] = _weighted([c.ces for c in cells])
    return f


def stage_facts(
    stage: StageData,
    items: list[TouchpointData],
    lanes: dict[int, LaneData],
    cutoff: dt.date,
    memo: Memo | None = None,
) -> StageFacts:
    """The facts of one stage; ``items`` are its cards in map order (lane by lane).

    With ``memo`` (kept by the caller for one set of lanes and one cut-off), a card whose
    snapshot object did not change since is not looked at again.
    """
    memo = {} if memo is None else memo
    cells = [cell_facts(list(run), lanes, cutoff, memo) for _, run in groupby(items, _LANE)]
    return join_cells(stage, cells)


def _facts_of(
    t: TouchpointData, lanes: dict[int, LaneData], cutoff: dt.date, memo: Memo
) -> CardFacts:
    c = card_facts(t, lanes, cutoff)
    memo[t.id] = (t, c)
    return c


def in_map_order(data: JourneyData, ids: object) -> list[TouchpointData]:
    """The cards ``ids`` (an iterable of touchpoint ids) sorted as a stage lists them."""
    lane_pos = defaultdict(int, {ln.id: ln.position for ln in data.lanes})
    tps = list(map(data.touchpoints.__getitem__, ids))  # type: ignore[call-overload]
    tps.sort(key=_PLACE)  # then by lane (a stable sort keeps position and id within one)
    lanes = list(map(lane_pos.__getitem__, map(_LANE, tps)))
    return list(map(tps.__getitem__, sorted(range(len(tps)), key=lanes.__getitem__)))


def cutoff_of(today: dt.date, stale_days: int) -> dt.date:
    return today - dt.timedelta(days=stale_days)


def worst_card(facts: list[StageFacts]) -> tuple[float, TouchpointData] | None:
    """The card with the highest drop-off in the journey (ties: the lower id)."""
    worst: tuple[float, TouchpointData] | None = None
    for f in facts:
        if f.worst is not None and _worse(worst, f.worst):
            worst = f.worst
    return worst
