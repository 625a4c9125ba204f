"""Look at a file before importing it: its shape and a suggested mapping.

Used by ``journeymapper import inspect``, by the CLI's ``--map`` options (which
start from the suggestion and override it) and by the import dialog's mapping step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeymapper.interchange.mapping.fields import (
    IGNORE,
    LABEL_FIELDS,
    label,
    parse_field,
)
from journeymapper.interchange.mapping.shape import ambiguous_dates, header_rows
from journeymapper.interchange.mapping.suggest import Suggestion, column_values, suggest
from journeymapper.interchange.mapping.table import (
    Mapping,
    NewCard,
    apply_mapping,
    column_letter,
    first_rows,
    load_table,
)
from journeymapper.interchange.mapping.xlsx import is_xlsx, sheet_names
from journeymapper.interchange.report import ImportReport
from journeymapper.interchange.sniff import CsvTable, normalise

SAMPLE_ROWS = 60


@dataclass
class Shape:
    source: str
    details: str
    header: list[list[str]]
    samples: list[list[str]]
    suggestions: list[Suggestion]
    sheets: list[str] = field(default_factory=list)
    #: Dates whose day/month order the file does not settle: the user must choose.
    dates_ambiguous: bool = False
    table: CsvTable | None = field(default=None, repr=False)

    @property
    def width(self) -> int:
        return max(len(r) for r in [*self.header, *self.samples[:1]])

    def names(self, i: int) -> list[str]:
        return [r[i] for r in self.header if i < len(r) and r[i].strip()]

    def suggested(self) -> Mapping:
        cols = {s.position: s.field for s in self.suggestions}
        return Mapping(columns=cols, header_rows=len(self.header))


def inspect_data(
    data: bytes,
    source: str,
    kind: str,
    *,
    sheet: str | None = None,
    rows: int | None = None,
    metric_names: MappingABC[str, str] | None = None,
) -> Shape:
    """Read the first rows, detect the header rows (unless ``rows`` says) and suggest."""
    table = load_table(data, source, sheet)
    first = first_rows(table, SAMPLE_ROWS + 5)
    count = rows or header_rows(first)
    header, samples = first[:count], first[count : count + SAMPLE_ROWS]
    plain = f"{table.encoding.upper()}, {table.delimiter_name}-separated"
    shape = Shape(
        source,
        table.encoding if is_xlsx(data) else plain,
        header,
        samples,
        suggest(header, samples, kind, metric_names),
        sheet_names(data, source) if is_xlsx(data) else [],
        table=table,
    )
    dates = [i for i, s in enumerate(shape.suggestions) if s.field == "date"]
    shape.dates_ambiguous = any(ambiguous_dates(column_values(samples, i)) for i in dates)
    return shape


def find_column(shape: Shape, name: str) -> int:
    """A column by any of its header texts, its letter (C) or its number (3)."""
    wanted = normalise(name)
    for i in range(shape.width):
        if any(normalise(n) == wanted for n in shape.names(i)):
            return i
    if name.isdigit() and 1 <= int(name) <= shape.width:
        return int(name) - 1
    for i in range(shape.width):
        if column_letter(i) == name.strip().upper():
            return i
    names = ", ".join(repr(shape.names(i)[0]) for i in range(shape.width) if shape.names(i))
    raise ValueError(f"{shape.source} has no column {name!r}. Its columns: {names}.")


def _pair(text: str, what: str) -> tuple[str, str]:
    if "=" not in text:
        raise ValueError(f"{text!r}: write {what}.")
    left, right = text.rsplit("=", 1) if what.startswith("COLUMN") else text.split("=", 1)
    return left.strip(), right.strip()


def build_mapping(
    shape: Shape,
    kind: str,
    maps: Sequence[str] = (),
    matches: Sequence[str] = (),
) -> Mapping:
    """The suggested mapping with ``COLUMN=FIELD`` and ``LABEL=TITLE`` choices on top."""
    mapping = shape.suggested()
    for text in maps:
        column, field_name = _pair(text, "COLUMN=FIELD")
        i = find_column(shape, column)
        key = parse_field(field_name, kind)
        for j, other in list(mapping.columns.items()):
            if other == key and j != i and key != IGNORE:
                mapping.columns[j] = IGNORE  # the user's choice wins over a suggestion
        mapping.columns[i] = key
    for text in matches:
        label_text, title = _pair(text, "LABEL=TITLE (LABEL= skips it, LABEL=+ makes a card)")
        if title.startswith("+"):
            mapping.create[label_text] = parse_place(title[1:])
            mapping.matches.pop(label_text, None)
        else:
            mapping.matches[label_text] = title or None
            mapping.create.pop(label_text, None)
    return mapping


def parse_place(text: str) -> NewCard:
    """``STAGE / LANE`` (either may be left out: the row's own column names it).

    The split is at the last " / " when there is one (names may hold a slash), else at
    the first "/"; a bare name is a stage.
    """
    text = text.strip()
    if not text:
        return NewCard()
    if " / " in text:
        stage, lane = text.rsplit(" / ", 1)
    elif "/" in text:
        stage, lane = text.split("/", 1)
    else:
        stage, lane = text, ""
    return NewCard(stage.strip(), lane.strip())


def distinct_labels(shape: Shape, mapping: Mapping) -> Counter[str]:
    """Every label in the touchpoint column with its row count, in file order."""
    cols = [i for i, k in mapping.used().items() if k in LABEL_FIELDS]
    seen: Counter[str] = Counter()
    if not cols or shape.table is None:
        return seen
    table = apply_mapping(shape.table, Mapping(header_rows=mapping.header_rows))
    for record in table.records(ImportReport(shape.source)):
        text = record.values[cols[0]].strip() if cols[0] < len(record.values) else ""
        if text:
            seen[text] += 1
    return seen


def describe(shape: Shape) -> str:
    """The shape and suggestion as ``import inspect`` prints them."""
    lines = [f"{shape.source}: {shape.details}"]
    if shape.sheets:
        lines.append("Sheets: " + ", ".join(repr(s) for s in shape.sheets))
    n = len(shape.header)
    lines.append(f"Header rows: {n} (data starts on row {n + 1})")
    lines.append("Suggested mapping:")
    for s in shape.suggestions:
        name = (shape.names(s.position) or [column_letter(s.position)])[0]
        if len(name) > 50:
            name = name[:47] + "…"
        lines.append(f"  {column_letter(s.position):>3}  {name!r} -> {label(s.field)} ({s.reason})")
    if shape.dates_ambiguous:
        lines.append(
            "Dates like 03/04/2026 could be day/month or month/day: choose with --date-order."
        )
    return "\n".join(lines)
