"""What went wrong in an import, row by row, in words a designer can act on.

Importers collect every problem they find before giving up, so a user fixes a
spreadsheet once instead of once per error. Nothing is written when the report
holds a problem (imports are all or nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from journeymapper.model.errors import JourneyMapperError

#: Problems kept in one report; the rest are only counted (a broken 50 MB file
#: must not produce a report nobody can read or a dialog that cannot show it).
MAX_PROBLEMS = 1000

#: ``progress(done, total)``, called now and then during long imports. It may
#: raise :class:`ImportCancelled` to stop (nothing is written then).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Problem:
    """One bad value: where it is (line and column when known) and why it is bad."""

    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        if self.line is None and self.column:
            return f"{self.column}: {self.reason}"  # a place in a JSON document
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


@dataclass
class ImportReport:
    """Every problem of one import attempt, in file order."""

    source: str = ""
    problems: list[Problem] = field(default_factory=list)
    dropped: int = 0

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, column, reason))
        else:
            self.dropped += 1

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def count(self) -> int:
        return len(self.problems) + self.dropped

    def lines(self) -> list[str]:
        out = [str(p) for p in sorted(self.problems, key=_order)]
        if self.dropped:
            out.append(f"… and {self.dropped} more problems.")
        return out

    def text(self) -> str:
        """The whole report as plain text (printed by the CLI, copied by the dialog)."""
        what = self.source or "The file"
        noun = "problem" if self.count == 1 else "problems"
        head = f"{what} was not imported ({self.count} {noun}; nothing was changed):"
        return "\n".join([head, *(f"  {line}" for line in self.lines())])


def _order(p: Problem) -> int:
    """File order; problems of one line keep the order they were found in (column order)."""
    return p.line if p.line is not None else -1


class ImportFailed(JourneyMapperError):
    """An import found problems; :attr:`report` lists them all."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.text())
        self.report = report


class ImportCancelled(JourneyMapperError):
    """The user stopped a long import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")


def fail_with(source: str, reason: str, line: int | None = None) -> ImportFailed:
    """An :class:`ImportFailed` for a whole-file problem (empty, binary, too big …)."""
    report = ImportReport(source)
    report.add(line, None, reason)
    return ImportFailed(report)
