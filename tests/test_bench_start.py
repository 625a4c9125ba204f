"""The benchmark prints the two start figures next to a bare PySide6 start of the same run."""

from __future__ import annotations

import pytest

from journeymapper.bench import runner


def test_bench_prints_the_start_figures_with_bare_baselines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert runner.main(["--start", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    lines = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    shown = lines["app start -> window shown"]
    painted = lines["app start -> map painted (retail)"]
    assert "<= 1.5x bare" in shown and "<= 3x bare" in painted
    for line in (shown, painted):
        assert "x " in line and ("pass" in line or "FAIL" in line), line  # a ratio and a verdict
    assert "raw: bare PySide6 window shown" in lines
