"""What the health check needs to know about one stage, computed from that stage's cards alone.

The journey-wide rules (no feedback, stale values, the worst drop-off, the funnel …) are
combined from these per-stage facts, so after an edit only the stages it touched are
computed again (:mod:`.health_live`) while a full check builds every stage the same way:
the incremental and the full result cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
    """One stage's cards (in map order) and what the rules ask of them."""

    stage: StageData
    items: list[TouchpointData]
    #: How many cards sit in offline / support lanes.
    offline: int = 0
    support: int = 0
    #: The stage has cards and every one is online.
    online_only: bool = False
    #: Cards with no CSAT, NPS or CES; with a latest value older than the cut-off
    #: (and the oldest latest value among those); marked assumed and never measured.
    silent: list[TouchpointData] = field(default_factory=list)
    stale: list[TouchpointData] = field(default_factory=list)
    oldest: dt.date | None = None
    assumed: list[TouchpointData] = field(default_factory=list)
    #: Weighted-mean drop-off and the cards that have one; the worst card (value, card).
    drop: WeightedMean = WeightedMean(None, 0.0, 0)
    dropping: tuple[int, ...] = ()
    worst: tuple[float, TouchpointData] | None = None
    #: Weighted-mean CES and the cards that have one.
    ces: WeightedMean = WeightedMean(None, 0.0, 0)
    effort_ids: tuple[int, ...] = ()
    _means: dict[str, WeightedMean] = field(default_factory=dict)

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


def stage_facts(
    stage: StageData,
    items: list[TouchpointData],
    lanes: dict[int, LaneData],
    cutoff: dt.date,
) -> StageFacts:
    """The facts of one stage; ``items`` are its cards in map order."""
    f = StageFacts(stage, items)
    drops: list[tuple[float, int | None]] = []
    dropping: list[int] = []
    online = 0
    for t in items:
        lane = lanes.get(t.lane_id)
        if channel_kind_of(lane) == ChannelKind.OFFLINE:
            f.offline += 1
        else:
            online += 1
        if lane is not None and lane.is_support:
            f.support += 1
        latest = t.latest
        if not FEEDBACK_METRICS.intersection(latest):
            f.silent.append(t)
        if latest and any(m.measured_on < cutoff for m in latest.values()):
            f.stale.append(t)
            first = min(m.measured_on for m in latest.values())
            f.oldest = first if f.oldest is None else min(f.oldest, first)
        if t.evidence == Evidence.ASSUMED and not latest:
            f.assumed.append(t)
        if (d := drop_off_of(t)) is not None:
            drops.append(d)
            dropping.append(t.id)
            if _worse(f.worst, (d[0], t)):
                f.worst = (d[0], t)
    f.online_only = bool(items) and online == len(items)
    f.drop, f.dropping = weighted_mean(drops), tuple(dropping)
    f.ces = f.mean("ces")
    f.effort_ids = tuple(t.id for t in items if "ces" in t.latest)
    return f


def in_map_order(data: JourneyData, ids: object) -> list[TouchpointData]:
    """The cards ``ids`` (an iterable of touchpoint ids) sorted as a stage lists them."""
    lane_pos = {ln.id: ln.position for ln in data.lanes}
    tps = [data.touchpoints[i] for i in ids]  # type: ignore[attr-defined]
    tps.sort(key=lambda t: (lane_pos.get(t.lane_id, 0), t.position, t.id))
    return tps


def cutoff_of(today: dt.date, stale_days: int) -> dt.date:
    return today - dt.timedelta(days=stale_days)


def worst_card(facts: list[StageFacts]) -> tuple[float, TouchpointData] | None:
    """The card with the highest drop-off in the journey (ties: the lower id)."""
    worst: tuple[float, TouchpointData] | None = None
    for f in facts:
        if f.worst is not None and _worse(worst, f.worst):
            worst = f.worst
    return worst
