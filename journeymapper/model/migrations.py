"""Schema history and the upgrade path from every older file format.

A fresh file is created from the SQLModel tables at :data:`CURRENT_VERSION`.
An older file is upgraded one step at a time, all steps in one SQLite
transaction, so a crash mid-migration leaves the file as it was. The caller
(:meth:`Document.open`) keeps a backup copy before calling :func:`migrate`.

Each step is frozen SQL: never derive it from today's tables, which will move on.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

CURRENT_VERSION = 6

# Version 1: the first file format. No evidence status on touchpoints, no
# support flag on lanes, no dot-voting and no per-workspace settings.
# Kept as the historical record; tests/data/make_v1_workspace.py uses it.
SCHEMA_V1 = """
CREATE TABLE workspace (id INTEGER NOT NULL, name VARCHAR NOT NULL, author VARCHAR NOT NULL,
    description VARCHAR NOT NULL, created_at VARCHAR NOT NULL, PRIMARY KEY (id));
CREATE TABLE persona (id INTEGER NOT NULL, name VARCHAR NOT NULL, description VARCHAR NOT NULL,
    goals VARCHAR NOT NULL, pains VARCHAR NOT NULL, colour VARCHAR NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (id));
CREATE TABLE metric_definition (id INTEGER NOT NULL, "key" VARCHAR NOT NULL,
    name VARCHAR NOT NULL, unit VARCHAR NOT NULL, min_value FLOAT NOT NULL,
    max_value FLOAT NOT NULL, higher_is_better BOOLEAN NOT NULL, builtin BOOLEAN NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE ("key"));
CREATE TABLE journey (id INTEGER NOT NULL, name VARCHAR NOT NULL, persona_id INTEGER,
    state VARCHAR NOT NULL, description VARCHAR NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (id), FOREIGN KEY(persona_id) REFERENCES persona (id) ON DELETE SET NULL);
CREATE INDEX ix_journey_persona_id ON journey (persona_id);
CREATE TABLE stage (id INTEGER NOT NULL, journey_id INTEGER NOT NULL, name VARCHAR NOT NULL,
    position INTEGER NOT NULL, width FLOAT NOT NULL, colour VARCHAR NOT NULL,
    description VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE);
CREATE INDEX ix_stage_journey_id ON stage (journey_id);
CREATE TABLE lane (id INTEGER NOT NULL, journey_id INTEGER NOT NULL, name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, channel_kind VARCHAR, position INTEGER NOT NULL,
    height FLOAT NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE);
CREATE INDEX ix_lane_journey_id ON lane (journey_id);
CREATE TABLE touchpoint (id INTEGER NOT NULL, journey_id INTEGER NOT NULL,
    stage_id INTEGER NOT NULL, lane_id INTEGER NOT NULL, position INTEGER NOT NULL,
    title VARCHAR NOT NULL, description VARCHAR NOT NULL, interaction VARCHAR NOT NULL,
    owner VARCHAR NOT NULL, emotion INTEGER, colour VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE,
    FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE,
    FOREIGN KEY(lane_id) REFERENCES lane (id) ON DELETE CASCADE);
CREATE INDEX ix_touchpoint_journey_id ON touchpoint (journey_id);
CREATE INDEX ix_touchpoint_stage_id ON touchpoint (stage_id);
CREATE INDEX ix_touchpoint_lane_id ON touchpoint (lane_id);
CREATE TABLE text_cell (id INTEGER NOT NULL, stage_id INTEGER NOT NULL,
    lane_id INTEGER NOT NULL, text VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE,
    FOREIGN KEY(lane_id) REFERENCES lane (id) ON DELETE CASCADE);
CREATE INDEX ix_text_cell_stage_id ON text_cell (stage_id);
CREATE INDEX ix_text_cell_lane_id ON text_cell (lane_id);
CREATE TABLE measurement (id INTEGER NOT NULL, touchpoint_id INTEGER NOT NULL,
    metric_id INTEGER NOT NULL, value FLOAT NOT NULL, measured_on DATE NOT NULL,
    sample_size INTEGER, source VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(touchpoint_id) REFERENCES touchpoint (id) ON DELETE CASCADE,
    FOREIGN KEY(metric_id) REFERENCES metric_definition (id) ON DELETE CASCADE);
CREATE INDEX ix_measurement_metric_id ON measurement (metric_id);
CREATE INDEX ix_measurement_touchpoint_id ON measurement (touchpoint_id);
CREATE TABLE annotation (id INTEGER NOT NULL, journey_id INTEGER NOT NULL,
    kind VARCHAR NOT NULL, text VARCHAR NOT NULL, touchpoint_id INTEGER, stage_id INTEGER,
    position INTEGER NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE,
    FOREIGN KEY(touchpoint_id) REFERENCES touchpoint (id) ON DELETE CASCADE,
    FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE);
CREATE INDEX ix_annotation_journey_id ON annotation (journey_id);
CREATE INDEX ix_annotation_touchpoint_id ON annotation (touchpoint_id);
CREATE INDEX ix_annotation_stage_id ON annotation (stage_id);
"""

# Version 1 -> 2: evidence status, support lanes, dot-voting rounds, settings, and an
# index for reading each touchpoint's newest measurements.
_V1_TO_V2 = """
ALTER TABLE touchpoint ADD COLUMN evidence VARCHAR NOT NULL DEFAULT 'observed';
ALTER TABLE lane ADD COLUMN is_support BOOLEAN NOT NULL DEFAULT 0;
UPDATE lane SET is_support = 1
    WHERE kind = 'channel' AND (lower(name) LIKE '%support%' OR lower(name) LIKE '%help%');
CREATE TABLE setting ("key" VARCHAR NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE vote_round (id INTEGER NOT NULL, journey_id INTEGER NOT NULL,
    name VARCHAR NOT NULL, dots_per_participant INTEGER NOT NULL, state VARCHAR NOT NULL,
    PRIMARY KEY (id), FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE);
CREATE INDEX ix_vote_round_journey_id ON vote_round (journey_id);
CREATE TABLE vote (id INTEGER NOT NULL, round_id INTEGER NOT NULL,
    participant VARCHAR NOT NULL, touchpoint_id INTEGER, annotation_id INTEGER,
    PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES vote_round (id) ON DELETE CASCADE,
    FOREIGN KEY(touchpoint_id) REFERENCES touchpoint (id) ON DELETE CASCADE,
    FOREIGN KEY(annotation_id) REFERENCES annotation (id) ON DELETE CASCADE);
CREATE INDEX ix_vote_round_id ON vote (round_id);
CREATE INDEX ix_vote_annotation_id ON vote (annotation_id);
CREATE INDEX ix_vote_touchpoint_id ON vote (touchpoint_id);
CREATE INDEX ix_measurement_latest ON measurement (touchpoint_id, metric_id, measured_on, id);
"""

# Version 2 -> 3: origin links, so a future-state copy can be compared with its original.
_V2_TO_V3 = """
ALTER TABLE stage ADD COLUMN origin_id INTEGER;
ALTER TABLE lane ADD COLUMN origin_id INTEGER;
ALTER TABLE touchpoint ADD COLUMN origin_id INTEGER;
"""

# Version 2 as a fresh file writes it (SQLModel's tables at version 2), frozen so that
# checking a file's schema on open costs a millisecond, not an SQLAlchemy start-up;
# tests/test_schema_check.py keeps it equal to what Document.create writes.
SCHEMA_V2 = """
CREATE TABLE workspace (id INTEGER NOT NULL, name VARCHAR NOT NULL, author VARCHAR NOT NULL,
    description VARCHAR NOT NULL, created_at VARCHAR NOT NULL, PRIMARY KEY (id));
CREATE TABLE persona (id INTEGER NOT NULL, name VARCHAR NOT NULL, description VARCHAR NOT
    NULL, goals VARCHAR NOT NULL, pains VARCHAR NOT NULL, colour VARCHAR NOT NULL, position
    INTEGER NOT NULL, PRIMARY KEY (id));
CREATE TABLE metric_definition (id INTEGER NOT NULL, "key" VARCHAR NOT NULL, name VARCHAR NOT
    NULL, unit VARCHAR NOT NULL, min_value FLOAT NOT NULL, max_value FLOAT NOT NULL,
    higher_is_better BOOLEAN NOT NULL, builtin BOOLEAN NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (id), UNIQUE ("key"));
CREATE TABLE setting ("key" VARCHAR NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE journey (id INTEGER NOT NULL, name VARCHAR NOT NULL, persona_id INTEGER, state
    VARCHAR NOT NULL, description VARCHAR NOT NULL, position INTEGER NOT NULL, PRIMARY KEY
    (id), FOREIGN KEY(persona_id) REFERENCES persona (id) ON DELETE SET NULL);
CREATE INDEX ix_journey_persona_id ON journey (persona_id);
CREATE TABLE stage (id INTEGER NOT NULL, journey_id INTEGER NOT NULL, name VARCHAR NOT NULL,
    position INTEGER NOT NULL, width FLOAT NOT NULL, colour VARCHAR NOT NULL, description
    VARCHAR NOT NULL, PRIMARY KEY (id), FOREIGN KEY(journey_id) REFERENCES journey (id) ON
    DELETE CASCADE);
CREATE INDEX ix_stage_journey_id ON stage (journey_id);
CREATE TABLE lane (id INTEGER NOT NULL, journey_id INTEGER NOT NULL, name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, channel_kind VARCHAR, is_support BOOLEAN NOT NULL, position INTEGER
    NOT NULL, height FLOAT NOT NULL, PRIMARY KEY (id), FOREIGN KEY(journey_id) REFERENCES
    journey (id) ON DELETE CASCADE);
CREATE INDEX ix_lane_journey_id ON lane (journey_id);
CREATE TABLE vote_round (id INTEGER NOT NULL, journey_id INTEGER NOT NULL, name VARCHAR NOT
    NULL, dots_per_participant INTEGER NOT NULL, state VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE);
CREATE INDEX ix_vote_round_journey_id ON vote_round (journey_id);
CREATE TABLE touchpoint (id INTEGER NOT NULL, journey_id INTEGER NOT NULL, stage_id INTEGER
    NOT NULL, lane_id INTEGER NOT NULL, position INTEGER NOT NULL, title VARCHAR NOT NULL,
    description VARCHAR NOT NULL, interaction VARCHAR NOT NULL, owner VARCHAR NOT NULL,
    emotion INTEGER, colour VARCHAR NOT NULL, evidence VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE, FOREIGN KEY(stage_id)
    REFERENCES stage (id) ON DELETE CASCADE, FOREIGN KEY(lane_id) REFERENCES lane (id) ON
    DELETE CASCADE);
CREATE INDEX ix_touchpoint_stage_id ON touchpoint (stage_id);
CREATE INDEX ix_touchpoint_lane_id ON touchpoint (lane_id);
CREATE INDEX ix_touchpoint_journey_id ON touchpoint (journey_id);
CREATE TABLE text_cell (id INTEGER NOT NULL, stage_id INTEGER NOT NULL, lane_id INTEGER NOT
    NULL, text VARCHAR NOT NULL, PRIMARY KEY (id), FOREIGN KEY(stage_id) REFERENCES stage (id)
    ON DELETE CASCADE, FOREIGN KEY(lane_id) REFERENCES lane (id) ON DELETE CASCADE);
CREATE INDEX ix_text_cell_stage_id ON text_cell (stage_id);
CREATE INDEX ix_text_cell_lane_id ON text_cell (lane_id);
CREATE TABLE measurement (id INTEGER NOT NULL, touchpoint_id INTEGER NOT NULL, metric_id
    INTEGER NOT NULL, value FLOAT NOT NULL, measured_on DATE NOT NULL, sample_size INTEGER,
    source VARCHAR NOT NULL, PRIMARY KEY (id), FOREIGN KEY(touchpoint_id) REFERENCES
    touchpoint (id) ON DELETE CASCADE, FOREIGN KEY(metric_id) REFERENCES metric_definition
    (id) ON DELETE CASCADE);
CREATE INDEX ix_measurement_latest ON measurement (touchpoint_id, metric_id, measured_on, id);
CREATE INDEX ix_measurement_touchpoint_id ON measurement (touchpoint_id);
CREATE INDEX ix_measurement_metric_id ON measurement (metric_id);
CREATE TABLE annotation (id INTEGER NOT NULL, journey_id INTEGER NOT NULL, kind VARCHAR NOT
    NULL, text VARCHAR NOT NULL, touchpoint_id INTEGER, stage_id INTEGER, position INTEGER NOT
    NULL, PRIMARY KEY (id), FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE,
    FOREIGN KEY(touchpoint_id) REFERENCES touchpoint (id) ON DELETE CASCADE, FOREIGN
    KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE);
CREATE INDEX ix_annotation_stage_id ON annotation (stage_id);
CREATE INDEX ix_annotation_touchpoint_id ON annotation (touchpoint_id);
CREATE INDEX ix_annotation_journey_id ON annotation (journey_id);
CREATE TABLE vote (id INTEGER NOT NULL, round_id INTEGER NOT NULL, participant VARCHAR NOT
    NULL, touchpoint_id INTEGER, annotation_id INTEGER, PRIMARY KEY (id), FOREIGN
    KEY(round_id) REFERENCES vote_round (id) ON DELETE CASCADE, FOREIGN KEY(touchpoint_id)
    REFERENCES touchpoint (id) ON DELETE CASCADE, FOREIGN KEY(annotation_id) REFERENCES
    annotation (id) ON DELETE CASCADE);
CREATE INDEX ix_vote_touchpoint_id ON vote (touchpoint_id);
CREATE INDEX ix_vote_annotation_id ON vote (annotation_id);
CREATE INDEX ix_vote_round_id ON vote (round_id);
"""

#: The schema of a file created fresh at each version (SCHEMA_V1 is also the base of upgrades).
FRESH: dict[int, str] = {1: SCHEMA_V1, 2: SCHEMA_V2}

# Version 3 -> 4: the opportunity portfolio. Opportunities belong to the workspace and
# link to pain points, touchpoints and stages; solutions and metric targets hang under
# them. Every existing opportunity annotation becomes an opportunity (title from its
# first line, status idea, value and effort 3, confidence medium) linked to the place
# it is pinned to and to the pain points pinned to that same touchpoint or stage (for a
# stage, also those on its touchpoints, as the health check counts them). The
# annotations themselves stay on the map as they were.
_V3_TO_V4 = """
CREATE TABLE opportunity (id INTEGER NOT NULL, title VARCHAR NOT NULL,
    description VARCHAR NOT NULL, owner VARCHAR NOT NULL, status VARCHAR NOT NULL,
    value INTEGER NOT NULL, effort INTEGER NOT NULL, confidence VARCHAR NOT NULL,
    due_on DATE, started_on DATE, position INTEGER NOT NULL, PRIMARY KEY (id));
CREATE TABLE solution (id INTEGER NOT NULL, opportunity_id INTEGER NOT NULL,
    title VARCHAR NOT NULL, description VARCHAR NOT NULL, owner VARCHAR NOT NULL,
    status VARCHAR NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(opportunity_id) REFERENCES opportunity (id) ON DELETE CASCADE);
CREATE INDEX ix_solution_opportunity_id ON solution (opportunity_id);
CREATE TABLE target (id INTEGER NOT NULL, opportunity_id INTEGER NOT NULL,
    metric_id INTEGER NOT NULL, touchpoint_id INTEGER, stage_id INTEGER, from_value FLOAT,
    to_value FLOAT NOT NULL, by_date DATE, PRIMARY KEY (id),
    FOREIGN KEY(opportunity_id) REFERENCES opportunity (id) ON DELETE CASCADE,
    FOREIGN KEY(metric_id) REFERENCES metric_definition (id) ON DELETE CASCADE,
    FOREIGN KEY(touchpoint_id) REFERENCES touchpoint (id) ON DELETE CASCADE,
    FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE);
CREATE INDEX ix_target_opportunity_id ON target (opportunity_id);
CREATE INDEX ix_target_metric_id ON target (metric_id);
CREATE INDEX ix_target_touchpoint_id ON target (touchpoint_id);
CREATE INDEX ix_target_stage_id ON target (stage_id);
CREATE TABLE opportunity_link (id INTEGER NOT NULL, opportunity_id INTEGER NOT NULL,
    annotation_id INTEGER, touchpoint_id INTEGER, stage_id INTEGER, PRIMARY KEY (id),
    FOREIGN KEY(opportunity_id) REFERENCES opportunity (id) ON DELETE CASCADE,
    FOREIGN KEY(annotation_id) REFERENCES annotation (id) ON DELETE CASCADE,
    FOREIGN KEY(touchpoint_id) REFERENCES touchpoint (id) ON DELETE CASCADE,
    FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE);
CREATE INDEX ix_opportunity_link_opportunity_id ON opportunity_link (opportunity_id);
CREATE INDEX ix_opportunity_link_annotation_id ON opportunity_link (annotation_id);
CREATE INDEX ix_opportunity_link_touchpoint_id ON opportunity_link (touchpoint_id);
CREATE INDEX ix_opportunity_link_stage_id ON opportunity_link (stage_id);
CREATE TEMP TABLE opportunity_from_annotation AS
    SELECT a.id AS annotation_id, a.touchpoint_id, a.stage_id, a.text,
        row_number() OVER (ORDER BY j.position, a.position, a.id) AS opportunity_id
    FROM annotation a JOIN journey j ON j.id = a.journey_id
    WHERE a.kind = 'opportunity';
INSERT INTO opportunity (id, title, description, owner, status, value, effort, confidence,
        due_on, started_on, position)
    SELECT opportunity_id,
        trim(substr(CASE WHEN instr(text, char(10)) > 0
            THEN substr(text, 1, instr(text, char(10)) - 1) ELSE text END, 1, 120)),
        text, '', 'idea', 3, 3, 'medium', NULL, NULL, opportunity_id - 1
    FROM opportunity_from_annotation;
UPDATE opportunity SET title = 'Opportunity ' || id WHERE title = '';
INSERT INTO opportunity_link (opportunity_id, annotation_id, touchpoint_id, stage_id)
    SELECT opportunity_id, NULL, touchpoint_id, stage_id FROM opportunity_from_annotation;
INSERT INTO opportunity_link (opportunity_id, annotation_id, touchpoint_id, stage_id)
    SELECT o.opportunity_id, p.id, NULL, NULL
    FROM opportunity_from_annotation o JOIN annotation p ON p.kind = 'pain_point'
        AND (p.touchpoint_id = o.touchpoint_id OR p.stage_id = o.stage_id
            OR p.touchpoint_id IN (SELECT t.id FROM touchpoint t WHERE t.stage_id = o.stage_id))
    ORDER BY o.opportunity_id, p.id;
DROP TABLE temp.opportunity_from_annotation
"""

# Version 4 -> 5: service blueprints. Step fields on cards (NULL on plain touchpoints;
# the blueprint layers are new lane kinds, no column), and connectors between cards.
_V4_TO_V5 = """
ALTER TABLE touchpoint ADD COLUMN system VARCHAR;
ALTER TABLE touchpoint ADD COLUMN duration_min FLOAT;
ALTER TABLE touchpoint ADD COLUMN wait_min FLOAT;
ALTER TABLE touchpoint ADD COLUMN failure_point BOOLEAN;
CREATE TABLE connector (id INTEGER NOT NULL, journey_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL, target_id INTEGER NOT NULL, kind VARCHAR NOT NULL,
    label VARCHAR NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE,
    FOREIGN KEY(source_id) REFERENCES touchpoint (id) ON DELETE CASCADE,
    FOREIGN KEY(target_id) REFERENCES touchpoint (id) ON DELETE CASCADE);
CREATE INDEX ix_connector_journey_id ON connector (journey_id);
CREATE INDEX ix_connector_source_id ON connector (source_id);
CREATE INDEX ix_connector_target_id ON connector (target_id)
"""

# Version 5 -> 6: a card's position is a sparse order key within its cell (the values
# 0..n-1 already there are valid keys). A move reads its neighbours through an index of
# the cell, which also answers the stage lookups the stage's own index did.
_V5_TO_V6 = """
DROP INDEX IF EXISTS ix_touchpoint_stage_id;
CREATE INDEX ix_touchpoint_cell ON touchpoint (stage_id, lane_id, position)
"""

#: ``STEPS[n]`` upgrades a file from version n to n + 1.
STEPS: dict[int, str] = {1: _V1_TO_V2, 2: _V2_TO_V3, 3: _V3_TO_V4, 4: _V4_TO_V5, 5: _V5_TO_V6}


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def migrate(path: Path, from_version: int) -> None:
    """Upgrade the file at ``path`` from ``from_version`` to :data:`CURRENT_VERSION`.

    Every step and the version bump commit together or not at all.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for version in range(from_version, CURRENT_VERSION):
                for statement in _statements(STEPS[version]):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


# -- the expected schema of each version ---------------------------------------------------
# A received file must carry no code: its schema (tables, indexes, triggers, views) is
# compared with what this code would have written for its version, fresh or upgraded.
# The comparison is structural (columns, keys, indexes), so harmless differences in how
# the CREATE statements were spelled by another library version do not refuse a file.

Fingerprint = frozenset[tuple[object, ...]]


def fingerprint(conn: sqlite3.Connection) -> Fingerprint:
    """The structure of a database's schema as a comparable set of facts."""
    facts: set[tuple[object, ...]] = set()
    objects = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    for kind, name, table in objects:
        if kind == "table" and str(name).startswith("sqlite_"):
            continue  # sqlite_sequence / sqlite_stat*: SQLite's own bookkeeping
        if kind in ("trigger", "view") or kind not in ("table", "index"):
            facts.add((kind, name, table))
            continue
        if kind == "index":
            continue  # indexes are listed per table below (with their origin and columns)
        facts.add(("table", name))
        for col in conn.execute(f'PRAGMA table_xinfo("{name}")'):
            _cid, cname, ctype, notnull, default, pk, hidden = col
            facts.add(("column", name, cname, str(ctype).upper(), notnull, default, pk, hidden))
        for fk in conn.execute(f'PRAGMA foreign_key_list("{name}")'):
            facts.add(("fk", name, *fk[2:]))
        for _seq, iname, unique, origin, partial in conn.execute(f'PRAGMA index_list("{name}")'):
            cols = tuple(
                (r[1], r[2], r[3], r[4])
                for r in conn.execute(f'PRAGMA index_xinfo("{iname}")')
                if r[5]
            )
            label = iname if origin == "c" else origin
            facts.add(("index", name, label, unique, origin, partial, cols))
    return frozenset(facts)


_EXPECTED: dict[int, set[Fingerprint]] = {}


def _built(script: str, steps: range) -> Fingerprint:
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(script)
        for step in steps:
            conn.executescript(STEPS[step])
        return fingerprint(conn)
    finally:
        conn.close()


def expected_fingerprints(version: int) -> set[Fingerprint]:
    """Every schema a genuine file of ``version`` can have: created at it, or upgraded to it."""
    if version not in _EXPECTED:
        _EXPECTED[version] = {
            _built(FRESH[base], range(base, version)) for base in FRESH if base <= version
        }
    return _EXPECTED[version]


def _normal(sql: str) -> str:
    """One spelling of a CREATE statement (whitespace is not meaning)."""
    return re.sub(r"\s*([(),])\s*", r"\1", re.sub(r"\s+", " ", sql)).strip()


def _as_created(conn: sqlite3.Connection, version: int) -> bool:
    """Fast path: the schema is, statement for statement, that of a fresh file of ``version``."""
    if version not in FRESH:
        return False
    rows = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    spelled = {_normal(row[0]) for row in rows}
    return spelled == {_normal(s) for s in FRESH[version].split(";") if s.strip()}


def schema_problem(conn: sqlite3.Connection, version: int) -> str | None:
    """Why the schema read on ``conn`` is not one of ``version``'s; None when it is."""
    if _as_created(conn, version):
        return None
    actual = fingerprint(conn)
    expected = expected_fingerprints(version)
    if actual in expected:
        return None
    closest = min(expected, key=lambda e: len(actual ^ e))
    extra = sorted(f for f in actual - closest if f[0] in ("trigger", "view"))
    if extra:
        names = ", ".join(f"{f[0]} {f[1]!r}" for f in extra[:3])
        return f"it contains objects a Journey Mapper workspace never has ({names})"
    return "its tables or indexes differ from those of a Journey Mapper workspace"
