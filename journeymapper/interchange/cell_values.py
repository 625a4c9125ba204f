"""Cell values as spreadsheets write them: numbers with either decimal mark, and dates.

Nothing here guesses: a number or date that could be read two ways is reported.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable

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
