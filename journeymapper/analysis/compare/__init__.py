"""Current vs future state: what differs between two journeys, with no Qt.

:func:`compare` takes two read journeys (:class:`Side`) and returns a
:class:`Comparison`: the stage columns of both, every difference in a stable
order (stages, lanes, cards, text cells, annotations), per-stage metric deltas
and both emotion curves. :func:`compare_documents` reads the two journeys first.
"""

from __future__ import annotations

from journeymapper.analysis.aggregates import stage_touchpoints
from journeymapper.analysis.compare.diff import (
    map_order,
    match_touchpoints,
    structure_differences,
    text_differences,
    touchpoint_differences,
)
from journeymapper.analysis.compare.frame import Side, build_frame
from journeymapper.analysis.compare.measures import curve, metric_deltas
from journeymapper.analysis.compare.model import (
    Column,
    Comparison,
    CurvePoint,
    Difference,
    FieldChange,
    MetricDelta,
)
from journeymapper.analysis.compare.notes import note_differences
from journeymapper.model.document import Document
from journeymapper.store.diff_read import gc_paused, read_for_diff
from journeymapper.store.journey_data import load_journey
from journeymapper.store.origins import load_origins, share_ids


def compare(a: Side, b: Side, *, linked: bool = False) -> Comparison:
    """Every difference from ``a`` (before) to ``b`` (after).

    ``linked`` says that ids in both name the same items (one workspace, or a
    snapshot of it); then ids and origin links pair items before any name does.
    The cyclic garbage collector waits meanwhile: the thousands of small objects a
    large map's comparison makes hold no cycles, and each collection would walk
    both journeys again.
    """
    with gc_paused():
        return _compare(a, b, linked)


def _compare(a: Side, b: Side, linked: bool) -> Comparison:
    f = build_frame(a, b, linked)
    order_a, order_b = map_order(a.data), map_order(b.data)
    tps = match_touchpoints(f, order_a, order_b)
    differences = (
        structure_differences(f, "stage")
        + structure_differences(f, "lane")
        + touchpoint_differences(f, tps)
        + text_differences(f)
        + note_differences(f, tps)
    )
    differences.sort(key=lambda d: d.order)
    grouped_a, grouped_b = stage_touchpoints(a.data), stage_touchpoints(b.data)
    return Comparison(
        a_label=a.label,
        b_label=b.label,
        columns=f.columns,
        differences=differences,
        metric_deltas=metric_deltas(f, grouped_a, grouped_b),
        curve_a=curve(a.data, f.col_a, grouped_a),
        curve_b=curve(b.data, f.col_b, grouped_b),
        matched_by={
            "stage": f.stages.counts(),
            "lane": f.lanes.counts(),
            "touchpoint": tps.counts(),
        },
        unmatched={
            "stage": (f.stages.only_a, f.stages.only_b),
            "lane": (f.lanes.only_a, f.lanes.only_b),
            "touchpoint": (tps.only_a, tps.only_b),
        },
    )


def read_side(doc: Document, journey_id: int, label: str | None = None) -> Side:
    """One journey with its origin links, labelled ``file: journey`` unless told."""
    data = load_journey(doc, journey_id)
    return Side(data, load_origins(doc, journey_id), label or f"{doc.path.name}: {data.name}")


def read_pair(
    doc_a: Document,
    journey_a: int,
    doc_b: Document,
    journey_b: int,
    labels: tuple[str, str] | None = None,
) -> tuple[Side, Side]:
    """Both journeys read for a diff only (:mod:`store.diff_read`): one query per table
    when both are in one workspace; labelled ``file: journey`` unless told."""
    if doc_a is doc_b:
        both = read_for_diff(doc_a, (journey_a, journey_b))
        (data_a, links_a), (data_b, links_b) = both[journey_a], both[journey_b]
    else:
        data_a, links_a = read_for_diff(doc_a, (journey_a,))[journey_a]
        data_b, links_b = read_for_diff(doc_b, (journey_b,))[journey_b]
    label_a, label_b = labels or (
        f"{doc_a.path.name}: {data_a.name}",
        f"{doc_b.path.name}: {data_b.name}",
    )
    return Side(data_a, links_a, label_a), Side(data_b, links_b, label_b)


def compare_documents(
    doc_a: Document, journey_a: int, doc_b: Document, journey_b: int
) -> Comparison:
    """Read both journeys and compare them (ids shared when both are one workspace's)."""
    with gc_paused():
        a, b = read_pair(doc_a, journey_a, doc_b, journey_b)
        return compare(a, b, linked=share_ids(doc_a, doc_b))


__all__ = [
    "Column",
    "Comparison",
    "CurvePoint",
    "Difference",
    "FieldChange",
    "MetricDelta",
    "Side",
    "compare",
    "compare_documents",
    "read_pair",
    "read_side",
]
