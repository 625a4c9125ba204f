"""``journeymapper diff A.jmap[:JOURNEY] B.jmap[:JOURNEY]``: what changed from A to B.

One line per difference in a stable order (stages, lanes, cards, text cells, notes,
then per-stage metric deltas), or ``--json``. Differences are the output, not a
failure: the command exits 0 whenever both journeys could be read.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from journeymapper.analysis.compare import Comparison, compare_documents
from journeymapper.cli.registry import CommandRegistry
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.store.journey_data import find_journey


def register(cli: CommandRegistry) -> None:
    p = cli.command("diff", "compare two journeys (current vs future, or two files)", _diff)
    p.add_argument(
        "a", metavar="A.jmap[:JOURNEY]", help="the before side (first journey if no name)"
    )
    p.add_argument(
        "b", metavar="B.jmap[:JOURNEY]", help="the after side; ':JOURNEY' alone = A's file"
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def parse_target(text: str, default: Path | None = None) -> tuple[Path, str | None]:
    """``file.jmap:Journey name`` → (path, name); a path that exists is taken whole.

    An empty file part (``:Future``) means ``default``, the other side's file.
    """
    if Path(text).is_file():
        return Path(text), None
    path, sep, journey = text.rpartition(":")
    if not sep:
        return Path(text), None
    if not path:
        if default is None:
            raise DocumentError(f"{text!r} names no file.")
        return default, journey or None
    return Path(path), journey or None


@contextlib.contextmanager
def open_pair(a: Path, b: Path) -> Iterator[tuple[Document, Document]]:
    """Both documents read-only; one file is opened once."""
    with Document.open(a, read_only=True) as doc_a:
        if a.resolve() == b.resolve():
            yield doc_a, doc_a
            return
        with Document.open(b, read_only=True) as doc_b:
            yield doc_a, doc_b


def compare_targets(a: str, b: str) -> Comparison:
    """Read ``A[:JOURNEY]`` and ``B[:JOURNEY]`` and compare them."""
    path_a, name_a = parse_target(a)
    path_b, name_b = parse_target(b, path_a)
    with open_pair(path_a, path_b) as (doc_a, doc_b):
        return compare_documents(
            doc_a, find_journey(doc_a, name_a), doc_b, find_journey(doc_b, name_b)
        )


def _diff(args: argparse.Namespace) -> int:
    result = compare_targets(args.a, args.b)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"A: {result.a_label}")
    print(f"B: {result.b_label}")
    for line in result.lines():
        print(line)
    if note := result.unmatched_line():
        print(note)
    count = len(result.differences)
    metrics = len(result.changed_metrics())
    if result.identical:
        print("No differences.")
    else:
        print(
            f"{count} difference{'s' if count != 1 else ''}, "
            f"{metrics} metric change{'s' if metrics != 1 else ''}."
        )
    return 0
