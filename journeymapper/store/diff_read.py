"""The read a comparison needs, and nothing more: several journeys in one query per table.

:func:`~journeymapper.store.journey_data.load_journey` reads what a map draws
(votes, the value before the latest for trend arrows, dates, sources), one journey
at a time. A diff needs far less: the editable columns, the origin links, and the
newest value and sample size per card and metric. Reading both journeys of a
comparison together, as raw tuples, keeps the read close to a bare sqlite3 read.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.store.journey_data import (
    AnnotationData,
    JourneyData,
    LaneData,
    MeasurementData,
    StageData,
    TouchpointData,
    load_metrics,
)
from journeymapper.store.order_keys import ranked
from journeymapper.store.origins import ORIGIN_TABLES, Origins


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector waits: the many small tuples and objects of a read hold no
    cycles, and each collection would walk all of them again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _origin_column(doc: Document) -> dict[str, str]:
    """``origin_id`` per table, or NULL for a file from before origin links."""
    out = {}
    for table in ORIGIN_TABLES:
        has = any(r[1] == "origin_id" for r in doc.rows(f'PRAGMA table_info("{table}")'))
        out[table] = "origin_id" if has else "NULL"
    return out


def read_for_diff(
    doc: Document, journey_ids: Sequence[int]
) -> dict[int, tuple[JourneyData, Origins]]:
    """Each journey of ``journey_ids`` with its origin links, read for :mod:`compare`.

    One query per table covers every journey asked for. ``latest`` holds the newest
    value per metric (latest date, then highest id); ``previous`` and votes stay empty.
    """
    ids = tuple(dict.fromkeys(journey_ids))
    marks = ", ".join("?" * len(ids))
    origin = _origin_column(doc)
    with gc_paused():
        heads = {
            r[0]: r
            for r in doc.rows(
                "SELECT j.id, j.name, j.state, j.description, p.name FROM journey j "
                f"LEFT JOIN persona p ON p.id = j.persona_id WHERE j.id IN ({marks})",
                ids,
            )
        }
        for journey_id in ids:
            if journey_id not in heads:
                raise DocumentError(f"There is no journey with id {journey_id}.")
        ws = doc.rows("SELECT name FROM workspace ORDER BY id LIMIT 1")
        metrics = load_metrics(doc)
        out = {
            j: (
                JourneyData(
                    j, h[1], h[2], h[3], h[4], ws[0][0] if ws else "", [], [], {}, [], {}, metrics
                ),
                Origins(),
            )
            for j, h in heads.items()
        }
        _read_structure(doc, out, ids, marks, origin)
        _read_cards(doc, out, ids, marks, origin["touchpoint"])
        _read_notes(doc, out, ids, marks)
    return out


def _read_structure(
    doc: Document,
    out: dict[int, tuple[JourneyData, Origins]],
    ids: tuple[int, ...],
    marks: str,
    origin: dict[str, str],
) -> None:
    for r in doc.rows(
        f"SELECT journey_id, id, name, position, width, colour, description, {origin['stage']} "
        f"FROM stage WHERE journey_id IN ({marks}) ORDER BY journey_id, position",
        ids,
    ):
        data, links = out[r[0]]
        data.stages.append(StageData(r[1], r[2], r[3], r[4], r[5], r[6]))
        if r[7] is not None:
            links.stages[r[1]] = r[7]
    for r in doc.rows(
        "SELECT journey_id, id, name, kind, channel_kind, is_support, position, height, "
        f"{origin['lane']} FROM lane WHERE journey_id IN ({marks}) ORDER BY journey_id, position",
        ids,
    ):
        data, links = out[r[0]]
        data.lanes.append(LaneData(r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]))
        if r[8] is not None:
            links.lanes[r[1]] = r[8]


def _read_cards(
    doc: Document,
    out: dict[int, tuple[JourneyData, Origins]],
    ids: tuple[int, ...],
    marks: str,
    origin: str,
) -> None:
    cards: dict[int, TouchpointData] = {}
    for r in doc.rows(
        "SELECT journey_id, id, stage_id, lane_id, position, title, description, interaction, "
        f"owner, emotion, colour, evidence, {origin} FROM touchpoint "
        f"WHERE journey_id IN ({marks}) ORDER BY id",
        ids,
    ):
        data, links = out[r[0]]
        t = cards[r[1]] = TouchpointData(*r[1:12])
        data.touchpoints[r[1]] = t
        if r[12] is not None:
            links.touchpoints[r[1]] = r[12]
    ranked(cards.values())
    keys = {m.id: m.key for m in next(iter(out.values()))[0].metrics.values()} if out else {}
    parse = dt.date.fromisoformat
    # The newest row per (card, metric): latest date, then highest id, found by one seek
    # into ``ix_measurement_latest`` per pair; only those rows are read from the table
    # (a GROUP BY reads every measurement of the cards, 40,000 rows for two 2,000-card maps).
    for r in doc.rows(
        "SELECT m.touchpoint_id, m.metric_id, m.id, m.value, m.measured_on, m.sample_size, "
        "m.source FROM measurement m JOIN (SELECT DISTINCT touchpoint_id AS t, metric_id AS k "
        "FROM measurement WHERE touchpoint_id IN "
        f"(SELECT id FROM touchpoint WHERE journey_id IN ({marks}))) g "
        "ON m.id = (SELECT x.id FROM measurement x WHERE x.touchpoint_id = g.t "
        "AND x.metric_id = g.k ORDER BY x.measured_on DESC, x.id DESC LIMIT 1)",
        ids,
    ):
        key = keys[r[1]]
        try:
            day = parse(r[4])
        except (TypeError, ValueError):
            raise DocumentError(
                f"{doc.path.name} is damaged: {r[4]!r} is not a measurement date."
            ) from None
        cards[r[0]].latest[key] = MeasurementData(r[2], key, r[3], day, r[5], r[6])


def _read_notes(
    doc: Document, out: dict[int, tuple[JourneyData, Origins]], ids: tuple[int, ...], marks: str
) -> None:
    numbers: dict[int, int] = {}
    for r in doc.rows(
        "SELECT journey_id, id, kind, text, touchpoint_id, stage_id FROM annotation "
        f"WHERE journey_id IN ({marks}) ORDER BY journey_id, position",
        ids,
    ):
        n = numbers[r[0]] = numbers.get(r[0], 0) + 1
        out[r[0]][0].annotations.append(AnnotationData(r[1], n, r[2], r[3], r[4], r[5]))
    for r in doc.rows(
        "SELECT s.journey_id, c.stage_id, c.lane_id, c.text FROM text_cell c "
        f"JOIN stage s ON s.id = c.stage_id WHERE s.journey_id IN ({marks})",
        ids,
    ):
        out[r[0]][0].text_cells[r[1], r[2]] = r[3]
