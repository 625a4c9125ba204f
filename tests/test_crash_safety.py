"""Crash safety: a process editing a workspace is SIGKILLed at random moments.

A small worker script edits through :mod:`journeymapper.editing` and prints a
line after each edit has committed. The test kills it at a random moment —
between edits, inside a transaction or its commit, in the middle of a Save As
or of an upgrade from file format 1 — then reopens every file it touched:
``PRAGMA integrity_check`` must say ``ok``, every edit reported committed must
be there, and identity and schema version must be intact.

To fit many kills into a few seconds, a "zygote" process imports the app once
and forks one worker per round; the test kills the worker, never the zygote.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from journeymapper.model.document import APPLICATION_ID, SCHEMA_VERSION, Document, check_file
from journeymapper.templates import create_workspace

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

V1_FILE = Path(__file__).parent / "data" / "v1.jmap"
TIME_BUDGET_S = 15.0

ZYGOTE = r"""
import os, shutil, sys
from journeymapper import editing
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.model.document import Document
from journeymapper.model.enums import LaneKind


def say(text):
    os.write(1, (text + " .\n").encode())


def cell(doc):
    data = load_journey(doc, journey_ids(doc)[0][0])
    lane = next(ln for ln in data.lanes if ln.kind == LaneKind.CHANNEL)
    return data.stages[0].id, lane.id


def edits(path, seed):
    doc = Document.open(path)
    stage, lane = cell(doc)
    last = None
    i = 0
    while True:
        if i % 5 == 4:
            say(f"begin b{seed}-{i}")
            with doc.transaction() as s:
                for k in range(40):
                    editing.perform(s, "add_touchpoint", stage_id=stage, lane_id=lane,
                                    title=f"b{seed}-{i}-{k}")
            say(f"batch b{seed}-{i} 40")
        elif i % 3 == 2 and last is not None:
            title = f"w{seed}-{last[1]}-r"
            editing.edit_touchpoint(doc, last[0], title=title)
            say(f"edit {last[0]} {title}")
        else:
            res = editing.add_touchpoint(doc, stage, lane, f"w{seed}-{i}")
            last = (res.created_id, i)
            say(f"add {res.created_id} w{seed}-{i}")
        i += 1


def save_as(path, seed):
    doc = Document.open(path)
    stage, lane = cell(doc)
    folder = os.path.dirname(path)
    i = 0
    while True:
        editing.add_touchpoint(doc, stage, lane, f"s{seed}-{i}")
        say(f"add 0 s{seed}-{i}")
        target = os.path.join(folder, f"sa{seed}-{i}.jmap")
        doc.save_as(target)
        say(f"saved {target}")
        i += 1


def migrate(path, seed):
    folder = os.path.dirname(path)
    i = 0
    while True:
        target = os.path.join(folder, f"m{seed}-{i}.jmap")
        shutil.copyfile(path, target)
        say(f"copied {target}")
        Document.open(target).close()
        say(f"migrated {target}")
        i += 1


MODES = {"edits": edits, "save_as": save_as, "migrate": migrate}
say("ready")
for line in sys.stdin:
    mode, path, seed = line.split()
    pid = os.fork()
    if pid == 0:
        try:
            MODES[mode](path, seed)
        except BaseException as exc:
            say(f"error {type(exc).__name__}: {exc}".replace("\n", " "))
        os._exit(1)
    say(f"pid {pid}")
    _, status = os.waitpid(pid, 0)
    os.write(1, f"\ndone {pid} {status} .\n".encode())
"""


class Zygote:
    """The forking helper process and the line protocol spoken with it."""

    def __init__(self, folder: Path) -> None:
        script = folder / "zygote.py"
        script.write_text(ZYGOTE, encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert self._line() == "ready ."

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("the zygote process died")
        return line.strip()

    def run(self, mode: str, path: Path, seed: str, kill_after: float) -> list[str]:
        """Start a worker, SIGKILL it after ``kill_after`` seconds; return its complete lines."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{mode} {path} {seed}\n")
        self.proc.stdin.flush()
        lines: list[str] = []
        while not (match := re.fullmatch(r"pid (\d+) \.", line := self._line())):
            lines.append(self._worker_line(line))  # the worker may speak before the zygote
        pid = int(match.group(1))
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
        while True:
            line = self._line()
            if line.startswith(f"done {pid} "):
                assert line.endswith(" ."), line
                status = int(line.split()[2])
                assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                    f"worker was not killed but ended: {lines[-3:]}"
                )
                return [x for x in lines if x]
            lines.append(self._worker_line(line))

    @staticmethod
    def _worker_line(line: str) -> str:
        """A complete line of the worker without its end mark ('' for a torn one)."""
        assert not line.startswith("error "), line
        return line[:-2] if line.endswith(" .") else ""

    def close(self) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def verify(path: Path) -> Document:
    """Open as the app does after a crash; identity, version and integrity intact."""
    doc = Document.open(path)
    assert [r[0] for r in doc.rows("PRAGMA integrity_check")] == ["ok"]
    assert doc.rows("PRAGMA application_id")[0][0] == APPLICATION_ID
    assert doc.rows("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    return doc


def titles(doc: Document) -> dict[int, str]:
    return {r[0]: r[1] for r in doc.rows("SELECT id, title FROM touchpoint")}


def check_edits(path: Path, lines: list[str], reported: dict[int, str]) -> None:
    """Every add, edit and batch that was reported is in the file; no batch is partial."""
    for line in lines:
        kind, *rest = line.split()
        if kind in ("add", "edit"):
            reported[int(rest[0])] = rest[1]
    doc = verify(path)
    try:
        found = titles(doc)
        for tp_id, title in reported.items():
            assert tp_id in found, f"committed touchpoint {tp_id} ({title}) was lost"
            # The edit in flight at the kill may have committed without being reported.
            assert found[tp_id] in (title, f"{title}-r"), (tp_id, title, found[tp_id])
        batches = Counter(t.rsplit("-", 1)[0] for t in found.values() if t.startswith("b"))
        assert all(n == 40 for n in batches.values()), f"a batch is partial: {batches}"
        for line in lines:
            if line.startswith("batch "):
                assert batches[line.split()[1]] == 40, f"committed batch lost: {line}"
    finally:
        doc.close()


def check_save_as(folder: Path, source: Path, lines: list[str], seed: str) -> None:
    """Each reported copy is whole and holds every edit made before it; none is torn."""
    added: list[str] = []
    for line in lines:
        kind, value = line.split()[0], line.split()[-1]
        if kind == "add":
            added.append(value)
        elif kind == "saved":
            doc = verify(Path(value))
            try:
                assert set(added) <= set(titles(doc).values()), f"{value} lacks edits"
            finally:
                doc.close()
    for copy in folder.glob(f"sa{seed}-*.jmap"):
        verify(copy).close()  # even an unreported one: it appears whole or not at all
    verify(source).close()


def check_migrate(lines: list[str], v1_touchpoints: int) -> None:
    for line in lines:
        if line.startswith("copied "):
            target = Path(line.split()[1])
            doc = verify(target)  # finishes (or redoes) the interrupted upgrade
            try:
                assert doc.rows("SELECT count(*) FROM touchpoint")[0][0] == v1_touchpoints
            finally:
                doc.close()
            backup = target.with_name(f"{target.stem}.v1-backup.jmap")
            if backup.exists():
                assert check_file(backup).schema_version == 1


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path: Path) -> None:
    rng = random.Random(os.environ.get("JM_CRASH_SEED", "journeymapper"))
    edits_file = tmp_path / "edits.jmap"
    create_workspace(edits_file, "blank").close()
    saves = tmp_path / "saves"
    saves.mkdir()
    save_source = saves / "source.jmap"
    create_workspace(save_source, "blank").close()
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    v1 = migrations / "v1.jmap"
    v1.write_bytes(V1_FILE.read_bytes())
    v1_touchpoints = _count_touchpoints(v1)

    zygote = Zygote(tmp_path)
    reported: dict[int, str] = {}
    stats: Counter[str] = Counter()
    start = time.monotonic()
    rounds = 0
    try:
        while time.monotonic() - start < TIME_BUDGET_S:
            mode = ("edits", "edits", "save_as", "migrate")[rounds % 4]
            seed = f"r{rounds}"
            kill_after = rng.uniform(0.005, 0.25)
            if mode == "edits":
                hot = edits_file.with_name(edits_file.name + "-journal")
                lines = zygote.run(mode, edits_file, seed, kill_after)
                stats["hot journal left"] += hot.exists()
                check_edits(edits_file, lines, reported)
            elif mode == "save_as":
                lines = zygote.run(mode, save_source, seed, kill_after)
                check_save_as(saves, save_source, lines, seed)
            else:
                if not V1_FILE.exists():
                    rounds += 1
                    continue
                lines = zygote.run(mode, v1, seed, kill_after)
                check_migrate(lines, v1_touchpoints)
            stats[f"{mode} lines"] += len(lines)
            rounds += 1
    finally:
        zygote.close()
    print(f"crash rounds: {rounds}, {dict(stats)}, committed touchpoints kept: {len(reported)}")
    assert rounds >= 12, f"only {rounds} kill rounds ran in {TIME_BUDGET_S} s"
    assert stats["edits lines"] > 0 and stats["save_as lines"] > 0


def _count_touchpoints(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM touchpoint").fetchone()[0]
    finally:
        conn.close()
