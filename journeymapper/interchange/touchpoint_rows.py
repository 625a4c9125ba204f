"""One touchpoints-CSV row: the columns it may have, and one record parsed into a card.

Shared by the export (which writes these columns) and the import (which reads them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from journeymapper.interchange import sniff
from journeymapper.interchange.report import ImportReport
from journeymapper.interchange.sniff import Cells, Column, CsvTable
from journeymapper.model.enums import EMOTION_MAX, EMOTION_MIN, ChannelKind, Evidence, Interaction

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


def key(name: str) -> str:
    return " ".join(name.split()).casefold()


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
        names[column] = cells.get(column).strip()
        if not names[column]:
            what = "touchpoint title" if column == "title" else column
            cells.problem(column, f"The {what} is missing.")
    channel = cells.parse("channel kind", _channel)
    fields: dict[str, object] = {
        "description": cells.get("description"),
        "owner": cells.get("owner").strip(),
    }
    for column, enum in (("interaction", Interaction), ("evidence", Evidence)):
        if (value := cells.parse(column, _choice(enum))) is not None:
            fields[column] = value
    if (emotion := cells.parse("emotion", _emotion(table.decimal_comma))) is not None:
        fields["emotion"] = emotion
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
