"""Hit-testing on a hand-built layout: which place of the map lies under a point (no Qt)."""

from __future__ import annotations

import subprocess
import sys

from journeymapper.geometry import layout as geo
from journeymapper.geometry.shapes import MapLayout, Rect
from journeymapper.ui.canvas.hit_test import ADD_STAGE_W, BORDER_GRIP, Zone, zone

H = geo.HEADER_H


def _layout() -> MapLayout:
    """Two stages (ids 1, 2) of width 200, a channel lane (10) and an emotion lane (11)."""
    left = geo.LEFT_W
    lay = MapLayout(stage_order=[1, 2], lane_order=[10, 11])
    for k, sid in enumerate((1, 2)):
        x = left + 200 * k
        lay.stages[sid] = Rect(x, 0, 200, H)
        lay.columns[sid] = Rect(x, H, 200, 300)
    lay.lanes[10] = Rect(0, H, left + 400, 100)
    lay.lanes[11] = Rect(0, H + 100, left + 400, 200)
    lay.emotion = [(99, left + 100, H + 150)]
    lay.width, lay.height = left + 400, H + 300
    return lay


def test_header_band_borders_slot_and_stages() -> None:
    lay, left = _layout(), geo.LEFT_W
    assert zone(lay, left + 200 + BORDER_GRIP, 10) == Zone("stage_border", 1)
    assert zone(lay, left + 400 - BORDER_GRIP, 10) == Zone("stage_border", 2)
    assert zone(lay, left + 50, 10) == Zone("stage", 1)
    assert zone(lay, left + 250, 10) == Zone("stage", 2)
    assert zone(lay, lay.width + ADD_STAGE_W / 2, 10) == Zone("new_stage")
    assert zone(lay, lay.width + ADD_STAGE_W + 10, 10) == Zone("none")
    assert zone(lay, geo.GROUP_W + 5, 10) == Zone("none")


def test_label_column_borders_before_labels() -> None:
    lay = _layout()
    x = geo.GROUP_W + 5
    assert zone(lay, x, H + 100) == Zone("lane_border", 10)
    assert zone(lay, x, H + 100 - (BORDER_GRIP - 1)) == Zone("lane_border", 10)
    assert zone(lay, x, H + 50) == Zone("lane_label", 10)
    assert zone(lay, x, H + 150) == Zone("lane_label", 11)


def test_emotion_points_only_inside_the_emotion_lane() -> None:
    lay, left = _layout(), geo.LEFT_W
    assert zone(lay, left + 106, H + 144, emotion_lane=11) == Zone("emotion_point", 99)
    assert zone(lay, left + 109, H + 150, emotion_lane=11) == Zone("cell", (1, 11))
    # Without an emotion lane the same point is just a cell.
    assert zone(lay, left + 100, H + 150) == Zone("cell", (1, 11))


def test_cells_and_outside() -> None:
    lay, left = _layout(), geo.LEFT_W
    assert zone(lay, left + 250, H + 20) == Zone("cell", (2, 10))
    assert zone(lay, left + 450, H + 20) == Zone("none")
    assert zone(lay, left + 50, -5) == Zone("none")


def test_hit_test_imports_no_qt() -> None:
    code = "import sys, journeymapper.ui.canvas.hit_test; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
