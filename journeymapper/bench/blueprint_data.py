"""The benchmark workspace's service blueprint: four layer lanes, steps and connectors.

Bulk-inserted with raw SQL like the rest of the generated workspace, and shown as a
blueprint, so every figure (open, drag, undo, PDF) runs with the layers on the map.
"""

from __future__ import annotations

import random
import sqlite3

from journeymapper.model.enums import LAYER_KINDS, LAYER_LABELS

TEAMS = ("Front office", "Housekeeping", "Kitchen", "IT", "Accounts", "Logistics")
SYSTEMS = ("PMS", "CRM", "ERP", "Ticketing", None)


def add_blueprint(
    conn: sqlite3.Connection, rng: random.Random, steps: int, connectors: int
) -> tuple[int, int]:
    """Add the layers, ``steps`` steps and ``connectors`` connectors to journey 1; return
    (first step id, number of cards) so callers can find a connected card."""
    stage_ids = [r[0] for r in conn.execute("SELECT id FROM stage WHERE journey_id = 1")]
    first_lane, position = conn.execute(
        "SELECT max(id) + 1, count(*) FROM lane WHERE journey_id = 1"
    ).fetchone()
    lanes = []
    for i, kind in enumerate(LAYER_KINDS):
        lanes.append((first_lane + i, LAYER_LABELS[kind], kind, position + i))
    conn.executemany(
        "INSERT INTO lane (id, journey_id, name, kind, channel_kind, is_support, position, "
        "height) VALUES (?, 1, ?, ?, NULL, 0, ?, 96.0)",
        lanes,
    )
    touchpoints = conn.execute("SELECT count(*), max(id) FROM touchpoint").fetchone()
    first_step = touchpoints[1] + 1
    fill: dict[tuple[int, int], int] = {}
    rows = []
    for n in range(steps):
        cell = (rng.choice(stage_ids), first_lane + rng.randrange(len(LAYER_KINDS)))
        fill[cell] = fill.get(cell, -1) + 1
        wait = rng.choice((None, 5.0, 15.0, 45.0))
        rows.append(
            (first_step + n, cell[0], cell[1], fill[cell], f"Step {n + 1}", "A staff action",
             rng.choice(TEAMS), rng.choice(SYSTEMS), rng.choice((None, 2.0, 10.0)), wait,
             1 if n % 25 == 0 else None)
        )  # fmt: skip
    conn.executemany(
        "INSERT INTO touchpoint (id, journey_id, stage_id, lane_id, position, title, "
        "description, interaction, owner, emotion, colour, evidence, system, duration_min, "
        "wait_min, failure_point) VALUES (?, 1, ?, ?, ?, ?, ?, 'direct', ?, NULL, '', "
        "'observed', ?, ?, ?, ?)",
        rows,
    )
    cards = touchpoints[1] + steps
    # As in a drawn blueprint, an arrow goes to a step of the same stage (most of them) or
    # of the next one: flows run down the layers and on to the next stage.
    stage_of = dict(conn.execute("SELECT id, stage_id FROM touchpoint WHERE journey_id = 1"))
    by_stage: dict[int, list[int]] = {}
    for card, stage in stage_of.items():
        if card >= first_step:
            by_stage.setdefault(stage, []).append(card)
    order = sorted(by_stage)
    pairs: set[tuple[int, int]] = set()
    kinds = ("flow", "handoff", "dependency")
    while len(pairs) < connectors:
        # Half from a touchpoint to a step, half between steps.
        source = rng.randint(1, cards) if len(pairs) % 2 else rng.randint(first_step, cards)
        at = order.index(stage_of[source]) + (1 if rng.random() < 0.3 else 0)
        target = rng.choice(by_stage[order[min(at, len(order) - 1)]])
        if source != target:
            pairs.add((source, target))
    conn.executemany(
        "INSERT INTO connector (journey_id, source_id, target_id, kind, label) "
        "VALUES (1, ?, ?, ?, ?)",
        [(s, t, kinds[i % 3], "" if i % 4 else "Ticket") for i, (s, t) in enumerate(sorted(pairs))],
    )
    conn.execute("INSERT INTO setting (key, value) VALUES ('view.journey.1', 'blueprint')")
    return first_step, cards
