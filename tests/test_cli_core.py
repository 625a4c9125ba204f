"""The core commands: help, new, templates, info (text and JSON), usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper import cli
from journeymapper.model.document import SCHEMA_VERSION, Document
from journeymapper.templates import list_templates
from tests.conftest import dump, sha256


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_exits_0_and_lists_the_core_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("new", "templates", "info", "gui"):
        assert command in out


def test_help_of_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["new", "--help"])
    assert exit_info.value.code == 0
    assert "--template" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["info"], ["new"], ["info", "a.jmap", "--colour"], ["new", "x", "--force=3"]],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run([], capsys)
    assert code == 2
    assert "usage:" in out


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journeymapper", "templates"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "blank" in result.stdout


def test_templates_lists_every_template(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["templates"], capsys)
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    names = [t.name for t in list_templates()]
    assert len(lines) == len(names) >= 1
    assert lines[0].split()[0] == "blank"
    for line, name in zip(lines, names, strict=True):
        assert line.startswith(name)


def test_new_creates_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shop.jmap"
    code, out, err = run(["new", str(path)], capsys)
    assert code == 0 and err == ""
    assert str(path) in out
    doc = Document.open(path)
    try:
        assert doc.workspace().name == "shop"
        assert doc.rows("SELECT name FROM journey") == [("Customer journey",)]
        assert doc.rows("SELECT count(*) FROM stage")[0][0] == 5
        assert doc.rows("SELECT count(*) FROM lane")[0][0] == 11
    finally:
        doc.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.jmap"]


def test_new_adds_the_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, _err = run(["new", str(tmp_path / "plain"), "--template", "blank"], capsys)
    assert code == 0
    assert (tmp_path / "plain.jmap").is_file()


def test_new_refuses_to_overwrite_without_force(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = Document.open(workspace)
    doc.session.connection().exec_driver_sql("UPDATE workspace SET name = 'Keep me'")
    doc.session.commit()
    doc.close()
    before = sha256(workspace)
    code, out, err = run(["new", str(workspace)], capsys)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"journeymapper: error: {workspace} already exists (use --force to replace it)."
    ]
    assert sha256(workspace) == before

    code, _out, err = run(["new", "--force", str(workspace)], capsys)
    assert code == 0, err
    assert dump(workspace)["workspace"][0][1] == "map"
    assert sorted(p.name for p in workspace.parent.iterdir()) == [workspace.name]


def test_info_text(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha256(workspace)
    code, out, err = run(["info", str(workspace)], capsys)
    assert code == 0 and err == ""
    assert f"File format: {SCHEMA_VERSION}\n" in out
    assert "Journeys: 1" in out
    assert "Customer journey [current]: 5 stages, 11 lanes, 0 touchpoints" in out
    assert sha256(workspace) == before


def test_info_json(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["info", "--json", str(workspace)], capsys)
    assert code == 0 and err == ""
    info = json.loads(out)
    assert info["schema_version"] == info["current_schema_version"] == SCHEMA_VERSION
    assert info["workspace"] == "map"
    assert info["journeys"] == [
        {
            "name": "Customer journey",
            "state": "current",
            "persona": None,
            "stages": 5,
            "lanes": 11,
            "touchpoints": 0,
            "annotations": 0,
            "measurements": 0,
        }
    ]


def test_info_on_a_v1_file_reads_without_migrating(
    v1_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = v1_copy.read_bytes()
    code, out, err = run(["info", str(v1_copy)], capsys)
    assert code == 0 and err == ""
    assert "File format: 1 (older; upgraded when opened for editing)" in out
    assert "Buying a stroller [current, persona Busy parent]: 4 stages, 5 lanes" in out
    assert "6 touchpoints, 4 annotations, 6 measurements" in out

    code, out, err = run(["info", "--json", str(v1_copy)], capsys)
    assert code == 0 and err == ""
    info = json.loads(out)
    assert info["schema_version"] == 1
    assert info["current_schema_version"] == SCHEMA_VERSION
    assert info["workspace"] == "Retail study" and info["author"] == "A. Researcher"
    assert [j["name"] for j in info["journeys"]] == ["Buying a stroller", "Empty future"]
    assert info["journeys"][0]["measurements"] == 6
    assert info["journeys"][1]["touchpoints"] == 0

    assert v1_copy.read_bytes() == before
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == ["old.jmap"]
