"""Touchpoints as a spreadsheet: one row per card, one column per metric's latest value.

This module is the import and the format's public face; the columns and the
parsing of one row are :mod:`touchpoint_rows`, the export :mod:`touchpoints_export`.
Export writes the channel-lane cards of one journey, stage by stage, lane by
lane, in card order. Import reads the same shape (or any spreadsheet close to
it), creates stages and lanes it does not find, and adds the cards in file order
after the existing ones. New stages come in the order the file first names them;
new lanes in the order the rows of each stage give them (:func:`lane_order`), so
that export → import → export gives the same file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.interchange import sniff
from journeymapper.interchange.formula_cells import restore
from journeymapper.interchange.importing import (
    MEASUREMENT_FIELDS,
    TOUCHPOINT_FIELDS,
    ImportResult,
    Plan,
    Writer,
    run_import,
    tick,
)
from journeymapper.interchange.mapping.table import Mapping, read_mapped
from journeymapper.interchange.report import ImportReport, Progress
from journeymapper.interchange.sniff import CsvTable
from journeymapper.interchange.touchpoint_rows import (
    COLUMNS,
    EXPORT_COLUMNS,
    STEP_COLUMNS,
    TouchpointRow,
    key,
    lane_order,
    parse_row,
)
from journeymapper.interchange.touchpoints_export import (
    export_rows,
    export_touchpoints,
    format_number,
    metric_headers,
    write_touchpoints_csv,
)
from journeymapper.model.document import Document
from journeymapper.model.enums import LAYER_KINDS, ChannelKind, LaneKind
from journeymapper.store.journey_data import JourneyData, MetricData, load_journey, load_metrics

__all__ = [
    "COLUMNS",
    "EXPORT_COLUMNS",
    "TouchpointPlan",
    "TouchpointRow",
    "apply_touchpoints",
    "export_rows",
    "export_touchpoints",
    "format_number",
    "import_touchpoints",
    "metric_headers",
    "plan_touchpoints",
    "write_touchpoints_csv",
]


# -- import: reading ------------------------------------------------------------------------


@dataclass
class TouchpointPlan(Plan):
    rows: list[TouchpointRow] = field(default_factory=list)
    new_stages: list[str] = field(default_factory=list)
    new_lanes: list[tuple[str, str]] = field(default_factory=list)


def _columns_beside(metrics: dict[str, MetricData]) -> tuple[sniff.Column, ...]:
    """The card columns without the other names that a workspace metric is called by: the
    export writes a custom metric "wait_time" beside "wait min", and it is that metric."""
    taken = {sniff.normalise(n) for m in metrics.values() for n in (m.key, m.name)}
    return tuple(
        replace(c, synonyms=tuple(s for s in c.synonyms if sniff.normalise(s) not in taken))
        for c in COLUMNS
    )


def plan_touchpoints(
    data: bytes,
    source: str,
    journey: JourneyData | None,
    metrics: dict[str, MetricData],
    *,
    date_order: str | None = None,
    ignore_unknown: bool = False,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
) -> TouchpointPlan:
    """Read and check a touchpoints CSV against a journey (None: a journey yet to be made)."""
    table = read_mapped(data, source, mapping)
    date_order = (mapping.date_order if mapping else None) or date_order
    report = ImportReport(source)
    plan = TouchpointPlan(source, report, size=table.total_lines)
    plan.details = _details(table)
    columns = sniff.match_columns(table, _columns_beside(metrics), report)
    metric_cols = _metric_columns(table, columns.unknown, metrics, report, ignore_unknown)
    if not report.ok:
        return plan
    idx = columns.index
    shown = sorted([*idx.values(), *metric_cols])
    plan.headers = [table.header[i] for i in shown]
    stages, lanes = _known_cells(journey)
    stage_lanes: dict[str, dict[str, None]] = {}  # stage -> its lanes, in row order
    for record in table.records(report):
        tick(progress, record.line, 2 * plan.size)
        plan.add_preview(record.line, [record.values[i] for i in shown], PREVIEW_LIMIT)
        row = parse_row(record, table, idx, metric_cols, date_order, report)
        if row is None:
            continue
        if _place(row, table, idx, stages, lanes, plan):
            plan.rows.append(row)
            stage_lanes.setdefault(key(row.stage), {})[key(row.lane)] = None
    plan.new_lanes = lane_order(plan.new_lanes, [list(s) for s in stage_lanes.values()])
    # A header of every export column and no rows is the export of a journey without
    # cards (the blank template): it imports as an empty journey, so the round trip holds.
    # (The step columns came later: an older blank export lacks them.)
    empty_export = set(EXPORT_COLUMNS) - set(STEP_COLUMNS) <= idx.keys()
    if not plan.rows and report.ok and not empty_export:
        report.add(None, None, f"{source} has a header but no rows: there is nothing to import.")
    return plan


#: Rows kept for the preview table (the import itself uses all of them).
PREVIEW_LIMIT = 500


def _details(table: CsvTable) -> str:
    return (
        f"{table.encoding.upper()}, {table.delimiter_name}-separated, {len(table.header)} columns"
    )


def _metric_columns(
    table: CsvTable,
    unknown: list[tuple[int, str]],
    metrics: dict[str, MetricData],
    report: ImportReport,
    ignore_unknown: bool,
) -> dict[int, str]:
    """Header position -> metric key, for the columns that name a metric."""
    lookup: dict[str, str] = {}
    for m in metrics.values():
        lookup.setdefault(sniff.normalise(m.name), m.key)
    for m in metrics.values():
        lookup[sniff.normalise(m.key)] = m.key
    found: dict[int, str] = {}
    for i, raw in unknown:
        name = restore(raw.strip())  # a metric named "=x" is exported as "'=x"
        key = lookup.get(sniff.normalise(name)) or lookup.get(sniff.without_unit(name))
        if key is None:
            if raw.strip() and not ignore_unknown:
                names = ", ".join(m.name for m in metrics.values())
                report.add(
                    table.header_line,
                    raw,
                    f"Unknown column {raw!r}: it is neither a touchpoint field nor a metric "
                    f"({names}). Rename or remove it.",
                )
            continue
        if key in found.values():
            report.add(table.header_line, raw, f"Two columns hold the metric {key!r}.")
            continue
        found[i] = key
    return found


def _known_cells(
    journey: JourneyData | None,
) -> tuple[dict[str, str], dict[str, tuple[str, str, str | None]]]:
    """Existing stages and lanes by comparison name -> (name) / (name, kind, channel kind)."""
    if journey is None:
        return {}, {}
    stages = {}
    for s in journey.stages:
        stages.setdefault(key(s.name), s.name)
    lanes = {}
    for ln in journey.lanes:
        lanes.setdefault(key(ln.name), (ln.name, ln.kind, ln.channel_kind))
    return stages, lanes


def _same_layer(
    row: TouchpointRow, name: str, kind: str, column: str, plan: TouchpointPlan
) -> bool:
    """A row for a blueprint layer: its lane must be of the layer the row names (if any)."""
    if row.layer is not None and row.layer != kind:
        plan.report.add(
            row.line, column, f"The lane {name!r} is a {kind} lane, but this row says {row.layer}."
        )
        return False
    return True


def _place(
    row: TouchpointRow,
    table: CsvTable,
    idx: dict[str, int],
    stages: dict[str, str],
    lanes: dict[str, tuple[str, str, str | None]],
    plan: TouchpointPlan,
) -> bool:
    """Note new stages and lanes in file order; False (and a report) if the lane is wrong."""
    if key(row.stage) not in stages:
        stages[key(row.stage)] = row.stage
        plan.new_stages.append(row.stage)
    known = lanes.get(key(row.lane))
    if known is None and row.layer is not None:
        lanes[key(row.lane)] = (row.lane, row.layer, None)
        plan.new_lanes.append((row.lane, row.layer))
        return True
    if known is None:
        kind = row.channel_kind or ChannelKind.ONLINE
        lanes[key(row.lane)] = (row.lane, LaneKind.CHANNEL, kind)
        plan.new_lanes.append((row.lane, kind))
        return True
    name, kind, channel = known
    column = table.header[idx["lane"]]
    if kind in LAYER_KINDS or row.layer is not None:
        return _same_layer(row, name, kind, table.header[idx.get("layer", idx["lane"])], plan)
    if kind != LaneKind.CHANNEL:
        plan.report.add(
            row.line,
            column,
            f"{name!r} is a {kind} lane; touchpoints go in channel lanes.",
        )
        return False
    if row.channel_kind and row.channel_kind != channel:
        plan.report.add(
            row.line,
            table.header[idx["channel kind"]],
            f"The lane {name!r} is {channel}, but this row says {row.channel_kind}.",
        )
        return False
    return True


# -- import: writing ------------------------------------------------------------------------


def apply_touchpoints(
    doc: Document,
    plan: TouchpointPlan,
    journey_id: int | None,
    *,
    journey_name: str = "Imported journey",
    measured_on: dt.date | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Write a checked plan into a journey (a new one named ``journey_name`` when None)."""
    day = measured_on or dt.date.today()

    def write(w: Writer) -> int | None:
        target, new_journey = journey_id, None
        if target is None:
            made = w.run(None, None, editing.add_journey, name=journey_name)
            if made is None:
                return None
            target, new_journey = made.created_id, made.inverse
        stage_ids, lane_ids = _cell_ids(w, doc, target, plan)
        new_cards = _write_cards(w, plan, stage_ids, lane_ids, day)
        if new_journey is not None:
            w.collapse(0, new_journey)  # deleting the journey deletes all it holds
        else:  # last card first, so that every delete is at the end of its cell
            w.inverses.extend(
                Edit.of(editing.delete_touchpoint, touchpoint_id=i) for i in new_cards
            )
        return target

    return run_import(doc, plan, write, plan.size, progress, dry_run=dry_run)


def _cell_ids(
    w: Writer, doc: Document, journey_id: int, plan: TouchpointPlan
) -> tuple[dict[str, int], dict[str, int]]:
    """Stage and lane ids by comparison name, after adding the plan's new ones."""
    current = load_journey(doc, journey_id)
    stage_ids: dict[str, int] = {}
    for s in current.stages:
        stage_ids.setdefault(key(s.name), s.id)
    lane_ids: dict[str, int] = {}
    for ln in current.lanes:
        lane_ids.setdefault(key(ln.name), ln.id)
    for name in plan.new_stages:
        made = w.run(None, "stage", editing.add_stage, "stages", journey_id=journey_id, name=name)
        if made:
            stage_ids[key(name)] = made.created_id  # type: ignore[assignment]
    for name, kind in plan.new_lanes:
        where = {"kind": kind} if kind in LAYER_KINDS else {"channel_kind": kind}
        made = w.run(None, "lane", "add_lane", "lanes", journey_id=journey_id, name=name, **where)
        if made:
            lane_ids[key(name)] = made.created_id  # type: ignore[assignment]
    return stage_ids, lane_ids


def _write_cards(
    w: Writer,
    plan: TouchpointPlan,
    stage_ids: dict[str, int],
    lane_ids: dict[str, int],
    day: dt.date,
) -> list[int]:
    """Bulk-write the plan's cards and their values; the new card ids in file order."""
    source = f"Imported from {plan.source}"
    cards = w.bulk("touchpoint", TOUCHPOINT_FIELDS)
    values = w.bulk("measurement", MEASUREMENT_FIELDS, after=cards)
    new_cards = []
    for row in plan.rows:
        w.step()
        stage_id, lane_id = stage_ids.get(key(row.stage)), lane_ids.get(key(row.lane))
        if stage_id is None or lane_id is None:
            continue
        tp_id = w.add_touchpoint(cards, row.line, None, stage_id, lane_id, row.title, row.fields)
        if tp_id is None:
            continue
        new_cards.append(tp_id)
        when = row.measured_on or day
        for column, metric, value in row.values:
            w.add_measurement(values, row.line, column, tp_id, metric, value, when, None, source)
    cards.flush()
    values.flush()
    return new_cards


def import_touchpoints(
    doc: Document,
    data: bytes,
    source: str,
    journey_id: int | None,
    *,
    journey_name: str = "Imported journey",
    date_order: str | None = None,
    ignore_unknown: bool = False,
    measured_on: dt.date | None = None,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
) -> ImportResult:
    """Read, check and write a touchpoints CSV in one go (all or nothing)."""
    journey = load_journey(doc, journey_id) if journey_id is not None else None
    plan = plan_touchpoints(
        data,
        source,
        journey,
        load_metrics(doc),
        date_order=date_order,
        ignore_unknown=ignore_unknown,
        progress=progress,
        mapping=mapping,
    )
    return apply_touchpoints(
        doc,
        plan,
        journey_id,
        journey_name=journey_name,
        measured_on=measured_on,
        progress=progress,
    )
