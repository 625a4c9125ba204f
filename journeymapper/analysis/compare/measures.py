"""Numbers of a comparison: both emotion curves on one stage axis, per-stage metric deltas."""

from __future__ import annotations

from journeymapper.analysis.aggregates import WeightedMean, stage_touchpoints, weighted_mean
from journeymapper.analysis.compare.frame import Frame
from journeymapper.analysis.compare.model import CurvePoint, MetricDelta
from journeymapper.store.journey_data import JourneyData


def curve(data: JourneyData, columns: dict[int, int]) -> list[CurvePoint]:
    """A side's emotion points in map order; x spreads a stage's points over its column."""
    points: list[CurvePoint] = []
    for stage_id, tps in stage_touchpoints(data).items():
        scored = [t for t in tps if t.emotion is not None]
        col = columns.get(stage_id)
        if col is None:
            continue
        for j, t in enumerate(scored):
            x = col - 0.4 + 0.8 * (j + 0.5) / len(scored)
            points.append(CurvePoint(t.id, x, int(t.emotion), t.title))  # type: ignore[arg-type]
    points.sort(key=lambda p: (p.x, p.touchpoint_id))
    return points


def stage_means(data: JourneyData) -> dict[int, dict[str, WeightedMean]]:
    """What ``aggregates.stage_aggregates`` gives (same weighted mean), in one pass."""
    out: dict[int, dict[str, WeightedMean]] = {}
    for stage_id, tps in stage_touchpoints(data).items():
        pairs: dict[str, list[tuple[float, int | None]]] = {}
        for t in tps:
            for key, m in t.latest.items():
                pairs.setdefault(key, []).append((m.value, m.sample_size))
        out[stage_id] = {key: weighted_mean(values) for key, values in pairs.items()}
    return out


def metric_deltas(f: Frame) -> list[MetricDelta]:
    """Per shared stage column and metric: the newest-value weighted means of A and B.

    Only metrics measured on at least one side appear; B's metric order, then A's.
    """
    agg_a = stage_means(f.a.data)
    agg_b = stage_means(f.b.data)
    metrics = dict(f.b.data.metrics)
    for key, metric in f.a.data.metrics.items():
        metrics.setdefault(key, metric)
    out: list[MetricDelta] = []
    for column in f.columns:
        means_a = agg_a.get(column.a_id, {}) if column.a_id is not None else {}
        means_b = agg_b.get(column.b_id, {}) if column.b_id is not None else {}
        for key, metric in metrics.items():
            before, after = means_a.get(key), means_b.get(key)
            if before is None and after is None:
                continue
            out.append(
                MetricDelta(
                    column.name,
                    key,
                    metric.name,
                    metric.unit,
                    metric.higher_is_better,
                    before.value if before else None,
                    after.value if after else None,
                )
            )
    return out
