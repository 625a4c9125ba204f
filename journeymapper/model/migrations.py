"""Schema history and the upgrade path from every older file format.

A fresh file is created from the SQLModel tables at :data:`CURRENT_VERSION`.
An older file is upgraded one step at a time, all steps in one SQLite
transaction, so a crash mid-migration leaves the file as it was. The caller
(:meth:`Document.open`) keeps a backup copy before calling :func:`migrate`.

Each step is frozen SQL: never derive it from today's tables, which will move on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

CURRENT_VERSION = 3

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

#: ``STEPS[n]`` upgrades a file from version n to n + 1.
STEPS: dict[int, str] = {1: _V1_TO_V2, 2: _V2_TO_V3}


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
