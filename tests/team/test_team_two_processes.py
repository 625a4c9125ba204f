"""Two people, two processes, two windows (offscreen) editing one journey converge.

Each process runs ``tests.team.window_driver``: the real main window on the team URL,
scripted drags, F2 renames, deletes, adds and undos through the UI, interleaved with the
other process's edits as they arrive live. Both then print what their window shows; both
must equal each other and what the server holds, read fresh.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from journeymapper import editing
from journeymapper.team import server_schema
from journeymapper.templates import create_workspace
from tests.team.support import open_team, publish_copy
from tests.team.window_driver import journey_rows

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def url(team_url: str, tmp_path: Path) -> str:
    """Six cards over three cells of the blank template, published to the server."""
    path = tmp_path / "map.jmap"
    doc = create_workspace(path, "blank")
    stages = [r[0] for r in doc.rows("SELECT id FROM stage ORDER BY position")]
    lanes = {name: id_ for id_, name in doc.rows("SELECT id, name FROM lane")}
    cells = [(stages[0], "Website"), (stages[1], "Store"), (stages[2], "Website")]
    for n in range(6):
        stage, lane = cells[n % 3]
        editing.add_touchpoint(doc, stage, lanes[lane], f"Card {n}")
    doc.close()
    server_schema.init_server(team_url)
    return publish_copy(path, team_url)


def _start(url: str, seed: int, meet: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "JOURNEYMAPPER_DATA_DIR": tempfile.mkdtemp(dir=meet),
    }
    cmd = [sys.executable, "-m", "tests.team.window_driver", url, "--seed", str(seed)]
    cmd += ["--meet", str(meet), "--drivers", "2"]
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _shown(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-3000:]
    lines = [line for line in out.splitlines() if line.startswith("JSON ")]
    assert len(lines) == 1, (out[-2000:], err[-2000:])
    return dict(json.loads(lines[0][5:]))


def test_two_window_processes_converge_to_the_server(url: str, tmp_path: Path) -> None:
    converge(url, tmp_path, (11, 29))


def converge(url: str, tmp_path: Path, seeds: tuple[int, int]) -> list[dict[str, Any]]:
    """Run two drivers with ``seeds`` at once; check they and the server agree."""
    meet = tmp_path / "meet"
    meet.mkdir()
    procs = [_start(url, seed, meet) for seed in seeds]
    try:
        a, b = (_shown(p) for p in procs)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    doc = open_team(url)
    try:
        journey = doc.rows("SELECT id FROM journey ORDER BY position")[0][0]
        server = journey_rows(doc, journey)
        keys = {r[0]: r[1] for r in doc.rows("SELECT id, position FROM touchpoint")}
        logged = doc.rows("SELECT count(*) FROM jm_edit")[0][0]
    finally:
        doc.close()
    assert logged >= 10  # both people really edited (drags, renames, deletes, undos)
    for error in a["errors"] + b["errors"]:  # only clear refusals (a stale undo), no failure
        assert "not saved" not in error and "<" not in error, error
    assert a["cards"] == b["cards"]  # what both windows draw, where, in what order
    assert a["read"] == b["read"] == server  # and what both documents read: the server's
    for tp_id, cells, position, title, _xy in a["cards"]:
        row = next(r for r in server if r[0] == tp_id)
        assert cells == [[row[1], row[2]]] and [position, title] == row[3:]
    assert len(a["cards"]) == len(server)
    by_cell: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for tp_id, stage, lane, rank, _ in server:
        by_cell.setdefault((stage, lane), []).append((rank, tp_id))
    for cell in by_cell.values():  # each place shown is the rank of the card's stored key
        assert [rank for rank, _ in sorted(cell)] == list(range(len(cell)))
        assert [t for _, t in sorted(cell)] == sorted(
            (t for _, t in cell), key=lambda t: (keys[t], t)
        )
    return [a, b]


def test_a_card_someone_else_deleted_does_not_break_the_next_move(url: str) -> None:
    """Ann's session still holds a card Ben deleted; her next moves work (they failed on
    the stale object, every one of them, until the window was reopened)."""
    ann, ben = open_team(url), open_team(url)
    try:
        cards = ann.rows("SELECT id, stage_id, lane_id FROM touchpoint ORDER BY id")
        gone, first, other = cards[0], cards[3], cards[1]
        editing.edit_touchpoint(ann, gone[0], title="Held by Ann")
        editing.delete_touchpoint(ben, gone[0])
        editing.move_touchpoint(ann, first[0], other[1], other[2], 0)
        editing.move_touchpoint(ann, other[0], first[1], first[2], 0)
        rows = ben.rows(
            "SELECT id, stage_id, lane_id FROM touchpoint WHERE id IN (?, ?)", (first[0], other[0])
        )
        assert sorted(rows) == sorted(
            [(first[0], other[1], other[2]), (other[0], first[1], first[2])]
        )
    finally:
        ann.close()
        ben.close()
