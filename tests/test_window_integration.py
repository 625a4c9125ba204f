"""The analysis docks, heatmap, coverage matrix, imports and exports as wired in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget

from journeymapper import editing
from journeymapper.cli import main as cli_main
from journeymapper.model.document import Document
from journeymapper.templates import create_workspace
from journeymapper.ui.main_window import MainWindow
from tests.docks_support import open_window
from tests.test_charts_dock import bar_point, click

CSV_DIR = Path(__file__).parent / "data" / "csv"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    path = tmp_path / "shop.jmap"
    create_workspace(path, "retail").close()
    return open_window(qtbot, path)


def _rows(path: Path, sql: str) -> list:  # type: ignore[type-arg]
    with Document.open(path, read_only=True) as doc:
        return doc.rows(sql)


def test_clicking_a_chart_bar_selects_the_card(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    charts = window.analysis.charts
    charts.show()
    charts.raise_()
    charts.set_metric("csat")
    charts.show_chart("metric")
    plot = charts.plots["metric"]
    qtbot.waitExposed(plot)
    first = plot.bars[0].ids[0][0]
    click(plot, bar_point(plot, 0, 0))
    assert window.scene.selected_touchpoints() == [first]
    # and an edit of that card's CSAT changes the bar the chart draws
    before = list(plot.bars[0].width)
    value = 1.0 if before[0] > 3 else 5.0
    window.controller.run(
        "Set", editing.set_measurement, touchpoint_id=first, metric="csat", value=value,
        measured_on="2026-12-31",
    )  # fmt: skip
    qtbot.waitUntil(lambda: list(plot.bars[0].width) != before, timeout=3000)
    assert value in plot.bars[0].width


def test_chart_activation_selects_on_canvas(window: MainWindow) -> None:
    tp = sorted(window.scene.cards)[3]
    window.analysis.charts.touchpointsActivated.emit([tp])
    assert window.scene.selected_touchpoints() == [tp]


def test_health_stage_activation_selects_header(window: MainWindow) -> None:
    stage = window.scene.layout.stage_order[1]
    window.analysis.health.stagesActivated.emit([stage])
    assert window.scene.headers[stage].isSelected()


def test_heatmap_colours_cards_and_shows_legend(window: MainWindow) -> None:
    data = window.scene.data
    assert data is not None
    window.heatmap.set_heatmap("csat")
    with_csat = [t.id for t in data.touchpoints.values() if "csat" in t.latest]
    without = [t.id for t in data.touchpoints.values() if "csat" not in t.latest]
    assert with_csat and without
    colours = {window.scene.cards[t].heat_colour.name() for t in with_csat}  # type: ignore[union-attr]
    assert len(colours) >= 2
    assert window.heatmap.legend.isVisible()
    # an edit to a measurement recolours the card
    tp = with_csat[0]
    before = window.scene.cards[tp].heat_colour.name()  # type: ignore[union-attr]
    low = 1 if data.touchpoints[tp].latest["csat"].value > 3 else 5
    window.controller.run(
        "Set", editing.set_measurement, touchpoint_id=tp, metric="csat", value=low,
        measured_on="2026-12-01",
    )  # fmt: skip
    assert window.scene.cards[tp].heat_colour.name() != before  # type: ignore[union-attr]
    window.heatmap.set_heatmap(None)
    assert window.scene.cards[tp].heat_colour is None
    assert not window.heatmap.legend.isVisible()


def test_coverage_matrix_counts(window: MainWindow) -> None:
    dialog = window.show_coverage()
    assert dialog is not None
    table = dialog.findChild(QTableWidget)
    data = window.scene.data
    assert data is not None
    channel_lanes = [ln for ln in data.lanes if ln.kind == "channel"]
    assert table.rowCount() == len(channel_lanes)
    assert table.columnCount() == len(data.stages)
    total = 0
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            text = table.item(r, c).text()
            total += 0 if text == "—" else int(text)
    assert total == len(data.touchpoints)


@pytest.mark.parametrize("fmt", ["csv", "json", "png", "svg"])
def test_exports_from_the_window(window: MainWindow, tmp_path: Path, fmt: str) -> None:
    out = window.file_transfer.export(fmt, tmp_path / f"out.{fmt}")
    assert out is not None and out.exists() and out.stat().st_size > 500
    if fmt == "csv":
        assert "Store finder" in out.read_text(encoding="utf-8-sig")
    if fmt == "svg":
        assert "<svg" in out.read_text(encoding="utf-8")
    if fmt == "png":
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_to_missing_folder_is_refused(window: MainWindow, tmp_path: Path) -> None:
    out = window.file_transfer.export("png", tmp_path / "nope" / "map.png")
    assert out is None and "does not exist" in window.last_error


def test_import_touchpoints_is_one_undo_step(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = window.controller.path
    assert path is not None
    before = _rows(path, "SELECT count(*) FROM touchpoint")[0][0]
    dialog = window.file_transfer.open_import(CSV_DIR / "touchpoints_utf8.csv", "touchpoints")
    assert dialog.plan is not None and dialog.plan.ok
    dialog.run_import()
    after = _rows(path, "SELECT count(*) FROM touchpoint")[0][0]
    assert after > before
    assert len(window.scene.cards) == after
    window.undo_action.trigger()
    assert _rows(path, "SELECT count(*) FROM touchpoint")[0][0] == before
    assert len(window.scene.cards) == before


def test_cli_png_and_svg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.jmap"
    create_workspace(path, "support").close()
    assert cli_main(["export", "png", str(path), "-o", str(tmp_path / "m.png")]) == 0
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    assert cli_main(["export", "svg", str(path), "-o", str(tmp_path / "m.svg")]) == 0
    assert "<svg" in (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert cli_main(["export", "png", str(path), "-o", str(tmp_path / "no" / "m.png")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()


def test_edits_still_recorded_after_wiring(window: MainWindow) -> None:
    tp = sorted(window.scene.cards)[0]
    window.controller.run("Rename", editing.edit_touchpoint, touchpoint_id=tp, title="Renamed card")
    assert window.scene.cards[tp].tp.title == "Renamed card"
    path = window.controller.path
    assert _rows(path, f"SELECT title FROM touchpoint WHERE id = {tp}") == [("Renamed card",)]
