"""Stage aggregates: weighted metric means, the funnel, channel mix and channel coverage.

All functions take a :class:`JourneyData` snapshot and return plain dataclasses, so a
chart, the health check and a test can share one hand-checkable definition of each number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from journeymapper.model.enums import ChannelKind, Interaction, LaneKind
from journeymapper.store.journey_data import JourneyData, LaneData, StageData, TouchpointData


@dataclass(frozen=True)
class WeightedMean:
    """A sample-size-weighted mean and what it rests on."""

    value: float | None
    #: Sum of the weights (sample sizes; 1 for a measurement without one).
    weight: float
    #: How many touchpoints contributed a measurement.
    count: int


def weighted_mean(pairs: Iterable[tuple[float, int | None]]) -> WeightedMean:
    """Mean of ``(value, sample size)`` pairs; a missing sample size weighs 1."""
    total = weight = 0.0
    count = 0
    for value, sample_size in pairs:
        w = float(sample_size) if sample_size else 1.0
        total += value * w
        weight += w
        count += 1
    return WeightedMean(total / weight if weight else None, weight, count)


def stage_touchpoints(data: JourneyData) -> dict[int, list[TouchpointData]]:
    """Touchpoints of each stage (every stage present, empty ones too), in map order."""
    lane_pos = {ln.id: ln.position for ln in data.lanes}
    grouped: dict[int, list[TouchpointData]] = {s.id: [] for s in data.stages}
    for tp in data.touchpoints.values():
        grouped.setdefault(tp.stage_id, []).append(tp)
    for items in grouped.values():
        items.sort(key=lambda t: (lane_pos.get(t.lane_id, 0), t.position, t.id))
    return grouped


def stage_metric(data: JourneyData, metric_key: str) -> dict[int, WeightedMean]:
    """Per stage id, the weighted mean of each touchpoint's latest ``metric_key`` value."""
    return {
        stage_id: weighted_mean(
            (t.latest[metric_key].value, t.latest[metric_key].sample_size)
            for t in tps
            if metric_key in t.latest
        )
        for stage_id, tps in stage_touchpoints(data).items()
    }


def stage_aggregates(data: JourneyData) -> dict[int, dict[str, WeightedMean]]:
    """Per stage id and metric key, the weighted mean (metrics nobody measured are left out)."""
    result: dict[int, dict[str, WeightedMean]] = {s.id: {} for s in data.stages}
    for key in data.metrics:
        for stage_id, mean in stage_metric(data, key).items():
            if mean.count:
                result.setdefault(stage_id, {})[key] = mean
    return result


def drop_off_of(tp: TouchpointData) -> tuple[float, int | None] | None:
    """A touchpoint's drop-off (%) and its sample size.

    The drop-off rate when measured, otherwise 100 − the conversion rate; None when
    neither is known. One rule, used by the funnel and the health check alike.
    """
    if (m := tp.latest.get("drop_off_rate")) is not None:
        return m.value, m.sample_size
    if (m := tp.latest.get("conversion_rate")) is not None:
        return 100.0 - m.value, m.sample_size
    return None


@dataclass(frozen=True)
class FunnelStep:
    stage_id: int
    name: str
    #: Share of the customers who entered the journey that reach this stage (%).
    entered: float
    #: Weighted-mean drop-off of the stage (%); None when no touchpoint measures it.
    drop_off: float | None
    #: Share of the starting customers that move on to the next stage (%).
    left: float

    @property
    def lost(self) -> float:
        """Percentage points of the starting customers lost in this stage."""
        return self.entered - self.left


def funnel(data: JourneyData) -> list[FunnelStep]:
    """Customers remaining stage by stage, starting from 100 %.

    A stage without drop-off or conversion data passes everyone on (and says so
    with ``drop_off=None``), so one unmeasured stage does not hide the rest.
    """
    groups = stage_touchpoints(data)
    return funnel_steps(
        (stage, weighted_mean(d for t in groups[stage.id] if (d := drop_off_of(t)) is not None))
        for stage in data.stages
    )


def funnel_steps(stages: Iterable[tuple[StageData, WeightedMean]]) -> list[FunnelStep]:
    """The funnel from each stage's (in order) weighted-mean drop-off, however it was found."""
    steps = []
    remaining = 100.0
    for stage, mean in stages:
        left = remaining * (1 - mean.value / 100) if mean.value is not None else remaining
        steps.append(FunnelStep(stage.id, stage.name, remaining, mean.value, left))
        remaining = left
    return steps


@dataclass(frozen=True)
class ChannelMix:
    stage_id: int
    online: int = 0
    offline: int = 0
    direct: int = 0
    indirect: int = 0

    @property
    def total(self) -> int:
        return self.online + self.offline


def channel_kind_of(lane: LaneData | None) -> str:
    """A channel lane's kind; a lane that does not say counts as offline."""
    if lane is not None and lane.channel_kind == ChannelKind.ONLINE:
        return ChannelKind.ONLINE
    return ChannelKind.OFFLINE


def channel_mix(data: JourneyData) -> list[ChannelMix]:
    """Per stage (in order): how many touchpoints are online/offline and direct/indirect."""
    lanes = {ln.id: ln for ln in data.lanes}
    groups = stage_touchpoints(data)
    result = []
    for stage in data.stages:
        counts = {"online": 0, "offline": 0, "direct": 0, "indirect": 0}
        for tp in groups[stage.id]:
            counts[channel_kind_of(lanes.get(tp.lane_id))] += 1
            indirect = tp.interaction == Interaction.INDIRECT
            counts["indirect" if indirect else "direct"] += 1
        result.append(ChannelMix(stage.id, **counts))
    return result


@dataclass(frozen=True)
class Coverage:
    """Channel lanes × stages: how many touchpoints each cell holds."""

    lanes: list[LaneData]
    stages: list[StageData]
    counts: dict[tuple[int, int], int]

    def count(self, lane_id: int, stage_id: int) -> int:
        return self.counts.get((lane_id, stage_id), 0)

    def gaps(self) -> list[tuple[int, int]]:
        """(lane id, stage id) of every empty cell, row by row."""
        return [
            (ln.id, s.id) for ln in self.lanes for s in self.stages if not self.count(ln.id, s.id)
        ]


def coverage(data: JourneyData) -> Coverage:
    counts: dict[tuple[int, int], int] = {}
    for tp in data.touchpoints.values():
        key = (tp.lane_id, tp.stage_id)
        counts[key] = counts.get(key, 0) + 1
    lanes = [ln for ln in data.lanes if ln.kind == LaneKind.CHANNEL]
    return Coverage(lanes, list(data.stages), counts)
