"""The health check of one open journey, kept current edit by edit.

A full check of a 10,000-card map reads the journey and the portfolio and walks every
card: hundreds of ms, too slow to run after each edit while the Health dock is open.
:class:`LiveHealth` patches its snapshot with the few cards an edit touched
(:func:`.snapshot.patch`), computes again the facts of just the stages those cards
left or joined, and combines them with the facts it kept (:func:`.health.combine`, the
same step a full check ends with). The portfolio is read again only when the edit
touched it or a card it points at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from journeymapper.analysis import blueprint_health
from journeymapper.analysis.blueprint_live import LiveBlueprint
from journeymapper.analysis.findings import Finding, SeverityGroups
from journeymapper.analysis.health import Thresholds, rule_sources
from journeymapper.analysis.live_stages import LiveStages
from journeymapper.analysis.portfolio_health import PortfolioFacts, read_facts
from journeymapper.analysis.rule_memo import RuleMemo
from journeymapper.analysis.snapshot import patch
from journeymapper.analysis.stage_facts import StageFacts
from journeymapper.editing import Changes
from journeymapper.model.document import Document
from journeymapper.model.enums import LAYER_KINDS, JourneyView
from journeymapper.store.blueprint_queries import as_view
from journeymapper.store.journey_data import (
    AnnotationData,
    JourneyData,
    TouchpointData,
    load_journey,
)
from journeymapper.store.portfolio_cards import card_places, card_series, with_cards

#: Tables whose changes may change what the portfolio rules read.
PORTFOLIO_TABLES = frozenset(
    {"opportunity", "solution", "target", "opportunity_link", "annotation"}
)


class CustomerView:
    """``as_view(data, JOURNEY)`` kept between checks: copying 15,000 cards' dict after
    every edit cost more than computing the stages the edit touched."""

    def __init__(self, data: JourneyData, layers: set[int]) -> None:
        self.source, self.layers = data, layers
        self._shown: dict[int, TouchpointData] | None = None
        self._notes: tuple[list[AnnotationData], list[AnnotationData]] | None = None

    def touched(self, tp_id: int, old: TouchpointData | None, tp: TouchpointData | None) -> None:
        """Card ``tp_id`` was re-read (``old`` before, ``tp`` now; None: absent)."""
        seen_before = old is not None and old.lane_id not in self.layers
        seen_now = tp is not None and tp.lane_id not in self.layers
        if (old is None) != (tp is None) or seen_before != seen_now:
            self._notes = None  # which annotations show depends on where their cards are
        if self._shown is None:
            return
        if seen_now and tp_id in self._shown:
            self._shown[tp_id] = tp  # type: ignore[assignment]
        elif seen_now:
            self._shown = None  # joined: built again, in the snapshot's order
        else:
            self._shown.pop(tp_id, None)

    def data(self) -> JourneyData:
        """The snapshot as the journey view shows it (the same as :func:`as_view`)."""
        data = self.source
        if not self.layers and not data.connectors:
            return data
        if self._shown is None:
            hidden = self.layers
            self._shown = {k: t for k, t in data.touchpoints.items() if t.lane_id not in hidden}
        if self._notes is None or self._notes[0] is not data.annotations:
            self._notes = (data.annotations, as_view(data, JourneyView.JOURNEY).annotations)
        return replace(
            data,
            lanes=[ln for ln in data.lanes if ln.id not in self.layers],
            touchpoints=self._shown,
            annotations=self._notes[1],
            connectors={},
        )


class LiveHealth:
    """A journey snapshot, its stage facts and the portfolio, patched after each edit."""

    def __init__(self, doc: Document, journey_id: int) -> None:
        self.doc, self.journey_id = doc, journey_id
        self.data: JourneyData = load_journey(doc, journey_id)
        self.portfolio: PortfolioFacts = read_facts(doc)
        self._cards: tuple[dict[int, set[int]], dict[int, list[int]]] | None = None
        self._index()

    def _index(self) -> None:
        #: Blueprint layer lanes: their steps are not the customer's touchpoints.
        self._layers = {ln.id for ln in self.data.lanes if ln.kind in LAYER_KINDS}
        #: Stage facts by stage id, kept cell by cell (:mod:`.live_stages`).
        self.stages = LiveStages(self._layers)
        #: The last check's findings by severity and rule (:class:`.findings.SeverityGroups`).
        self.groups = SeverityGroups()
        self._cards = None
        #: The annotation and portfolio rules' results (:mod:`.rule_memo`).
        self.rules = RuleMemo()
        self._annotated: tuple[object, set[int]] | None = None
        self._blueprint = LiveBlueprint(self.data)
        self._view = CustomerView(self.data, self._layers)

    def reload(self) -> None:
        """Read the journey and the portfolio again (after a structural change)."""
        self.data = load_journey(self.doc, self.journey_id)
        self.portfolio = read_facts(self.doc)
        self._index()

    def apply(self, changes: Changes) -> bool:
        """Follow an edit; True when it was patched in, False when everything was re-read."""
        ids = changes.of("touchpoint")
        before = {i: tp for i in ids if (tp := self.data.touchpoints.get(i)) is not None}
        done = patch(self.doc, self.data, changes)
        if done is None:
            self.reload()
            return False
        for tp_id in ids:
            old = before.get(tp_id)
            tp = self.data.touchpoints.get(tp_id)
            self.stages.touched(tp_id, old, tp, done.placement)
            self._view.touched(tp_id, old, tp)
            if _named(old) != _named(tp) and tp_id in self._annotated_cards():
                self.rules.notes += 1  # a pain point's card renamed, moved or gone
        self._blueprint.touched(ids)
        if PORTFOLIO_TABLES.intersection(changes.ids) or not self._follow_cards(
            ids, before, changes
        ):
            self.portfolio = read_facts(self.doc)
            self._cards = None
        return True

    def _annotated_cards(self) -> set[int]:
        """The cards an annotation sits on (kept while the annotation list is the same)."""
        notes = self.data.annotations
        if self._annotated is None or self._annotated[0] is not notes:
            self._annotated = (notes, {a.touchpoint_id for a in notes if a.touchpoint_id})
        return self._annotated[1]

    def _follow_cards(
        self, ids: set[int], before: dict[int, TouchpointData], changes: Changes
    ) -> bool:
        """Patch into the portfolio what it reads of the cards ``ids``: the title and stage
        of a card it names, the measurements of a card it sets a target on (False: read it
        all again). Reading 200 opportunities again after each edit of such a card cost
        more than the check; a facts object left as it was keeps the rules' results."""
        naming, targets = self._portfolio_cards()
        cards = self.data.touchpoints
        moved = {i for i in ids & naming.keys() if _named(before.get(i)) != _named(cards.get(i))}
        measured = ids & targets.keys() if changes.of("measurement") else set()
        facts = self.portfolio
        portfolio, series = facts.portfolio, facts.series
        if moved:
            places = card_places(self.doc, moved)
            if places is None:
                return False  # a named card is gone: its links went with it
            portfolio = with_cards(portfolio, places, set().union(*(naming[i] for i in moved)))
        if measured:
            fresh = card_series(self.doc, measured)
            on = [t for i in measured for t in targets[i]]
            if any(fresh.get(t) != series.get(t) for t in on):
                series = {k: v for k, v in series.items() if k not in on} | fresh
        if portfolio is not facts.portfolio or series is not facts.series:
            self.portfolio = PortfolioFacts(portfolio, series)
        return True

    def _portfolio_cards(self) -> tuple[dict[int, set[int]], dict[int, list[int]]]:
        """Per card the portfolio names (its rows carry their titles and stages), the
        opportunities naming it; per card it sets a target on, those targets (it reads
        their measurements)."""
        if self._cards is None:
            naming: dict[int, set[int]] = {}
            targets: dict[int, list[int]] = {}
            for opp in self.portfolio.portfolio.opportunities:
                for tp_id in opp.touchpoint_ids:
                    naming.setdefault(tp_id, set()).add(opp.id)
                for t in opp.targets:
                    if t.place.touchpoint_id is not None:
                        targets.setdefault(t.place.touchpoint_id, []).append(t.id)
            self._cards = (naming, targets)
        return self._cards

    @property
    def recomputed(self) -> int:
        """How many stages the last check computed (a test and the benchmark look)."""
        return self.stages.recomputed

    @property
    def _facts(self) -> dict[int, StageFacts]:
        return self.stages.facts

    def check(self, thresholds: Thresholds, today: dt.date | None = None) -> list[Finding]:
        """The findings now: only the cells touched since the last check are computed."""
        today = today or dt.date.today()
        limits = blueprint_health.Limits(
            thresholds.max_handoffs_per_stage, thresholds.max_wait_minutes
        )
        blueprint = self._blueprint.sources(limits)
        data = self._view.data()  # the map rules read the customer's side
        facts = self.stages.check(data, thresholds.stale_days, thresholds, today)
        self.rules.ran = []
        found = rule_sources(data, facts, thresholds, today, self.portfolio, self.rules)
        return self.groups.update(found + blueprint)


def _named(tp: TouchpointData | None) -> tuple[str, int] | None:
    """What the annotation rules read of a card: its title and stage."""
    return None if tp is None else (tp.title, tp.stage_id)
