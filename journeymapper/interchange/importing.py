"""The write half every importer shares: one transaction, every problem collected.

An importer first turns a file into a *plan* (parsed, typed rows and the
problems found while parsing). :func:`run_import` then replays the plan as
editing operations inside ONE transaction. Operations that refuse a value add
a problem instead of stopping, so the report lists every bad row; if the
report is not empty at the end, the transaction is rolled back and nothing is
written. The collected inverses make the whole import one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlmodel import Session

from journeymapper import editing
from journeymapper.editing import Changes, Edit, EditResult
from journeymapper.interchange.report import ImportFailed, ImportReport, Progress
from journeymapper.model.document import Document
from journeymapper.model.errors import EditError

T = TypeVar("T")

#: Rows between two progress calls (keeps the callback cheap for big files).
PROGRESS_EVERY = 200


@dataclass
class Plan:
    """What a file would import: rows to preview, and the problems found reading it."""

    source: str
    report: ImportReport
    #: Column titles and cell texts of the preview table (one entry per row).
    headers: list[str] = field(default_factory=list)
    preview_rows: list[list[str]] = field(default_factory=list)
    #: The file line each preview row starts on (None where lines mean nothing, as in JSON).
    preview_lines: list[int | None] = field(default_factory=list)
    #: One-line description of the file: encoding, separator, row count.
    details: str = ""
    #: Work units of reading (physical lines); writing counts as many again.
    size: int = 0

    @property
    def ok(self) -> bool:
        return self.report.ok

    def add_preview(self, line: int | None, cells: list[str], limit: int = 500) -> None:
        """Keep a row for the preview table (the first ``limit`` rows only)."""
        if len(self.preview_rows) < limit:
            self.preview_rows.append(cells)
            self.preview_lines.append(line)


@dataclass
class ImportResult:
    """What an import wrote: counts for the user, changes and one undo step for the GUI."""

    counts: dict[str, int]
    changes: Changes
    inverse: Edit
    created_id: int | None = None

    def summary(self) -> str:
        parts = [f"{n} {what if n != 1 else what[:-1]}" for what, n in self.counts.items() if n]
        return "Imported " + (", ".join(parts) if parts else "nothing") + "."


class Writer:
    """Runs editing operations for one import, turning refusals into report lines."""

    def __init__(
        self,
        session: Session,
        report: ImportReport,
        progress: Progress | None,
        total: int,
        done: int = 0,
    ) -> None:
        self.session = session
        self.report = report
        self.progress = progress
        self.total = total
        self.done = done
        self.inverses: list[Edit] = []
        self.changes = Changes()
        self.counts: dict[str, int] = {}

    def run(
        self, line: int | None, column: str | None, op: str, count: str | None = None, **args: Any
    ) -> EditResult | None:
        """Perform ``op``; on refusal note the problem and return None (the caller skips on)."""
        try:
            result = editing.perform(self.session, op, **args)
        except EditError as exc:
            self.report.add(line, column, str(exc))
            return None
        self.inverses.append(result.inverse)
        self.changes.merge(result.changes)
        if count:
            self.counts[count] = self.counts.get(count, 0) + 1
        return result

    def step(self, rows: int = 1) -> None:
        """Count written rows and report progress every so often."""
        before = self.done
        self.done += rows
        if self.progress and (self.done // PROGRESS_EVERY != before // PROGRESS_EVERY):
            self.progress(self.done, self.total)


def run_import(
    doc: Document,
    plan: Plan,
    write: Callable[[Writer], int | None],
    rows: int,
    progress: Progress | None = None,
    *,
    after_reading: bool = True,
    check_all: bool = True,
    dry_run: bool = False,
) -> ImportResult:
    """Write ``plan`` with ``write`` in one transaction; roll back if anything is wrong.

    ``rows`` is the number of progress steps ``write`` takes. When the plan was
    read row by row (``after_reading``), progress goes on from where reading
    left it: reading was the first half of the work, writing is the second.
    With ``check_all`` the rows that were read fine are written (and rolled
    back) even when others were not, so that the report lists every bad row,
    including values the editing rules refuse. A ``dry_run`` checks everything
    that way and then always rolls back (the import dialog's full check).
    """
    if not plan.ok and not check_all:
        raise ImportFailed(plan.report)
    total, start = (2 * rows, rows) if after_reading else (rows, 0)
    try:
        with doc.transaction() as session:
            writer = Writer(session, plan.report, progress, total, done=start)
            created = write(writer)
            if not plan.report.ok:
                raise ImportFailed(plan.report)
            session.flush()
            if dry_run:
                raise _Rollback
    except _Rollback:
        created = None
    if progress:
        progress(total, total)
    inverse = Edit("batch", {"edits": list(reversed(writer.inverses))})
    return ImportResult(writer.counts, writer.changes, inverse, created)


class _Rollback(Exception):
    """Undoes a dry run's transaction."""


def tick(progress: Progress | None, done: int, total: int) -> None:
    """Progress while reading: every :data:`PROGRESS_EVERY` rows."""
    if progress and done % PROGRESS_EVERY == 0:
        progress(done, total)
