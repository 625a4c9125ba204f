"""The upgrade to file format 4 (the opportunity portfolio), from a checked-in v2 file.

The v2 file goes through format 3 (origin links) on the way, as a user's file would."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.model.document import SCHEMA_VERSION, Document
from tests.conftest import dump, position_problems, user_tables

V2_FILE = Path(__file__).parent / "data" / "v2.jmap"


@pytest.fixture
def v2_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.jmap"
    path.write_bytes(V2_FILE.read_bytes())
    return path


def _version(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_v2_fixture_is_what_the_generator_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(V2_FILE.parent))
    try:
        import make_v2_workspace
    finally:
        sys.path.remove(str(V2_FILE.parent))
    fresh = tmp_path / "fresh_v2.jmap"
    make_v2_workspace.build(fresh)
    assert dump(fresh) == dump(V2_FILE)
    assert _version(V2_FILE) == 2


def test_v2_file_migrates_with_a_backup_and_opportunity_annotations_become_opportunities(
    v2_copy: Path,
) -> None:
    original = v2_copy.read_bytes()
    old = dump(v2_copy)
    conn = sqlite3.connect(f"file:{v2_copy}?mode=ro", uri=True)
    old_columns = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in old}
    conn.close()
    doc = Document.open(v2_copy)
    try:
        assert doc.migrated_from == 2 and SCHEMA_VERSION >= 4  # on to 5: blueprints
        assert doc.backup_path is not None and doc.backup_path.read_bytes() == original
        assert doc.rows("PRAGMA user_version")[0][0] == SCHEMA_VERSION
        # Every old row is kept as it was: the annotations stay on the map.
        raw = doc.raw_connection()
        for table, rows in old.items():
            cols = ", ".join(f'"{c}"' for c in old_columns[table])
            kept = raw.execute(f'SELECT {cols} FROM "{table}" ORDER BY 1').fetchall()
            assert kept == rows, table
        opps = doc.rows(
            "SELECT id, title, description, owner, status, value, effort, confidence, "
            "due_on, started_on, position FROM opportunity ORDER BY id"
        )
        assert opps == [
            (1, "Loyalty card at the till", "Loyalty card at the till", "", "idea", 3, 3,
             "medium", None, None, 0),
            (2, "Side-by-side comparison table",
             "Side-by-side comparison table\nWith delivery costs shown", "", "idea", 3, 3,
             "medium", None, None, 1),
        ]  # fmt: skip
        links = doc.rows(
            "SELECT opportunity_id, annotation_id, touchpoint_id, stage_id "
            "FROM opportunity_link ORDER BY opportunity_id, id"
        )
        # 1: pinned to the till (touchpoint 5) with its queue pain point (5).
        # 2: pinned to stage Compare (2): its pain point (7) and the one on its pricing
        #    page card (1); the evening help-line pain point (8) is elsewhere.
        assert links == [
            (1, None, 5, None),
            (1, 5, None, None),
            (2, None, None, 2),
            (2, 1, None, None),
            (2, 7, None, None),
        ]
        assert doc.rows("SELECT count(*) FROM solution")[0][0] == 0
        assert doc.rows("SELECT count(*) FROM target")[0][0] == 0
        assert doc.rows("PRAGMA foreign_key_check") == []
        assert position_problems(doc) == []
        assert "temp" not in " ".join(user_tables(raw))
        # The migrated file takes the new edits.
        editing.edit_opportunity(doc, 1, owner="Retail ops", value=5)
        editing.add_target(doc, 1, "nps", 10, touchpoint_id=5, from_value=-12)
        editing.delete_annotation(doc, 5)
        assert doc.rows("SELECT count(*) FROM opportunity_link WHERE annotation_id = 5") == [(0,)]
    finally:
        doc.close()
    again = Document.open(v2_copy)
    try:
        assert again.migrated_from is None
        assert again.rows("SELECT owner, value FROM opportunity WHERE id = 1") == [
            ("Retail ops", 5)
        ]
    finally:
        again.close()


def test_v1_file_migrates_all_the_way(tmp_path: Path) -> None:
    from tests.conftest import V1_FILE

    path = tmp_path / "v1.jmap"
    path.write_bytes(V1_FILE.read_bytes())
    with Document.open(path) as doc:
        assert doc.migrated_from == 1
        assert doc.rows("SELECT title FROM opportunity") == [("Loyalty card at the till",)]
        assert doc.rows("SELECT touchpoint_id FROM opportunity_link") == [(5,)]
