"""A file read through a mapping: header rows skipped, columns named, cells tidied.

:func:`read_mapped` gives the importers a :class:`MappedTable` instead of the
plain CSV table: its ``mapped`` positions replace header-name matching, its
records keep the file's own line numbers (so every problem still names the
line and the column as the user's file has them), date-times become dates,
"N/A" answers are skipped and counted, and touchpoint labels are replaced by
the titles they were matched with (or their rows skipped).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from journeymapper.interchange import sniff
from journeymapper.interchange.mapping.fields import (
    ANSWER_FIELDS,
    IGNORE,
    LABEL_FIELDS,
    not_answered,
)
from journeymapper.interchange.mapping.shape import date_part
from journeymapper.interchange.mapping.xlsx import is_xlsx, xlsx_to_text
from journeymapper.interchange.report import ImportReport
from journeymapper.interchange.sniff import CsvTable, Record


@dataclass(frozen=True)
class NewCard:
    """Where the card made for an unmatched label goes, by stage and lane name.

    An empty name takes that part from the row's own stage or lane column.
    """

    stage: str = ""
    lane: str = ""


@dataclass
class Mapping:
    """What the user chose for one file: which column holds what, and how to read it."""

    #: Column position -> field key (positions left out are ignored).
    columns: dict[int, str] = field(default_factory=dict)
    header_rows: int = 1
    #: Survey label -> touchpoint title; None skips the label's rows.
    matches: dict[str, str | None] = field(default_factory=dict)
    date_order: str | None = None
    sheet: str | None = None
    #: Survey label -> a new card to make for it (its rows' values go onto that card).
    create: dict[str, NewCard] = field(default_factory=dict)
    #: Where cards go for labels that name no touchpoint and are not matched (None: none).
    create_unmatched: NewCard | None = None

    def used(self) -> dict[int, str]:
        return {i: k for i, k in self.columns.items() if k != IGNORE}


def load_table(data: bytes, source: str, sheet: str | None = None) -> CsvTable:
    """The file as a CSV table whose header is its first row (CSV or .xlsx)."""
    if is_xlsx(data):
        text, what = xlsx_to_text(data, source, sheet)
        table = sniff.table_from_text(text, "xlsx", source)
        table.encoding = what
        return table
    return sniff.read_table(data, source)


def first_rows(table: CsvTable, count: int) -> list[list[str]]:
    """The header and the next rows, as cells (for detection, suggestions and preview)."""
    rows = [table.header]
    for record in table.records(ImportReport(table.source)):
        if len(rows) > count:
            break
        rows.append(record.values)
    return rows


@dataclass
class MappedTable(CsvTable):
    mapped: dict[int, str] = field(default_factory=dict)
    matches: dict[str, str | None] = field(default_factory=dict)
    #: Answers left blank or "N/A", per column header; rows skipped by label.
    skipped_answers: Counter[str] = field(default_factory=Counter)
    skipped_rows: Counter[str] = field(default_factory=Counter)

    def records(self, report: ImportReport) -> Iterator[Record]:
        dates = [i for i, k in self.mapped.items() if k == "date"]
        answers = [i for i, k in self.mapped.items() if k in ANSWER_FIELDS]
        value_col = next((i for i, k in self.mapped.items() if k == "value"), None)
        labels = [i for i, k in self.mapped.items() if k in LABEL_FIELDS]
        self.skipped_answers.clear()
        self.skipped_rows.clear()
        for record in super().records(report):
            values = record.values
            for i in dates:
                values[i] = date_part(values[i])
            if not self._keep_labels(values, labels):
                continue
            for i in answers:
                if not_answered(values[i]):
                    values[i] = ""
                    self.skipped_answers[self.header[i]] += 1
            if value_col is not None and not values[value_col]:
                continue  # a measurement without a value is no measurement
            yield record

    def _keep_labels(self, values: list[str], labels: list[int]) -> bool:
        for i in labels:
            label = values[i].strip()
            if label in self.matches:
                title = self.matches[label]
                if title is None:
                    self.skipped_rows[label] += 1
                    return False
                values[i] = title
        return True

    def note(self) -> str:
        """What was skipped, for the plan's one-line description."""
        parts = []
        if n := sum(self.skipped_answers.values()):
            parts.append(f"{n} blank or N/A {'answer' if n == 1 else 'answers'} skipped")
        if n := sum(self.skipped_rows.values()):
            parts.append(f"{n} {'row' if n == 1 else 'rows'} of skipped labels")
        return "".join(f", {p}" for p in parts)


def read_mapped(data: bytes, source: str, mapping: Mapping | None = None) -> CsvTable:
    """The table an importer reads: plain (its own header names) or through ``mapping``."""
    if mapping is None:
        return load_table(data, source)
    plain = load_table(data, source, mapping.sheet)
    return apply_mapping(plain, mapping)


def apply_mapping(plain: CsvTable, mapping: Mapping) -> MappedTable:
    """Skip ``mapping.header_rows`` rows and name the columns as the mapping says."""
    reader = csv.reader(io.StringIO(plain.text, newline=""), delimiter=plain.delimiter)
    seen, header, first_num = 0, plain.header, 0
    rows: list[list[str]] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        seen += 1
        first_num = first_num or reader.line_num
        rows.append(values)
        if seen >= mapping.header_rows:
            break
    width = max(len(r) for r in rows)
    header = [_column_name(rows, i) for i in range(width)]
    before = plain.header_line - first_num  # a "sep=" line above the header
    return MappedTable(
        source=plain.source,
        encoding=plain.encoding,
        delimiter=plain.delimiter,
        header=header,
        header_line=before + reader.line_num,
        text=plain.text,
        body_start=_offset(plain.text, reader.line_num),
        total_lines=plain.total_lines,
        mapped=mapping.used(),
        matches=dict(mapping.matches),
    )


def _column_name(rows: list[list[str]], i: int) -> str:
    """A column's name in problems: its first non-empty header cell, else its letter."""
    for r in rows:
        if i < len(r) and r[i].strip() and not r[i].lstrip().startswith("{"):
            return r[i].strip()
    return column_letter(i)


def column_letter(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how spreadsheets name columns."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _offset(text: str, lines: int) -> int:
    stream = io.StringIO(text, newline="")
    return sum(len(stream.readline()) for _ in range(lines))


def table_note(table: CsvTable) -> str:
    return table.note() if isinstance(table, MappedTable) else ""
