"""Rule results kept between live health checks, each with the inputs it was computed from.

The annotation and portfolio rules walk every pain point and every opportunity: at
10,000 cards that cost more than the stage facts an edit touched. Most edits (a card
moved, a measurement) change none of what those rules read, so the live check
(:mod:`.health_live`) keeps their results here and a rule runs again only when its
key changed. A full check passes no memo: both run the same rule code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


class Same:
    """A key part equal only to the very same object (a snapshot list, the portfolio):
    comparing them field by field would cost what the memo saves."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj

    def __hash__(self) -> int:
        return id(self.obj)


@dataclass
class RuleMemo:
    """Results by rule name with their keys; ``notes`` counts the annotation changes the key
    cannot see (an annotated card renamed or moved to another stage)."""

    notes: int = 0
    _kept: dict[str, tuple[object, object]] = field(default_factory=dict)
    #: How many rules the last check ran again (tests look).
    ran: list[str] = field(default_factory=list)

    def get(self, name: str, key: object, compute: Callable[[], T]) -> T:
        kept = self._kept.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]  # type: ignore[return-value]
        value = compute()
        self._kept[name] = (key, value)
        self.ran.append(name)
        return value


def remembered(memo: RuleMemo | None, name: str, key: object, compute: Callable[[], T]) -> T:
    """``compute()``, or its kept result when ``key`` is what it was computed for."""
    return compute() if memo is None else memo.get(name, key, compute)
