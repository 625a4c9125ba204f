"""The write half every importer shares: one transaction, every problem collected.

An importer first turns a file into a *plan* (parsed, typed rows and the
problems found while parsing). :func:`run_import` then writes the plan inside
ONE transaction: the few structural items (journey, stages, lanes, metrics …)
through the editing operations, the many rows (touchpoints, measurements,
annotations, text cells) checked one by one with the editing rules and written
with ``executemany`` (:class:`Bulk`) — about 50 times faster than an operation
per row. A refused value adds a problem instead of stopping, so the report lists
every bad row; if the report is not empty at the end, the transaction is rolled
back and nothing is written. The collected inverses make the import one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlmodel import Session

from journeymapper import editing
from journeymapper.editing import Changes, Edit, EditResult
from journeymapper.interchange.report import ImportFailed, ImportReport, Progress
from journeymapper.model.document import Document
from journeymapper.model.enums import CARD_LANE_KINDS
from journeymapper.model.errors import EditError
from journeymapper.model.tables import MetricDefinition
from journeymapper.store import order_keys, subtree

T = TypeVar("T")

#: Rows between two progress calls (keeps the callback cheap for big files).
PROGRESS_EVERY = 200
#: Rows per ``executemany`` of a bulk write.
BULK_CHUNK = 5000
#: Columns of the bulk-written tables (after ``id``).
TOUCHPOINT_FIELDS = (
    "journey_id", "stage_id", "lane_id", "position",
    "title", "description", "interaction", "owner", "emotion", "colour", "evidence",
    "system", "duration_min", "wait_min", "failure_point",
)  # fmt: skip
MEASUREMENT_FIELDS = (
    "touchpoint_id",
    "metric_id",
    "value",
    "measured_on",
    "sample_size",
    "source",
)


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
        self._metrics: dict[Any, MetricDefinition | str] = {}
        self._cells: dict[tuple[Any, Any, str], int | str] = {}
        self._positions: dict[tuple[str, tuple[Any, ...]], int] = {}
        self._touched: set[int] = set()
        self._measurements: list[int] = []

    def finish(self) -> None:
        """Fold the measurements the bulk writes added into :attr:`changes`."""
        if self._measurements:
            self.changes.add("touchpoint", *self._touched)
            self.changes.add("measurement", *self._measurements)
            self._touched, self._measurements = set(), []

    def run(
        self,
        line: int | None,
        column: str | None,
        op: editing.Operation,
        count: str | None = None,
        **args: Any,
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

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def collapse(self, mark: int, inverse: Edit) -> None:
        """Replace the inverses recorded since ``mark`` by one (a new journey: delete it)."""
        self.inverses[mark:] = [inverse]

    def metric(self, key: str | int) -> MetricDefinition | str:
        """The metric ``key`` names (a detached copy), or why there is none; cached."""
        found = self._metrics.get(key)
        if found is None:
            try:
                m = editing.metric_by_key(self.session, key)
                found = MetricDefinition(**m.model_dump())
            except EditError as exc:
                found = str(exc)
            self._metrics[key] = found
        return found

    def cell(self, stage_id: int, lane_id: int, kind: str) -> int | str:
        """The journey of a cell whose lane is of ``kind``, or why it is not; cached."""
        found = self._cells.get((stage_id, lane_id, kind))
        if found is None:
            try:
                found = editing.check_cell(self.session, stage_id, lane_id, kind)
            except EditError as exc:
                found = str(exc)
            self._cells[(stage_id, lane_id, kind)] = found
        return found

    def bulk(self, table: str, columns: Sequence[str], after: Bulk | None = None) -> Bulk:
        return Bulk(self, table, columns, after)

    def next_position(self, table: str, **scope: Any) -> int:
        """The position of a row appended to ``scope`` (counted once, then incremented).

        Only valid while every row added to the scope goes through here.
        """
        key = (table, tuple(scope.items()))
        position = self._positions.get(key)
        if position is None:  # a card's key goes after the cell's last (keys are sparse)
            first = order_keys.next_key if table in order_keys.SPARSE else subtree.count_in_scope
            position = first(self.session, table, scope)
        self._positions[key] = position + 1
        return position

    def add_touchpoint(
        self,
        bulk: Bulk,
        line: int | None,
        column: str | None,
        stage_id: int,
        lane_id: int,
        title: Any,
        fields: dict[str, Any],
    ) -> int | None:
        """Check a card as add_touchpoint does and queue it at the end of its cell."""
        journey_id = self.cell(stage_id, lane_id, CARD_LANE_KINDS)  # type: ignore[arg-type]
        if isinstance(journey_id, str):
            self.report.add(line, column, journey_id)
            return None
        try:
            v = editing.touchpoint_values(title, **fields)
        except EditError as exc:
            self.report.add(line, column, str(exc))
            return None
        position = self.next_position("touchpoint", stage_id=stage_id, lane_id=lane_id)
        new_id = bulk.add(
            journey_id, stage_id, lane_id, position, v["title"], v["description"],
            v["interaction"], v["owner"], v["emotion"], v["colour"], v["evidence"],
            v["system"], v["duration_min"], v["wait_min"], v["failure_point"],
        )  # fmt: skip
        self.changes.add("touchpoint", new_id)
        self.count("touchpoints")
        return new_id

    def add_measurement(
        self,
        bulk: Bulk,
        line: int | None,
        column: str | None,
        touchpoint_id: int,
        metric: str | int,
        value: Any,
        measured_on: Any,
        sample_size: Any = None,
        source: Any = "",
    ) -> int | None:
        """Check a value as set_measurement does (same order, same words) and queue it."""
        definition = self.metric(metric)
        if isinstance(definition, str):
            self.report.add(line, column, definition)
            return None
        try:
            clean, day, n, text = editing.measurement_values(
                definition, value, measured_on, sample_size, source
            )
        except EditError as exc:
            self.report.add(line, column, str(exc))
            return None
        new_id = bulk.add(touchpoint_id, definition.id, clean, day.isoformat(), n, text)
        self._touched.add(touchpoint_id)  # Changes.add per row would cost more than the insert
        self._measurements.append(new_id)
        self.count("measurements")
        return new_id

    def step(self, rows: int = 1) -> None:
        """Count written rows and report progress every so often."""
        before = self.done
        self.done += rows
        if self.progress and (self.done // PROGRESS_EVERY != before // PROGRESS_EVERY):
            self.progress(self.done, self.total)


class Bulk:
    """New rows of one table, written with ``executemany`` a chunk at a time.

    Ids are given here, in order from the table's largest id + 1: exactly the ids
    SQLite would have given the same rows inserted one by one. Call :meth:`flush`
    before anything reads the table (and at the end). Rows that point at rows of
    another bulk (measurements at new touchpoints) name it as ``after``: it is
    flushed first, foreign keys being checked on every insert.
    """

    def __init__(
        self, writer: Writer, table: str, columns: Sequence[str], after: Bulk | None = None
    ) -> None:
        self.writer = writer
        self.after = after
        self.sql = (
            f"INSERT INTO {table} (id, {', '.join(columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})"
        )
        writer.session.flush()
        conn = writer.session.connection()
        top = conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar()
        self.next_id = int(top or 0) + 1
        self.pending: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> int:
        """Queue one row (its columns in order); return the id it gets."""
        new_id = self.next_id
        self.next_id += 1
        self.pending.append((new_id, *values))
        if len(self.pending) >= BULK_CHUNK:
            self.flush()
        return new_id

    def add_as(self, new_id: int, *values: Any) -> None:
        """Queue one row under an id the caller chose (one SQLite would give too)."""
        self.next_id = max(self.next_id, new_id + 1)
        self.pending.append((new_id, *values))

    def flush(self) -> None:
        if self.after is not None:
            self.after.flush()
        if self.pending:
            self.writer.session.connection().exec_driver_sql(self.sql, self.pending)
            self.pending = []


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
            writer.finish()
            if not plan.report.ok:
                raise ImportFailed(plan.report)
            session.flush()
            if dry_run:
                raise _Rollback
    except _Rollback:
        created = None
    if progress:
        progress(total, total)
    inverse = Edit.of(editing.batch, edits=list(reversed(writer.inverses)))
    return ImportResult(writer.counts, writer.changes, inverse, created)


class _Rollback(Exception):
    """Undoes a dry run's transaction."""


def tick(progress: Progress | None, done: int, total: int) -> None:
    """Progress while reading: every :data:`PROGRESS_EVERY` rows."""
    if progress and done % PROGRESS_EVERY == 0:
        progress(done, total)


def plan_then_apply(
    plan: Callable[..., Plan], apply: Callable[..., ImportResult]
) -> Callable[..., ImportResult]:
    """One all-or-nothing import into an open workspace from a format's two steps.

    ``plan(doc, data, source, journey_id, date_order=, progress=)`` reads and checks;
    ``apply(doc, plan, progress=)`` writes. Nothing is written unless the whole file is right.
    """

    def run(
        doc: Document,
        data: bytes,
        source: str,
        journey_id: int | None = None,
        *,
        date_order: str | None = None,
        progress: Progress | None = None,
        **options: Any,
    ) -> ImportResult:
        checked = plan(
            doc, data, source, journey_id, date_order=date_order, progress=progress, **options
        )
        return apply(doc, checked, progress=progress)

    return run
