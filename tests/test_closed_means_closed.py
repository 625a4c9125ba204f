"""Closed means closed: after a clean close a workspace is one file, nothing beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.templates import create_workspace

V1_FILE = Path(__file__).parent / "data" / "v1.jmap"


def beside(path: Path) -> list[str]:
    return [p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path]


def _edit(doc: Document) -> None:
    data = load_journey(doc, journey_ids(doc)[0][0])
    lane = next(ln for ln in data.lanes if ln.kind == "channel")
    editing.add_touchpoint(doc, data.stages[0].id, lane.id, "Card")
    editing.rename_stage(doc, data.stages[0].id, "Renamed")


def test_document_api_leaves_one_file(tmp_path: Path) -> None:
    path = tmp_path / "map.jmap"
    doc = create_workspace(path, "blank")
    _edit(doc)
    assert doc.rows("PRAGMA journal_mode")[0][0] == "delete"
    doc.close()
    assert beside(path) == []

    with Document.open(path) as doc:
        _edit(doc)
    assert beside(path) == []

    with Document.open(path, read_only=True) as doc:
        load_journey(doc, journey_ids(doc)[0][0])
    assert beside(path) == []

    doc = Document.open(path)
    target = tmp_path / "copy.jmap"
    doc.save_as(target)
    _edit(doc)
    doc.close()
    assert beside(path) == [] and beside(target) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.jmap", "map.jmap"]


def test_failed_transaction_then_close_leaves_one_file(tmp_path: Path) -> None:
    path = tmp_path / "map.jmap"
    doc = create_workspace(path, "blank")
    with pytest.raises(RuntimeError), doc.transaction() as s:
        editing.perform(s, "add_journey", name="Half")
        raise RuntimeError("interrupted")
    doc.close()
    assert beside(path) == []


@pytest.mark.skipif(not V1_FILE.exists(), reason="tests/data/v1.jmap not present")
def test_migrated_file_leaves_only_its_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.jmap"
    path.write_bytes(V1_FILE.read_bytes())
    with Document.open(path) as doc:
        assert doc.migrated_from == 1
    assert beside(path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.jmap", "old.v1-backup.jmap"]


def test_main_window_close_leaves_one_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymapper.ui.main_window import MainWindow

    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "appdata"))
    path = tmp_path / "map.jmap"
    create_workspace(path, "blank").close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    assert beside(path) == [path.name + ".lock"]  # one writer while open
    window.scene.actions.add_stage()
    window.controller.undo_stack.undo()
    window.controller.undo_stack.redo()
    window.save_as(tmp_path / "other.jmap")
    window.scene.actions.add_stage()
    window.close()
    for name in ("map.jmap", "other.jmap"):
        assert beside(tmp_path / name) == [], name
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["map.jmap", "other.jmap"]
