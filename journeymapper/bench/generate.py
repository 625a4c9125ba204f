"""A deterministic large workspace for the benchmark (and for tests that need scale).

Rows are bulk-inserted with raw SQL in one transaction: building 2,000
touchpoints through the editing API one by one would measure the generator,
not the product. The result is an ordinary workspace that opens like any other.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from journeymapper.bench.blueprint_data import add_blueprint
from journeymapper.model.document import Document
from journeymapper.templates import STAGE_COLOURS

STAGE_NAMES = (
    "Awareness", "Discovery", "Research", "Comparison", "Consideration", "Trial",
    "Purchase", "Onboarding", "Use", "Support", "Retention", "Advocacy",
)  # fmt: skip
ONLINE = ("Website", "Mobile app", "Social media", "Email", "Search ads", "Chat")
OFFLINE = ("Store", "Phone", "Events", "Support desk", "Print", "Partners")
WORDS = (
    "checkout", "review", "newsletter", "store visit", "price check", "delivery",
    "returns", "loyalty", "onboarding call", "FAQ", "live chat", "invoice", "survey",
    "referral", "unboxing", "promo code", "wishlist", "demo", "booking", "reminder",
)  # fmt: skip
METRICS = ("engagement_rate", "csat", "nps", "conversion_rate", "ces", "drop_off_rate")
RANGES = {
    "engagement_rate": (5, 95),
    "csat": (1, 5),
    "nps": (-60, 80),
    "conversion_rate": (1, 60),
    "ces": (1, 7),
    "drop_off_rate": (2, 70),
}


def generate_workspace(
    path: str | Path,
    touchpoints: int = 2000,
    stages: int = 12,
    annotations: int = 500,
    measurements_per_touchpoint: int = 10,
    seed: int = 7,
    blueprint: bool = False,
) -> Path:
    """Write a workspace with one journey of the given size; return its path.

    ``blueprint`` adds the four layers with half as many steps as touchpoints and as many
    connectors as touchpoints (2,000 touchpoints: 1,000 steps, 2,000 connectors)."""
    path = Path(path)
    path.unlink(missing_ok=True)
    rng = random.Random(seed)
    doc = Document.create(path)
    try:
        conn = doc.raw_connection()
        with doc.transaction():
            _fill(conn, rng, touchpoints, stages, annotations, measurements_per_touchpoint)
            add_portfolio(conn, rng, touchpoints, stages)
            if blueprint:
                add_blueprint(conn, rng, touchpoints // 2, touchpoints)  # see drawn_items
    finally:
        doc.close()
    return path


def drawn_items(touchpoints: int) -> int:
    """Items a ``blueprint`` map of ``touchpoints`` cards draws: the cards, the steps (half
    as many) and the connectors (as many)."""
    return touchpoints + touchpoints // 2 + touchpoints


def _fill(conn, rng, n_tp, n_stages, n_ann, n_meas) -> None:  # type: ignore[no-untyped-def]
    conn.execute("INSERT INTO persona (id, name, description, goals, pains, colour, position) "
                 "VALUES (1, 'Busy parent', 'Shops between school runs', 'Save time', "
                 "'Queues, surprises at checkout', '#5b7db1', 0)")  # fmt: skip
    conn.execute(
        "INSERT INTO journey (id, name, persona_id, state, description, position) "
        "VALUES (1, 'Benchmark journey', 1, 'current', '', 0)"
    )
    stage_ids = list(range(1, n_stages + 1))
    conn.executemany(
        "INSERT INTO stage (id, journey_id, name, position, width, colour, description) "
        "VALUES (?, 1, ?, ?, 340.0, ?, '')",
        [
            (i, STAGE_NAMES[(i - 1) % len(STAGE_NAMES)], i - 1, STAGE_COLOURS[i % 7])
            for i in stage_ids
        ],
    )
    lanes = [("Customer actions", "text", None, False)]
    lanes += [(name, "channel", "online", False) for name in ONLINE]
    lanes += [(name, "channel", "offline", name == "Support desk") for name in OFFLINE]
    lanes += [("Thoughts", "text", None, False), ("Emotion", "emotion", None, False)]
    lanes += [("Backstage", "text", None, False)]
    conn.executemany(
        "INSERT INTO lane (id, journey_id, name, kind, channel_kind, is_support, position, height) "
        "VALUES (?, 1, ?, ?, ?, ?, ?, 96.0)",
        [(i + 1, name, kind, ck, sup, i) for i, (name, kind, ck, sup) in enumerate(lanes)],
    )
    channel_ids = [i + 1 for i, lane in enumerate(lanes) if lane[1] == "channel"]
    text_ids = [i + 1 for i, lane in enumerate(lanes) if lane[1] == "text"]
    conn.executemany(
        "INSERT INTO text_cell (stage_id, lane_id, text) VALUES (?, ?, ?)",
        [(s, t, f"Notes for stage {s}") for s in stage_ids for t in text_ids],
    )
    fill: dict[tuple[int, int], int] = {}
    rows = []
    for tp in range(1, n_tp + 1):
        cell = (rng.choice(stage_ids), rng.choice(channel_ids))
        position = fill.get(cell, 0)
        fill[cell] = position + 1
        title = f"{rng.choice(WORDS).capitalize()} {tp}"
        rows.append(
            (tp, cell[0], cell[1], position, title, f"Touchpoint {tp}",
             rng.choice(("direct", "indirect")), "Team", rng.choice((-2, -1, 0, 1, 2, None)),
             rng.choice(("observed", "assumed", "proposed")))
        )  # fmt: skip
    conn.executemany(
        "INSERT INTO touchpoint (id, journey_id, stage_id, lane_id, position, title, "
        "description, interaction, owner, emotion, colour, evidence) "
        "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)",
        rows,
    )
    metric_ids = {key: mid for mid, key in conn.execute("SELECT id, key FROM metric_definition")}
    start = dt.date(2025, 1, 1)
    measurements = []
    for tp in range(1, n_tp + 1):
        for k in range(n_meas):
            key = METRICS[(tp + k) % len(METRICS)]
            low, high = RANGES[key]
            measurements.append(
                (tp, metric_ids[key], round(rng.uniform(low, high), 1),
                 (start + dt.timedelta(days=30 * k + tp % 28)).isoformat(),
                 rng.randint(20, 400), "Benchmark")
            )  # fmt: skip
    conn.executemany(
        "INSERT INTO measurement "
        "(touchpoint_id, metric_id, value, measured_on, sample_size, source) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        measurements,
    )
    kinds = ("pain_point", "opportunity", "idea", "note")
    annotations = []
    for i in range(n_ann):
        on_stage = i % 10 == 0
        text = f"Annotation {i + 1}: {rng.choice(WORDS)} could be better"
        touchpoint = None if on_stage else rng.randint(1, n_tp)
        stage = rng.choice(stage_ids) if on_stage else None
        annotations.append((kinds[i % 4], text, touchpoint, stage, i))
    conn.executemany(
        "INSERT INTO annotation (journey_id, kind, text, touchpoint_id, stage_id, position) "
        "VALUES (1, ?, ?, ?, ?, ?)",
        annotations,
    )


#: Opportunities in the benchmark workspace (the portfolio figure is set for this many).
OPPORTUNITIES = 200


def add_portfolio(conn, rng, n_tp, n_stages, n_opps=OPPORTUNITIES) -> None:  # type: ignore[no-untyped-def]
    """Opportunities with owners, scores and due dates, each linked to two pain points,
    one card and one stage, with a target on a card metric (raw SQL, like the rest)."""
    pains = [r[0] for r in conn.execute("SELECT id FROM annotation WHERE kind = 'pain_point'")]
    metric_ids = {key: mid for mid, key in conn.execute("SELECT id, key FROM metric_definition")}
    statuses = ("idea", "planned", "in_progress", "done", "dropped")
    opportunities, links, targets = [], [], []
    for i in range(1, n_opps + 1):
        opportunities.append(
            (i, f"Improve {rng.choice(WORDS)} {i}", f"Opportunity {i}",
             rng.choice(("Web", "Ops", "")),
             statuses[i % 5], rng.randint(1, 5), rng.randint(1, 5),
             rng.choice(("low", "medium", "high")),
             (dt.date(2026, 1, 1) + dt.timedelta(days=3 * i)).isoformat(),
             "2025-06-01" if statuses[i % 5] in ("in_progress", "done") else None, i - 1)
        )  # fmt: skip
        for pain in rng.sample(pains, min(2, len(pains))):
            links.append((i, pain, None, None))
        links.append((i, None, rng.randint(1, n_tp), None))
        links.append((i, None, None, rng.randint(1, n_stages)))
        targets.append((i, metric_ids["csat"], rng.randint(1, n_tp), 3.0, 4.5, "2026-12-31"))
    conn.executemany(
        "INSERT INTO opportunity (id, title, description, owner, status, value, effort, "
        "confidence, due_on, started_on, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        opportunities,
    )
    conn.executemany(
        "INSERT INTO opportunity_link (opportunity_id, annotation_id, touchpoint_id, stage_id) "
        "VALUES (?, ?, ?, ?)",
        links,
    )
    conn.executemany(
        "INSERT INTO target (opportunity_id, metric_id, touchpoint_id, from_value, to_value, "
        "by_date) VALUES (?, ?, ?, ?, ?, ?)",
        targets,
    )
