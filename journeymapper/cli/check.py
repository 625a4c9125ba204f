"""``journeymapper check FILE``: the journey health check on the command line.

Findings are the output, not a failure: the command exits 0 whenever the file could
be checked, so scripts tell "the map has issues" from "the file is broken".
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace
from pathlib import Path

from journeymapper.analysis.health import (
    ThresholdError,
    Thresholds,
    check_journey,
    read_thresholds,
    summary,
)
from journeymapper.cli.registry import CommandRegistry
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, journey_ids

_MARKS = {"problem": "!!", "warning": " !", "info": " i"}


def register(cli: CommandRegistry) -> None:
    p = cli.command("check", "run the journey health check on a workspace", _check)
    p.add_argument("file", type=Path, help="the workspace to check")
    p.add_argument("--journey", help="check only this journey (default: every journey)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a threshold for this run, e.g. stale_days=180 "
        f"(names: {', '.join(Thresholds.__dataclass_fields__)})",
    )


def _overrides(items: list[str], base: Thresholds) -> Thresholds:
    values = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise ThresholdError(f"Write a threshold as NAME=VALUE, not {item!r}.")
        values[name.strip()] = value
    parsed = Thresholds.parse(values)
    return replace(base, **{k: getattr(parsed, k) for k in values})


def _check(args: argparse.Namespace) -> int:
    with Document.open(args.file, read_only=True) as doc:
        thresholds = _overrides(args.threshold, read_thresholds(doc))
        if args.journey is not None:
            targets = [(find_journey(doc, args.journey), args.journey)]
        else:
            targets = journey_ids(doc)
        results = [(name, check_journey(doc, jid, thresholds)) for jid, name in targets]
    if args.json:
        out = {
            "file": str(args.file),
            "thresholds": asdict(thresholds),
            "journeys": [
                {"name": name, "findings": [f.to_dict() for f in findings]}
                for name, findings in results
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    for i, (name, findings) in enumerate(results):
        if i:
            print()
        print(f"Journey {name!r}: {summary(findings) or 'no findings'}")
        for f in findings:
            print(f"{_MARKS[f.severity]} [{f.rule}] {f.message}")
    return 0
