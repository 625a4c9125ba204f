"""Touchpoints as a spreadsheet: one row per card, one column per metric's latest value.

Export writes the channel-lane cards of one journey, stage by stage, lane by
lane, in card order. Import reads the same shape (or any spreadsheet close to
it), creates stages and lanes it does not find, in the order the file first
names them, and adds the cards in file order after the existing ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from journeymapper import editing
from journeymapper.editing import Edit
from journeymapper.interchange import sniff
from journeymapper.interchange.files import write_text
from journeymapper.interchange.importing import (
    MEASUREMENT_FIELDS,
    TOUCHPOINT_FIELDS,
    ImportResult,
    Plan,
    Writer,
    run_import,
    tick,
)
from journeymapper.interchange.report import ImportReport, Progress
from journeymapper.interchange.sniff import Column, CsvTable
from journeymapper.model.document import Document
from journeymapper.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
    ChannelKind,
    Evidence,
    Interaction,
    LaneKind,
)
from journeymapper.store.journey_data import JourneyData, MetricData, load_journey, load_metrics

COLUMNS: tuple[Column, ...] = (
    Column("stage", ("phase", "journey stage", "step"), required=True),
    Column("lane", ("channel", "swimlane", "swim lane", "channel name"), required=True),
    Column("channel kind", ("channel type", "online offline", "online or offline")),
    Column("title", ("touchpoint", "touchpoint title", "name", "card"), required=True),
    Column("description", ("details", "notes", "desc")),
    Column("interaction", ("interaction type", "direct indirect")),
    Column("emotion", ("emotion score", "feeling", "sentiment", "mood")),
    Column("evidence", ("evidence level", "confidence")),
    Column("owner", ("responsible", "owned by", "team")),
    Column("date", ("measured on", "measurement date")),
)
#: The columns export writes, in order (metrics follow).
EXPORT_COLUMNS = tuple(c.key for c in COLUMNS if c.key != "date")

_CHANNEL_WORDS = {
    "online": ChannelKind.ONLINE,
    "digital": ChannelKind.ONLINE,
    "offline": ChannelKind.OFFLINE,
    "physical": ChannelKind.OFFLINE,
}


# -- export ------------------------------------------------------------------------------


def metric_headers(metrics: dict[str, MetricData]) -> dict[str, str]:
    """Column title per metric key: "Name (unit)", or the key when the name is ambiguous."""
    taken = {n for c in COLUMNS for n in c.names()}
    counts = Counter(sniff.normalise(m.name) for m in metrics.values())
    keys = {sniff.normalise(k): k for k in metrics}
    headers = {}
    for m in metrics.values():
        n = sniff.normalise(m.name)
        clash = n in taken or counts[n] > 1 or keys.get(n, m.key) != m.key
        headers[m.key] = m.key if clash else (f"{m.name} ({m.unit})" if m.unit else m.name)
    return headers


def format_number(value: float, decimal_comma: bool = False) -> str:
    """Shortest exact text of a value: 45 rather than 45.0, 4.25 as is."""
    text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return text.replace(".", ",") if decimal_comma else text


def export_rows(doc: Document, journey_id: int) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the touchpoints CSV of one journey."""
    data = load_journey(doc, journey_id)
    return _rows(data, decimal_comma=False)


def _rows(data: JourneyData, decimal_comma: bool) -> tuple[list[str], list[list[str]]]:
    titles = metric_headers(data.metrics)
    header = [*EXPORT_COLUMNS, *titles.values()]
    cells = data.cells()
    out = []
    for stage in data.stages:
        for lane in data.lanes:
            if lane.kind != LaneKind.CHANNEL:
                continue
            for tp in cells.get((stage.id, lane.id), ()):
                row = [
                    stage.name,
                    lane.name,
                    lane.channel_kind or "",
                    tp.title,
                    tp.description,
                    tp.interaction,
                    "" if tp.emotion is None else str(tp.emotion),
                    tp.evidence,
                    tp.owner,
                ]
                for key in titles:
                    m = tp.latest.get(key)
                    row.append("" if m is None else format_number(m.value, decimal_comma))
                out.append(row)
    return header, out


def export_touchpoints(doc: Document, journey_id: int, delimiter: str = ",") -> str:
    """The touchpoints CSV of one journey as text (CRLF line ends, as spreadsheets write)."""
    header, rows = _rows(load_journey(doc, journey_id), decimal_comma=delimiter == ";")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_touchpoints_csv(
    doc: Document, journey_id: int, path: str | os.PathLike[str], delimiter: str = ","
) -> Path:
    """Write the CSV with a UTF-8 BOM, so that Excel shows accents right when opening it."""
    return write_text(Path(path), export_touchpoints(doc, journey_id, delimiter), "utf-8-sig")


# -- import: reading ------------------------------------------------------------------------


@dataclass
class TouchpointRow:
    """One parsed card: where it goes, its fields, and its metric values."""

    line: int
    stage: str
    lane: str
    channel_kind: str | None
    title: str
    fields: dict[str, object]
    #: (column title, metric key, value)
    values: list[tuple[str, str, float]]
    measured_on: dt.date | None


@dataclass
class TouchpointPlan(Plan):
    rows: list[TouchpointRow] = field(default_factory=list)
    new_stages: list[str] = field(default_factory=list)
    new_lanes: list[tuple[str, str]] = field(default_factory=list)


def plan_touchpoints(
    data: bytes,
    source: str,
    journey: JourneyData | None,
    metrics: dict[str, MetricData],
    *,
    date_order: str | None = None,
    ignore_unknown: bool = False,
    progress: Progress | None = None,
) -> TouchpointPlan:
    """Read and check a touchpoints CSV against a journey (None: a journey yet to be made)."""
    table = sniff.read_table(data, source)
    report = ImportReport(source)
    plan = TouchpointPlan(source, report, size=table.total_lines)
    plan.details = _details(table)
    columns = sniff.match_columns(table, COLUMNS, report)
    metric_cols = _metric_columns(table, columns.unknown, metrics, report, ignore_unknown)
    if not report.ok:
        return plan
    idx = columns.index
    shown = sorted([*idx.values(), *metric_cols])
    plan.headers = [table.header[i] for i in shown]
    stages, lanes = _known_cells(journey)
    for record in table.records(report):
        tick(progress, record.line, 2 * plan.size)
        plan.add_preview(record.line, [record.values[i] for i in shown], PREVIEW_LIMIT)
        row = _parse_row(record, table, idx, metric_cols, date_order, report)
        if row is None:
            continue
        if _place(row, table, idx, stages, lanes, plan):
            plan.rows.append(row)
    if not plan.rows and report.ok:
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
        key = lookup.get(sniff.normalise(raw)) or lookup.get(sniff.without_unit(raw))
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
        stages.setdefault(_key(s.name), s.name)
    lanes = {}
    for ln in journey.lanes:
        lanes.setdefault(_key(ln.name), (ln.name, ln.kind, ln.channel_kind))
    return stages, lanes


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _parse_row(
    record: sniff.Record,
    table: CsvTable,
    idx: dict[str, int],
    metric_cols: dict[int, str],
    date_order: str | None,
    report: ImportReport,
) -> TouchpointRow | None:
    line = record.line
    values = record.values
    bad = False

    def get(key: str) -> str:
        return values[idx[key]] if key in idx else ""

    def problem(key: str, reason: str) -> None:
        nonlocal bad
        bad = True
        report.add(line, table.header[idx[key]] if key in idx else key, reason)

    names = {}
    for key in ("stage", "lane", "title"):
        names[key] = get(key).strip()
        if not names[key]:
            problem(key, f"The {'touchpoint title' if key == 'title' else key} is missing.")
    channel = None
    if text := get("channel kind").strip():
        channel = _CHANNEL_WORDS.get(text.casefold())
        if channel is None:
            problem("channel kind", f"{text!r} is not a channel kind (online or offline).")
    fields: dict[str, object] = {
        "description": get("description"),
        "owner": get("owner").strip(),
    }
    for key, enum in (("interaction", Interaction), ("evidence", Evidence)):
        if text := get(key).strip():
            options = [m.value for m in enum]
            if text.casefold() not in options:
                problem(key, f"{text!r} is not one of {', '.join(options)}.")
            else:
                fields[key] = text.casefold()
    if text := get("emotion").strip():
        try:
            emotion = sniff.parse_number(text, table.decimal_comma)
            if emotion != int(emotion) or not EMOTION_MIN <= emotion <= EMOTION_MAX:
                raise ValueError(
                    f"Emotion {text!r} must be a whole number from {EMOTION_MIN} to {EMOTION_MAX}."
                )
            fields["emotion"] = int(emotion)
        except ValueError as exc:
            problem("emotion", str(exc))
    measured_on = None
    if text := get("date").strip():
        try:
            measured_on = sniff.parse_date(text, date_order)
        except ValueError as exc:
            problem("date", str(exc))
    metric_values = []
    for i, key in metric_cols.items():
        if text := values[i].strip():
            try:
                metric_values.append(
                    (table.header[i], key, sniff.parse_number(text, table.decimal_comma))
                )
            except ValueError as exc:
                bad = True
                report.add(line, table.header[i], str(exc))
    if bad:
        return None
    return TouchpointRow(
        line,
        names["stage"],
        names["lane"],
        channel,
        names["title"],
        fields,
        metric_values,
        measured_on,
    )


def _place(
    row: TouchpointRow,
    table: CsvTable,
    idx: dict[str, int],
    stages: dict[str, str],
    lanes: dict[str, tuple[str, str, str | None]],
    plan: TouchpointPlan,
) -> bool:
    """Note new stages and lanes in file order; False (and a report) if the lane is wrong."""
    if _key(row.stage) not in stages:
        stages[_key(row.stage)] = row.stage
        plan.new_stages.append(row.stage)
    known = lanes.get(_key(row.lane))
    if known is None:
        kind = row.channel_kind or ChannelKind.ONLINE
        lanes[_key(row.lane)] = (row.lane, LaneKind.CHANNEL, kind)
        plan.new_lanes.append((row.lane, kind))
        return True
    name, kind, channel = known
    column = table.header[idx["lane"]]
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
    source = f"Imported from {plan.source}"

    def write(w: Writer) -> int | None:
        nonlocal journey_id
        new_journey = None
        if journey_id is None:
            made = w.run(None, None, editing.add_journey, name=journey_name)
            if made is None:
                return None
            journey_id = made.created_id
            new_journey = made.inverse
        current = load_journey(doc, journey_id)
        stage_ids = {}
        for s in current.stages:
            stage_ids.setdefault(_key(s.name), s.id)
        lane_ids = {}
        for ln in current.lanes:
            lane_ids.setdefault(_key(ln.name), ln.id)
        for name in plan.new_stages:
            made = w.run(
                None, "stage", editing.add_stage, "stages", journey_id=journey_id, name=name
            )
            if made:
                stage_ids[_key(name)] = made.created_id
        for name, kind in plan.new_lanes:
            made = w.run(
                None,
                "lane",
                editing.add_lane,
                "lanes",
                journey_id=journey_id,
                name=name,
                channel_kind=kind,
            )
            if made:
                lane_ids[_key(name)] = made.created_id
        cards = w.bulk("touchpoint", TOUCHPOINT_FIELDS)
        values = w.bulk("measurement", MEASUREMENT_FIELDS, after=cards)
        new_cards = []
        for row in plan.rows:
            w.step()
            stage_id, lane_id = stage_ids.get(_key(row.stage)), lane_ids.get(_key(row.lane))
            if stage_id is None or lane_id is None:
                continue
            tp_id = w.add_touchpoint(
                cards, row.line, None, stage_id, lane_id, row.title, row.fields
            )
            if tp_id is None:
                continue
            new_cards.append(tp_id)
            for column, key, value in row.values:
                w.add_measurement(
                    values,
                    row.line,
                    column,
                    tp_id,
                    key,
                    value,
                    row.measured_on or day,
                    None,
                    source,
                )
        cards.flush()
        values.flush()
        if new_journey is not None:
            w.collapse(0, new_journey)  # deleting the journey deletes all it holds
        else:  # last card first, so that every delete is at the end of its cell
            w.inverses.extend(
                Edit.of(editing.delete_touchpoint, touchpoint_id=i) for i in new_cards
            )
        return journey_id

    return run_import(doc, plan, write, plan.size, progress, dry_run=dry_run)


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
    )
    return apply_touchpoints(
        doc,
        plan,
        journey_id,
        journey_name=journey_name,
        measured_on=measured_on,
        progress=progress,
    )
