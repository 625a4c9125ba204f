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
import datetime as dt
import functools
import io
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif b"\x00" in data[:65536]:
        raise fail_with(name, f"{name} is not a CSV file: it contains binary data.")
    else:
        encoding = "utf-8"
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
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise fail_with(name, f"{name} is not a CSV file: it contains binary data.")
    if not text.strip():
        raise fail_with(name, f"{name} is empty: there is nothing to import.")
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
    """Map header cells to ``columns`` (case-insensitive, synonyms, unit suffixes ignored)."""
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
    return ColumnMap(index, unknown)


# -- values ------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_number(text: str, decimal_comma: bool) -> float:
    """A number as spreadsheets write it ("4.5", "4,5", "1.234,5" in semicolon files, "45 %").

    In semicolon files (``decimal_comma``) the comma is the decimal mark. Elsewhere
    a lone comma is one too ("2,5" from a tab-separated Excel export), except
    where it could equally group thousands ("1,234"): that is reported, not guessed.
    """
    raw = text.strip()
    s = _SPACES.sub("", raw).removesuffix("%").removeprefix("+")
    if decimal_comma and "," in s:
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", s):
            s = s.replace(".", "")
        s = s.replace(",", ".")
    elif decimal_comma and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):
        raise ValueError(
            f"{raw!r} is ambiguous: a decimal point or a thousands separator? "
            "Write it without the point, or with a comma as the decimal mark."
        )
    elif "," in s:
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+\.\d+", s):
            s = s.replace(",", "")
        elif re.fullmatch(r"-?\d{1,3}(,\d{3})+", s):
            raise ValueError(
                f"{raw!r} is ambiguous: a decimal comma or a thousands separator? "
                "Write it without the comma, or with a point as the decimal mark."
            )
        elif re.fullmatch(r"-?\d*,\d+", s):
            s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number.") from None
    if not math.isfinite(value):
        raise ValueError(f"{raw!r} is not a number.")
    return value


def parse_int(text: str, decimal_comma: bool) -> int:
    """A whole number; "1.200" (semicolon files) or "1,200" (others) group thousands."""
    grouped = r"-?\d{1,3}(\.\d{3})+" if decimal_comma else r"-?\d{1,3}(,\d{3})+"
    compact = _SPACES.sub("", text.strip())
    if re.fullmatch(grouped, compact):
        return int(re.sub(r"[.,]", "", compact))
    value = parse_number(text, decimal_comma)
    if value != int(value):
        raise ValueError(f"{text.strip()!r} is not a whole number.")
    return int(value)


_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2,4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_DAY_NAME = re.compile(r"(\d{1,2})\.? ([A-Za-z]+)\.?,? (\d{4})")
_NAME_DAY = re.compile(r"([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
DATE_ORDERS = ("dmy", "mdy")


def parse_date(text: str, order: str | None = None) -> dt.date:
    """A date in ISO form or a common day/month form.

    ``03/04/2026`` could be 3 April or March 4: unless ``order`` ("dmy" or "mdy")
    says which the file uses, such a date raises ValueError rather than being
    guessed. Dotted dates (03.04.2026) are always day first, as everywhere they
    are written.
    """
    raw = text.strip()
    s = re.sub(r"\s+", " ", raw)
    if m := _ISO.fullmatch(s):
        return _make_date(raw, int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.fullmatch(s):
        first, sep, second, year_text = int(m[1]), m[2], int(m[3]), m[4]
        if len(year_text) != 4:
            raise ValueError(f"{raw!r} has a two-digit year; write the year in full (YYYY-MM-DD).")
        year = int(year_text)
        if sep == "." or order == "dmy" or (first > 12 >= second):
            return _make_date(raw, year, second, first)
        if order == "mdy" or (second > 12 >= first):
            return _make_date(raw, year, first, second)
        if first == second:
            return _make_date(raw, year, first, second)
        raise ValueError(
            f"{raw!r} is ambiguous: day {first} of month {second}, or month {first} day "
            f"{second}? Write dates as YYYY-MM-DD (or say which order the file uses)."
        )
    if m := _DAY_NAME.fullmatch(s):
        month = _MONTHS.get(m[2].lower())
        if month:
            return _make_date(raw, int(m[3]), month, int(m[1]))
    if m := _NAME_DAY.fullmatch(s):
        month = _MONTHS.get(m[1].lower())
        if month:
            return _make_date(raw, int(m[3]), month, int(m[2]))
    raise ValueError(f"{raw!r} is not a date (write dates as YYYY-MM-DD).")


def date_parser(order: str | None = None) -> Callable[[str], dt.date]:
    """:func:`parse_date` for one file, remembering each text: big files repeat their dates."""
    return functools.lru_cache(maxsize=4096)(lambda text: parse_date(text, order))


def _make_date(raw: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{raw!r} is not a real date.") from None
