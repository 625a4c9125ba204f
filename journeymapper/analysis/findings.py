"""What every health rule returns: a finding with its severity and the items it concerns.

Its own module so that rule modules (the journey rules in :mod:`.health`, the
portfolio rules in :mod:`.portfolio_health`) share one shape without importing
each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from operator import attrgetter
from typing import Any

INFO, WARNING, PROBLEM = "info", "warning", "problem"
SEVERITIES = (PROBLEM, WARNING, INFO)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    touchpoint_ids: tuple[int, ...] = ()
    stage_ids: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "touchpoint_ids": list(self.touchpoint_ids),
            "stage_ids": list(self.stage_ids),
        }


_RANK = {severity: i for i, severity in enumerate(SEVERITIES)}
SEVERITY_OF = attrgetter("severity")


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Problems first, then warnings, then information (stable within each).

    Sorted by index with C-level keys: a 10,000-card map has ~1,700 findings and the
    live check sorts them after every edit."""
    ranks = list(map(_RANK.__getitem__, map(SEVERITY_OF, findings)))
    return list(map(findings.__getitem__, sorted(range(len(findings)), key=ranks.__getitem__)))
