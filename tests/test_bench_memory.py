"""The benchmark's memory figure opens the map as generated, not as the other figures left it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journeymapper.bench import runner
from journeymapper.bench.figure import Figure
from journeymapper.bench.generate import generate_workspace

TABLES = ("touchpoint", "measurement", "journey", "connector", "annotation", "stage")


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_the_memory_figure_measures_a_fresh_copy_of_the_generated_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[dict[str, int]] = []
    edited: list[dict[str, int]] = []

    def memory(path: Path) -> list[Figure]:  # what the child process would open
        opened.append(_counts(path))
        edited.append(_counts(path.with_name("bench.jmap")))
        return []

    monkeypatch.setattr(runner, "_app_start", memory)
    monkeypatch.setattr(runner, "_ui", lambda *args: [])
    monkeypatch.setattr(runner, "start_figures", lambda *args: [])
    runner.run(touchpoints=200, repeat=3, ui=True)

    fresh = _counts(
        generate_workspace(tmp_path / "fresh.jmap", 200, annotations=50, blueprint=True)
    )
    assert opened == [fresh]
    assert edited[0]["measurement"] > fresh["measurement"]  # the edit figures added rows


def test_each_memory_child_opens_its_own_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening may write (a migration, a snapshot): no child sees what another left."""
    source = generate_workspace(tmp_path / "memory.jmap", 20, annotations=5)
    before = source.read_bytes()
    seen: list[str] = []

    class Child:
        def __init__(self, argv: list[str], **_: object) -> None:
            seen.append(argv[-1])
            Path(argv[-1]).write_bytes(b"written by the app")
            self.stdout = _Lines(["ready\n", "307200\n"])

        def wait(self, timeout: float) -> int:
            return 0

    monkeypatch.setattr(runner.subprocess, "Popen", Child)
    (figure,) = runner._peak_memory(source, {})
    assert figure.value == 300.0 and figure.passed
    assert "fresh file" in figure.budget
    assert len(set(seen)) == 3 and str(source) not in seen
    assert source.read_bytes() == before


class _Lines:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def readline(self) -> str:
        return self.lines.pop(0) if self.lines else ""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc figure")
def test_a_child_reports_its_own_peak_not_the_parents() -> None:
    """Linux carries a parent's high-water mark into a child's ru_maxrss across fork/vfork and
    exec: a child started by a bench that held 1 GB reported 1 GB. The figure is the child's."""
    import subprocess
    import sys

    held = bytearray(300 * 1024 * 1024)  # 300 MiB, every page touched
    held[::4096] = b"x" * len(held[::4096])
    script = (
        "import resource; from journeymapper.bench.memory import peak_rss_kb; "
        "print(peak_rss_kb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    own, inherited = (int(v) for v in out.stdout.split())
    del held
    assert own < 150 * 1024  # a bare interpreter: tens of MiB
    assert own <= inherited  # (on Linux ``inherited`` counts the parent's 300 MiB too)
