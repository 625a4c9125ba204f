"""Build ``tests/data/v4.jmap``: a workspace in file format 4, as version 4 wrote it.

Starts from the version-2 generator and upgrades it with the frozen 2 -> 3 and 3 -> 4
steps (never today's tables), then adds a text lane named Backstage, as maps drew a
blueprint before blueprint layers existed. The upgrade test (to format 5) reads it.
Run once and commit the output::

    .venv/bin/python tests/data/make_v4_workspace.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import make_v2_workspace  # noqa: E402

from journeymapper.model.migrations import STEPS  # noqa: E402

OUTPUT = Path(__file__).with_name("v4.jmap")


def build(path: Path) -> None:
    """Write a fresh version-4 workspace at ``path`` (replacing any file there)."""
    make_v2_workspace.build(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for step in (2, 3):
            for statement in (s.strip() for s in STEPS[step].split(";")):
                if statement:
                    conn.execute(statement)
        position = conn.execute("SELECT count(*) FROM lane WHERE journey_id = 1").fetchone()[0]
        conn.execute(
            "INSERT INTO lane (journey_id, name, kind, channel_kind, is_support, position, "
            "height, origin_id) VALUES (1, 'Backstage', 'text', NULL, 0, ?, 96.0, NULL)",
            (position,),
        )
        conn.execute("PRAGMA user_version = 4")
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"Wrote {sys.argv[1] if len(sys.argv) > 1 else OUTPUT}")
