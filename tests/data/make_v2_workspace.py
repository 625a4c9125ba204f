"""Build ``tests/data/v2.jmap``: a workspace in file format 2, as version 2 wrote it.

Starts from the version-1 generator, upgrades it with the frozen version 1 → 2 step
(never today's tables), then adds what version 2 could hold: opportunity annotations
beside pain points on the same card and stage, a voting round with votes and settings.
The upgrade test (through formats 3 and 4) reads it. Run once and commit the output::

    .venv/bin/python tests/data/make_v2_workspace.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import make_v1_workspace  # noqa: E402

from journeymapper.model.migrations import STEPS  # noqa: E402

OUTPUT = Path(__file__).with_name("v2.jmap")

#: Annotations added on top of the version-1 ones: (id, kind, text, touchpoint, stage,
#: position). Touchpoint 5 is the checkout till (stage 3), stage 2 is "Compare", whose
#: pricing page (touchpoint 3) already has pain point 1.
EXTRA_ANNOTATIONS = (
    (5, "pain_point", "Queue at the till is long", 5, None, 4),
    (6, "opportunity", "Side-by-side comparison table\nWith delivery costs shown", None, 2, 5),
    (7, "pain_point", "Too many models to choose from", None, 2, 6),
    (8, "pain_point", "No help line in the evening", 6, None, 7),
)


def build(path: Path) -> None:
    """Write a fresh version-2 workspace at ``path`` (replacing any file there)."""
    make_v1_workspace.build(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for statement in (s.strip() for s in STEPS[1].split(";")):
            if statement:
                conn.execute(statement)
        conn.executemany("INSERT INTO annotation VALUES (?, 1, ?, ?, ?, ?, ?)", EXTRA_ANNOTATIONS)
        conn.execute("INSERT INTO vote_round VALUES (1, 1, 'Workshop', 3, 'closed')")
        conn.execute("INSERT INTO vote VALUES (1, 1, 'Ann', NULL, 3)")
        conn.execute("INSERT INTO vote VALUES (2, 1, 'Bo', 5, NULL)")
        conn.execute("INSERT INTO setting VALUES ('health.stale_days', '400')")
        conn.execute("UPDATE touchpoint SET evidence = 'assumed' WHERE id = 2")
        conn.execute("PRAGMA user_version = 2")
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"Wrote {sys.argv[1] if len(sys.argv) > 1 else OUTPUT}")
