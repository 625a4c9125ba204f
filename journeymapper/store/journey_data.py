"""A read-only snapshot of one journey as plain dataclasses, read in a few SQL queries.

The canvas, the PDF exporter and the analysis all draw from this shape, so a
whole map is read once, fast (raw SQL, no ORM objects), and never holds a
session. Single items are re-read with the ``load_*`` functions after an edit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.store.order_keys import RANK_OF_T, ranked


@dataclass
class StageData:
    id: int
    name: str
    position: int
    width: float
    colour: str
    description: str


@dataclass
class LaneData:
    id: int
    name: str
    kind: str
    channel_kind: str | None
    is_support: bool
    position: int
    height: float


@dataclass(slots=True)
class MeasurementData:
    id: int
    metric_key: str
    value: float
    measured_on: dt.date
    sample_size: int | None
    source: str


@dataclass
class TouchpointData:
    id: int
    stage_id: int
    lane_id: int
    #: Its index in its cell (the file's ``position`` is a sparse order key: see order_keys).
    position: int
    title: str
    description: str
    interaction: str
    owner: str
    emotion: int | None
    colour: str
    evidence: str
    #: Latest measurement per metric key (the "current" value).
    latest: dict[str, MeasurementData] = field(default_factory=dict)
    votes: int = 0
    #: The value before the latest per metric key (for the trend arrow on badges).
    previous: dict[str, float] = field(default_factory=dict)
    #: Step fields (cards in blueprint layers); None on plain touchpoints.
    system: str | None = None
    duration_min: float | None = None
    wait_min: float | None = None
    failure_point: bool = False


@dataclass
class AnnotationData:
    id: int
    number: int
    kind: str
    text: str
    touchpoint_id: int | None
    stage_id: int | None


@dataclass
class MetricData:
    id: int
    key: str
    name: str
    unit: str
    min_value: float
    max_value: float
    higher_is_better: bool


@dataclass
class JourneyData:
    id: int
    name: str
    state: str
    description: str
    persona: str | None
    workspace: str
    stages: list[StageData]
    lanes: list[LaneData]
    touchpoints: dict[int, TouchpointData]
    annotations: list[AnnotationData]
    text_cells: dict[tuple[int, int], str]
    metrics: dict[str, MetricData]
    #: Arrows between cards (service blueprint), by id.
    connectors: dict[int, ConnectorData] = field(default_factory=dict)

    def cell(self, stage_id: int, lane_id: int) -> list[TouchpointData]:
        """Touchpoints of one cell, in their order."""
        found = [
            t for t in self.touchpoints.values() if t.stage_id == stage_id and t.lane_id == lane_id
        ]
        return sorted(found, key=lambda t: (t.position, t.id))

    def cells(self) -> dict[tuple[int, int], list[TouchpointData]]:
        """Every non-empty cell, (stage id, lane id) -> ordered touchpoints."""
        grouped: dict[tuple[int, int], list[TouchpointData]] = defaultdict(list)
        for t in self.touchpoints.values():
            grouped[(t.stage_id, t.lane_id)].append(t)
        for items in grouped.values():
            items.sort(key=lambda t: t.position)
        return dict(grouped)


def journey_ids(doc: Document) -> list[tuple[int, str]]:
    """(id, name) of every journey, in order."""
    return [(r[0], r[1]) for r in doc.rows("SELECT id, name FROM journey ORDER BY position, id")]


def find_journey(doc: Document, name: str | None) -> int:
    """The id of the journey called ``name`` (the first journey when None)."""
    journeys = journey_ids(doc)
    if not journeys:
        raise DocumentError(f"{doc.path.name} holds no journey.")
    if name is None:
        return journeys[0][0]
    for journey_id, journey_name in journeys:
        if journey_name == name:
            return journey_id
    known = ", ".join(repr(n) for _, n in journeys)
    raise DocumentError(f"There is no journey {name!r} in {doc.path.name}. Journeys: {known}.")


def load_metrics(doc: Document) -> dict[str, MetricData]:
    return {
        r[1]: MetricData(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
        for r in doc.rows(
            "SELECT id, key, name, unit, min_value, max_value, higher_is_better "
            "FROM metric_definition ORDER BY position, id"
        )
    }


def _touchpoint(row: tuple) -> TouchpointData:  # type: ignore[type-arg]
    tp = TouchpointData(*row[:11])
    if row[11] is not None or row[12] is not None or row[13] is not None or row[14]:
        tp.system, tp.duration_min, tp.wait_min = row[11], row[12], row[13]
        tp.failure_point = bool(row[14])
    return tp


_TP_COLUMNS = (
    "id, stage_id, lane_id, position, title, description, interaction, owner, emotion, "
    "colour, evidence, system, duration_min, wait_min, failure_point"
)
#: The same with the card's rank in its cell (read models hold indexes, not order keys).
_TP_RANKED = _TP_COLUMNS.replace("position", RANK_OF_T, 1)


@dataclass
class ConnectorData:
    """An arrow between two cards (touchpoints or steps) of the journey."""

    id: int
    source_id: int
    target_id: int
    kind: str
    label: str


def load_connectors(doc: Document, journey_id: int) -> dict[int, ConnectorData]:
    """Every connector of a journey, by id."""
    return {
        r[0]: ConnectorData(*r)
        for r in doc.rows(
            "SELECT id, source_id, target_id, kind, label FROM connector "
            "WHERE journey_id = ? ORDER BY id",
            (journey_id,),
        )
    }


def load_journey(doc: Document, journey_id: int, *, measurements: bool = True) -> JourneyData:
    """Read a whole journey: stages, lanes, touchpoints with latest metrics, annotations.

    ``measurements`` False leaves every card's ``latest`` and ``previous`` empty: a view
    that lists cards (the Outline) need not hold 60,000 values of a 10,000-card map."""
    head = doc.rows(
        "SELECT j.id, j.name, j.state, j.description, p.name FROM journey j "
        "LEFT JOIN persona p ON p.id = j.persona_id WHERE j.id = ?",
        (journey_id,),
    )
    if not head:
        raise DocumentError(f"There is no journey with id {journey_id}.")
    ws = doc.rows("SELECT name FROM workspace ORDER BY id LIMIT 1")
    stages = [
        StageData(*r)
        for r in doc.rows(
            "SELECT id, name, position, width, colour, description FROM stage "
            "WHERE journey_id = ? ORDER BY position",
            (journey_id,),
        )
    ]
    lanes = [
        LaneData(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6])
        for r in doc.rows(
            "SELECT id, name, kind, channel_kind, is_support, position, height FROM lane "
            "WHERE journey_id = ? ORDER BY position",
            (journey_id,),
        )
    ]
    touchpoints = {
        r[0]: _touchpoint(r)
        for r in doc.rows(
            f"SELECT {_TP_COLUMNS} FROM touchpoint WHERE journey_id = ? ORDER BY id",
            (journey_id,),
        )
    }
    ranked(touchpoints.values())
    metrics = load_metrics(doc)
    if measurements:
        _attach_latest(doc, touchpoints, "t.journey_id = ?", (journey_id,))
    for tp_id, count in load_vote_counts(doc, journey_id).items():
        if tp_id in touchpoints:
            touchpoints[tp_id].votes = count
    annotations = load_annotations(doc, journey_id)
    text_cells = load_text_cells(doc, journey_id)
    j = head[0]
    return JourneyData(
        id=j[0],
        name=j[1],
        state=j[2],
        description=j[3],
        persona=j[4],
        workspace=ws[0][0] if ws else "",
        stages=stages,
        lanes=lanes,
        touchpoints=touchpoints,
        annotations=annotations,
        text_cells=text_cells,
        metrics=metrics,
        connectors=load_connectors(doc, journey_id),
    )


def load_vote_counts(doc: Document, journey_id: int) -> dict[int, int]:
    """Visible dot-votes per touchpoint (rounds that are hidden do not count)."""
    return dict(
        doc.rows(
            "SELECT v.touchpoint_id, count(*) FROM vote v JOIN vote_round r ON r.id = v.round_id "
            "WHERE r.journey_id = ? AND v.touchpoint_id IS NOT NULL AND r.state != 'hidden' "
            "GROUP BY v.touchpoint_id",
            (journey_id,),
        )
    )


@dataclass
class VoteItemData:
    """One voted item of a round: a touchpoint or an annotation, and its number of dots."""

    touchpoint_id: int | None
    annotation_id: int | None
    votes: int


@dataclass
class VoteRoundData:
    id: int
    name: str
    state: str
    dots_per_participant: int
    participants: int
    #: Most votes first (ties: touchpoints before annotations, then by id).
    items: list[VoteItemData] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(item.votes for item in self.items)


def load_vote_results(doc: Document, journey_id: int) -> list[VoteRoundData]:
    """Every voting round of the journey in creation order, hidden ones included (each
    caller decides what a hidden round shows), with its items ranked by votes."""
    rounds = {
        r[0]: VoteRoundData(r[0], r[1], r[2], r[3], r[4])
        for r in doc.rows(
            "SELECT r.id, r.name, r.state, r.dots_per_participant,"
            " (SELECT count(DISTINCT v.participant) FROM vote v WHERE v.round_id = r.id)"
            " FROM vote_round r WHERE r.journey_id = ? ORDER BY r.id",
            (journey_id,),
        )
    }
    for r in doc.rows(
        "SELECT v.round_id, v.touchpoint_id, v.annotation_id, count(*) AS n FROM vote v"
        " JOIN vote_round r ON r.id = v.round_id WHERE r.journey_id = ?"
        " GROUP BY v.round_id, v.touchpoint_id, v.annotation_id"
        " ORDER BY n DESC, v.touchpoint_id IS NULL, v.touchpoint_id, v.annotation_id",
        (journey_id,),
    ):
        rounds[r[0]].items.append(VoteItemData(r[1], r[2], r[3]))
    return list(rounds.values())


def load_annotations(doc: Document, journey_id: int) -> list[AnnotationData]:
    """The journey's annotations in order, numbered from 1 as on the map and in the PDF."""
    return [
        AnnotationData(r[0], i + 1, r[1], r[2], r[3], r[4])
        for i, r in enumerate(
            doc.rows(
                "SELECT id, kind, text, touchpoint_id, stage_id FROM annotation "
                "WHERE journey_id = ? ORDER BY position",
                (journey_id,),
            )
        )
    ]


def load_text_cells(doc: Document, journey_id: int) -> dict[tuple[int, int], str]:
    return {
        (r[0], r[1]): r[2]
        for r in doc.rows(
            "SELECT c.stage_id, c.lane_id, c.text FROM text_cell c "
            "JOIN stage s ON s.id = c.stage_id WHERE s.journey_id = ?",
            (journey_id,),
        )
    }


def _attach_latest(
    doc: Document, touchpoints: dict[int, TouchpointData], where: str, params: tuple[int, ...]
) -> None:
    """Fill ``latest`` with the newest measurement per (touchpoint, metric) (latest date,
    then highest id) and ``previous`` with the value before it.

    One pass over the measurements, newest first within each pair (through
    ``ix_measurement_latest``), instead of a lookup per pair plus a window query for
    the previous values: that read was most of the time a large map took to open.
    """
    keys = {r[0]: r[1] for r in doc.rows("SELECT id, key FROM metric_definition")}
    parse = dt.date.fromisoformat
    pair: tuple[int, int] | None = None
    seen = 0
    newest = []
    for r in doc.rows(
        "SELECT m.id, m.touchpoint_id, m.metric_id, m.value, m.measured_on, m.sample_size, "
        "m.source FROM measurement m JOIN touchpoint t ON t.id = m.touchpoint_id "
        f"WHERE {where} "
        "ORDER BY m.touchpoint_id, m.metric_id, m.measured_on DESC, m.id DESC",
        params,
    ):
        if (r[1], r[2]) != pair:
            pair, seen = (r[1], r[2]), 0
            newest.append(r)
        elif seen == 1 and (tp := touchpoints.get(r[1])) is not None:
            tp.previous[keys[r[2]]] = r[3]
        seen += 1
    newest.sort()  # ``latest`` lists a card's metrics in the order they were measured
    # One date object and one string per distinct day and source: 60,000 values of a big
    # map share a few hundred of each instead of holding their own.
    days: dict[object, dt.date] = {}
    sources: dict[str, str] = {}
    for r in newest:
        tp = touchpoints.get(r[1])
        if tp is not None:
            day = days.get(r[4])
            if day is None:
                try:
                    day = parse(r[4])  # inlined _stored_date: 12,000 rows on a big map
                except (TypeError, ValueError):
                    day = _stored_date(doc, r[4])
                days[r[4]] = day
            key = keys[r[2]]
            source = sources.setdefault(r[6], r[6])
            tp.latest[key] = MeasurementData(r[0], key, r[3], day, r[5], source)


def _stored_date(doc: Document, value: object) -> dt.date:
    """A date column as written by the editing API; anything else means a damaged file."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DocumentError(
            f"{doc.path.name} is damaged: {value!r} is not a measurement date."
        ) from None


def load_touchpoint(doc: Document, touchpoint_id: int) -> TouchpointData | None:
    """Re-read one touchpoint after an edit (None when it no longer exists)."""
    found = doc.rows(f"SELECT {_TP_RANKED} FROM touchpoint t WHERE id = ?", (touchpoint_id,))
    if not found:
        return None
    tp = _touchpoint(found[0])
    _attach_latest(doc, {tp.id: tp}, "t.id = ?", (tp.id,))
    votes = doc.rows(
        "SELECT count(*) FROM vote v JOIN vote_round r ON r.id = v.round_id "
        "WHERE v.touchpoint_id = ? AND r.state != 'hidden'",
        (tp.id,),
    )
    tp.votes = votes[0][0]
    return tp


def measurement_history(
    doc: Document, touchpoint_id: int, metric_key: str | None = None
) -> list[MeasurementData]:
    """Every measurement of a touchpoint (optionally one metric), oldest first."""
    sql = (
        "SELECT m.id, d.key, m.value, m.measured_on, m.sample_size, m.source FROM measurement m "
        "JOIN metric_definition d ON d.id = m.metric_id WHERE m.touchpoint_id = ?"
    )
    params: tuple[int | str, ...] = (touchpoint_id,)
    if metric_key is not None:
        sql += " AND d.key = ?"
        params += (metric_key,)
    return [
        MeasurementData(r[0], r[1], r[2], _stored_date(doc, r[3]), r[4], r[5])
        for r in doc.rows(sql + " ORDER BY m.measured_on, m.id", params)
    ]
