"""Shared fixtures and helpers of the foundation tests (keep small).

Helpers are plain functions so that hypothesis tests, which cannot take
function-scoped fixtures, can import them: ``from tests.conftest import dump``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeymapper.model.document import Document
from journeymapper.store.journey_data import JourneyData, find_journey, load_journey
from journeymapper.store.order_keys import SPARSE
from journeymapper.store.subtree import ORDER_SCOPES
from journeymapper.templates import create_workspace

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _isolated_app_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the app's data folder (samples, snapshots, recovery) and Qt settings out of the
    user's home while tests run, and render offscreen even where QT_QPA_PLATFORM is unset."""
    import os

    folder = tmp_path_factory.mktemp("appdata")
    saved = {k: os.environ.get(k) for k in ("JOURNEYMAPPER_DATA_DIR", "XDG_CONFIG_HOME")}
    os.environ["JOURNEYMAPPER_DATA_DIR"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    yield
    # As the app does when it quits (pytest never quits it): cards left on the clipboard
    # would crash the interpreter's exit.
    if "PySide6.QtWidgets" in sys.modules:
        from journeymapper.ui.app import release_clipboard

        release_clipboard()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


V1_FILE = DATA / "v1.jmap"


def frame_ids(data: JourneyData) -> tuple[list[int], dict[str, int]]:
    """A journey's stage ids in order and its lane ids by name (what most set-ups place by)."""
    return [s.id for s in data.stages], {ln.name: ln.id for ln in data.lanes}


def blank_map(path: Path) -> tuple[Document, int, list[int], dict[str, int]]:
    """A new workspace from the blank template: (open doc, journey, stage ids, lane ids)."""
    doc = create_workspace(path, "blank")
    journey = find_journey(doc, None)
    return doc, journey, *frame_ids(load_journey(doc, journey))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def user_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _primary_key(conn: sqlite3.Connection, table: str) -> list[str]:
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]


def dump(target: Document | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every user table, ordered by primary key.

    Given a path, reads the file through its own read-only connection: what is
    committed, not what a session may hold.
    """
    if isinstance(target, Document):
        conn = target.raw_connection()
        return _dump(conn)
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        return _dump(conn)
    finally:
        conn.close()


def _dump(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in user_tables(conn):
        order = ", ".join(f'"{c}"' for c in _primary_key(conn, table)) or "rowid"
        cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}')
        out[table] = cursor.fetchall()
        if table in SPARSE:
            out[table] = ranked_rows(table, [d[0] for d in cursor.description], out[table])
    return out


def ranked_rows(
    table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Rows with each sparse order key replaced by its rank in its scope (what the user sees).

    An undo puts a card back at its place (rank), not necessarily under its old key.
    """
    at = columns.index("position")
    scope = [columns.index(c) for c in ORDER_SCOPES[table]]
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[i] for i in scope), []).append(row)
    rank: dict[Any, int] = {}
    for members in groups.values():
        for i, row in enumerate(sorted(members, key=lambda r: (r[at], r[0]))):
            rank[row[0]] = i
    return [(*row[:at], rank[row[0]], *row[at + 1 :]) for row in rows]


def position_problems(doc: Document) -> list[str]:
    """Ordered scopes whose positions are not exactly 0..n-1 (empty when all are).

    In a sparse-keyed table (cards) the keys need only be distinct within their scope:
    the order is (key, id), and the tests compare it with their own model of it.
    """
    problems = []
    for table, scope in ORDER_SCOPES.items():
        # Plain SQL grouped here, so that it runs on a file and on a team server alike.
        groups: dict[tuple[Any, ...], list[int]] = {}
        for row in doc.rows(f"SELECT {''.join(c + ', ' for c in scope)}position FROM {table}"):
            groups.setdefault(tuple(row[:-1]), []).append(int(row[-1]))
        for key, positions in groups.items():
            found = sorted(positions)
            if table in SPARSE and len(set(found)) != len(found):
                problems.append(f"{table} {key}: repeated keys {found}")
            elif table not in SPARSE and found != list(range(len(found))):
                problems.append(f"{table} {key}: {found}")
    return problems


@pytest.fixture(scope="session")
def blank_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a blank-template workspace, made once per test run."""
    path = tmp_path_factory.mktemp("blank") / "map.jmap"
    create_workspace(path, "blank").close()
    return path.read_bytes()


@pytest.fixture
def workspace(tmp_path: Path, blank_bytes: bytes) -> Path:
    """A closed workspace file made from the blank template (a fresh copy per test)."""
    path = tmp_path / "map.jmap"
    path.write_bytes(blank_bytes)
    return path


@pytest.fixture
def doc(workspace: Path) -> Iterator[Document]:
    """The blank-template workspace, open for editing (closed afterwards)."""
    document = Document.open(workspace)
    yield document
    document.close()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    """A private copy of the committed version-1 file."""
    path = tmp_path / "old.jmap"
    path.write_bytes(V1_FILE.read_bytes())
    return path


@pytest.fixture
def hotel_blueprint(tmp_path: Path) -> Path:
    """A fresh workspace from the hotel service-blueprint template (layers and connectors)."""
    path = tmp_path / "hotel.jmap"
    create_workspace(path, "hotel_blueprint").close()
    return path
