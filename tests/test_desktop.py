"""Living on a desktop: `journeymapper FILE`, the desktop entry and MIME type, a quick relaunch."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeymapper import desktop
from journeymapper.cli import main as cli_main
from journeymapper.templates import create_workspace
from tests.app_start_support import run_app

ROOT = Path(__file__).resolve().parent.parent


def test_a_file_argument_opens_the_window_on_it(tmp_path: Path) -> None:
    path = tmp_path / "Shop floor.jmap"
    create_workspace(path, "retail").close()
    seen = run_app([str(path)], tmp_path / "settings", tmp_path / "data")
    assert seen["path"] == str(path)
    assert seen["cards"] == 26


def test_a_missing_file_gets_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["no-such-map.jmap"]) == 1
    err = capsys.readouterr().err
    assert "no-such-map.jmap: no such workspace file" in err
    assert "Traceback" not in err
    # subcommands are not files
    assert cli_main(["templates"]) == 0


def _installed(home: Path) -> set[Path]:
    return {p for p in home.rglob("*") if p.is_file()}


def test_desktop_install_writes_valid_files_and_uninstall_removes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "share"
    unrelated = home / "applications" / "someone-else.desktop"
    unrelated.parent.mkdir(parents=True)
    unrelated.write_text("[Desktop Entry]\nType=Application\nName=X\nExec=x\n")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert cli_main(["desktop", "install"]) == 0
    files = desktop.DesktopFiles(home)
    written = set(files.all())
    assert written <= _installed(home)

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(files.entry, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert desktop.MIME_TYPE in section["MimeType"].split(";")
    assert section["Exec"].endswith(" gui %f")
    program = section["Exec"].split()[0].strip("'")
    assert Path(program).exists() or shutil.which(program)
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(files.entry)], capture_output=True)
        assert check.returncode == 0, check.stdout + check.stderr

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(files.mime).getroot().find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == desktop.MIME_TYPE
    glob = mime.find("m:glob", ns)
    assert glob is not None and glob.get("pattern") == "*.jmap"
    outer = mime.find("m:magic/m:match", ns)
    inner = mime.find("m:magic/m:match/m:match", ns)
    assert outer is not None and inner is not None
    # the magic really matches a workspace file's bytes
    workspace = tmp_path / "w.jmap"
    create_workspace(workspace, "blank").close()
    head = workspace.read_bytes()[:100]
    value = outer.get("value", "").encode()
    assert head[int(outer.get("offset", "-1")) :].startswith(value)
    offset = int(inner.get("offset", "-1"))
    assert int.from_bytes(head[offset : offset + 4], "big") == int(inner.get("value", "0"), 16)

    for icon in files.icons:
        data = icon.read_bytes()
        assert data.startswith(b"\x89PNG") or b"<svg" in data

    assert cli_main(["desktop", "uninstall"]) == 0
    assert not any(p.exists() for p in written)
    assert unrelated.exists()


def _fake_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    shutil.copy(ROOT / "scripts" / "venv.sh", project / "scripts" / "venv.sh")
    python = project / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$@" >> "$(dirname "$0")/../installs.log"\n')
    python.chmod(0o755)
    return project


def _ensure(project: Path, extras: str) -> int:
    subprocess.run(
        ["bash", "-c", f'source scripts/venv.sh && ensure_venv "{extras}"'],
        cwd=project,
        check=True,
        env={**os.environ},
    )
    log = project / ".venv" / "installs.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_run_script_installs_once_until_pyproject_changes(tmp_path: Path) -> None:
    project = _fake_project(tmp_path)
    assert _ensure(project, "") == 1  # first launch: install
    assert _ensure(project, "") == 1  # second launch: nothing to do
    assert _ensure(project, "test") == 2  # the test tools are extra
    assert _ensure(project, "test") == 2
    assert _ensure(project, "") == 2  # a venv with the test tools serves the app too
    with (project / "pyproject.toml").open("a") as f:
        f.write("\n# a dependency changed\n")
    assert _ensure(project, "") == 3
    assert _ensure(project, "") == 3


def test_run_script_uses_the_stamp() -> None:
    text = (ROOT / "scripts" / "run").read_text()
    assert "ensure_venv" in text and "python3 -m venv .venv\n" not in text
