"""The journey health check: what a reviewer would flag on a map, with the items concerned.

Every rule reads one :class:`JourneyData` snapshot (no per-touchpoint queries), so a
map of thousands of touchpoints is checked in milliseconds. Thresholds have defaults
and can be overridden per workspace in the ``setting`` table (``health.<field>``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import attrgetter

from journeymapper.analysis import blueprint_health, portfolio_health
from journeymapper.analysis.aggregates import (
    FunnelStep,
    WeightedMean,
    funnel_steps,
    stage_touchpoints,
)
from journeymapper.analysis.findings import INFO, PROBLEM, SEVERITIES, WARNING, Finding, by_severity
from journeymapper.analysis.health_thresholds import SETTING_PREFIX as SETTING_PREFIX
from journeymapper.analysis.health_thresholds import ThresholdError as ThresholdError
from journeymapper.analysis.health_thresholds import Thresholds, read_thresholds
from journeymapper.analysis.health_thresholds import save_thresholds as save_thresholds
from journeymapper.analysis.rule_memo import RuleMemo, Same, remembered
from journeymapper.analysis.stage_facts import (
    Memo,
    StageFacts,
    cutoff_of,
    stage_facts,
    worst_card,
)
from journeymapper.model.document import Document
from journeymapper.model.enums import AnnotationKind, JourneyView
from journeymapper.store.blueprint_queries import as_view
from journeymapper.store.journey_data import JourneyData, TouchpointData, load_journey


@dataclass
class _Context:
    data: JourneyData
    thresholds: Thresholds
    today: dt.date
    #: Every stage's facts, in stage order (:mod:`.stage_facts`).
    facts: list[StageFacts]
    #: pain points linked to an opportunity of the portfolio
    answered: frozenset[int] = field(default_factory=frozenset)
    steps: list[FunnelStep] = field(default_factory=list)
    hot: set[int] = field(default_factory=set)
    #: Rule results kept by a live check (None: a full check computes every rule).
    memo: RuleMemo | None = None

    def __post_init__(self) -> None:
        self.steps = funnel_steps((f.stage, f.drop) for f in self.facts)
        effort = {f.stage.id: f.ces for f in self.facts}
        self.hot = portfolio_health.hot_stages(self.steps, effort, self.thresholds)
        self._by_stage = {f.stage.id: f for f in self.facts}

    def stage(self, stage_id: int) -> StageFacts:
        return self._by_stage[stage_id]

    def stage_name(self, stage_id: int) -> str:
        f = self._by_stage.get(stage_id)
        return f.stage.name if f is not None else "?"

    def stage_mean(self, stage_id: int, metric_key: str) -> WeightedMean | None:
        f = self._by_stage.get(stage_id)
        return f.mean(metric_key) if f is not None else None


def _titles(tps: Iterable[TouchpointData], count: int, limit: int = 3) -> str:
    """The first ``limit`` titles of ``count`` cards, and how many more there are."""
    names = ", ".join(repr(t.title) for t in islice(tps, limit))
    more = count - limit
    return names + (f" and {more} more" if more > 0 else "")


def _gathered(c: _Context, name: str) -> tuple[tuple[int, ...], Iterator[TouchpointData]]:
    """One card list of every stage joined in map order: all the ids, and the cards lazily."""
    ids = tuple(chain.from_iterable(f.ids_of(name) for f in c.facts))
    return ids, _cards_of(c, name)


def _cards_of(c: _Context, name: str) -> Iterator[TouchpointData]:
    return chain.from_iterable(cell.lists[name] for f in c.facts for cell in f.cells)


def _over_stages(
    rule: Callable[[_Context], list[Finding]], name: str
) -> Callable[[_Context], list[Finding]]:
    """``rule``, which reads the card list ``name`` of every stage, run again only when a
    stage's list, the first titles or the oldest value changed (a live check): the list
    of a 10,000-card map holds up to every card, too many ids to gather after each edit."""

    def run(c: _Context) -> list[Finding]:
        key = (
            tuple(f.ids_of(name) for f in c.facts),
            tuple(t.title for t in islice(_cards_of(c, name), 3)),
            tuple(f.oldest for f in c.facts),
            c.thresholds.stale_days,
        )
        return remembered(c.memo, rule.__name__, key, lambda: rule(c))

    run.__name__ = rule.__name__
    return run


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def empty_stages(c: _Context) -> list[Finding]:
    return [
        Finding(
            "empty_stage",
            WARNING,
            f"Stage {f.stage.name!r} has no touchpoints: the journey is not fully mapped.",
            stage_ids=(f.stage.id,),
        )
        for f in c.facts
        if not f.count
    ]


def neglected_channels(c: _Context) -> list[Finding]:
    """No offline or no support touchpoints at all; stages served online only."""
    if not any(f.count for f in c.facts):
        return []
    found = []
    if not any(f.offline for f in c.facts):
        found.append(
            Finding("no_offline", WARNING, "The journey has no offline touchpoints at all.")
        )
    if not any(f.support for f in c.facts):
        found.append(
            Finding("no_support", WARNING, "The journey has no support touchpoints at all.")
        )
    for f in c.facts:
        if f.online_only:
            found.append(
                Finding(
                    "online_only_stage",
                    INFO,
                    f"Stage {f.stage.name!r} has only online touchpoints "
                    f"({f.count}); offline customers are not served there.",
                    f.ids_of("items"),
                    (f.stage.id,),
                )
            )
    return found


def missing_feedback(c: _Context) -> list[Finding]:
    ids, silent = _gathered(c, "silent")
    if not ids:
        return []
    return [
        Finding(
            "no_feedback",
            INFO,
            f"{_plural(len(ids), 'touchpoint')} {'has' if len(ids) == 1 else 'have'} "
            f"no customer feedback (CSAT, NPS or CES): {_titles(silent, len(ids))}.",
            ids,
        )
    ]


def overloaded_stages(c: _Context) -> list[Finding]:
    limit = c.thresholds.max_touchpoints_per_stage
    return [
        Finding(
            "overloaded_stage",
            WARNING,
            f"Stage {f.stage.name!r} has {f.count} touchpoints (more than {limit}).",
            f.ids_of("items"),
            (f.stage.id,),
        )
        for f in c.facts
        if f.count > limit
    ]


def high_effort_stages(c: _Context) -> list[Finding]:
    limit = c.thresholds.max_stage_effort
    found = []
    for f in c.facts:
        mean = f.ces
        if mean.value is None or mean.value <= limit:
            continue
        found.append(
            Finding(
                "high_effort_stage",
                PROBLEM,
                f"Stage {f.stage.name!r} asks high effort: CES {mean.value:.2f} "
                f"(above {limit:g}, weighted over {_plural(mean.count, 'touchpoint')}).",
                f.effort_ids,
                (f.stage.id,),
            )
        )
    return found


def highest_drop_off(c: _Context) -> list[Finding]:
    """The stage and the touchpoint that lose the most customers."""
    limit = c.thresholds.drop_off_problem
    found = []
    steps = [s for s in c.steps if s.drop_off is not None]
    if steps:
        worst = max(steps, key=lambda s: (s.drop_off, -steps.index(s)))
        assert worst.drop_off is not None
        found.append(
            Finding(
                "highest_drop_off_stage",
                PROBLEM if worst.drop_off >= limit else INFO,
                f"Stage {worst.name!r} has the highest drop-off: {worst.drop_off:.1f}% "
                f"({worst.lost:.1f}% of all customers lost there).",
                c.stage(worst.stage_id).dropping,
                (worst.stage_id,),
            )
        )
    card = worst_card(c.facts)
    if card is not None:
        value, tp = card
        found.append(
            Finding(
                "highest_drop_off_touchpoint",
                PROBLEM if value >= limit else INFO,
                f"Touchpoint {tp.title!r} in {c.stage_name(tp.stage_id)!r} has the highest "
                f"drop-off: {value:.1f}%.",
                (tp.id,),
                (tp.stage_id,),
            )
        )
    return found


def stale_measurements(c: _Context) -> list[Finding]:
    days = c.thresholds.stale_days
    ids, stale = _gathered(c, "stale")
    if not ids:
        return []
    oldest = min(f.oldest for f in c.facts if f.oldest is not None)
    return [
        Finding(
            "stale_measurements",
            INFO,
            f"{_plural(len(ids), 'touchpoint')} {'has' if len(ids) == 1 else 'have'} "
            f"measurements older than {days} days (oldest {oldest.isoformat()}): "
            f"{_titles(stale, len(ids))}.",
            ids,
        )
    ]


def unanswered_pain_points(c: _Context) -> list[Finding]:
    """Pain points with no opportunity on the same touchpoint or stage (or its stage).

    Pain points linked to a portfolio opportunity are answered; high-value ones are
    left to the stronger portfolio rule. A live check keeps the result while the
    annotations, the cards they sit on and the hot stages stay as they were.
    """
    key = (Same(c.data.annotations), c.memo and c.memo.notes, c.thresholds, c.hot, c.answered)
    return remembered(c.memo, "pain_points", key, lambda: _unanswered_pain_points(c))


def _unanswered_pain_points(c: _Context) -> list[Finding]:
    tps = c.data.touchpoints
    high_value = portfolio_health.high_value_pain_points(c.data, c.thresholds, c.hot)
    covered_tp = set()
    covered_stage = set()
    for a in c.data.annotations:
        if a.kind == AnnotationKind.OPPORTUNITY:
            if a.touchpoint_id is not None:
                covered_tp.add(a.touchpoint_id)
            if a.stage_id is not None:
                covered_stage.add(a.stage_id)
    found = []
    for a in c.data.annotations:
        if a.kind != AnnotationKind.PAIN_POINT or a.id in c.answered or a.id in high_value:
            continue
        tp = tps.get(a.touchpoint_id) if a.touchpoint_id is not None else None
        stage_id = tp.stage_id if tp is not None else a.stage_id
        if a.touchpoint_id in covered_tp or stage_id in covered_stage:
            continue
        where = f"touchpoint {tp.title!r}" if tp else f"stage {c.stage_name(stage_id or 0)!r}"
        text = a.text if len(a.text) <= 60 else a.text[:57] + "…"
        found.append(
            Finding(
                "pain_without_opportunity",
                WARNING,
                f"Pain point {a.number} on {where} has no opportunity: {text!r}.",
                (tp.id,) if tp else (),
                (stage_id,) if stage_id is not None else (),
            )
        )
    return found


def unmeasured_assumptions(c: _Context) -> list[Finding]:
    ids, assumed = _gathered(c, "assumed")
    if not ids:
        return []
    return [
        Finding(
            "assumed_unmeasured",
            WARNING,
            f"{_plural(len(ids), 'touchpoint')} marked assumed "
            f"{'carries' if len(ids) == 1 else 'carry'} no measurement: "
            f"{_titles(assumed, len(ids))}.",
            ids,
        )
    ]


#: Every rule, in the order findings are listed within a severity.
RULES: tuple[Callable[[_Context], list[Finding]], ...] = (
    empty_stages,
    neglected_channels,
    _over_stages(missing_feedback, "silent"),
    overloaded_stages,
    high_effort_stages,
    highest_drop_off,
    _over_stages(stale_measurements, "stale"),
    unanswered_pain_points,
    _over_stages(unmeasured_assumptions, "assumed"),
)


def summary(findings: Iterable[Finding]) -> str:
    """ "2 problems, 1 warning, 3 info" (empty when there is nothing to say)."""
    return summary_of(Counter(map(attrgetter("severity"), findings)))


def summary_of(counts: dict[str, int]) -> str:
    """:func:`summary` from the number of findings of each severity."""
    parts = []
    for severity in SEVERITIES:
        n = counts.get(severity, 0)
        if n:
            parts.append(f"{n} {severity}" + ("s" if n != 1 and severity != INFO else ""))
    return ", ".join(parts)


def check_data(
    data: JourneyData,
    thresholds: Thresholds | None = None,
    today: dt.date | None = None,
    portfolio: portfolio_health.PortfolioFacts | None = None,
) -> list[Finding]:
    """Run every rule on a snapshot; problems first, then warnings, then information.

    With ``portfolio`` (:func:`portfolio_health.read_facts`), the opportunities that
    touch this journey are followed up too.
    """
    thresholds = thresholds or Thresholds()
    today = today or dt.date.today()
    limits = blueprint_health.Limits(thresholds.max_handoffs_per_stage, thresholds.max_wait_minutes)
    blueprint = blueprint_health.findings(data, limits)
    data = as_view(data, JourneyView.JOURNEY)  # the map rules read the customer's side
    facts = all_stage_facts(data, thresholds, today)
    return by_severity(combine(data, facts, thresholds, today, portfolio) + blueprint)


def all_stage_facts(
    data: JourneyData, thresholds: Thresholds, today: dt.date, memo: Memo | None = None
) -> list[StageFacts]:
    """Every stage's facts, in stage order (what a full check starts from)."""
    groups = stage_touchpoints(data)
    lanes = {ln.id: ln for ln in data.lanes}
    cutoff = cutoff_of(today, thresholds.stale_days)
    return [stage_facts(s, groups[s.id], lanes, cutoff, memo) for s in data.stages]


def combine(
    data: JourneyData,
    facts: list[StageFacts],
    thresholds: Thresholds,
    today: dt.date,
    portfolio: portfolio_health.PortfolioFacts | None,
    memo: RuleMemo | None = None,
) -> list[Finding]:
    """The findings from every stage's facts: the one step a full and a live check share.

    In rule order: both callers sort once, with the blueprint findings added (a stable
    sort by severity, so sorting here as well changed nothing and cost a pass)."""
    sources = rule_sources(data, facts, thresholds, today, portfolio, memo)
    return list(chain.from_iterable(sources))


def rule_sources(
    data: JourneyData,
    facts: list[StageFacts],
    thresholds: Thresholds,
    today: dt.date,
    portfolio: portfolio_health.PortfolioFacts | None,
    memo: RuleMemo | None = None,
) -> list[list[Finding]]:
    """:func:`combine`'s findings rule by rule: a rule result ``memo`` kept is the very
    list it kept (a live check then knows those rows are as they were without comparing).
    """
    answered = frozenset(portfolio.portfolio.by_pain_point) if portfolio else frozenset()
    c = _Context(data, thresholds, today, facts, answered, memo=memo)
    sources = [rule(c) for rule in RULES]
    sources += portfolio_health.journey_sources(
        data, thresholds, today, portfolio, c.hot, c.stage_mean, memo
    )
    return sources


def check_journey(
    doc: Document,
    journey_id: int,
    thresholds: Thresholds | None = None,
    today: dt.date | None = None,
    data: JourneyData | None = None,
) -> list[Finding]:
    """Check one journey; thresholds default to the workspace's settings. ``data`` is the
    journey already read whole (layers included) by a caller that has it, e.g. the PDF."""
    if thresholds is None:
        thresholds = read_thresholds(doc)
    facts = portfolio_health.read_facts(doc)
    return check_data(data or load_journey(doc, journey_id), thresholds, today, facts)
