"""Health rules of a service blueprint: what sits behind the customer's touchpoints.

They run only on journeys that have blueprint layers, on the whole journey (steps
and connectors included); the journey-map rules in :mod:`.health` keep looking at the
customer's touchpoints alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from journeymapper.analysis.findings import PROBLEM, WARNING, Finding
from journeymapper.geometry.step_text import minutes
from journeymapper.model.enums import LAYER_KINDS, ConnectorKind, LaneKind
from journeymapper.store.journey_data import (
    ConnectorData,
    JourneyData,
    StageData,
    TouchpointData,
)

#: The layers whose steps support a touchpoint (staff the customer sees, or does not).
SUPPORT_LAYERS = frozenset({LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE})


@dataclass(frozen=True)
class Limits:
    """The blueprint thresholds (set with the others: ``health.<name>``)."""

    max_handoffs_per_stage: int = 3
    max_wait_minutes: float = 30.0


@dataclass(frozen=True)
class StageTimes:
    """Minutes of work (duration) and of waiting summed over one stage's steps."""

    stage_id: int
    name: str
    duration: float
    wait: float
    steps: int


def _titles(tps: Iterable[TouchpointData], limit: int = 3) -> str:
    items = list(tps)
    names = ", ".join(repr(t.title) for t in items[:limit])
    more = len(items) - limit
    return names + (f" and {more} more" if more > 0 else "")


def is_blueprint(data: JourneyData) -> bool:
    return any(ln.kind in LAYER_KINDS for ln in data.lanes)


def _kinds(data: JourneyData) -> dict[int, str]:
    """Lane kind of every card, by card id."""
    lanes = {ln.id: ln.kind for ln in data.lanes}
    return {t.id: lanes.get(t.lane_id, "") for t in data.touchpoints.values()}


def unsupported_touchpoints(data: JourneyData) -> list[Finding]:
    """Customer touchpoints no frontstage or backstage step is connected to."""
    kind = _kinds(data)
    supported: set[int] = set()
    for conn in data.connectors.values():
        a, b = conn.source_id, conn.target_id
        if kind.get(b) in SUPPORT_LAYERS:
            supported.add(a)
        if kind.get(a) in SUPPORT_LAYERS:
            supported.add(b)
    alone = [
        t
        for t in sorted(data.touchpoints.values(), key=lambda t: t.id)
        if kind[t.id] == LaneKind.CHANNEL and t.id not in supported
    ]
    if not alone:
        return []
    n = len(alone)
    return [
        Finding(
            "unsupported_touchpoint",
            WARNING,
            f"{n} touchpoint{'' if n == 1 else 's'} {'has' if n == 1 else 'have'} no frontstage "
            f"or backstage step connected: {_titles(alone)}.",
            tuple(t.id for t in alone),
        )
    ]


def ownerless_failure_points(data: JourneyData) -> list[Finding]:
    return [
        Finding(
            "failure_point_without_owner",
            PROBLEM,
            f"Failure point {t.title!r} has no owner: nobody is answerable when it fails.",
            (t.id,),
            (t.stage_id,),
        )
        for t in sorted(data.touchpoints.values(), key=lambda t: t.id)
        if t.failure_point and not t.owner.strip()
    ]


def handoff_stage(cards: dict[int, TouchpointData], conn: ConnectorData) -> int | None:
    """The stage of a connector's source card when the connector is a hand-off (kind
    hand-off, or the owner, a team, changes along the arrow); else None."""
    src, dst = cards.get(conn.source_id), cards.get(conn.target_id)
    if src is None or dst is None:
        return None
    a, b = src.owner.strip().casefold(), dst.owner.strip().casefold()
    if conn.kind == ConnectorKind.HANDOFF or (a and b and a != b):
        return src.stage_id
    return None


def handoffs(data: JourneyData) -> dict[int, list[int]]:
    """Hand-off connectors per stage of their source card (:func:`handoff_stage`)."""
    per_stage: dict[int, list[int]] = {}
    for conn in data.connectors.values():
        stage_id = handoff_stage(data.touchpoints, conn)
        if stage_id is not None:
            per_stage.setdefault(stage_id, []).append(conn.id)
    return per_stage


def handoff_finding(
    data: JourneyData, stage: StageData, ids: list[int], limits: Limits
) -> Finding | None:
    """A stage with more hand-offs (connector ``ids``) than the limit allows, or None."""
    if len(ids) <= limits.max_handoffs_per_stage:
        return None
    cards = {data.connectors[i].source_id for i in ids}
    cards |= {data.connectors[i].target_id for i in ids}
    return Finding(
        "many_handoffs",
        WARNING,
        f"Stage {stage.name!r} has {len(ids)} hand-offs between teams (more than "
        f"{limits.max_handoffs_per_stage}): each is a chance to drop the ball.",
        tuple(sorted(cards)),
        (stage.id,),
    )


def handoff_heavy_stages(data: JourneyData, limits: Limits) -> list[Finding]:
    per_stage = handoffs(data)
    found = (handoff_finding(data, s, per_stage.get(s.id, []), limits) for s in data.stages)
    return [f for f in found if f is not None]


def long_waits(data: JourneyData, limits: Limits) -> list[Finding]:
    slow = sorted(
        (t for t in data.touchpoints.values() if (t.wait_min or 0) > limits.max_wait_minutes),
        key=lambda t: (-(t.wait_min or 0), t.id),
    )
    return [
        Finding(
            "long_wait",
            WARNING,
            f"Step {t.title!r} keeps the customer waiting {minutes(t.wait_min or 0)} "
            f"(more than {minutes(limits.max_wait_minutes)}).",
            (t.id,),
            (t.stage_id,),
        )
        for t in slow
    ]


def stage_times(data: JourneyData) -> list[StageTimes]:
    """Duration and wait summed per stage, in stage order (for the Charts dock and PDF)."""
    out = []
    for stage in data.stages:
        steps = [
            t
            for t in data.touchpoints.values()
            if t.stage_id == stage.id and (t.duration_min is not None or t.wait_min is not None)
        ]
        out.append(
            StageTimes(
                stage.id,
                stage.name,
                sum(t.duration_min or 0.0 for t in steps),
                sum(t.wait_min or 0.0 for t in steps),
                len(steps),
            )
        )
    return out


def findings(data: JourneyData, limits: Limits) -> list[Finding]:
    """Every blueprint rule (nothing for a journey without blueprint layers)."""
    if not is_blueprint(data):
        return []
    return [
        *ownerless_failure_points(data),
        *unsupported_touchpoints(data),
        *handoff_heavy_stages(data, limits),
        *long_waits(data, limits),
    ]
