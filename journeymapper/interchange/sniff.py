"""Read the CSV files people really have: any common encoding, separator and date style.

Spreadsheet exports differ in encoding (UTF-8 with or without BOM, UTF-16 from
Excel's "Unicode text", Windows-1252), separator (comma, semicolon, tab), line
ends, decimal mark and date order. This module turns such bytes into header +
records with line numbers, and parses the values, so importers only deal with
meaning. Nothing here guesses: an ambiguous date is reported, not resolved.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from journeymapper.interchange.cell_values import (
    DATE_ORDERS,
    date_parser,
    parse_date,
    parse_int,
    parse_number,
)
from journeymapper.interchange.report import ImportReport, fail_with

#: Files above this size are refused with a message before being read. Rows are checked
#: by the editing rules and bulk-written (:mod:`importing`): a 50 MB measurements CSV
#: (840,000 rows) imports in about 20 s, a 50 MB workspace JSON in about 6 s, with
#: progress several times a second. A 50 MB touchpoints CSV (500,000 cards, 3 million
#: values) takes over a minute but still shows progress and can be cancelled.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}

_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook?). Save it as CSV first"),
    (b"\xd0\xcf\x11\xe0", "an old Excel/Office file (.xls). Save it as CSV first"),
    (b"%PDF", "a PDF document"),
    (b"SQLite format 3\x00", "a database (a Journey Mapper workspace?), not a CSV file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


# -- bytes -> text ---------------------------------------------------------------


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or an :class:`ImportFailed` saying why it cannot be read."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise fail_with(name, f"There is no file {path}.")
    if path.is_dir():
        raise fail_with(name, f"{path} is a folder, not a file.")
    size = path.stat().st_size
    check_size(name, size, max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise fail_with(name, f"Cannot read {path}: {exc.strerror or exc}.") from exc


def check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise fail_with(
            name,
            f"{name} is {_mb(size)}, larger than the {_mb(max_bytes)} Journey Mapper imports "
            "at once. Split it into smaller files (or remove columns it does not need).",
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def decode(data: bytes, name: str = "The file") -> tuple[str, str]:
    """Decode ``data`` to text; return (text, encoding). Binary or empty input is refused."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise fail_with(name, f"{name} is empty: there is nothing to import.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise fail_with(name, f"{name} is not a CSV file: it is {what}.")
    text, encoding = _text(data, _encoding(data, name), name)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise fail_with(name, f"{name} is not a CSV file: it contains binary data.")
    if not text.strip():
        raise fail_with(name, f"{name} is empty: there is nothing to import.")
    return text, encoding


def _encoding(data: bytes, name: str) -> str:
    """The encoding a byte-order mark declares, else UTF-8 (tried first)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if b"\x00" in data[:65536]:
        raise fail_with(name, f"{name} is not a CSV file: it contains binary data.")
    return "utf-8"


def _text(data: bytes, encoding: str, name: str) -> tuple[str, str]:
    """Decode; text that is not UTF-8 falls back to Windows-1252 (Excel's "CSV")."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise fail_with(
                name, f"{name} is damaged: it is not valid {encoding.upper()} text ({exc.reason})."
            ) from exc
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise fail_with(
                name,
                f"{name} is not readable text (neither UTF-8 nor Windows-1252). "
                "Save it again as CSV UTF-8.",
            ) from exc
        encoding = "cp1252"
    if encoding == "utf-16":
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        text = text.lstrip("\ufeff")
    return text, encoding


# -- text -> records ---------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One data row: the line it starts on (1-based, as an editor shows it) and its values."""

    line: int
    values: list[str]


@dataclass
class CsvTable:
    """A decoded CSV file: its header and a way to walk its records."""

    source: str
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    text: str = field(repr=False)
    body_start: int = 0
    total_lines: int = 0

    @property
    def decimal_comma(self) -> bool:
        """Semicolon files come from locales that write 4,5 for four and a half."""
        return self.delimiter == ";"

    @property
    def delimiter_name(self) -> str:
        return _DELIMITER_NAMES[self.delimiter]

    def records(self, report: ImportReport) -> Iterator[Record]:
        """Data rows after the header; blank rows are skipped, broken ones reported."""
        stream = io.StringIO(self.text[self.body_start :], newline="")
        reader = csv.reader(stream, delimiter=self.delimiter)
        offset = self.header_line
        width = len(self.header)
        while True:
            start = offset + reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                report.add(start, None, f"This row cannot be read as CSV: {exc}.")
                return
            if not any(v.strip() for v in values):
                continue
            if len(values) > width:
                extra = [v for v in values[width:] if v.strip()]
                if extra:
                    report.add(
                        start,
                        None,
                        f"This row has {len(values)} values but the header has {width} "
                        f"columns (is a value with a {self.delimiter_name} missing its quotes?).",
                    )
                    continue
                values = values[:width]
            elif len(values) < width:
                values = values + [""] * (width - len(values))
            yield Record(start, values)


def read_table(data: bytes, name: str = "The file") -> CsvTable:
    """Decode and split a CSV file, sniffing its separator; refuse what is not a table."""
    text, encoding = decode(data, name)
    return table_from_text(text, encoding, name)


def table_from_text(text: str, encoding: str, name: str) -> CsvTable:
    lines_before = 0
    body = text
    declared = re.match(r"\s*sep=(.)\r?\n", text)
    delimiter = declared.group(1) if declared else None
    if declared:
        body = text[declared.end() :]
        lines_before = 1
    if delimiter not in DELIMITERS:
        delimiter = sniff_delimiter(body)
    # Find the header: the first non-blank record.
    stream = io.StringIO(body, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    try:
        for values in reader:
            if any(v.strip() for v in values):
                header = [v.strip() for v in values]
                header_line = lines_before + reader.line_num
                break
    except csv.Error as exc:
        raise fail_with(name, f"{name} is not a readable CSV file: {exc}.") from exc
    if header is None:
        raise fail_with(name, f"{name} is empty: there is nothing to import.")
    consumed = _offset_after_lines(body, reader.line_num)
    table = CsvTable(
        source=name,
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        header_line=header_line,
        text=body,
        body_start=consumed,
        total_lines=lines_before + body.count("\n") + 1,
    )
    return table


def _offset_after_lines(text: str, count: int) -> int:
    """Character offset just past the first ``count`` physical lines of ``text``."""
    stream = io.StringIO(text, newline="")
    offset = 0
    for _ in range(count):
        offset += len(stream.readline())
    return offset


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first rows into the most, most consistent columns."""
    sample = text[:65536]
    best, best_score = ",", (-1, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        widths: list[int] = []
        try:
            for values in reader:
                if any(v.strip() for v in values):
                    widths.append(len(values))
                if len(widths) >= 20:
                    break
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        consistent = sum(1 for w in widths[1:] if w == widths[0])
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


# -- header names --------------------------------------------------------------------


def normalise(name: str) -> str:
    """Header comparison form: lower case, no BOM, separators and spacing unified."""
    name = name.replace("\ufeff", "").replace("\u200b", "").strip().lower()
    name = re.sub(r"[_\-./]+", " ", name)
    return re.sub(r"\s+", " ", name).strip(" *:")


def without_unit(name: str) -> str:
    """``"Engagement rate (%)"`` -> ``"engagement rate"``."""
    return normalise(re.sub(r"\s*[\(\[][^\)\]]*[\)\]]\s*$", "", name))


@dataclass(frozen=True)
class Column:
    """A column an importer understands, with the other names spreadsheets give it."""

    key: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        return {normalise(self.key), *(normalise(s) for s in self.synonyms)}


@dataclass
class ColumnMap:
    """Which header position holds which known column, and what was left over."""

    index: dict[str, int]
    unknown: list[tuple[int, str]]


def match_columns(table: CsvTable, columns: Sequence[Column], report: ImportReport) -> ColumnMap:
    """Map header cells to ``columns`` (case-insensitive, synonyms, unit suffixes ignored).

    A table read through a user's mapping (``mapped``: position -> key) is taken as
    mapped; its ``metric:KEY`` columns come back as unknown columns named KEY.
    """
    mapped: dict[int, str] | None = getattr(table, "mapped", None)
    if mapped is not None:
        return _mapped_columns(table, mapped, columns, report)
    lookup: dict[str, str] = {}
    for column in columns:
        for n in column.names():
            lookup[n] = column.key
    index: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for i, raw in enumerate(table.header):
        key = lookup.get(normalise(raw)) or lookup.get(without_unit(raw))
        if key is None:
            unknown.append((i, raw))
        elif key in index:
            first = table.header[index[key]]
            report.add(
                table.header_line,
                raw,
                f"Two columns both mean {key!r}: {first!r} and {raw!r}. Remove one of them.",
            )
        else:
            index[key] = i
    _check_required(table, columns, index, report)
    return ColumnMap(index, unknown)


def _mapped_columns(
    table: CsvTable, mapped: dict[int, str], columns: Sequence[Column], report: ImportReport
) -> ColumnMap:
    keys = {c.key for c in columns}
    index = {key: i for i, key in sorted(mapped.items()) if key in keys}
    unknown = [(i, k.removeprefix("metric:")) for i, k in mapped.items() if k.startswith("metric:")]
    for column in columns:
        if column.required and column.key not in index:
            report.add(
                table.header_line,
                None,
                f"No column is mapped to {column.key!r}: choose the column that holds it.",
            )
    return ColumnMap(index, unknown)


def _check_required(
    table: CsvTable, columns: Sequence[Column], index: dict[str, int], report: ImportReport
) -> None:
    for column in columns:
        if column.required and column.key not in index:
            synonyms = ", ".join(repr(s) for s in column.synonyms[:3])
            also = f" (or {synonyms})" if synonyms else ""
            report.add(
                table.header_line,
                None,
                f"The header has no {column.key!r} column{also}. "
                f"Columns found: {', '.join(repr(h) for h in table.header)}.",
            )


# -- record -> cells -------------------------------------------------------------------

T = TypeVar("T")


class Cells:
    """One record's cells by column key, and whether any of them was refused.

    Each refusal goes to the report with the column's header text, so a row's
    problems are all listed at once rather than stopping at the first.
    """

    def __init__(
        self, record: Record, table: CsvTable, idx: dict[str, int], report: ImportReport
    ) -> None:
        self.record, self.table, self.idx, self.report = record, table, idx, report
        self.bad = False

    def get(self, key: str) -> str:
        return self.record.values[self.idx[key]] if key in self.idx else ""

    def problem(self, key: str, reason: str) -> None:
        self.bad = True
        column = self.table.header[self.idx[key]] if key in self.idx else key
        self.report.add(self.record.line, column, reason)

    def parse(self, key: str, parser: Callable[[str], T]) -> T | None:
        """The parsed cell, or None when it is empty or refused (the refusal reported)."""
        text = self.get(key).strip()
        if not text:
            return None
        try:
            return parser(text)
        except ValueError as exc:
            self.problem(key, str(exc))
            return None


#: The value parsers live in :mod:`cell_values`; importers reach them through here.
__all__ = ["DATE_ORDERS", "date_parser", "parse_date", "parse_int", "parse_number"]
