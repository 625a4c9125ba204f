"""Numbers of a comparison: both emotion curves on one stage axis, per-stage metric deltas."""

from __future__ import annotations

from journeymapper.analysis.aggregates import WeightedMean, stage_touchpoints
from journeymapper.analysis.compare.frame import Frame
from journeymapper.analysis.compare.model import CurvePoint, MetricDelta
from journeymapper.store.journey_data import JourneyData, TouchpointData


def curve(
    data: JourneyData,
    columns: dict[int, int],
    grouped: dict[int, list[TouchpointData]] | None = None,
) -> list[CurvePoint]:
    """A side's emotion points in map order; x spreads a stage's points over its column.

    ``grouped`` is :func:`stage_touchpoints` of ``data`` when the caller has it already.
    """
    points: list[CurvePoint] = []
    for stage_id, tps in (grouped or stage_touchpoints(data)).items():
        scored = [t for t in tps if t.emotion is not None]
        col = columns.get(stage_id)
        if col is None:
            continue
        for j, t in enumerate(scored):
            x = col - 0.4 + 0.8 * (j + 0.5) / len(scored)
            points.append(CurvePoint(t.id, x, int(t.emotion), t.title))  # type: ignore[arg-type]
    points.sort(key=lambda p: (p.x, p.touchpoint_id))
    return points


def stage_means(
    data: JourneyData, grouped: dict[int, list[TouchpointData]] | None = None
) -> dict[int, dict[str, WeightedMean]]:
    """What ``aggregates.stage_aggregates`` gives (the same sums in the same order), in
    one pass over the measurements instead of one per metric."""
    out: dict[int, dict[str, WeightedMean]] = {}
    for stage_id, tps in (grouped or stage_touchpoints(data)).items():
        sums: dict[str, list[float]] = {}  # key → [total, weight, count]
        for t in tps:
            for key, m in t.latest.items():
                acc = sums.get(key)
                if acc is None:
                    acc = sums[key] = [0.0, 0.0, 0.0]
                w = float(m.sample_size) if m.sample_size else 1.0
                acc[0] += m.value * w
                acc[1] += w
                acc[2] += 1
        out[stage_id] = {
            key: WeightedMean(total / weight if weight else None, weight, int(count))
            for key, (total, weight, count) in sums.items()
        }
    return out


def metric_deltas(
    f: Frame,
    grouped_a: dict[int, list[TouchpointData]] | None = None,
    grouped_b: dict[int, list[TouchpointData]] | None = None,
) -> list[MetricDelta]:
    """Per shared stage column and metric: the newest-value weighted means of A and B.

    Only metrics measured on at least one side appear; B's metric order, then A's.
    """
    agg_a = stage_means(f.a.data, grouped_a)
    agg_b = stage_means(f.b.data, grouped_b)
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
