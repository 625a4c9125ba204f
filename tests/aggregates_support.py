"""The check that the Charts dock's live aggregates equal a full computation from the file."""

from __future__ import annotations

from journeymapper.analysis.aggregates import (
    channel_mix,
    funnel,
    stage_metric,
    stage_touchpoints,
)
from journeymapper.analysis.aggregates_live import LiveAggregates
from journeymapper.analysis.blueprint_health import stage_times
from journeymapper.model.document import Document
from journeymapper.model.enums import JourneyView
from journeymapper.store.blueprint_queries import as_view
from journeymapper.store.journey_data import load_journey


def assert_live_aggregates_agree(live: LiveAggregates, doc: Document, journey_id: int) -> None:
    """Every number the charts read from ``live`` equals the full functions on a fresh read."""
    data = load_journey(doc, journey_id)
    customer = as_view(data, JourneyView.JOURNEY)
    assert live.data.touchpoints == data.touchpoints
    groups = stage_touchpoints(customer)
    sums = live.all_sums()
    assert [[t.id for t in s.items] for s in sums] == [
        [t.id for t in groups[s.id]] for s in data.stages
    ]
    assert live.funnel() == funnel(customer)
    assert live.channel_mix() == channel_mix(customer)
    assert live.stage_times() == stage_times(data)
    assert live.customer_count() == len(customer.touchpoints)
    for key, metric in data.metrics.items():
        assert live.stage_metric(key) == stage_metric(customer, key)
        ranking = live.ranking(key)  # built once, then kept by the edits that follow
        sign = -1 if metric.higher_is_better else 1
        rows = sorted(
            (sign * t.latest[key].value, t.title, t.id)
            for t in customer.touchpoints.values()
            if key in t.latest
        )
        assert [(ranking.at(r)[0].id, ranking.at(r)[1]) for r in range(len(ranking))] == [
            (tp_id, sign * v) for v, _title, tp_id in rows
        ]
        assert all(ranking.rank_of(tp_id) == r for r, (_v, _t, tp_id) in enumerate(rows))
        present = {customer.touchpoints[tp_id].stage_id for _v, _t, tp_id in rows}
        assert {s for s, n in ranking.stages.items() if n} == present
