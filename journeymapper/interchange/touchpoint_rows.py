"""One touchpoints-CSV row: the columns it may have, and one record parsed into a card.

Shared by the export (which writes these columns) and the import (which reads them).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from journeymapper.editing.rules import MAX_MINUTES
from journeymapper.interchange import sniff
from journeymapper.interchange.formula_cells import restore
from journeymapper.interchange.report import ImportReport
from journeymapper.interchange.sniff import Cells, Column, CsvTable
from journeymapper.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
    LAYER_KINDS,
    LAYER_LABELS,
    ChannelKind,
    Evidence,
    Interaction,
)

T = TypeVar("T")

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
    Column("layer", ("blueprint layer", "service layer")),
    # A blueprint step's fields (any card may carry them); older files have none.
    Column("system", ("tool", "it system", "step system")),
    Column("duration min", ("duration", "duration minutes", "step duration")),
    Column("wait min", ("wait", "wait minutes", "waiting time", "wait time")),
    Column("failure point", ("failure", "fail point", "failure points")),
    Column("date", ("measured on", "measurement date")),
)
#: The columns export writes, in order (metrics follow).
EXPORT_COLUMNS = tuple(c.key for c in COLUMNS if c.key != "date")
#: The step columns (after ``layer``): a file without them is a touchpoints CSV of before.
STEP_COLUMNS = ("system", "duration min", "wait min", "failure point")
_STEP_KEYS = {"duration min": ("duration_min", "Duration"), "wait min": ("wait_min", "Wait")}
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}

_CHANNEL_WORDS = {
    "online": ChannelKind.ONLINE,
    "digital": ChannelKind.ONLINE,
    "offline": ChannelKind.OFFLINE,
    "physical": ChannelKind.OFFLINE,
}


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
    #: The blueprint layer (lane kind) of the card's lane; None: a channel lane.
    layer: str | None = None


def key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _layer(text: str) -> str:
    """A blueprint layer by its kind or its label ("Physical evidence", "support processes")."""
    words = " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    for kind in LAYER_KINDS:
        names = {kind.replace("_", " "), LAYER_LABELS[kind].casefold(), kind.split("_")[0]}
        if words in names or words.rstrip("es") in {n.rstrip("es") for n in names}:
            return str(kind)
    labels = ", ".join(LAYER_LABELS[k].lower() for k in LAYER_KINDS)
    raise ValueError(f"{text!r} is not a blueprint layer ({labels}; empty for a channel).")


def _channel(text: str) -> str:
    found = _CHANNEL_WORDS.get(text.casefold())
    if found is None:
        raise ValueError(f"{text!r} is not a channel kind (online or offline).")
    return found


def _choice(enum: type[Interaction] | type[Evidence]) -> Callable[[str], str]:
    options = [m.value for m in enum]

    def parse(text: str) -> str:
        if text.casefold() not in options:
            raise ValueError(f"{text!r} is not one of {', '.join(options)}.")
        return text.casefold()

    return parse


def _flag(text: str) -> bool:
    """A failure-point cell: yes/no (true/false, 1/0, x); empty is no flag."""
    word = text.strip().casefold()
    if word in _YES or word in _NO:
        return word in _YES
    raise ValueError(f"Failure point {text!r} must be yes or no (or empty).")


def _minutes(decimal_comma: bool, what: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        minutes = sniff.parse_number(text, decimal_comma)
        if not 0 <= minutes <= MAX_MINUTES:
            raise ValueError(
                f"{what} {text!r} must be a number of minutes from 0 to {MAX_MINUTES:.0f}."
            )
        return minutes

    return parse


def _step_fields(cells: Cells, decimal_comma: bool) -> dict[str, object]:
    """The step cells of a row that hold something (the card rules check the values)."""
    fields: dict[str, object] = {}
    if system := restore(cells.get("system").strip()):
        fields["system"] = system
    for column, (name, what) in _STEP_KEYS.items():
        if (minutes := cells.parse(column, _minutes(decimal_comma, what))) is not None:
            fields[name] = minutes
    if cells.parse("failure point", _flag):
        fields["failure_point"] = True
    return fields


def _emotion(decimal_comma: bool) -> Callable[[str], int]:
    def parse(text: str) -> int:
        emotion = sniff.parse_number(text, decimal_comma)
        if emotion != int(emotion) or not EMOTION_MIN <= emotion <= EMOTION_MAX:
            raise ValueError(
                f"Emotion {text!r} must be a whole number from {EMOTION_MIN} to {EMOTION_MAX}."
            )
        return int(emotion)

    return parse


def parse_row(
    record: sniff.Record,
    table: CsvTable,
    idx: dict[str, int],
    metric_cols: dict[int, str],
    date_order: str | None,
    report: ImportReport,
) -> TouchpointRow | None:
    """The card a record describes, or None when any of its cells is refused (reported)."""
    cells = Cells(record, table, idx, report)
    names = {}
    for column in ("stage", "lane", "title"):
        names[column] = restore(cells.get(column).strip())
        if not names[column]:
            what = "touchpoint title" if column == "title" else column
            cells.problem(column, f"The {what} is missing.")
    channel = cells.parse("channel kind", _channel)
    layer = cells.parse("layer", _layer)
    fields: dict[str, object] = {
        "description": restore(cells.get("description")),
        "owner": restore(cells.get("owner").strip()),
    }
    for column, enum in (("interaction", Interaction), ("evidence", Evidence)):
        if (value := cells.parse(column, _choice(enum))) is not None:
            fields[column] = value
    if (emotion := cells.parse("emotion", _emotion(table.decimal_comma))) is not None:
        fields["emotion"] = emotion
    fields.update(_step_fields(cells, table.decimal_comma))
    measured_on = cells.parse("date", lambda text: sniff.parse_date(text, date_order))
    metric_values = _metric_values(record, table, metric_cols, cells)
    if cells.bad:
        return None
    return TouchpointRow(
        record.line,
        names["stage"],
        names["lane"],
        channel,
        names["title"],
        fields,
        metric_values,
        measured_on,
        layer,
    )


def _metric_values(
    record: sniff.Record, table: CsvTable, metric_cols: dict[int, str], cells: Cells
) -> list[tuple[str, str, float]]:
    out = []
    for i, metric in metric_cols.items():
        if text := record.values[i].strip():
            try:
                out.append((table.header[i], metric, sniff.parse_number(text, table.decimal_comma)))
            except ValueError as exc:
                cells.bad = True
                cells.report.add(record.line, table.header[i], str(exc))
    return out


def lane_order(
    new_lanes: list[tuple[str, str]], stage_lanes: list[list[str]]
) -> list[tuple[str, str]]:
    """New lanes in map order, as far as the rows tell it.

    Export writes each stage's cards lane by lane, so within one stage the lanes
    appear in map order: every such sequence is a constraint. Lanes the rows do
    not order between themselves go online before offline, then by first
    appearance. A file edited into a contradiction (a cycle) falls back to that
    rule for the lanes involved.
    """
    rank = {key(name): (kind != ChannelKind.ONLINE, i) for i, (name, kind) in enumerate(new_lanes)}
    after: dict[str, set[str]] = {k: set() for k in rank}
    waiting = dict.fromkeys(rank, 0)
    for lanes in stage_lanes:
        known = [k for k in lanes if k in rank]
        for a, b in zip(known, known[1:], strict=False):
            if b not in after[a]:
                after[a].add(b)
                waiting[b] += 1
    ready = [(rank[k], k) for k in rank if waiting[k] == 0]
    heapq.heapify(ready)
    done: list[str] = []
    while len(done) < len(rank):
        if not ready:  # a cycle: take the first lane still waiting
            heapq.heappush(ready, min((rank[k], k) for k in rank if waiting[k] > 0))
        _, k = heapq.heappop(ready)
        if waiting[k] < 0:
            continue
        waiting[k] = -1
        done.append(k)
        for nxt in after[k]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, (rank[nxt], nxt))
    by_key = {key(name): (name, kind) for name, kind in new_lanes}
    return [by_key[k] for k in done]
