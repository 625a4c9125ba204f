"""The owner line of a blueprint step: team, system, duration, wait and the failure flag.

A step is a card, so it is fitted like one; its owner line carries what a service
designer reads off a step (who does it, in which system, how long it takes, how
long the customer waits, whether it is a failure point) in words, not colour alone.
"""

from __future__ import annotations


def minutes(value: float) -> str:
    """A short duration: 45 min, 1.5 h, 2 d."""
    if value >= 2 * 24 * 60:
        return f"{value / (24 * 60):.3g} d"
    if value >= 90:
        return f"{value / 60:.3g} h"
    return f"{value:.3g} min"


def owner_line(tp: object) -> str:
    """``⚇ owner · system · 5 min · wait 25 min`` (``⚠ Failure point`` first when flagged);
    empty when the card has none of these."""
    parts = []
    if getattr(tp, "failure_point", False):
        parts.append("⚠ Failure point")
    owner = (getattr(tp, "owner", "") or "")[:200]
    if owner:
        parts.append(f"⚇ {owner}")
    system = getattr(tp, "system", None)
    if system:
        parts.append(system[:120])
    duration = getattr(tp, "duration_min", None)
    if duration is not None:
        parts.append(minutes(duration))
    wait = getattr(tp, "wait_min", None)
    if wait is not None:
        parts.append(f"wait {minutes(wait)}")
    return " · ".join(parts)
