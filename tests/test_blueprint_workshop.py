"""Workshop capture into a blueprint layer, with the keys a facilitator uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeymapper.templates import create_workspace
from tests.test_workshop import capture, mode_of, names, open_window, rows


def test_capture_a_step_into_a_backstage_layer(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "hotel.jmap"
    create_workspace(path, "hotel_blueprint").close()
    win = open_window(qtbot, path)
    mode = mode_of(win)
    stages, lanes = names(win)
    mode.enter()
    offered = [mode.capture.lane.itemText(i) for i in range(mode.capture.lane.count())]
    assert "Housekeeping & kitchen" in offered and "Systems & suppliers" in offered
    capture(mode, "Restock minibar", "Sta", "Hou")
    found = rows(path, "SELECT stage_id, lane_id FROM touchpoint WHERE title = 'Restock minibar'")
    assert found == [(stages["Stay"], lanes["Housekeeping & kitchen"])]
    assert rows(path, "SELECT kind FROM lane WHERE id = ?", (found[0][1],)) == [("backstage",)]
    mode.leave()
