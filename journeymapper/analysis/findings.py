"""What every health rule returns: a finding with its severity and the items it concerns.

Its own module so that rule modules (the journey rules in :mod:`.health`, the
portfolio rules in :mod:`.portfolio_health`) share one shape without importing
each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from itertools import chain
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


class SeverityGroups:
    """Findings from several sources in :func:`by_severity`'s order, kept as one list per
    (severity, source) between live checks.

    A group equal to the last check's is that very list, so a reader (the Health dock)
    skips it by identity: a 10,000-card map lists ~1,700 findings and an edit changes a
    few; comparing or sorting them all after every edit cost more than the check."""

    def __init__(self) -> None:
        #: Severity by severity, source by source (``len(SEVERITIES) * sources`` lists).
        self.groups: list[list[Finding]] = []
        self._sources: list[list[Finding]] = []

    def update(self, sources: list[list[Finding]]) -> list[Finding]:
        """Group ``sources`` (rule order); the findings in order, as :func:`by_severity`
        sorts their concatenation."""
        n = len(sources)
        old = self.groups if len(self._sources) == n else None
        groups: list[list[Finding]] = [[] for _ in range(len(SEVERITIES) * n)]
        for i, source in enumerate(sources):
            if old is not None and self._sources[i] is source:
                for k in range(len(SEVERITIES)):
                    groups[k * n + i] = old[k * n + i]
                continue
            for finding in source:
                groups[_RANK[finding.severity] * n + i].append(finding)
            if old is not None:
                for k in range(len(SEVERITIES)):
                    if groups[k * n + i] == old[k * n + i]:
                        groups[k * n + i] = old[k * n + i]
        self.groups, self._sources = groups, list(sources)
        return list(chain.from_iterable(groups))

    def counts(self) -> dict[str, int]:
        """How many findings of each severity the last update listed."""
        n = len(self._sources)
        return {
            severity: sum(map(len, self.groups[k * n : (k + 1) * n]))
            for k, severity in enumerate(SEVERITIES)
        }
