"""``journeymapper opportunities FILE``: the opportunity portfolio on the command line.

Text by default (one line per opportunity with its pain points), ``--json`` for
scripts, ``--csv OUT`` for an issue tracker's import. The file is opened read-only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from journeymapper.analysis.portfolio_health import check_portfolio
from journeymapper.cli.registry import CommandRegistry
from journeymapper.interchange.portfolio_csv import write_portfolio_csv
from journeymapper.model.document import Document
from journeymapper.store.portfolio_queries import OpportunityRow, load_portfolio


def register(cli: CommandRegistry) -> None:
    p = cli.command("opportunities", "list a workspace's opportunity portfolio", _run)
    p.add_argument("file", type=Path, help="the workspace to read")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--csv", type=Path, metavar="OUT", help="also write an issue-tracker CSV")


def _as_dict(opp: OpportunityRow) -> dict[str, Any]:
    return {
        "id": opp.id,
        "title": opp.title,
        "description": opp.description,
        "owner": opp.owner,
        "status": opp.status,
        "value": opp.value,
        "effort": opp.effort,
        "priority": opp.priority,
        "confidence": opp.confidence,
        "due_on": opp.due_on.isoformat() if opp.due_on else None,
        "started_on": opp.started_on.isoformat() if opp.started_on else None,
        "journeys": opp.journeys,
        "stages": opp.stages,
        "pain_points": [
            {"journey": p.journey, "stage": p.stage, "number": p.number, "text": p.text}
            for p in opp.pain_points
        ],
        "changes": [p.label for p in opp.places],
        "solutions": [
            {"title": s.title, "owner": s.owner, "status": s.status} for s in opp.solutions
        ],
        "targets": [
            {
                "metric": t.metric_key,
                "on": t.place.label,
                "journey": t.place.journey,
                "from": t.from_value,
                "to": t.to_value,
                "by": t.by_date.isoformat() if t.by_date else None,
            }
            for t in opp.targets
        ],
    }


def _run(args: argparse.Namespace) -> int:
    with Document.open(args.file, read_only=True) as doc:
        portfolio = load_portfolio(doc)
        findings = check_portfolio(doc)
    if args.csv is not None:
        write_portfolio_csv(portfolio, args.csv)
    if args.json:
        out = {
            "file": str(args.file),
            "opportunities": [_as_dict(o) for o in portfolio.opportunities],
            "findings": [f.to_dict() for f in findings],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if not portfolio.opportunities:
        print("No opportunities yet.")
    for opp in portfolio.opportunities:
        owner = opp.owner or "no owner"
        due = f", due {opp.due_on.isoformat()}" if opp.due_on else ""
        print(
            f"{opp.title} [{opp.status}] value {opp.value} effort {opp.effort} "
            f"({opp.priority}), {owner}{due}"
        )
        for p in opp.pain_points:
            print(f"    answers {p.journey} / {p.stage} #{p.number}: {p.text}")
        for t in opp.targets:
            print(f"    target {t.label}")
    for f in findings:
        print(f"{'!!' if f.severity == 'problem' else ' !'} [{f.rule}] {f.message}")
    if args.csv is not None:
        print(f"Wrote {args.csv}")
    return 0
