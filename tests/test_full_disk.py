"""A full disk (issue 14, item 2): every failed write reaches the user as one clear
message, the file, the undo stack and the scene stay equal, and nothing is left beside
the file. Uses a small tmpfs (root only); skipped cleanly where mounting is not allowed."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.cli import main
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.templates import create_workspace
from tests.conftest import sha256


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount is not permitted here: {done.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    """Fill the disk to the last byte."""
    with (folder / "filler").open("wb", buffering=0) as fh:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * size)


def _workspace(folder: Path) -> Path:
    path = folder / "map.jmap"
    with create_workspace(path, "retail") as doc:
        assert journey_ids(doc)
    return path


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name not in (path.name, "filler"))


def test_cli_import_on_a_full_disk_is_one_line_and_leaves_nothing(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workspace(small_disk)
    with create_workspace(tmp_path / "names.jmap", "retail") as doc:
        data = load_journey(doc, journey_ids(doc)[0][0])
        titles = [tp.title for tp in data.touchpoints.values()]
    rows = [
        f"{titles[i % len(titles)]},csat,{1 + i % 5},2024-03-{1 + i % 28:02d}" for i in range(4000)
    ]
    csv = tmp_path / "m.csv"
    csv.write_text("touchpoint,metric,value,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    _fill(small_disk)
    before = sha256(path)
    code = main(["import", "measurements", str(csv), str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "disk is full" in err, err
    assert sha256(path) == before
    assert _beside(path) == []


def test_an_edit_on_a_full_disk_is_reported_and_the_stack_stays_equal(
    qtbot, small_disk: Path
) -> None:
    from journeymapper.ui.main_window import MainWindow

    path = _workspace(small_disk)
    window = MainWindow()
    qtbot.addWidget(window)
    errors: list[str] = []
    window.show_error = errors.append  # type: ignore[method-assign]
    assert window.open_path(path)
    controller = window.controller
    data = load_journey(controller.doc, controller.journey_id)
    stage, lane = data.stages[0].id, next(ln.id for ln in data.lanes if ln.kind == "channel")
    assert controller.run("Add", editing.add_touchpoint, stage_id=stage, lane_id=lane, title="ok")
    _fill(small_disk)
    before_count = controller.undo_stack.count()
    big = "x" * 300_000
    result = None
    for i in range(20):  # until the disk refuses
        result = controller.run(
            "Add", editing.add_touchpoint, stage_id=stage, lane_id=lane, title=f"{big}{i}"
        )
        if result is None:
            break
        before_count = controller.undo_stack.count()
    assert result is None, "the disk never filled"
    assert errors and "disk is full" in errors[-1] and "Traceback" not in errors[-1]
    assert controller.undo_stack.count() == before_count
    assert not path.with_name(path.name + "-journal").exists()
    titles = {
        tp.title for tp in load_journey(controller.doc, controller.journey_id).touchpoints.values()
    }
    assert set(window.scene.cards) == {
        *load_journey(controller.doc, controller.journey_id).touchpoints
    }
    assert "ok" in titles
    window.safety.close_cleanly()
