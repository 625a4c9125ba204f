"""The rules a value must meet before an edit stores it, as public validators.

Every validator returns the clean value or raises :class:`EditError` with the
message the user sees. The operations, the bulk importers and the UI (which
shows the reason inline before committing) all check with these same functions,
so a value is judged alike wherever it is typed. The field tables map each
editable column of an entity to its validator.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from sqlmodel import SQLModel

from journeymapper.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
    SCORE_MAX,
    SCORE_MIN,
    AnnotationKind,
    ChannelKind,
    Confidence,
    Evidence,
    Interaction,
    LaneKind,
    OpportunityStatus,
    SolutionStatus,
)
from journeymapper.model.errors import EditError
from journeymapper.model.tables import MetricDefinition

MIN_STAGE_WIDTH, MAX_STAGE_WIDTH = 120.0, 4000.0
MIN_LANE_HEIGHT, MAX_LANE_HEIGHT = 32.0, 3000.0
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

#: Column name → validator, for :func:`fields`.
Validators = dict[str, Callable[[Any], Any]]


def name(value: Any, what: str) -> str:
    """Non-empty text, stripped (names and titles)."""
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"{what} cannot be empty.")
    return value.strip()


def text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise EditError(f"{what} must be text.")
    return value


def choice(value: Any, allowed: type[Any], what: str) -> str:
    """One of the values of the enum ``allowed``."""
    options = [m.value for m in allowed]
    if value not in options:
        raise EditError(f"{what} must be one of {', '.join(options)}, not {value!r}.")
    return str(value)


def colour(value: Any, *, allow_empty: bool = True) -> str:
    """``#rrggbb``, lower-cased; empty means "the default colour" where allowed."""
    if value == "" and allow_empty:
        return ""
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise EditError(f"A colour must look like #1a2b3c, not {value!r}.")
    return value.lower()


def emotion(value: Any) -> int | None:
    """A whole score from EMOTION_MIN to EMOTION_MAX, or None (no score)."""
    if value is None:
        return None
    whole = isinstance(value, int | float) and math.isfinite(value) and value == int(value)
    if isinstance(value, bool) or not whole:
        raise EditError(f"Emotion must be a whole number from {EMOTION_MIN} to {EMOTION_MAX}.")
    if not EMOTION_MIN <= value <= EMOTION_MAX:
        raise EditError(
            f"Emotion {value} is out of range: it must be from {EMOTION_MIN} to {EMOTION_MAX}."
        )
    return int(value)


def number(value: Any, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EditError(f"{what} must be a number.")
    if not low <= value <= high:
        raise EditError(f"{what} must be from {low:g} to {high:g}, not {value:g}.")
    return float(value)


def index(value: Any, count: int) -> int:
    """Clamp an insertion index into 0..count (None appends)."""
    if value is None:
        return count
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(f"A position must be a whole number, not {value!r}.")
    return max(0, min(int(value), count))


def fields(obj: SQLModel, updates: dict[str, Any], validators: Validators) -> dict[str, Any]:
    """Validate and apply ``updates``; return the previous values of the changed fields."""
    unknown = set(updates) - set(validators)
    if unknown:
        raise EditError(f"Cannot edit {', '.join(sorted(unknown))} here.")
    clean = {key: validators[key](value) for key, value in updates.items()}
    old = {}
    for key, value in clean.items():
        if getattr(obj, key) != value:
            old[key] = getattr(obj, key)
            setattr(obj, key, value)
    return old


def metric_value(metric: MetricDefinition, value: Any) -> float:
    """A number inside ``metric``'s valid range."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EditError(f"A {metric.name} value must be a number, not {value!r}.")
    if not metric.min_value <= value <= metric.max_value:
        unit = metric.unit
        raise EditError(
            f"{metric.name} must be from {metric.min_value:g}{unit} to "
            f"{metric.max_value:g}{unit}; {value:g}{unit} is out of range."
        )
    return float(value)


def date(value: Any) -> dt.date:
    """A date, a datetime (its day) or ``YYYY-MM-DD`` text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise EditError(f"A date must be written YYYY-MM-DD, not {value!r}.")


def optional_date(value: Any) -> dt.date | None:
    """A date as :func:`date` reads it, or None / empty text for "no date"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return date(value)


def score(value: Any, what: str) -> int:
    """A whole score from SCORE_MIN to SCORE_MAX (an opportunity's value and effort)."""
    whole = isinstance(value, int | float) and math.isfinite(value) and value == int(value)
    if isinstance(value, bool) or not whole or not SCORE_MIN <= value <= SCORE_MAX:
        raise EditError(
            f"{what} must be a whole number from {SCORE_MIN} to {SCORE_MAX}, not {value!r}."
        )
    return int(value)


def sample_size(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise EditError(f"A sample size must be a whole number of 1 or more, not {value!r}.")
    return value


# -- field tables ------------------------------------------------------------

WORKSPACE_FIELDS: Validators = {
    "name": lambda v: name(v, "The workspace name"),
    "author": lambda v: text(v, "The author"),
    "description": lambda v: text(v, "The description"),
}

PERSONA_FIELDS: Validators = {
    "name": lambda v: name(v, "A persona's name"),
    "description": lambda v: text(v, "A description"),
    "goals": lambda v: text(v, "Goals"),
    "pains": lambda v: text(v, "Pains"),
    "colour": lambda v: colour(v, allow_empty=False),
}

STAGE_FIELDS: Validators = {
    "name": lambda v: name(v, "A stage's name"),
    "width": lambda v: number(v, "A stage's width", MIN_STAGE_WIDTH, MAX_STAGE_WIDTH),
    "colour": lambda v: colour(v, allow_empty=False),
    "description": lambda v: text(v, "A description"),
}

TOUCHPOINT_FIELDS: Validators = {
    "title": lambda v: name(v, "A touchpoint's title"),
    "description": lambda v: text(v, "A description"),
    "interaction": lambda v: choice(v, Interaction, "Interaction"),
    "owner": lambda v: text(v, "The owner"),
    "emotion": emotion,
    "colour": colour,
    "evidence": lambda v: choice(v, Evidence, "Evidence"),
    # Step fields (blueprint layers); None clears them.
    "system": lambda v: None if v is None else text(v, "The system").strip() or None,
    "duration_min": lambda v: optional_minutes(v, "A duration"),
    "wait_min": lambda v: optional_minutes(v, "A wait"),
    "failure_point": lambda v: None if v is None else bool(v),
}

#: Longest duration or wait a step may carry: thirty days, in minutes.
MAX_MINUTES = 30 * 24 * 60.0


def optional_minutes(value: Any, what: str) -> float | None:
    """A duration or wait in minutes (None: not known)."""
    if value is None:
        return None
    return number(value, f"{what} (minutes)", 0, MAX_MINUTES)


ANNOTATION_FIELDS: Validators = {
    "kind": lambda v: choice(v, AnnotationKind, "An annotation's kind"),
    "text": lambda v: name(v, "An annotation's text"),
}


OPPORTUNITY_FIELDS: Validators = {
    "title": lambda v: name(v, "An opportunity's title"),
    "description": lambda v: text(v, "A description"),
    "owner": lambda v: text(v, "The owner").strip(),
    "status": lambda v: choice(v, OpportunityStatus, "An opportunity's status"),
    "value": lambda v: score(v, "Value"),
    "effort": lambda v: score(v, "Effort"),
    "confidence": lambda v: choice(v, Confidence, "Confidence"),
    "due_on": optional_date,
    "started_on": optional_date,
}

SOLUTION_FIELDS: Validators = {
    "title": lambda v: name(v, "A solution's title"),
    "description": lambda v: text(v, "A description"),
    "owner": lambda v: text(v, "The owner").strip(),
    "status": lambda v: choice(v, SolutionStatus, "A solution's status"),
}


def lane_fields(kind: str) -> Validators:
    """The editable columns of a lane of ``kind`` (only channel lanes have a channel)."""
    table: Validators = {
        "name": lambda v: name(v, "A lane's name"),
        "height": lambda v: number(v, "A lane's height", MIN_LANE_HEIGHT, MAX_LANE_HEIGHT),
    }
    if kind == LaneKind.CHANNEL:
        table["channel_kind"] = lambda v: choice(v, ChannelKind, "A channel")
        table["is_support"] = lambda v: bool(v)
    return table
