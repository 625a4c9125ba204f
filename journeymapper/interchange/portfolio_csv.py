"""The opportunity portfolio as a CSV that issue trackers import (Jira, GitHub, Linear …).

Columns are the ones trackers map without help: Summary, Description, Assignee,
Priority (from value against effort), Due date, Labels (journey and stage), Status.
Every cell is written safely: the csv module quotes commas, quotes and newlines,
and text a spreadsheet would run as a formula (leading ``=``, ``+``, ``-``, ``@``,
tab or CR) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from journeymapper.interchange.files import write_text
from journeymapper.store.portfolio_queries import OpportunityRow, Portfolio

HEADER = ("Summary", "Description", "Assignee", "Priority", "Due date", "Labels", "Status")
_SPACES = re.compile(r"\s+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it, never runs it (see the module docstring)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def label(prefix: str, name: str) -> str:
    """One tracker label: no spaces (trackers split labels on them)."""
    return prefix + ":" + _SPACES.sub("-", name.strip())


def description(opp: OpportunityRow) -> str:
    """The opportunity's text with the pain points it answers, its targets and solutions."""
    parts = [opp.description.strip()] if opp.description.strip() else []
    if opp.pain_points:
        parts.append(
            "Answers pain points:\n"
            + "\n".join(f"- {p.journey} / {p.stage}: {p.text}" for p in opp.pain_points)
        )
    if opp.targets:
        parts.append("Targets:\n" + "\n".join(f"- {t.label}" for t in opp.targets))
    if opp.solutions:
        parts.append(
            "Solutions:\n"
            + "\n".join(f"- {s.title} ({s.status}{', ' + s.owner if s.owner else ''})"
                        for s in opp.solutions)
        )  # fmt: skip
    parts.append(f"Value {opp.value}/5, effort {opp.effort}/5, confidence {opp.confidence}.")
    return "\n\n".join(parts)


def rows(portfolio: Portfolio) -> list[list[str]]:
    out = []
    for opp in portfolio.opportunities:
        labels = [label("journey", j) for j in opp.journeys]
        labels += [label("stage", s) for s in opp.stages]
        out.append(
            [
                opp.title,
                description(opp),
                opp.owner,
                opp.priority,
                opp.due_on.isoformat() if opp.due_on else "",
                " ".join(labels),
                opp.status,
            ]
        )
    return out


def export_portfolio_csv(portfolio: Portfolio) -> str:
    """The CSV as text (CRLF line ends, every cell neutralised)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in rows(portfolio):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def write_portfolio_csv(portfolio: Portfolio, path: str | os.PathLike[str]) -> Path:
    """Write the CSV (UTF-8 with a BOM, so spreadsheets show accents right)."""
    return write_text(Path(path), export_portfolio_csv(portfolio), "utf-8-sig")
