"""Drawing a connector: drag from a card's right edge (or its handle) onto another card.

While the mouse moves only a preview line and the target highlight move; on
release one ``add_connector`` edit goes through the controller (one undo step). A
connector between cards of two different owners starts as a hand-off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from journeymapper import editing
from journeymapper.geometry.blueprint import team_change
from journeymapper.model.enums import ConnectorKind
from journeymapper.store.journey_data import ConnectorData
from journeymapper.ui import style
from journeymapper.ui.canvas.interactions import Indicator, Interaction
from journeymapper.ui.commands import named

if TYPE_CHECKING:
    from journeymapper.ui.canvas.scene import JourneyScene


class ConnectorDraw(Interaction):
    """Drag from one card to another to connect them."""

    def __init__(self, scene: JourneyScene, start: QPointF, source_id: int) -> None:
        super().__init__(scene, start)
        self.source_id = source_id
        self.preview = QGraphicsPathItem()
        self.preview.setPen(QPen(style.DROP, 2, Qt.PenStyle.DashLine))
        self.preview.setZValue(65)
        scene.addItem(self.preview)
        self.indicator = Indicator(scene)
        self.target: int | None = None

    def _card_at(self, pos: QPointF) -> int | None:
        lay = self.scene.layout
        hit = lay.cell_at(pos.x(), pos.y())
        if hit is None:
            return None
        for card_id in lay.cell_cards.get(hit, ()):
            rect = lay.cards.get(card_id)
            if card_id != self.source_id and rect is not None and rect.contains(pos.x(), pos.y()):
                return card_id
        return None

    def move(self, pos: QPointF) -> None:
        self.active = True
        src = self.scene.layout.cards[self.source_id]
        path = QPainterPath(QPointF(src.right, src.cy))
        path.lineTo(pos.x(), src.cy)
        path.lineTo(pos)
        self.preview.setPath(path)
        self.target = self._card_at(pos)
        if self.target is None:
            self.indicator.show(None, None)
            return
        r = self.scene.layout.cards[self.target]
        self.indicator.show(QRectF(r.x - 3, r.y - 3, r.w + 6, r.h + 6), None)

    def _remove(self) -> None:
        self.indicator.remove()
        if self.preview.scene() is not None:
            self.preview.scene().removeItem(self.preview)

    def finish(self, pos: QPointF) -> None:
        self._remove()
        target = self._card_at(pos) if self.active else None
        data, controller = self.scene.data, self.scene.controller
        if target is None or data is None or controller is None:
            return
        probe = ConnectorData(0, self.source_id, target, ConnectorKind.FLOW.value, "")
        kind = ConnectorKind.HANDOFF if team_change(data, probe) else ConnectorKind.FLOW
        src, dst = data.touchpoints[self.source_id], data.touchpoints[target]
        controller.run(
            named("Connect", f"{src.title} → {dst.title}"),
            editing.add_connector,
            source_id=self.source_id,
            target_id=target,
            kind=kind.value,
        )

    def cancel(self) -> None:
        self._remove()
