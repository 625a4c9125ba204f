"""The opportunity portfolio as plain dataclasses, read in a few SQL queries.

The Portfolio dock, the CLI, the PDF section, the canvas (a resolved pain point,
a card an opportunity targets) and the health check all read this one shape, so
the portfolio is read once per refresh and never holds a session.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from journeymapper.model.document import Document
from journeymapper.model.enums import SCORE_MAX, OpportunityStatus


@dataclass(frozen=True)
class PainPointRef:
    """A pain point an opportunity answers, with where it sits (for labels and selection)."""

    id: int
    number: int
    text: str
    journey_id: int
    journey: str
    stage_id: int | None
    stage: str
    touchpoint_id: int | None


@dataclass(frozen=True)
class PlaceRef:
    """A touchpoint or a stage an opportunity changes (or a target is set on)."""

    journey_id: int
    journey: str
    stage_id: int
    stage: str
    touchpoint_id: int | None = None
    title: str = ""

    @property
    def label(self) -> str:
        return f"{self.title} ({self.stage})" if self.touchpoint_id else f"stage {self.stage}"


@dataclass(frozen=True)
class TargetRow:
    id: int
    opportunity_id: int
    metric_key: str
    metric: str
    unit: str
    higher_is_better: bool
    place: PlaceRef
    from_value: float | None
    to_value: float
    by_date: dt.date | None

    @property
    def label(self) -> str:
        start = "" if self.from_value is None else f"{self.from_value:g} → "
        when = f" by {self.by_date.isoformat()}" if self.by_date else ""
        return f"{self.metric} on {self.place.label}: {start}{self.to_value:g}{self.unit}{when}"


@dataclass(frozen=True)
class SolutionRow:
    id: int
    title: str
    owner: str
    status: str


@dataclass
class OpportunityRow:
    id: int
    title: str
    description: str
    owner: str
    status: str
    value: int
    effort: int
    confidence: str
    due_on: dt.date | None
    started_on: dt.date | None
    position: int
    pain_points: list[PainPointRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    solutions: list[SolutionRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)

    @property
    def journeys(self) -> list[str]:
        names = [p.journey for p in self.pain_points] + [p.journey for p in self.places]
        names += [t.place.journey for t in self.targets]
        return list(dict.fromkeys(names))

    @property
    def stages(self) -> list[str]:
        names = [p.stage for p in self.pain_points] + [p.stage for p in self.places]
        names += [t.place.stage for t in self.targets]
        return list(dict.fromkeys(names))

    @property
    def touchpoint_ids(self) -> set[int]:
        ids = {p.touchpoint_id for p in self.pain_points} | {p.touchpoint_id for p in self.places}
        ids |= {t.place.touchpoint_id for t in self.targets}
        return {i for i in ids if i is not None}

    @property
    def stage_ids(self) -> set[int]:
        return {p.stage_id for p in self.places if p.touchpoint_id is None}

    @property
    def open(self) -> bool:
        return self.status not in (OpportunityStatus.DONE, OpportunityStatus.DROPPED)

    @property
    def quadrant(self) -> str:
        return quadrant(self.value, self.effort)

    @property
    def journey_ids(self) -> set[int]:
        ids = {p.journey_id for p in self.pain_points} | {p.journey_id for p in self.places}
        return ids | {t.place.journey_id for t in self.targets}

    @property
    def priority(self) -> str:
        """Highest … Lowest from value against effort, as issue trackers name priorities."""
        return priority_of(self.value, self.effort)


def priority_of(value: int, effort: int) -> str:
    """Value minus effort (−4…+4) mapped onto the five priorities trackers import."""
    gap = value - effort
    if gap >= 3 or (value == SCORE_MAX and gap >= 2):
        return "Highest"
    if gap >= 1:
        return "High"
    if gap == 0:
        return "Medium" if value >= 3 else "Low"
    return "Low" if gap >= -2 else "Lowest"


#: The four quadrants of the value × effort matrix, as (name, high value, high effort).
QUADRANTS = (
    ("Quick wins", True, False),
    ("Big bets", True, True),
    ("Fill-ins", False, False),
    ("Money pits", False, True),
)
#: A score at or above this is "high" value or effort (3 is the middle of 1–5).
QUADRANT_SPLIT = 3


def quadrant(value: int, effort: int) -> str:
    """The quadrant an opportunity falls in: Quick wins, Big bets, Fill-ins or Money pits."""
    high_value, high_effort = value >= QUADRANT_SPLIT, effort >= QUADRANT_SPLIT
    return next(name for name, v, e in QUADRANTS if v == high_value and e == high_effort)


@dataclass
class Portfolio:
    opportunities: list[OpportunityRow]
    #: pain point (annotation) id -> ids of the opportunities answering it
    by_pain_point: dict[int, list[int]]
    #: touchpoint id -> ids of the opportunities with a target on it
    by_target_touchpoint: dict[int, list[int]]

    def get(self, opportunity_id: int) -> OpportunityRow | None:
        return next((o for o in self.opportunities if o.id == opportunity_id), None)

    def in_journey(self, journey_id: int) -> list[OpportunityRow]:
        """The opportunities linked to (or targeting) anything in one journey."""
        return [o for o in self.opportunities if journey_id in o.journey_ids]

    def resolved_pain_points(self) -> set[int]:
        """Pain points answered by at least one opportunity that is done."""
        done = {o.id for o in self.opportunities if o.status == OpportunityStatus.DONE}
        return {p for p, opps in self.by_pain_point.items() if done.intersection(opps)}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


#: The touchpoints the portfolio names: linked, targeted, or holding a linked pain point.
_PORTFOLIO_TOUCHPOINTS = (
    "SELECT id, stage_id, title FROM touchpoint WHERE id IN ("
    "SELECT touchpoint_id FROM opportunity_link UNION SELECT touchpoint_id FROM target "
    "UNION SELECT a.touchpoint_id FROM annotation a "
    "JOIN opportunity_link k ON k.annotation_id = a.id)"
)


def _places(doc: Document) -> tuple[dict[int, PlaceRef], dict[int, PlaceRef]]:
    """Every stage and the touchpoints the portfolio names as PlaceRefs, by id.

    Only those touchpoints: building one for each of a big map's cards cost more
    than the rest of the portfolio read together.
    """
    stages = {
        r[0]: PlaceRef(r[1], r[2], r[0], r[3])
        for r in doc.rows(
            "SELECT s.id, j.id, j.name, s.name FROM stage s JOIN journey j ON j.id = s.journey_id"
        )
    }
    tps = {}
    for tp_id, stage_id, title in doc.rows(_PORTFOLIO_TOUCHPOINTS):
        s = stages[stage_id]
        tps[tp_id] = PlaceRef(s.journey_id, s.journey, stage_id, s.stage, tp_id, title)
    return tps, stages


def _pain_points(doc: Document, tps: dict[int, PlaceRef], stages: dict[int, PlaceRef]) -> dict:
    """Linked pain points by id, numbered as on their map."""
    found: dict[int, PainPointRef] = {}
    for ann_id, position, text, tp_id, stage_id in doc.rows(
        "SELECT a.id, a.position, a.text, a.touchpoint_id, a.stage_id FROM annotation a "
        "WHERE a.id IN (SELECT annotation_id FROM opportunity_link)"
    ):
        place = tps[tp_id] if tp_id is not None else stages[stage_id]
        found[ann_id] = PainPointRef(
            ann_id, position + 1, text, place.journey_id, place.journey, place.stage_id,
            place.stage, tp_id,
        )  # fmt: skip
    return found


def load_portfolio(doc: Document) -> Portfolio:
    """Every opportunity with its links, solutions and targets, in portfolio order."""
    opps = {
        r[0]: OpportunityRow(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _date(r[8]), _date(r[9]), r[10]
        )
        for r in doc.rows(
            "SELECT id, title, description, owner, status, value, effort, confidence, "
            "due_on, started_on, position FROM opportunity ORDER BY position, id"
        )
    }
    by_pain: dict[int, list[int]] = defaultdict(list)
    by_target: dict[int, list[int]] = defaultdict(list)
    if not opps:
        return Portfolio([], {}, {})
    tps, stages = _places(doc)
    pains = _pain_points(doc, tps, stages)
    for opp_id, ann_id, tp_id, stage_id in doc.rows(
        "SELECT opportunity_id, annotation_id, touchpoint_id, stage_id FROM opportunity_link "
        "ORDER BY id"
    ):
        if ann_id is not None:
            opps[opp_id].pain_points.append(pains[ann_id])
            by_pain[ann_id].append(opp_id)
        else:
            opps[opp_id].places.append(tps[tp_id] if tp_id is not None else stages[stage_id])
    for r in doc.rows(
        "SELECT s.id, s.opportunity_id, s.title, s.owner, s.status FROM solution s "
        "ORDER BY s.opportunity_id, s.position"
    ):
        opps[r[1]].solutions.append(SolutionRow(r[0], r[2], r[3], r[4]))
    for r in doc.rows(
        "SELECT t.id, t.opportunity_id, m.key, m.name, m.unit, m.higher_is_better, "
        "t.touchpoint_id, t.stage_id, t.from_value, t.to_value, t.by_date "
        "FROM target t JOIN metric_definition m ON m.id = t.metric_id ORDER BY t.id"
    ):
        place = tps[r[6]] if r[6] is not None else stages[r[7]]
        target = TargetRow(
            r[0], r[1], r[2], r[3], r[4], bool(r[5]), place, r[8], r[9], _date(r[10])
        )
        opps[r[1]].targets.append(target)
        if r[6] is not None:
            by_target[r[6]].append(r[1])
    return Portfolio(list(opps.values()), dict(by_pain), dict(by_target))


def metric_series(
    doc: Document, touchpoint_id: int, metric_key: str
) -> list[tuple[dt.date, float]]:
    """The dated values of one metric on one card, oldest first (a target's trend)."""
    return [
        (dt.date.fromisoformat(r[0]), float(r[1]))
        for r in doc.rows(
            "SELECT m.measured_on, m.value FROM measurement m "
            "JOIN metric_definition d ON d.id = m.metric_id "
            "WHERE m.touchpoint_id = ? AND d.key = ? ORDER BY m.measured_on, m.id",
            (touchpoint_id, metric_key),
        )
    ]


def target_series(doc: Document) -> dict[int, list[tuple[dt.date, float]]]:
    """Per target on a card, its metric's dated values, oldest first (one query for all)."""
    series: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for target_id, day, value in doc.rows(
        "SELECT t.id, m.measured_on, m.value FROM target t JOIN measurement m "
        "ON m.touchpoint_id = t.touchpoint_id AND m.metric_id = t.metric_id "
        "ORDER BY t.id, m.measured_on, m.id"
    ):
        series[target_id].append((dt.date.fromisoformat(day), float(value)))
    return dict(series)


def pain_point_text(doc: Document, annotation_id: int) -> str | None:
    """The text of one annotation (None when it is gone): a new opportunity's title."""
    rows = doc.rows("SELECT text FROM annotation WHERE id = ?", (annotation_id,))
    return str(rows[0][0]) if rows else None


def next_opportunity_id(doc: Document) -> int:
    """The id the next new opportunity gets (to link it in the same batch)."""
    return int(doc.rows("SELECT coalesce(max(id), 0) + 1 FROM opportunity")[0][0])


@dataclass(frozen=True)
class TargetLine:
    """What a target promises, as a chart draws it: from → to, by a date."""

    opportunity: str
    from_value: float | None
    to_value: float
    by_date: dt.date | None
    #: When the opportunity started: where the line begins, if known.
    started_on: dt.date | None


@dataclass(frozen=True)
class TargetTrend:
    """A target's metric over time: on its card, or the daily mean of its stage's cards."""

    line: TargetLine
    label: str
    points: list[tuple[dt.date, float]]
    min_value: float
    max_value: float


def target_trend(doc: Document, opp: OpportunityRow, target: TargetRow) -> TargetTrend:
    """The series a target is measured by, with its metric's range (two small queries)."""
    place = target.place
    if place.touchpoint_id is not None:
        points = metric_series(doc, place.touchpoint_id, target.metric_key)
    else:
        points = [
            (dt.date.fromisoformat(r[0]), float(r[1]))
            for r in doc.rows(
                "SELECT m.measured_on, avg(m.value) FROM measurement m "
                "JOIN touchpoint t ON t.id = m.touchpoint_id "
                "JOIN metric_definition d ON d.id = m.metric_id "
                "WHERE t.stage_id = ? AND d.key = ? GROUP BY m.measured_on ORDER BY m.measured_on",
                (place.stage_id, target.metric_key),
            )
        ]
    low, high = doc.rows(
        "SELECT min_value, max_value FROM metric_definition WHERE key = ?", (target.metric_key,)
    )[0]
    line = TargetLine(opp.title, target.from_value, target.to_value, target.by_date, opp.started_on)
    return TargetTrend(line, target.label, points, float(low), float(high))


def target_lines_on(doc: Document, touchpoint_id: int, metric_key: str) -> list[TargetLine]:
    """The targets set on one card for one metric (the Trend chart draws them)."""
    return [
        TargetLine(r[0], r[1], r[2], _date(r[3]), _date(r[4]))
        for r in doc.rows(
            "SELECT o.title, t.from_value, t.to_value, t.by_date, o.started_on FROM target t "
            "JOIN opportunity o ON o.id = t.opportunity_id "
            "JOIN metric_definition d ON d.id = t.metric_id "
            "WHERE t.touchpoint_id = ? AND d.key = ? ORDER BY o.position, t.id",
            (touchpoint_id, metric_key),
        )
    ]


def note_title(text: str) -> str:
    """An opportunity's title from a note's text: its first line (as format 4's upgrade)."""
    first = text.strip().splitlines()[0].strip() if text.strip() else ""
    return first[:120] or "New opportunity"


def opportunity_of_note(doc: Document, annotation_id: int) -> int | None:
    """The opportunity an opportunity note on the map stands for, if there is one.

    That is the one linked to the note's card or stage whose title is the note's first
    line or whose description is the note's text: what the format 4 upgrade and a drop
    onto a note without one make from a note.
    """
    rows = doc.rows(
        "SELECT text, touchpoint_id, stage_id FROM annotation WHERE id = ?", (annotation_id,)
    )
    if not rows:
        return None
    text, tp_id, stage_id = rows[0]
    found = doc.rows(
        "SELECT o.id FROM opportunity o JOIN opportunity_link k ON k.opportunity_id = o.id "
        "WHERE (o.title = ? OR o.description = ?) AND (k.touchpoint_id = ? OR k.stage_id = ?) "
        "ORDER BY o.position, o.id LIMIT 1",
        (note_title(text), text, tp_id, stage_id),
    )
    return int(found[0][0]) if found else None
