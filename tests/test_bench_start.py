"""The benchmark prints the two start figures next to a bare PySide6 start of the same run."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from journeymapper.bench import runner
from journeymapper.templates import create_workspace
from journeymapper.ui.recent_files import CONFIG_DIR_ENV, RecentFiles, app_settings


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


def test_the_bench_starts_leave_the_users_settings_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its children open workspaces in real windows: never into the user's Recent list."""
    user = tmp_path / "user-config"  # where the user's own settings live (Linux: XDG)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user))
    mine = tmp_path / "Mine.jmap"
    create_workspace(mine, "blank").close()
    native = QSettings(
        str(user / "JourneyMapper" / "JourneyMapper.conf"), QSettings.Format.IniFormat
    )
    RecentFiles(native).add(mine)
    native.sync()
    before = _files(user)
    assert before and str(mine) in next(iter(before.values())).decode()

    bench = tmp_path / "bench.jmap"
    create_workspace(bench, "retail").close()
    assert runner.start_figures(1)[2].value is not None  # app start -> window shown
    runner._app_start(bench)  # the memory child: opens bench.jmap in the main window

    assert _files(user) == before
    assert RecentFiles(native).paths() == [mine]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_config_dir_variable_moves_the_settings_on_every_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XDG_CONFIG_HOME moves Qt's settings on Linux only; the benchmark's children also set
    JOURNEYMAPPER_CONFIG_DIR, which the app heeds everywhere."""
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "cfg"))
    settings = app_settings()
    RecentFiles(settings).add(tmp_path / "A.jmap")
    settings.sync()
    assert str(tmp_path / "A.jmap") in (tmp_path / "cfg" / "JourneyMapper.ini").read_text()
    assert RecentFiles(app_settings()).paths() == [tmp_path / "A.jmap"]
