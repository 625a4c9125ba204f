"""Raw survey responses from a CSV → NPS, CSAT and CES measurements per touchpoint and day.

Survey tools export one row per response. Each row names the touchpoint it is
about (by title, or stage + title when titles repeat), the date, and any of the
answers recommend (0–10), satisfaction (1–5) and effort (1–7). Rows are grouped
per (touchpoint, date); each group becomes one measurement per metric, with the
number of answers as its sample size. The maths is
:mod:`journeymapper.analysis.surveys`; reading, touchpoint matching and the
all-or-nothing write are the measurements importer's.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlmodel import select

from journeymapper.analysis.surveys import CSAT_SHARE_KEY, CSAT_SHARE_NAME, SCALES, summarise
from journeymapper.interchange import add_from_csv, sniff
from journeymapper.interchange.importing import (
    ImportResult,
    Plan,
    Writer,
    plan_then_apply,
    run_import,
    tick,
)
from journeymapper.interchange.mapping.table import Mapping, read_mapped, table_note
from journeymapper.interchange.measurements_csv import (
    COLUMNS as MEASUREMENT_COLUMNS,
)
from journeymapper.interchange.measurements_csv import (
    PREVIEW_LIMIT,
    _Target,
    touchpoint_finder,
    workspace_planner,
    write_measurements,
)
from journeymapper.interchange.measurements_csv import (
    touchpoint_index as touchpoint_index,  # survey plans are read against this index too
)
from journeymapper.interchange.new_cards import NewCards
from journeymapper.interchange.report import ImportReport, Progress
from journeymapper.interchange.sniff import Column, CsvTable
from journeymapper.model.document import Document
from journeymapper.model.tables import MetricDefinition

#: Answer columns, keyed by the question kinds of :data:`surveys.SCALES`, in metric order.
ANSWER_COLUMNS: tuple[Column, ...] = (
    Column(
        "recommend",
        (
            "NPS",
            "NPS score",
            "net promoter score",
            "likelihood to recommend",
            "how likely to recommend",
            "how likely are you to recommend",
            "recommendation",
            "recommend score",
        ),
    ),
    Column(
        "satisfaction",
        ("CSAT", "CSAT score", "satisfaction score", "customer satisfaction", "satisfied"),
    ),
    Column("effort", ("CES", "CES score", "effort score", "customer effort score")),
)
_SHARED = {c.key: c for c in MEASUREMENT_COLUMNS}
_DATE = _SHARED["date"]
COLUMNS: tuple[Column, ...] = (
    _SHARED["touchpoint"],
    _SHARED["stage"],
    _SHARED["lane"],
    Column(
        "date",
        (
            *_DATE.synonyms,
            "response date",
            "submitted",
            "submitted at",
            "submission date",
            "completed at",
            "timestamp",
        ),
        required=True,
    ),
    *ANSWER_COLUMNS,
)
#: The metric each question kind's results are stored under (CSAT gives two).
_KIND_OF_METRIC = {SCALES[k].metric: k for k in SCALES} | {CSAT_SHARE_KEY: "satisfaction"}
_METRIC_LABELS = {
    "nps": "NPS",
    "csat": "CSAT (mean)",
    CSAT_SHARE_KEY: "CSAT satisfied (%)",
    "ces": "CES",
}


@dataclass
class _Group:
    """The answers one touchpoint got on one day."""

    line: int
    target: _Target
    title: str
    measured_on: dt.date
    answers: dict[str, list[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class SurveyMeasurement:
    """One measurement to write: a metric of one (touchpoint, date) group."""

    line: int
    touchpoint_id: int
    title: str
    stage: str
    measured_on: dt.date
    metric: str
    value: float
    sample_size: int


@dataclass
class SurveyPlan(Plan):
    rows: list[SurveyMeasurement] = field(default_factory=list)
    #: Rows with at least one answer.
    responses: int = 0
    #: Header cell of each answer column present (for write-time problems).
    answer_headers: dict[str, str] = field(default_factory=dict)
    measurement_source: str = ""
    #: Cards made for labels that asked for one (written before the values).
    new_cards: NewCards | None = None
    label_column: str | None = None


def plan_survey(
    data: bytes,
    source: str,
    touchpoints: dict[str, list[_Target]],
    *,
    date_order: str | None = None,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
    new_cards: NewCards | None = None,
) -> SurveyPlan:
    """Read and check a survey CSV and compute its measurements; write nothing (cards
    ``new_cards`` makes for labels are placeholders until :func:`apply_survey`)."""
    table = read_mapped(data, source, mapping)
    date_order = (mapping.date_order if mapping else None) or date_order
    report = ImportReport(source)
    plan = SurveyPlan(source, report, size=table.total_lines)
    plan.measurement_source = f"Survey import ({source})"
    plan.details = f"{table.encoding.upper()}, {table.delimiter_name}-separated"
    columns = sniff.match_columns(table, COLUMNS, report)
    idx = columns.index
    plan.answer_headers = {c.key: table.header[idx[c.key]] for c in ANSWER_COLUMNS if c.key in idx}
    if not plan.answer_headers:
        report.add(
            table.header_line,
            None,
            "The header has no answer column: add recommend (0–10, or 'NPS'), satisfaction "
            "(1–5, or 'CSAT') or effort (1–7, or 'CES'). "
            f"Columns found: {', '.join(repr(h) for h in table.header)}.",
        )
    if not report.ok:
        return plan
    shown = sorted(idx.values())
    plan.headers = [table.header[i] for i in shown]
    groups: dict[tuple[int, dt.date], _Group] = {}
    find = touchpoint_finder(touchpoints)
    if new_cards is not None:
        find = new_cards.finder(find, touchpoints)
        plan.new_cards = new_cards
    plan.label_column = table.header[idx["touchpoint"]] if "touchpoint" in idx else None
    parse_date = sniff.date_parser(date_order)
    records = 0
    for record in table.records(report):
        records += 1
        tick(progress, record.line, 2 * plan.size)
        plan.add_preview(record.line, [record.values[i] for i in shown], PREVIEW_LIMIT)
        _read_row(record, table, idx, find, parse_date, report, groups, plan)
    answers = sum(len(a) for g in groups.values() for a in g.answers.values())
    plan.details += f", {_count(plan.responses, 'response')} with {_count(answers, 'answer')}"
    plan.details += table_note(table) + (new_cards.note() if new_cards else "")
    if records == 0 and report.ok:
        report.add(None, None, f"{source} has a header but no rows: there is nothing to import.")
    elif answers == 0 and report.ok:
        names = [repr(h) for h in plan.answer_headers.values()]
        cells = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        report.add(None, None, f"{source} has no answers: every {cells} cell is empty.")
    if report.ok:
        plan.rows = _measurements(groups.values())
        _preview_results(plan)
    return plan


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _read_row(
    record: sniff.Record,
    table: CsvTable,
    idx: dict[str, int],
    find: Callable[[str, str, str], _Target | str],
    parse_date: Callable[[str], dt.date],
    report: ImportReport,
    groups: dict[tuple[int, dt.date], _Group],
    plan: SurveyPlan,
) -> None:
    """Check one response and add its answers to its (touchpoint, date) group."""
    line, values = record.line, record.values
    bad = False

    def get(key: str) -> str:
        return values[idx[key]].strip() if key in idx else ""

    def problem(key: str, reason: str) -> None:
        nonlocal bad
        bad = True
        report.add(line, table.header[idx[key]], reason)

    title = get("touchpoint")
    target = find(title, get("stage"), get("lane"))
    if isinstance(target, str):
        problem("touchpoint", target)
    day = dt.date.min
    if not (text := get("date")):
        problem("date", "The date is missing.")
    else:
        try:
            day = parse_date(text)
        except ValueError as exc:
            problem("date", str(exc))
    answers: dict[str, int] = {}
    for kind in plan.answer_headers:
        if not (text := get(kind)):
            continue  # a respondent may skip a question
        reason = _answer_problem(kind, text, table.decimal_comma)
        if isinstance(reason, str):
            problem(kind, reason)
        else:
            answers[kind] = reason
    if bad or isinstance(target, str) or not answers:
        return
    plan.responses += 1
    group = groups.setdefault((target.id, day), _Group(line, target, title, day))
    for kind, answer in answers.items():
        group.answers.setdefault(kind, []).append(answer)


def _answer_problem(kind: str, text: str, decimal_comma: bool) -> int | str:
    """The answer as an int, or why it is not one on the ``kind`` scale."""
    scale = SCALES[kind]
    expected = f"{kind} answers are whole numbers from {scale.low} to {scale.high}."
    try:
        number = sniff.parse_number(text, decimal_comma)
    except ValueError:
        return f"{text!r} is not a whole number: {expected}"
    if number != int(number):
        return f"{text!r} is not a whole number: {expected}"
    if not scale.low <= number <= scale.high:
        return f"{text!r} is out of range: {expected}"
    return int(number)


def _measurements(groups: Iterable[_Group]) -> list[SurveyMeasurement]:
    """Each group's NPS / CSAT / CES, in file order of the groups."""
    out = []
    for g in groups:
        ordered = {c.key: g.answers[c.key] for c in ANSWER_COLUMNS if c.key in g.answers}
        for r in summarise(ordered):
            out.append(
                SurveyMeasurement(
                    g.line,
                    g.target.id,
                    g.title,
                    g.target.stage,
                    g.measured_on,
                    r.metric,
                    round(r.value, 4),
                    r.sample_size,
                )
            )
    return out


def _preview_results(plan: SurveyPlan) -> None:
    """A checked file previews what will be stored, not the raw answers."""
    plan.headers = ["touchpoint", "stage", "date", "metric", "value", "sample size"]
    plan.preview_rows, plan.preview_lines = [], []
    for m in plan.rows:
        cells = [
            m.title,
            m.stage,
            m.measured_on.isoformat(),
            _METRIC_LABELS.get(m.metric, m.metric),
            f"{m.value:g}",
            str(m.sample_size),
        ]
        plan.add_preview(m.line, cells, PREVIEW_LIMIT)


def apply_survey(
    doc: Document,
    plan: SurveyPlan,
    *,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Write a checked plan in one transaction (creating the CSAT share metric if needed)."""

    def write(w: Writer) -> None:
        if any(m.metric == CSAT_SHARE_KEY for m in plan.rows) and not _has_metric(
            w, CSAT_SHARE_KEY
        ):
            w.run(
                None,
                None,
                "add_metric",
                "metrics",
                key=CSAT_SHARE_KEY,
                name=CSAT_SHARE_NAME,
                min_value=0,
                max_value=100,
                unit="%",
            )
        headers = plan.answer_headers
        made = plan.new_cards.write(w, plan.label_column) if plan.new_cards else {}
        write_measurements(
            w,
            (
                (m.line, headers.get(_KIND_OF_METRIC[m.metric]),
                 made.get(m.touchpoint_id, m.touchpoint_id), m.metric, m.value, m.measured_on,
                 m.sample_size, plan.measurement_source)
                for m in plan.rows
            ),
        )  # fmt: skip

    return run_import(doc, plan, write, plan.size, progress, dry_run=dry_run)


def _has_metric(w: Writer, key: str) -> bool:
    found = w.session.exec(select(MetricDefinition).where(MetricDefinition.key == key)).first()
    return found is not None


#: :func:`plan_survey` against the touchpoints of an open workspace.
plan_in_workspace = workspace_planner(plan_survey)

#: Read, check, compute and write a survey CSV (all or nothing).
import_survey = plan_then_apply(plan_in_workspace, apply_survey)

#: Add the measurements a survey CSV gives to an open workspace (all or nothing).
import_survey_file = functools.partial(add_from_csv, import_survey)
