"""Health-check thresholds: defaults a workspace can override, stored as settings.

Their own module so that the rules (:mod:`.health`) and what edits or reads the limits
(the CLI, the Health dock) share one definition.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError

SETTING_PREFIX = "health."


class ThresholdError(JourneyMapperError):
    """A health-check threshold that is not a sensible number."""


@dataclass(frozen=True)
class Thresholds:
    """Limits the rules compare against; each is stored as setting ``health.<name>``."""

    #: More touchpoints than this in one stage is an overloaded stage.
    max_touchpoints_per_stage: int = 12
    #: A stage whose weighted-mean CES (1–7) is above this asks too much effort.
    max_stage_effort: float = 4.5
    #: Latest measurements older than this many days are stale.
    stale_days: int = 365
    #: The highest drop-off is a problem (not just information) from this % on.
    drop_off_problem: float = 40.0
    #: Blueprint: more hand-offs between teams than this in one stage.
    max_handoffs_per_stage: int = 3
    #: Blueprint: a step that keeps the customer waiting longer than this (minutes).
    max_wait_minutes: float = 30.0

    @classmethod
    def parse(cls, values: dict[str, str]) -> Thresholds:
        """Thresholds from ``name -> text``; unknown names and bad numbers are errors."""
        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        for name, text in values.items():
            if name not in known:
                raise ThresholdError(
                    f"Unknown health threshold {name!r}; known: {', '.join(known)}."
                )
            kind = int if known[name].type in (int, "int") else float
            try:
                number = kind(str(text).strip())
            except ValueError:
                raise ThresholdError(
                    f"Health threshold {name} must be {'a whole' if kind is int else 'a'} "
                    f"number, not {text!r}."
                ) from None
            if number < 0 or number != number:
                raise ThresholdError(f"Health threshold {name} cannot be negative ({text}).")
            changes[name] = number
        return replace(cls(), **changes)


def read_thresholds(doc: Document) -> Thresholds:
    """The workspace's thresholds: defaults overridden by ``health.*`` settings."""
    rows = doc.rows("SELECT key, value FROM setting WHERE key LIKE 'health.%'")
    values = {key[len(SETTING_PREFIX) :]: value for key, value in rows}
    try:
        return Thresholds.parse(values)
    except ThresholdError as exc:
        raise ThresholdError(f"{exc} (workspace setting; fix or remove it)") from None


def save_thresholds(doc: Document, thresholds: Thresholds) -> None:
    """Store every threshold as a setting, in one transaction (defaults are removed)."""
    default = Thresholds()
    with doc.transaction() as s:
        for name, value in asdict(thresholds).items():
            stored = None if value == getattr(default, name) else str(value)
            editing.perform(s, "set_setting", key=SETTING_PREFIX + name, value=stored)
