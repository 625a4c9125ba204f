"""Build ``tests/data/v1.jmap``: a realistic workspace in the first file format (version 1).

Written with raw sqlite3 from the frozen :data:`SCHEMA_V1`, never through today's
tables, so the migration tests read a file exactly as version 1 wrote it.
Run once and commit the output::

    .venv/bin/python tests/data/make_v1_workspace.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from journeymapper.model.document import APPLICATION_ID
from journeymapper.model.enums import BUILTIN_METRICS
from journeymapper.model.migrations import SCHEMA_V1

OUTPUT = Path(__file__).with_name("v1.jmap")

STAGES = ("Discover", "Compare", "Buy", "Get help")
#: (name, kind, channel_kind)
LANES = (
    ("What the customer does", "text", None),
    ("Website", "channel", "online"),
    ("Store", "channel", "offline"),
    ("Support desk", "channel", "offline"),
    ("Feelings", "emotion", None),
)
#: (stage index, lane index, title, interaction, owner, emotion, colour)
TOUCHPOINTS = (
    (0, 1, "Landing page", "direct", "Web team", 1, ""),
    (0, 1, "Blog post", "indirect", "Marketing", None, "#aabbcc"),
    (1, 1, "Pricing page", "direct", "Web team", -1, ""),
    (1, 2, "Shop window", "indirect", "", 0, ""),
    (2, 2, "Checkout till", "direct", "Retail ops", 2, ""),
    (3, 3, "Help line call", "direct", "Support", -2, "#ffcc00"),
)
#: (touchpoint index, metric key, value, date, sample size, source)
MEASUREMENTS = (
    (0, "csat", 4.1, "2023-11-02", 150, "Survey"),
    (0, "csat", 4.4, "2024-02-02", 170, "Survey"),
    (0, "engagement_rate", 37.5, "2024-02-02", None, "Analytics"),
    (2, "drop_off_rate", 61.0, "2024-01-15", None, ""),
    (4, "nps", -12, "2024-01-20", 80, "Exit poll"),
    (5, "ces", 5.5, "2024-03-01", 42, ""),
)
#: (kind, text, touchpoint index or None, stage index or None)
ANNOTATIONS = (
    ("pain_point", "Prices are hard to compare", 2, None),
    ("idea", "Live chat on the pricing page", None, 1),
    ("opportunity", "Loyalty card at the till", 4, None),
    ("note", "Wait times doubled in March", 5, None),
)


def build(path: Path) -> None:
    """Write a fresh version-1 workspace at ``path`` (replacing any file there)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA_V1)
        conn.execute(
            "INSERT INTO workspace VALUES (1, 'Retail study', 'A. Researcher', "
            "'Saved by Journey Mapper 0.0 (file format 1)', '2024-01-05T09:30:00')"
        )
        conn.execute(
            "INSERT INTO persona VALUES (1, 'Busy parent', 'Shops after work', "
            "'Save time', 'Queues', '#5b7db1', 0)"
        )
        for i, m in enumerate(BUILTIN_METRICS):
            conn.execute(
                "INSERT INTO metric_definition VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
                (i + 1, m.key, m.name, m.unit, m.min_value, m.max_value, m.higher_is_better, i),
            )
        conn.execute(
            "INSERT INTO journey VALUES (1, 'Buying a stroller', 1, 'current', "
            "'From first search to after-sales help', 0)"
        )
        conn.execute("INSERT INTO journey VALUES (2, 'Empty future', NULL, 'future', '', 1)")
        for i, name in enumerate(STAGES):
            conn.execute(
                "INSERT INTO stage VALUES (?, 1, ?, ?, 340.0, '#e8eef7', '')", (i + 1, name, i)
            )
        for i, (name, kind, channel) in enumerate(LANES):
            conn.execute(
                "INSERT INTO lane VALUES (?, 1, ?, ?, ?, ?, 96.0)", (i + 1, name, kind, channel, i)
            )
        per_cell: dict[tuple[int, int], int] = {}
        for i, (s, ln, title, interaction, owner, emotion, colour) in enumerate(TOUCHPOINTS):
            position = per_cell.get((s, ln), 0)
            per_cell[(s, ln)] = position + 1
            conn.execute(
                "INSERT INTO touchpoint VALUES (?, 1, ?, ?, ?, ?, '', ?, ?, ?, ?)",
                (i + 1, s + 1, ln + 1, position, title, interaction, owner, emotion, colour),
            )
        conn.execute("INSERT INTO text_cell VALUES (1, 1, 1, 'Searches for reviews')")
        conn.execute("INSERT INTO text_cell VALUES (2, 3, 1, 'Pays by card')")
        keys = {m.key: i + 1 for i, m in enumerate(BUILTIN_METRICS)}
        for i, (tp, key, value, day, sample, source) in enumerate(MEASUREMENTS):
            conn.execute(
                "INSERT INTO measurement VALUES (?, ?, ?, ?, ?, ?, ?)",
                (i + 1, tp + 1, keys[key], value, day, sample, source),
            )
        for i, (kind, text, tp, stage) in enumerate(ANNOTATIONS):
            conn.execute(
                "INSERT INTO annotation VALUES (?, 1, ?, ?, ?, ?, ?)",
                (
                    i + 1,
                    kind,
                    text,
                    None if tp is None else tp + 1,
                    None if stage is None else stage + 1,
                    i,
                ),
            )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"Wrote {sys.argv[1] if len(sys.argv) > 1 else OUTPUT}")
