"""The shape of a real export: how many header rows, and cells that hold date-times.

Survey tools write up to three header rows (a column id, the question text, an
import-id row such as ``{"ImportId":"QID1"}``). A row below the first counts as
a header row when it carries an import id, or when it holds text where the rows
below it hold numbers or dates. Date-times keep their date: the time and any
time zone are dropped, as a respondent's day is the day they wrote down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from journeymapper.interchange.cell_values import parse_date, parse_number

MAX_HEADER_ROWS = 5
_IMPORT_ID = re.compile(r'^\s*\{\s*"?importid"?\s*:', re.IGNORECASE)
_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?"
_ZONE = r"(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}|[+-]\d{2}|(?:utc|gmt)[+-]\d{1,2}(?::?\d{2})?))?"
_DATE_TIME = re.compile(
    rf"^\s*(\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}})"
    rf"(?:[T ,]+{_TIME}{_ZONE})\s*$",
    re.IGNORECASE,
)


def date_part(text: str) -> str:
    """``2026-03-04T10:15:00+01:00`` -> ``2026-03-04``; other text unchanged."""
    m = _DATE_TIME.match(text)
    return m.group(1) if m else text


def is_import_id(text: str) -> bool:
    return bool(_IMPORT_ID.match(text))


def looks_numeric(text: str) -> bool:
    try:
        parse_number(text, "," in text and "." not in text)
    except ValueError:
        return False
    return True


def looks_date(text: str) -> bool:
    try:
        parse_date(date_part(text), "dmy")
    except ValueError:
        return False
    return True


def _typed(text: str) -> bool:
    return bool(text.strip()) and (looks_numeric(text) or looks_date(text))


def header_rows(rows: Sequence[Sequence[str]]) -> int:
    """How many of the first ``rows`` are header rows (at least 1)."""
    count = 1
    while count < min(MAX_HEADER_ROWS, len(rows)):
        row = rows[count]
        below = rows[count + 1 : count + 21]
        if any(is_import_id(c) for c in row) or _text_over_typed(row, below):
            count += 1
        else:
            break
    return count


def _text_over_typed(row: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """A row of text over a column whose cells below are mostly numbers or dates."""
    if not below or any(_typed(c) for c in row):
        return False
    for i, cell in enumerate(row):
        if not cell.strip():
            continue
        values = [r[i] for r in below if i < len(r) and r[i].strip()]
        if values and sum(_typed(v) for v in values) * 2 > len(values):
            return True
    return False


def ambiguous_dates(values: Sequence[str]) -> bool:
    """Whether day/month order matters for these dates and they do not settle it."""
    ambiguous = False
    for v in values:
        text = date_part(v).strip()
        if "." in text:
            continue  # dotted dates are always day first
        m = re.fullmatch(r"(\d{1,2})[/\-](\d{1,2})[/\-]\d{4}", text)
        if not m:
            continue
        first, second = int(m[1]), int(m[2])
        if first > 12 or second > 12:
            return False  # one unambiguous date decides the file's order
        ambiguous = ambiguous or first != second
    return ambiguous
