"""Health rules that follow the opportunity portfolio up.

An opportunity without an owner, one past its due date, one marked done whose
target metric did not move (or moved the wrong way) since it started, and a
high-value pain point (on a stage losing many customers or asking high effort)
that no opportunity answers. The journey check (:mod:`.health`) runs the rules for
the opportunities touching its journey; :func:`check_portfolio` runs them for all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from journeymapper.analysis.aggregates import FunnelStep, WeightedMean, funnel, stage_metric
from journeymapper.analysis.findings import PROBLEM, WARNING, Finding, by_severity
from journeymapper.analysis.rule_memo import RuleMemo, Same, remembered
from journeymapper.model.document import Document
from journeymapper.model.enums import AnnotationKind, OpportunityStatus
from journeymapper.store.journey_data import JourneyData
from journeymapper.store.portfolio_queries import (
    OpportunityRow,
    Portfolio,
    TargetRow,
    load_portfolio,
    target_series,
)


class Thresholds(Protocol):
    """The health thresholds these rules read (:class:`health.Thresholds` has them)."""

    @property
    def drop_off_problem(self) -> float: ...

    @property
    def max_stage_effort(self) -> float: ...


Series = list[tuple[dt.date, float]]


@dataclass(frozen=True)
class PortfolioFacts:
    """The portfolio and the dated values of every card target (read together)."""

    portfolio: Portfolio
    series: dict[int, Series]


def read_facts(doc: Document) -> PortfolioFacts:
    portfolio = load_portfolio(doc)
    return PortfolioFacts(portfolio, target_series(doc) if portfolio.opportunities else {})


def _places(opp: OpportunityRow) -> tuple[tuple[int, ...], tuple[int, ...]]:
    stages = {p.stage_id for p in opp.pain_points if p.stage_id is not None} | opp.stage_ids
    return tuple(sorted(opp.touchpoint_ids)), tuple(sorted(stages))


def _owner_and_due(opp: OpportunityRow, today: dt.date) -> list[Finding]:
    if not opp.open:
        return []
    tps, stages = _places(opp)
    found = []
    if not opp.owner.strip():
        found.append(
            Finding(
                "opportunity_without_owner",
                WARNING,
                f"Opportunity {opp.title!r} has no owner: nobody is answerable for it.",
                tps,
                stages,
            )
        )
    if opp.due_on is not None and opp.due_on < today:
        days = (today - opp.due_on).days
        found.append(
            Finding(
                "opportunity_overdue",
                PROBLEM,
                f"Opportunity {opp.title!r} is overdue: it was due {opp.due_on.isoformat()} "
                f"({days} day{'s' if days != 1 else ''} ago) and is still "
                f"{OpportunityStatus(opp.status).label.lower()}.",
                tps,
                stages,
            )
        )
    return found


def _baseline_and_now(
    target: TargetRow, series: Series, started: dt.date | None
) -> tuple[float | None, float | None]:
    """The value when the opportunity started and the newest one measured after it."""
    before = [v for day, v in series if started is None or day <= started]
    after = [v for day, v in series if started is not None and day > started]
    if started is None:  # no start recorded: the promised start against the newest value
        start = target.from_value if target.from_value is not None else None
        return start, (series[-1][1] if series and start is not None else None)
    start = before[-1] if before else target.from_value
    return start, (after[-1] if after else None)


#: The stage aggregate of a metric: (stage id, metric key) -> weighted mean (None: no stage).
StageMean = Callable[[int, str], WeightedMean | None]


def _stage_now(target: TargetRow, data: JourneyData, stage_mean: StageMean | None) -> float | None:
    """The stage aggregate (weighted mean of its cards' newest values) today."""
    if stage_mean is None:
        mean = stage_metric(data, target.metric_key).get(target.place.stage_id)
    else:
        mean = stage_mean(target.place.stage_id, target.metric_key)
    return mean.value if mean is not None and mean.count else None


def _target_finding(
    opp: OpportunityRow, target: TargetRow, start: float | None, now: float | None
) -> Finding | None:
    tps = (target.place.touchpoint_id,) if target.place.touchpoint_id else ()
    where, stages = target.place.label, (target.place.stage_id,)
    if start is None:
        return None
    if now is None:
        message = (
            f"Opportunity {opp.title!r} is done but {target.metric} on {where} has not "
            "been measured since it started: measure it to see whether it worked."
        )
        return Finding("target_unmeasured", WARNING, message, tps, stages)
    better = now > start if target.higher_is_better else now < start
    if better:
        return None
    if now == start:
        message = (
            f"Opportunity {opp.title!r} is done but {target.metric} on {where} did not "
            f"move since it started ({start:g}; target {target.to_value:g})."
        )
        return Finding("target_not_moved", WARNING, message, tps, stages)
    message = (
        f"Opportunity {opp.title!r} is done but {target.metric} on {where} moved the "
        f"wrong way since it started: {start:g} → {now:g} (target {target.to_value:g})."
    )
    return Finding("target_wrong_way", PROBLEM, message, tps, stages)


def _targets(
    opp: OpportunityRow,
    facts: PortfolioFacts,
    data: JourneyData | None,
    stage_mean: StageMean | None = None,
) -> list[Finding]:
    if opp.status != OpportunityStatus.DONE:
        return []
    found = []
    for target in opp.targets:
        if target.place.touchpoint_id is not None:
            series = facts.series.get(target.id, [])
            start, now = _baseline_and_now(target, series, opp.started_on)
        elif data is not None and target.place.journey_id == data.id:
            start, now = target.from_value, _stage_now(target, data, stage_mean)
        else:
            continue
        finding = _target_finding(opp, target, start, now)
        if finding is not None:
            found.append(finding)
    return found


def opportunity_findings(
    opp: OpportunityRow,
    facts: PortfolioFacts,
    today: dt.date,
    data: JourneyData | None = None,
    stage_mean: StageMean | None = None,
) -> list[Finding]:
    return _owner_and_due(opp, today) + _targets(opp, facts, data, stage_mean)


def hot_stages(
    steps: list[FunnelStep], effort: dict[int, WeightedMean], thresholds: Thresholds
) -> set[int]:
    """Stages that lose many customers (funnel ``steps``) or ask high ``effort`` (mean CES)."""
    hot = {
        s.stage_id
        for s in steps
        if s.drop_off is not None and s.drop_off >= thresholds.drop_off_problem
    }
    hot |= {
        stage_id
        for stage_id, mean in effort.items()
        if mean.value is not None and mean.value > thresholds.max_stage_effort
    }
    return hot


def high_value_pain_points(
    data: JourneyData, thresholds: Thresholds, hot: set[int] | None = None
) -> set[int]:
    """Pain points on a stage that loses many customers or asks high effort (``hot``)."""
    if hot is None:
        hot = hot_stages(funnel(data), stage_metric(data, "ces"), thresholds)
    if not hot:
        return set()
    found = set()
    for a in data.annotations:
        if a.kind != AnnotationKind.PAIN_POINT:
            continue
        tp = data.touchpoints.get(a.touchpoint_id) if a.touchpoint_id is not None else None
        if (tp.stage_id if tp is not None else a.stage_id) in hot:
            found.add(a.id)
    return found


def unanswered_high_value(
    data: JourneyData,
    thresholds: Thresholds,
    answered: set[int] | frozenset[int],
    hot: set[int] | None = None,
) -> list[Finding]:
    high = high_value_pain_points(data, thresholds, hot) - set(answered)
    stages = {s.id: s.name for s in data.stages}
    found = []
    for a in data.annotations:
        if a.id not in high:
            continue
        tp = data.touchpoints.get(a.touchpoint_id) if a.touchpoint_id is not None else None
        stage_id = tp.stage_id if tp is not None else a.stage_id
        text = a.text if len(a.text) <= 60 else a.text[:57] + "…"
        found.append(
            Finding(
                "high_value_pain_without_opportunity",
                PROBLEM,
                f"Pain point {a.number} sits on stage {stages.get(stage_id or 0, '?')!r}, "
                f"which loses many customers or asks high effort, and no opportunity "
                f"answers it: {text!r}.",
                (tp.id,) if tp is not None else (),
                (stage_id,) if stage_id is not None else (),
            )
        )
    return found


def journey_findings(
    data: JourneyData,
    thresholds: Thresholds,
    today: dt.date,
    facts: PortfolioFacts | None,
    hot: set[int] | None = None,
    stage_mean: StageMean | None = None,
    memo: RuleMemo | None = None,
) -> list[Finding]:
    """Portfolio findings for one journey: its opportunities and its high-value pain points.

    ``hot`` and ``stage_mean`` are the stage aggregates when the caller keeps them; with
    them, ``memo`` keeps each part until what it reads changed (a live check).
    """
    parts = journey_sources(data, thresholds, today, facts, hot, stage_mean, memo)
    return [f for part in parts for f in part]


def journey_sources(
    data: JourneyData,
    thresholds: Thresholds,
    today: dt.date,
    facts: PortfolioFacts | None,
    hot: set[int] | None = None,
    stage_mean: StageMean | None = None,
    memo: RuleMemo | None = None,
) -> list[list[Finding]]:
    """:func:`journey_findings` in its two parts (the high-value pain points, the
    opportunities), each the very list ``memo`` kept when it did not run again."""
    if hot is None or stage_mean is None:
        memo = None
    answered = facts.portfolio.by_pain_point if facts else {}
    key = (Same(data.annotations), memo and memo.notes, thresholds, hot, Same(answered))
    found = remembered(
        memo,
        "high_value",
        key,
        lambda: unanswered_high_value(data, thresholds, set(answered), hot),
    )
    if facts is None:
        return [found]
    opps = remembered(memo, "in_journey", Same(facts), lambda: _in_journey(facts, data.id))
    means = tuple(stage_mean(*place) for place in opps[1]) if memo and stage_mean else ()

    def one(opp: OpportunityRow) -> list[Finding]:
        """One opportunity's findings, kept while the row and its targets' series are the
        very objects they were (a card patched into the portfolio replaces only the rows
        naming it: :mod:`journeymapper.store.portfolio_cards`)."""
        series = tuple(Same(facts.series.get(t.id)) for t in opp.targets)
        return remembered(
            memo,
            f"opportunity {opp.id}",
            (Same(opp), today, means, series),
            lambda: opportunity_findings(opp, facts, today, data, stage_mean),
        )

    return [
        found,
        remembered(
            memo,
            "opportunities",
            (Same(facts), today, means),
            lambda: [f for opp in opps[0] for f in one(opp)],
        ),
    ]


def _in_journey(
    facts: PortfolioFacts, journey_id: int
) -> tuple[list[OpportunityRow], list[tuple[int, str]]]:
    """The opportunities touching a journey and the (stage, metric) aggregates their
    stage targets read: a stage target's finding changes only with those."""
    opps = facts.portfolio.in_journey(journey_id)
    places = [
        (t.place.stage_id, t.metric_key)
        for o in opps
        if o.status == OpportunityStatus.DONE
        for t in o.targets
        if t.place.touchpoint_id is None and t.place.journey_id == journey_id
    ]
    return opps, places


def check_portfolio(doc: Document, today: dt.date | None = None) -> list[Finding]:
    """Owner, due date and card-target findings for every opportunity in the workspace."""
    facts = read_facts(doc)
    today = today or dt.date.today()
    found = [
        f for o in facts.portfolio.opportunities for f in opportunity_findings(o, facts, today)
    ]
    return by_severity(found)
