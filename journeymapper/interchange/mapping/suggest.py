"""Suggest a field for every column: from its header names, then from its values.

Header names are tried whole (any listed language, ``Q2_NPS`` → ``nps``), then
by a word inside a longer header or question text ("How likely are you to
recommend us?"), then the values decide: whole numbers 0–10 are recommend
answers, 1–5 CSAT, 1–7 CES; dates are the date. Each field is suggested once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from journeymapper.interchange.mapping.fields import (
    IGNORE,
    METRIC_PREFIX,
    fields_for,
    name_match,
    word_match,
)
from journeymapper.interchange.mapping.shape import date_part, looks_date
from journeymapper.interchange.sniff import normalise, without_unit


@dataclass(frozen=True)
class Suggestion:
    position: int
    field: str
    #: Why, in words ("header 'Kanal'", "values 0–10").
    reason: str


def column_values(samples: Sequence[Sequence[str]], i: int) -> list[str]:
    return [r[i].strip() for r in samples if i < len(r) and r[i].strip()]


def by_values(
    values: Sequence[str], kind: str, taken: set[str] | frozenset[str] = frozenset()
) -> tuple[str, str] | None:
    """The field these cell values suggest (one not ``taken``), with the reason, or None."""
    if not values:
        return None
    allowed = [k for k in fields_for(kind) if k not in taken]
    ints = _whole_numbers(values)
    if ints is not None and len(ints) * 2 > len(values):
        low, high = min(ints), max(ints)
        for key, lo, hi in (("satisfaction", 1, 5), ("effort", 1, 7), ("recommend", 0, 10)):
            if key in allowed and lo <= low and high <= hi:
                return key, f"values {low}–{high}"
    if "date" in allowed and sum(looks_date(v) for v in values) * 2 > len(values):
        return "date", "values are dates"
    return None


def _whole_numbers(values: Sequence[str]) -> list[int] | None:
    out = []
    for v in values:
        if v.lstrip("-").isdigit():
            out.append(int(v))
    return out or None


def suggest(
    header_rows: Sequence[Sequence[str]],
    samples: Sequence[Sequence[str]],
    kind: str,
    metric_names: Mapping[str, str] | None = None,
) -> list[Suggestion]:
    """One suggestion per column of ``header_rows[0]`` (IGNORE where nothing fits).

    Names decide first for every column; values only fill fields no name claimed,
    so a column called "ID" holding 1, 2, 3 never takes the CSAT answers' place.
    """
    width = max(len(r) for r in header_rows)
    names = [[r[i] for r in header_rows if i < len(r) and r[i].strip()] for i in range(width)]
    found = [_by_name(n, kind, metric_names or {}) for n in names]
    taken: set[str] = set()
    out = []
    for i in range(width):
        field, reason = found[i] or (IGNORE, "nothing fits")
        if found[i] is None and not _is_id(names[i]):
            field, reason = by_values(
                [date_part(v) for v in column_values(samples, i)], kind, taken
            ) or (IGNORE, "nothing fits")
        if field != IGNORE and field in taken:
            field, reason = IGNORE, f"{reason}, but another column already holds it"
        if field != IGNORE:
            taken.add(field)
        out.append(Suggestion(i, field, reason))
    return out


def _is_id(names: Sequence[str]) -> bool:
    return any(re.search(r"(?<![a-z])id$|(?<![a-z])id(?![a-z])", normalise(n)) for n in names)


#: In a touchpoints file, a survey score column holds that metric's values.
_SCORE_METRICS = {"recommend": "nps", "satisfaction": "csat", "effort": "ces"}


def _by_name(
    names: Sequence[str], kind: str, metric_names: Mapping[str, str]
) -> tuple[str, str] | None:
    for name in names:
        if key := name_match(name, kind):
            return key, f"header {name!r}"
        if kind == "touchpoints":
            metric = metric_names.get(normalise(name)) or metric_names.get(without_unit(name))
            if not metric and (score := name_match(name, "survey")) in _SCORE_METRICS:
                metric = _SCORE_METRICS[score]
            if metric:
                return METRIC_PREFIX + metric, f"header {name!r} names a metric"
    for name in names:
        if key := word_match(name, kind):
            return key, f"{key!r} in {name!r}"
    return None
