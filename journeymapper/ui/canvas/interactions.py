"""Mouse modes of the canvas, one small class each (drag cards, resize/reorder/draw stages …).

An interaction starts on a mouse press, follows the mouse by moving only the
items involved (never the whole map), and on release turns the gesture into
one edit (or one batch) through the controller: one gesture, one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsRectItem

from journeymapper import editing
from journeymapper.editing import MIN_LANE_HEIGHT, MIN_STAGE_WIDTH
from journeymapper.editing.moves import move_edits
from journeymapper.geometry import layout as geo
from journeymapper.model.enums import CARD_LANE_KINDS, LaneKind
from journeymapper.ui import style
from journeymapper.ui.canvas.actions import DEFAULT_STAGE_WIDTH
from journeymapper.ui.commands import named

if TYPE_CHECKING:
    from journeymapper.ui.canvas.items import CardItem
    from journeymapper.ui.canvas.scene import JourneyScene


class Indicator:
    """The drop/insert feedback: a framed target and a bar where the item will land.

    The target is framed by four edge strips, not one filled rectangle: a cell at 10,000
    cards is taller than the screen, and a fill would repaint all of it (and every card in
    it) whenever the pointer crosses into another cell; the strips repaint only themselves.
    """

    EDGE = 3.0

    def __init__(self, scene: JourneyScene) -> None:
        self.edges = [QGraphicsRectItem() for _ in range(4)]
        for edge in self.edges:
            edge.setPen(Qt.PenStyle.NoPen)
            edge.setBrush(QBrush(style.DROP))
            edge.setZValue(50)
        self.bar = QGraphicsRectItem()
        self.bar.setPen(Qt.PenStyle.NoPen)
        self.bar.setBrush(QBrush(style.DROP))
        self.bar.setZValue(51)
        for item in self.items():
            item.setVisible(False)
            scene.addItem(item)

    def items(self) -> list[QGraphicsRectItem]:
        return [*self.edges, self.bar]

    def show(self, area: QRectF | None, bar: QRectF | None) -> None:
        e = self.EDGE
        strips = (
            [
                QRectF(area.left(), area.top(), area.width(), e),
                QRectF(area.left(), area.bottom() - e, area.width(), e),
                QRectF(area.left(), area.top(), e, area.height()),
                QRectF(area.right() - e, area.top(), e, area.height()),
            ]
            if area is not None
            else [None] * 4
        )
        for item, rect in (*zip(self.edges, strips, strict=True), (self.bar, bar)):
            if rect is None:
                item.setVisible(False)
            else:
                item.setRect(rect)
                item.setVisible(True)

    def remove(self) -> None:
        for item in self.items():
            if item.scene() is not None:
                item.scene().removeItem(item)


class Interaction:
    """Base of a mouse mode: ``move`` while the button is held, ``finish`` on release."""

    def __init__(self, scene: JourneyScene, start: QPointF) -> None:
        self.scene = scene
        self.start = start
        self.active = False

    def move(self, pos: QPointF) -> None:
        raise NotImplementedError

    def finish(self, pos: QPointF) -> None:
        raise NotImplementedError

    def cancel(self) -> None:
        self.scene.relayout()


class CardDrag(Interaction):
    """Drag one card or a selection of cards to another cell, or reorder within a cell."""

    def __init__(self, scene: JourneyScene, start: QPointF, cards: list[CardItem]) -> None:
        super().__init__(scene, start)
        data = scene.data
        assert data is not None
        # Dragged cards in reading order (stage, lane, position), so their order is kept.
        stage_pos = {s.id: s.position for s in data.stages}
        lane_pos = {ln.id: ln.position for ln in data.lanes}
        self.cards = sorted(
            cards,
            key=lambda c: (lane_pos[c.tp.lane_id], stage_pos[c.tp.stage_id], c.tp.position),
        )
        for card in self.cards:  # out of its lane's container: above the drop indicator
            scene.blocks.lift(card)
        self.origins = {c.touchpoint_id: c.pos() for c in self.cards}
        dragged = set(self.origins)
        self.counts: dict[tuple[int, int], int] = {}
        for tp in data.touchpoints.values():
            if tp.id not in dragged:
                key = (tp.stage_id, tp.lane_id)
                self.counts[key] = self.counts.get(key, 0) + 1
        self.channel_lanes = {ln.id for ln in data.lanes if ln.kind in CARD_LANE_KINDS}
        self.indicator = Indicator(scene)
        self.target: tuple[int, int, int] | None = None

    def move(self, pos: QPointF) -> None:
        self.active = True
        delta = pos - self.start
        for card in self.cards:
            card.setPos(self.origins[card.touchpoint_id] + delta)
            card.setZValue(60)  # above the drop indicator
            card.setOpacity(0.88)
        self.scene.blueprint.follow(list(self.origins))
        self.target = self._target(pos)
        if self.target is None:
            self.indicator.show(None, None)
            return
        stage_id, lane_id, index = self.target
        cell = self.scene.layout.cell_rect(stage_id, lane_id)
        slot = self.scene.layout.slot_rect(stage_id, lane_id, index, self.origins)
        bar = QRectF(slot.x, slot.y, slot.w, slot.h)
        self.indicator.show(QRectF(cell.x, cell.y, cell.w, cell.h), bar)

    def _target(self, pos: QPointF) -> tuple[int, int, int] | None:
        hit = self.scene.layout.cell_at(pos.x(), pos.y())
        if hit is None or hit[1] not in self.channel_lanes:
            return None
        stage_id, lane_id = hit
        index = self.scene.layout.drop_index(stage_id, lane_id, pos.x(), pos.y(), self.origins)
        return stage_id, lane_id, index

    def _settle(self) -> None:
        for card in self.cards:
            card.setZValue(10)
            card.setOpacity(1.0)
            card.setPos(self.origins[card.touchpoint_id])
            self.scene.blocks.settle(card)

    def finish(self, pos: QPointF) -> None:
        self.indicator.remove()
        self._settle()
        target = self._target(pos) if self.active else None
        if target is None:
            self.scene.relayout()
            return
        edits = move_edits([c.touchpoint_id for c in self.cards], *target)
        n = len(self.cards)
        text = named("Move", self.cards[0].tp.title) if n == 1 else f"Move {n} touchpoints"
        if self.scene.controller is None or self.scene.controller.run_batch(text, edits) is None:
            self.scene.relayout()

    def cancel(self) -> None:
        self.indicator.remove()
        self._settle()
        super().cancel()


class StageResize(Interaction):
    """Drag a stage header's right border to change the stage's width."""

    def __init__(self, scene: JourneyScene, start: QPointF, stage_id: int) -> None:
        super().__init__(scene, start)
        self.stage_id = stage_id
        self.rect = scene.layout.stages[stage_id]
        self.indicator = Indicator(scene)

    def _width(self, pos: QPointF) -> float:
        return max(MIN_STAGE_WIDTH, self.rect.w + pos.x() - self.start.x())

    def move(self, pos: QPointF) -> None:
        self.active = True
        right = self.rect.x + self._width(pos)
        self.indicator.show(None, QRectF(right - 1.5, 0, 3, self.scene.layout.height))

    def finish(self, pos: QPointF) -> None:
        self.indicator.remove()
        if self.active and self.scene.controller is not None:
            width = round(self._width(pos))
            if width != round(self.rect.w):
                self.scene.controller.run(
                    named("Resize stage", self.scene.headers[self.stage_id].stage.name),
                    editing.edit_stage,
                    stage_id=self.stage_id,
                    width=float(width),
                )

    def cancel(self) -> None:
        self.indicator.remove()


class StageReorder(Interaction):
    """Drag a stage header sideways to move the stage before or after others."""

    def __init__(self, scene: JourneyScene, start: QPointF, stage_id: int) -> None:
        super().__init__(scene, start)
        self.stage_id = stage_id
        self.indicator = Indicator(scene)
        self.index: int | None = None

    def _index(self, pos: QPointF) -> tuple[int, float]:
        lay = self.scene.layout
        order = lay.stage_order
        for i, stage_id in enumerate(order):
            r = lay.stages[stage_id]
            if pos.x() < r.cx:
                return i, r.x
        return len(order), lay.width

    def move(self, pos: QPointF) -> None:
        self.active = True
        index, x = self._index(pos)
        self.index = index
        self.indicator.show(
            QRectF(pos.x() - 60, 4, 120, geo.HEADER_H - 8),
            QRectF(x - 2, 0, 4, self.scene.layout.height),
        )

    def finish(self, pos: QPointF) -> None:
        self.indicator.remove()
        if not self.active or self.scene.controller is None:
            return
        index, _ = self._index(pos)
        current = self.scene.layout.stage_order.index(self.stage_id)
        target = index - 1 if index > current else index
        if target != current:
            self.scene.controller.run(
                named("Move stage", self.scene.headers[self.stage_id].stage.name),
                editing.reorder_stage,
                stage_id=self.stage_id,
                index=target,
            )

    def cancel(self) -> None:
        self.indicator.remove()


class StageDraw(Interaction):
    """Drag across the empty header band after the last stage to draw a new stage."""

    def __init__(self, scene: JourneyScene, start: QPointF, add_stage: Callable[..., None]) -> None:
        super().__init__(scene, start)
        #: Adds the stage on release (``CanvasActions.add_stage``), one undo step.
        self.add_stage = add_stage
        self.indicator = Indicator(scene)
        self.left = scene.layout.width

    def _width(self, pos: QPointF) -> float:
        """As wide as the drag (a stage always starts where the last one ends)."""
        return max(MIN_STAGE_WIDTH, pos.x() - self.start.x())

    def move(self, pos: QPointF) -> None:
        self.active = True
        self.indicator.show(QRectF(self.left, 0, self._width(pos), geo.HEADER_H), None)

    def finish(self, pos: QPointF) -> None:
        self.indicator.remove()
        width = self._width(pos) if self.active else DEFAULT_STAGE_WIDTH
        self.add_stage(width=float(round(width)))

    def cancel(self) -> None:
        self.indicator.remove()


class LaneResize(Interaction):
    """Drag a lane label's bottom border to change the lane's height."""

    def __init__(self, scene: JourneyScene, start: QPointF, lane_id: int) -> None:
        super().__init__(scene, start)
        self.lane_id = lane_id
        self.rect = scene.layout.lanes[lane_id]
        self.indicator = Indicator(scene)

    def _height(self, pos: QPointF) -> float:
        return max(MIN_LANE_HEIGHT, self.rect.h + pos.y() - self.start.y())

    def move(self, pos: QPointF) -> None:
        self.active = True
        bottom = self.rect.y + self._height(pos)
        self.indicator.show(None, QRectF(0, bottom - 1.5, self.scene.layout.width, 3))

    def finish(self, pos: QPointF) -> None:
        self.indicator.remove()
        if self.active and self.scene.controller is not None:
            height = float(round(self._height(pos)))
            if height != round(self.rect.h):
                self.scene.controller.run(
                    named("Resize lane", self.scene.lanes[self.lane_id].lane.name),
                    editing.edit_lane,
                    lane_id=self.lane_id,
                    height=height,
                )

    def cancel(self) -> None:
        self.indicator.remove()


class LaneReorder(Interaction):
    """Drag a lane label up or down to move the lane."""

    def __init__(self, scene: JourneyScene, start: QPointF, lane_id: int) -> None:
        super().__init__(scene, start)
        self.lane_id = lane_id
        self.indicator = Indicator(scene)

    def _index(self, pos: QPointF) -> tuple[int, float]:
        lay = self.scene.layout
        for i, lane_id in enumerate(lay.lane_order):
            r = lay.lanes[lane_id]
            if pos.y() < r.cy:
                return i, r.y
        return len(lay.lane_order), lay.height

    def move(self, pos: QPointF) -> None:
        self.active = True
        _, y = self._index(pos)
        self.indicator.show(
            QRectF(geo.GROUP_W, pos.y() - 16, geo.LABEL_W, 32),
            QRectF(0, y - 2, self.scene.layout.width, 4),
        )

    def finish(self, pos: QPointF) -> None:
        self.indicator.remove()
        if not self.active or self.scene.controller is None:
            return
        index, _ = self._index(pos)
        current = self.scene.layout.lane_order.index(self.lane_id)
        target = index - 1 if index > current else index
        if target != current:
            self.scene.controller.run(
                named("Move lane", self.scene.lanes[self.lane_id].lane.name),
                editing.reorder_lane,
                lane_id=self.lane_id,
                index=target,
            )

    def cancel(self) -> None:
        self.indicator.remove()


class EmotionDrag(Interaction):
    """Drag a point of the emotion curve up or down to set that touchpoint's emotion."""

    def __init__(self, scene: JourneyScene, start: QPointF, touchpoint_id: int) -> None:
        super().__init__(scene, start)
        self.touchpoint_id = touchpoint_id
        lane = next(ln for ln in scene.data.lanes if ln.kind == LaneKind.EMOTION)  # type: ignore[union-attr]
        self.band = scene.layout.lanes[lane.id]

    def move(self, pos: QPointF) -> None:
        self.active = True
        self.scene.curve.set_focus(self.touchpoint_id)
        score = geo.emotion_at(self.band, pos.y())
        points = [
            (tp, x, geo.emotion_y(self.band, score) if tp == self.touchpoint_id else y)
            for tp, x, y in self.scene.layout.emotion
        ]
        self.scene.curve.set_curve(self.band, points)

    def finish(self, pos: QPointF) -> None:
        if not self.active or self.scene.controller is None:
            return
        score = geo.emotion_at(self.band, pos.y())
        tp = self.scene.data.touchpoints[self.touchpoint_id]  # type: ignore[union-attr]
        if tp.emotion != score:
            self.scene.controller.run(
                named("Set emotion of", tp.title),
                editing.edit_touchpoint,
                touchpoint_id=self.touchpoint_id,
                emotion=score,
            )
        else:
            self.scene.relayout()
