"""Raw survey answers → NPS, CSAT and CES, stored as dated measurements.

A designer exports answers from a survey tool; this turns them into the numbers the
map shows, with the sample size, in one all-or-nothing transaction.

Scales: "recommend" 0–10 (NPS), "satisfaction" 1–5 (CSAT), "effort" 1–7 (CES).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.model.tables import MetricDefinition, Touchpoint


class SurveyError(JourneyMapperError):
    """Survey answers that cannot be turned into metrics (out of range, not numbers…)."""


@dataclass(frozen=True)
class Scale:
    question: str
    low: int
    high: int
    metric: str


#: The three answer scales, by question kind.
SCALES: dict[str, Scale] = {
    "recommend": Scale("How likely to recommend (0–10)", 0, 10, "nps"),
    "satisfaction": Scale("Satisfaction (1–5)", 1, 5, "csat"),
    "effort": Scale("Effort (1–7)", 1, 7, "ces"),
}

#: The share of satisfied (4–5) answers is stored under this metric, created on demand.
CSAT_SHARE_KEY = "csat_satisfied"
CSAT_SHARE_NAME = "CSAT satisfied"


def _answer(kind: str, value: Any, index: int) -> int | None:
    """One answer as an int; None for a blank (skipped question)."""
    scale = SCALES[kind]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: float
    if isinstance(value, bool):
        number = math.nan
    elif isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = math.nan
    else:
        number = math.nan
    if not math.isfinite(number) or number != int(number):
        raise SurveyError(
            f"{kind} answer {index + 1} is {value!r}; answers are whole numbers "
            f"from {scale.low} to {scale.high}."
        )
    if not scale.low <= number <= scale.high:
        raise SurveyError(
            f"{kind} answer {index + 1} is {int(number)}, outside {scale.low}–{scale.high}."
        )
    return int(number)


def validate_answers(kind: str, answers: Iterable[Any]) -> list[int]:
    """The answers as ints, blanks dropped; a clear :class:`SurveyError` for anything else."""
    if kind not in SCALES:
        known = ", ".join(SCALES)
        raise SurveyError(f"Unknown survey question {kind!r}; use one of {known}.")
    clean = [a for i, v in enumerate(answers) if (a := _answer(kind, v, i)) is not None]
    if not clean:
        raise SurveyError(f"There are no {kind} answers to compute from.")
    return clean


def nps(answers: Iterable[Any]) -> float:
    """% promoters (9–10) − % detractors (0–6), from −100 to 100."""
    values = validate_answers("recommend", answers)
    promoters = sum(v >= 9 for v in values)
    detractors = sum(v <= 6 for v in values)
    return 100.0 * (promoters - detractors) / len(values)


@dataclass(frozen=True)
class Csat:
    #: Share of 4 and 5 answers (%).
    satisfied: float
    #: Mean answer (1–5).
    mean: float


def csat(answers: Iterable[Any]) -> Csat:
    values = validate_answers("satisfaction", answers)
    return Csat(100.0 * sum(v >= 4 for v in values) / len(values), sum(values) / len(values))


def ces(answers: Iterable[Any]) -> float:
    """Mean effort (1–7, lower is better)."""
    values = validate_answers("effort", answers)
    return sum(values) / len(values)


@dataclass(frozen=True)
class SurveyResult:
    metric: str
    value: float
    sample_size: int


def summarise(responses: Mapping[str, Sequence[Any]]) -> list[SurveyResult]:
    """The metrics one touchpoint's answers give, question kind → answers."""
    results = []
    for kind, answers in responses.items():
        values = validate_answers(kind, answers)
        n = len(values)
        if kind == "recommend":
            results.append(SurveyResult("nps", nps(values), n))
        elif kind == "satisfaction":
            c = csat(values)
            results.append(SurveyResult("csat", c.mean, n))
            results.append(SurveyResult(CSAT_SHARE_KEY, c.satisfied, n))
        else:
            results.append(SurveyResult("ces", ces(values), n))
    return results


def store_survey(
    doc: Document,
    responses: Mapping[int, Mapping[str, Sequence[Any]]],
    measured_on: dt.date | str,
    source: str = "Survey",
) -> list[int]:
    """Compute and store every touchpoint's results in one transaction; return measurement ids.

    ``responses`` maps touchpoint id → question kind → answers. Everything is
    validated before anything is written, so a bad answer leaves the file unchanged.
    """
    computed = {}
    for tp_id, per_kind in responses.items():
        try:
            computed[tp_id] = summarise(per_kind)
        except SurveyError as exc:
            raise SurveyError(f"Touchpoint {tp_id}: {exc}") from exc
    ids: list[int] = []
    with doc.transaction() as s:
        for tp_id in computed:
            if s.get(Touchpoint, tp_id) is None:
                raise SurveyError(f"There is no touchpoint with id {tp_id}.")
        if any(r.metric == CSAT_SHARE_KEY for rs in computed.values() for r in rs):
            _ensure_share_metric(s)
        for tp_id, results in computed.items():
            for r in results:
                created = editing.perform(
                    s,
                    "set_measurement",
                    touchpoint_id=tp_id,
                    metric=r.metric,
                    value=round(r.value, 4),
                    measured_on=measured_on,
                    sample_size=r.sample_size,
                    source=source,
                ).created_id
                assert created is not None
                ids.append(created)
    return ids


def _ensure_share_metric(session: Session) -> None:
    found = session.exec(
        select(MetricDefinition).where(MetricDefinition.key == CSAT_SHARE_KEY)
    ).first()
    if found is None:
        editing.perform(
            session,
            "add_metric",
            key=CSAT_SHARE_KEY,
            name=CSAT_SHARE_NAME,
            min_value=0,
            max_value=100,
            unit="%",
        )
