"""The Qt half of the benchmark: scene build and paint, drag steps, undo/redo, charts.

Runs offscreen; each figure is a median over repeated runs, next to a bare
QGraphicsScene baseline doing the same amount of drawing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The offscreen platform warns about window size hints it ignores; keep the table readable.
os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")

from collections.abc import Callable  # noqa: E402

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from journeymapper import editing
from journeymapper.bench.baselines import median_ms, paired_median_ms  # noqa: E402
from journeymapper.editing import Changes, Edit  # noqa: E402
from journeymapper.model.document import Document  # noqa: E402
from journeymapper.ui.app import create_app  # noqa: E402
from journeymapper.ui.canvas.editable_scene import EditableScene  # noqa: E402
from journeymapper.ui.canvas.interactions import CardDrag  # noqa: E402
from journeymapper.ui.canvas.view import JourneyView  # noqa: E402
from journeymapper.ui.controller import DocumentController  # noqa: E402

VIEW_W, VIEW_H = 1600, 1000


def _render(scene: QGraphicsScene, source: QRectF) -> None:
    image = QImage(VIEW_W, VIEW_H, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, VIEW_W, VIEW_H), source)
    painter.end()


def raw_scene(count: int) -> tuple[float, float]:
    """Build ``count`` plain rect+text items, then paint them all: (build ms, paint ms)."""
    create_app()
    builds, paints = [], []
    for _ in range(3):
        scene = QGraphicsScene()
        start = time.perf_counter()
        for i in range(count):
            rect = QGraphicsRectItem(0, 0, 150, 78)
            rect.setPos(160 + (i % 60) * 160, 60 + (i // 60) * 86)
            text = QGraphicsSimpleTextItem(f"Touchpoint {i}", rect)
            text.setPos(6, 6)
            scene.addItem(rect)
        builds.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        _render(scene, scene.itemsBoundingRect())
        paints.append((time.perf_counter() - start) * 1000)
        scene.clear()
    return sorted(builds)[1], sorted(paints)[1]


def open_to_first_paint(path: Path) -> float:
    """Open the file, read the journey, build the scene and paint the whole map once (ms)."""
    create_app()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        doc = Document.open(path)
        scene = EditableScene()
        scene.show_journey(doc, 1)
        _render(scene, scene.sceneRect())
        times.append((time.perf_counter() - start) * 1000)
        scene.clear()
        doc.close()
    return sorted(times)[1]


class UiSession:
    """A controller, scene and view on one workspace, as the main window wires them."""

    def __init__(self, path: Path) -> None:
        create_app()
        self.controller = DocumentController()
        self.scene = EditableScene()
        self.scene.controller = self.controller
        self.controller.changed.connect(self.scene.apply_changes)
        self.controller.journeyChanged.connect(
            lambda: self.scene.show_journey(self.controller.doc, self.controller.journey_id)
        )
        self.view = JourneyView(self.scene)
        self.view.resize(VIEW_W, VIEW_H)
        self.view.show()
        self.controller.set_document(Document.open(path))
        self.view.reset_zoom()
        self.view.centerOn(900, 500)
        QApplication.processEvents()  # expose the window so repaints really paint

    def close(self) -> None:
        self.view.close()
        self.controller.close_document()


def undo_redo_step(
    session: UiSession, repeat: int, raw: Callable[[], object]
) -> tuple[float, float]:
    """Medians (ms) of a ``raw`` commit and of one undo or redo of a card move, scene update
    included, timed turn about."""
    data = session.scene.data
    assert data is not None
    tp = next(iter(data.touchpoints.values()))
    target_stage = next(s.id for s in data.stages if s.id != tp.stage_id)
    session.controller.run(
        "Move",
        editing.move_touchpoint,
        touchpoint_id=tp.id,
        stage_id=target_stage,
        lane_id=tp.lane_id,
    )
    stack = session.controller.undo_stack
    flip = [True]

    def step() -> None:
        if flip[0]:
            stack.undo()
        else:
            stack.redo()
        flip[0] = not flip[0]

    return paired_median_ms(raw, step, repeat)


def drag_step(session: UiSession, repeat: int) -> float:
    """Median of one mouse-move of a card drag: the card follows, the indicator updates,
    the view repaints what changed (ms). The card has no connectors, at every map size
    (:func:`connected_drag_step` times one that has)."""
    scene = session.scene
    assert scene.data is not None
    visible = session.view.mapToScene(session.view.viewport().rect()).boundingRect()
    shown = [c for c in scene.cards.values() if visible.contains(c.sceneBoundingRect())]
    linked = scene.blueprint.by_card
    card = next((c for c in shown if not linked.get(c.touchpoint_id)), shown[0])
    start = card.sceneBoundingRect().center()
    drag = CardDrag(scene, start, [card])
    offsets = [QPointF(40 + (i % 20) * 23, 15 + (i % 7) * 31) for i in range(repeat + 1)]
    i = [0]

    def step() -> None:
        drag.move(start + offsets[i[0] % len(offsets)])
        QApplication.processEvents()  # Qt repaints the dirty regions, as in the app
        i[0] += 1

    result = median_ms(step, repeat)
    drag.cancel()
    return result


def connected_drag_step(session: UiSession, repeat: int) -> tuple[float, float, int]:
    """Median of one mouse-move dragging the visible card with the most connectors (ms), the
    connectors re-routed per move, and that card's degree."""
    scene = session.scene
    layer = scene.blueprint
    visible = session.view.mapToScene(session.view.viewport().rect()).boundingRect()
    shown = [c for c in scene.cards.values() if visible.contains(c.sceneBoundingRect())]
    card = max(shown, key=lambda c: len(layer.by_card.get(c.touchpoint_id, ())))
    degree = len(layer.by_card.get(card.touchpoint_id, ()))
    start = card.sceneBoundingRect().center()
    drag = CardDrag(scene, start, [card])
    offsets = [QPointF(40 + (i % 20) * 23, 15 + (i % 7) * 31) for i in range(repeat + 1)]
    i = [0]
    before = layer.routed

    def step() -> None:
        drag.move(start + offsets[i[0] % len(offsets)])
        QApplication.processEvents()
        i[0] += 1

    result = median_ms(step, repeat)
    routed = (layer.routed - before) / max(1, i[0])
    drag.cancel()
    return result, routed, degree


def charts_refresh(session: UiSession, repeat: int) -> float | None:
    """Median time for the Charts dock to follow an edit, on its slowest chart (ms; None when
    the dock does not exist).

    As in the window: the edit's changes go to ``apply_changes`` (what DeferredRefresh calls),
    and the shown dock repaints. The canvas repaints the edit first, outside the timing.
    """
    try:
        from journeymapper.ui.docks.charts.dock import CHARTS, ChartsDock
    except ImportError:
        return None
    dock = ChartsDock()
    dock.resize(900, 320)
    dock.show()
    doc = session.controller.doc
    assert doc is not None and session.scene.data is not None
    dock.show_journey(doc, session.scene.data.id)
    tp = next(iter(session.scene.data.touchpoints))
    dock.highlight_touchpoints([tp])  # the trend chart has something to show
    values = [3.0, 4.0]
    k = [0]
    captured: list[Changes] = []

    def grab(changes: Changes) -> None:
        captured.append(changes)

    session.controller.changed.connect(grab)

    def step() -> None:
        k[0] += 1
        session.controller.run_edit(
            "Set",
            Edit.of(
                editing.set_measurement,
                touchpoint_id=tp, metric="csat", value=values[k[0] % 2], measured_on="2026-01-01",
            ),
        )  # fmt: skip
        QApplication.processEvents()
        start = time.perf_counter()
        dock.apply_changes(captured[-1])
        QApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)

    medians = []
    for name in CHARTS:
        dock.show_chart(name)
        QApplication.processEvents()
        times: list[float] = []
        for _ in range(repeat + 1):
            step()
        medians.append(sorted(times[1:])[len(times[1:]) // 2])
    session.controller.changed.disconnect(grab)
    dock.close()
    return max(medians)


def health_refresh(session: UiSession, repeat: int) -> float:
    """Median ms for the shown Health dock to follow an edit (a card moved to another stage,
    or a new measurement), as DeferredRefresh hands it the edit's changes."""
    from journeymapper.ui.docks.health import HealthDock

    dock = HealthDock()
    dock.resize(520, 420)
    dock.show()
    doc, data = session.controller.doc, session.scene.data
    assert doc is not None and data is not None
    dock.show_journey(doc, data.id)
    tp = next(iter(data.touchpoints.values()))
    stages = [tp.stage_id, next(s.id for s in data.stages if s.id != tp.stage_id)]
    k = [0]
    times: list[float] = []

    def step() -> None:
        k[0] += 1
        if k[0] % 2:
            edit = Edit.of(editing.move_touchpoint, touchpoint_id=tp.id,
                           stage_id=stages[k[0] // 2 % 2], lane_id=tp.lane_id)  # fmt: skip
        else:
            edit = Edit.of(editing.set_measurement, touchpoint_id=tp.id, metric="ces",
                           value=1 + k[0] % 5, measured_on="2026-01-01")  # fmt: skip
        result = session.controller.run_edit("Edit", edit)
        assert result is not None
        QApplication.processEvents()
        start = time.perf_counter()
        dock.apply_changes(result.changes)
        QApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)

    for _ in range(repeat + 1):
        step()
    dock.close()
    rest = sorted(times[1:])
    return rest[len(rest) // 2]


__all__ = [
    "Qt",
    "UiSession",
    "charts_refresh",
    "drag_step",
    "health_refresh",
    "open_to_first_paint",
    "raw_scene",
    "undo_redo_step",
]


def open_portfolio(session: UiSession, repeat: int) -> float:
    """Median ms to open the Portfolio dock (built hidden at start, as the window does):
    read the portfolio, fill the table and the matrix, show and paint it."""
    from journeymapper.ui.docks.portfolio import PortfolioDock

    dock = PortfolioDock(session.controller, session.scene)
    dock.resize(900, 700)

    def step() -> None:
        dock.hide()
        dock.refresh()
        dock.show()
        dock.repaint()
        QApplication.processEvents()

    try:
        return median_ms(step, repeat)
    finally:
        dock.close()
        dock.deleteLater()
        QApplication.processEvents()
