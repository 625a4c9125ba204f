"""Metric values from analytics and survey exports, attached to existing touchpoints.

Each row names a touchpoint (by title, or by stage and title when titles
repeat, or with the lane too), a metric (by key or name), a value and a date.
Values are checked against the metric's range by the editing service itself,
so the import enforces exactly the rules the inspector does.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.interchange import sniff
from journeymapper.interchange.importing import (
    MEASUREMENT_FIELDS,
    ImportResult,
    Plan,
    Writer,
    plan_then_apply,
    run_import,
    tick,
)
from journeymapper.interchange.mapping.table import Mapping, read_mapped
from journeymapper.interchange.new_cards import NewCards, Target
from journeymapper.interchange.report import ImportReport, Progress
from journeymapper.interchange.sniff import Cells, Column, CsvTable
from journeymapper.model.document import Document
from journeymapper.store.journey_data import MetricData, journey_ids, load_journey, load_metrics

T = TypeVar("T")

COLUMNS: tuple[Column, ...] = (
    Column("touchpoint", ("title", "touchpoint title", "touchpoint name", "card"), required=True),
    Column("stage", ("phase", "journey stage")),
    Column("lane", ("channel", "swimlane")),
    Column("metric", ("metric key", "metric name", "kpi", "measure"), required=True),
    Column("value", ("score", "result"), required=True),
    Column("date", ("measured on", "measurement date", "day"), required=True),
    Column("sample size", ("n", "sample", "responses", "respondents", "base")),
    Column("source", ("data source", "origin")),
)
PREVIEW_LIMIT = 500


#: A touchpoint a row may name (importers of values share it).
_Target = Target


@dataclass(slots=True)
class MeasurementRow:
    line: int
    touchpoint_id: int
    metric_id: int
    value: float
    measured_on: dt.date
    sample_size: int | None
    source: str


@dataclass
class MeasurementPlan(Plan):
    rows: list[MeasurementRow] = field(default_factory=list)
    value_column: str = "value"
    #: Cards made for labels that asked for one (written before the values).
    new_cards: NewCards | None = None
    label_column: str | None = None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def touchpoint_index(doc: Document, journey_id: int | None) -> dict[str, list[_Target]]:
    """Touchpoints by comparison title, in one journey or in all of them."""
    ids = [journey_id] if journey_id is not None else [j for j, _ in journey_ids(doc)]
    index: dict[str, list[_Target]] = {}
    for jid in ids:
        data = load_journey(doc, jid)
        stages = {s.id: s.name for s in data.stages}
        lanes = {ln.id: ln.name for ln in data.lanes}
        for tp in sorted(data.touchpoints.values(), key=lambda t: t.id):
            index.setdefault(_key(tp.title), []).append(
                _Target(tp.id, data.name, stages[tp.stage_id], lanes[tp.lane_id])
            )
    return index


def metric_lookup(metrics: dict[str, MetricData]) -> dict[str, MetricData]:
    """Metrics by comparison form of their key and of their name."""
    lookup: dict[str, MetricData] = {}
    for m in metrics.values():
        lookup.setdefault(sniff.normalise(m.name), m)
        lookup.setdefault(sniff.without_unit(m.name), m)
    for m in metrics.values():
        lookup[sniff.normalise(m.key)] = m
    return lookup


def plan_measurements(
    data: bytes,
    source: str,
    touchpoints: dict[str, list[_Target]],
    metrics: dict[str, MetricData],
    *,
    date_order: str | None = None,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
    new_cards: NewCards | None = None,
) -> MeasurementPlan:
    """Read and check a measurements CSV; every row must name one existing touchpoint
    (or a new card ``new_cards`` makes for its label)."""
    table = read_mapped(data, source, mapping)
    date_order = (mapping.date_order if mapping else None) or date_order
    report = ImportReport(source)
    plan = MeasurementPlan(source, report, size=table.total_lines)
    plan.details = (
        f"{table.encoding.upper()}, {table.delimiter_name}-separated, {len(table.header)} columns"
    )
    columns = sniff.match_columns(table, COLUMNS, report)
    if not report.ok:
        return plan
    idx = columns.index
    plan.value_column = table.header[idx["value"]]
    plan.label_column = table.header[idx["touchpoint"]]
    plan.headers = [table.header[i] for i in sorted(idx.values())]
    shown = sorted(idx.values())
    find = touchpoint_finder(touchpoints)
    if new_cards is not None:
        find = new_cards.finder(find, touchpoints)
        plan.new_cards = new_cards
    metric = metric_finder(metric_lookup(metrics))
    parse_date = sniff.date_parser(date_order)
    default_source = "" if "source" in idx else f"Imported from {source}"
    for record in table.records(report):
        tick(progress, record.line, 2 * plan.size)
        plan.add_preview(record.line, [record.values[i] for i in shown], PREVIEW_LIMIT)
        row = _parse_row(record, table, idx, find, metric, metrics, parse_date, report)
        if row is None:
            continue
        if "source" not in idx:
            row.source = default_source
        plan.rows.append(row)
    if not plan.rows and report.ok:
        report.add(None, None, f"{source} has a header but no rows: there is nothing to import.")
    plan.details += new_cards.note() if new_cards else ""
    return plan


def _parse_row(
    record: sniff.Record,
    table: CsvTable,
    idx: dict[str, int],
    find: Callable[[str, str, str], _Target | str],
    find_metric: Callable[[str], MetricData | None],
    metrics: dict[str, MetricData],
    parse_date: Callable[[str], dt.date],
    report: ImportReport,
) -> MeasurementRow | None:
    cells = Cells(record, table, idx, report)

    def get(key: str) -> str:
        return cells.get(key).strip()

    target = find(get("touchpoint"), get("stage"), get("lane"))
    if isinstance(target, str):
        cells.problem("touchpoint", target)
    metric = None
    if not (name := get("metric")):
        cells.problem("metric", "The metric is missing.")
    elif (metric := find_metric(name)) is None:
        known = ", ".join(f"{m.key} ({m.name})" for m in metrics.values())
        cells.problem("metric", f"Unknown metric {name!r}. Known metrics: {known}.")
    value = _required(cells, "value", lambda t: sniff.parse_number(t, table.decimal_comma))
    day = _required(cells, "date", parse_date)
    sample = cells.parse("sample size", lambda t: _sample_size(t, table.decimal_comma))
    if cells.bad or metric is None or isinstance(target, str):
        return None
    assert value is not None and day is not None
    return MeasurementRow(record.line, target.id, metric.id, value, day, sample, get("source"))


def _required(cells: Cells, key: str, parser: Callable[[str], T]) -> T | None:
    """A cell that must be there: its parsed value, or None with the reason reported."""
    if not cells.get(key).strip():
        cells.problem(key, f"The {key} is missing.")
        return None
    return cells.parse(key, parser)


def _sample_size(text: str, decimal_comma: bool) -> int:
    sample = sniff.parse_int(text, decimal_comma)
    if sample < 1:
        raise ValueError(f"A sample size must be 1 or more, not {text!r}.")
    return sample


def touchpoint_finder(
    touchpoints: dict[str, list[_Target]],
) -> Callable[[str, str, str], _Target | str]:
    """:func:`_find_touchpoint` in one index, remembering answers: big files repeat names."""
    return functools.lru_cache(maxsize=65536)(
        lambda title, stage, lane: _find_touchpoint(title, stage, lane, touchpoints)
    )


def metric_finder(lookup: dict[str, MetricData]) -> Callable[[str], MetricData | None]:
    """The metric a cell names (by key or name, unit or not), remembering answers."""
    return functools.lru_cache(maxsize=1024)(
        lambda name: lookup.get(sniff.normalise(name)) or lookup.get(sniff.without_unit(name))
    )


def _find_touchpoint(
    title: str, stage: str, lane: str, touchpoints: dict[str, list[_Target]]
) -> _Target | str:
    """The one touchpoint a row names, or the reason it names none or several."""
    if not title:
        return "The touchpoint title is missing."
    found = touchpoints.get(_key(title), [])
    if not found:
        return f"There is no touchpoint titled {title!r}."
    if stage:
        in_stage = [t for t in found if _key(t.stage) == _key(stage)]
        if not in_stage:
            where = ", ".join(sorted({repr(t.stage) for t in found}))
            return f"There is no touchpoint {title!r} in the stage {stage!r} (it is in {where})."
        found = in_stage
    if lane:
        in_lane = [t for t in found if _key(t.lane) == _key(lane)]
        if not in_lane:
            where = ", ".join(sorted({repr(t.lane) for t in found}))
            return f"There is no touchpoint {title!r} in the lane {lane!r} (it is in {where})."
        found = in_lane
    if len(found) > 1:
        places = ", ".join(f"{t.stage} / {t.lane}" for t in found)
        journeys = {t.journey for t in found}
        hint = "a stage column" if not stage else "a lane column"
        if len(journeys) > 1:
            hint = "the journey to import into"
        return (
            f"{len(found)} touchpoints are titled {title!r} ({places}); "
            f"name {hint} to say which one."
        )
    return found[0]


def apply_measurements(
    doc: Document,
    plan: MeasurementPlan,
    *,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Write a checked plan: every row checked by the editing rules, then bulk-inserted."""

    def write(w: Writer) -> None:
        column = plan.value_column
        made = plan.new_cards.write(w, plan.label_column) if plan.new_cards else {}
        write_measurements(
            w,
            (
                (r.line, column, made.get(r.touchpoint_id, r.touchpoint_id), r.metric_id,
                 r.value, r.measured_on, r.sample_size, r.source)
                for r in plan.rows
            ),
        )  # fmt: skip

    return run_import(doc, plan, write, plan.size, progress, dry_run=dry_run)


#: One value to write: (file line, column, touchpoint id, metric id or key, value, date,
#: sample size, source), as :meth:`Writer.add_measurement` takes it.
ValueRow = tuple[int, str | None, int, int | str, float, dt.date, int | None, str]


def write_measurements(w: Writer, rows: Iterable[ValueRow]) -> None:
    """Bulk-write values onto existing touchpoints; one delete undoes them all.

    Shared by the measurements and survey importers: rows were matched to touchpoints
    when the file was read, so a touchpoint deleted since then is reported, not guessed.
    """
    existing = existing_touchpoints(w)
    bulk = w.bulk("measurement", MEASUREMENT_FIELDS)
    ids = []
    for line, column, tp_id, metric, value, day, sample, source in rows:
        w.step()
        if tp_id not in existing:
            w.report.add(line, column, f"There is no touchpoint with id {tp_id}.")
            continue
        made = w.add_measurement(bulk, line, column, tp_id, metric, value, day, sample, source)
        if made is not None:
            ids.append(made)
    bulk.flush()
    w.inverses.append(Edit.of(editing.delete_measurements, ids=ids))


def existing_touchpoints(w: Writer) -> set[int]:
    """Ids of every touchpoint (one query instead of one check per row)."""
    w.session.flush()
    found = w.session.connection().exec_driver_sql("SELECT id FROM touchpoint")
    return {r[0] for r in found}


PlanT = TypeVar("PlanT", bound=Plan)


def workspace_planner(
    planner: Callable[..., PlanT], with_metrics: bool = False
) -> Callable[..., PlanT]:
    """``planner`` (a pure CSV check) run against the touchpoints of an open workspace.

    The measurements and survey formats read the same way: rows matched to the cards
    of ``journey_id`` (or any journey), new cards allowed where the mapping says so;
    ``with_metrics`` also hands the planner the workspace's metric definitions.
    """

    def plan_in_workspace(
        doc: Document,
        data: bytes,
        source: str,
        journey_id: int | None,
        *,
        date_order: str | None = None,
        progress: Progress | None = None,
        mapping: Mapping | None = None,
    ) -> PlanT:
        index = touchpoint_index(doc, journey_id)
        return planner(
            data,
            source,
            index,
            *((load_metrics(doc),) if with_metrics else ()),
            date_order=date_order,
            progress=progress,
            mapping=mapping,
            new_cards=NewCards(doc, journey_id, mapping),
        )

    return plan_in_workspace


#: :func:`plan_measurements` against the touchpoints and metrics of an open workspace.
plan_in_workspace = workspace_planner(plan_measurements, with_metrics=True)

#: Read, check and write a measurements CSV (all or nothing).
import_measurements = plan_then_apply(plan_in_workspace, apply_measurements)
