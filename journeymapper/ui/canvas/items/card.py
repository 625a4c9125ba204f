"""A touchpoint card composed of Qt's built-in items (no Python paint()).

The layout fitted the card's text already (:class:`geometry.card_text.CardText`);
the card only turns it into child items, and rebuilds them only when that text
changes, so moving a card never re-lays its text.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from journeymapper.geometry import layout as geo
from journeymapper.geometry import palette
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import BADGE_H, Badge, CardText
from journeymapper.store.journey_data import TouchpointData
from journeymapper.ui import style
from journeymapper.ui.canvas.items.parts import box, escape, text

#: The card title's size in points at 96 dpi (for callers that reason in points).
CARD_TITLE_FONT = ts.CARD_TITLE * 72 / 96
WHITE = QColor("#ffffff")
TONES = {"good": QColor(palette.GOOD_BG), "bad": QColor(palette.BAD_BG)}


class CardItem(QGraphicsRectItem):
    """A touchpoint card: accent, glyph, title, body, evidence pill, metric badges."""

    Type = QGraphicsItem.UserType + 1

    def __init__(self, tp: TouchpointData) -> None:
        super().__init__(QRectF(0, 0, geo.CARD_W, geo.CARD_H))
        self.touchpoint_id = tp.id
        self.tp = tp
        self.metrics_visible = True
        self._heat: QColor | None = None
        self._text: CardText | None = None
        self._parts: list[QGraphicsItem] = []
        self._tip_for: TouchpointData | None = None
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self._style()

    def type(self) -> int:
        return self.Type

    @property
    def heat_colour(self) -> QColor | None:
        return self._heat

    @heat_colour.setter
    def heat_colour(self, colour: QColor | None) -> None:
        self._heat = colour
        self._style()

    def set_touchpoint(self, tp: TouchpointData) -> None:
        """New content; the scene hands the fitted text over with :meth:`set_layout`."""
        self.tp = tp
        self._tip_for = None
        self._style()

    def set_layout(self, rect: geo.Rect, fitted: CardText) -> None:
        """Place the card and (only when its text changed) rebuild its children."""
        if self.x() != rect.x or self.y() != rect.y:
            self.setPos(rect.x, rect.y)
        size = self.rect()
        if size.width() != rect.w or size.height() != rect.h:
            self.setRect(QRectF(0, 0, rect.w, rect.h))
        if fitted != self._text or self._built_for is not self.tp:
            self._text = fitted
            self._build(fitted, rect.w, rect.h)

    _built_for: TouchpointData | None = None

    def _style(self) -> None:
        tp = self.tp
        assumed = tp.evidence == "assumed"
        colour = style.ASSUMED_BORDER if assumed else style.CARD_BORDER
        pen = QPen(style.SELECTION, 2.6) if self.isSelected() else QPen(colour, 1.3)
        if tp.interaction == "indirect" and not self.isSelected():
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setBrush(QBrush(self._heat or style.CARD_BG))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._style()
        return super().itemChange(change, value)

    def _build(self, fitted: CardText, w: float, h: float) -> None:
        scene = self.scene()
        for part in self._parts:
            if scene is not None:
                scene.removeItem(part)
            else:
                part.setParentItem(None)
        self._parts = []
        self._built_for = self.tp
        tp, add = self.tp, self._parts.append
        if tp.colour:
            add(box(self, 0, 0, 4, h, QColor(tp.colour)))
        if fitted.glyph:
            add(text(self, fitted.glyph, ts.CARD_TITLE, style.MUTED, ts.CARD_PAD, ts.CARD_PAD - 1))
        if fitted.title:
            add(
                text(
                    self,
                    "\n".join(fitted.title),
                    ts.CARD_TITLE,
                    style.INK,
                    fitted.title_x,
                    fitted.title_y,
                    bold=True,
                )
            )
        body = "\n".join(line for line in (fitted.description, fitted.owner) if line)
        if body:
            add(text(self, body, ts.CARD_BODY, style.MUTED, fitted.title_x, fitted.body_y + 1))
        for badge in fitted.badges:
            add(self._badge(badge))

    def _badge(self, badge: Badge) -> QGraphicsRectItem:
        if badge.kind == "evidence":
            colour = style.EVIDENCE_COLOURS.get(badge.tone, style.MUTED)
            filled = badge.tone == "observed"
            item = box(
                self,
                badge.x,
                badge.y,
                badge.w,
                BADGE_H,
                colour if filled else WHITE,
                QPen(colour, 1.2),
            )
            ink = WHITE if filled else colour
        else:
            item = box(
                self, badge.x, badge.y, badge.w, BADGE_H, TONES.get(badge.tone, style.BADGE_BG)
            )
            ink = style.INK
        text(item, badge.text, ts.BADGE, ink, 5, 1.5, bold=True)
        return item

    def hoverEnterEvent(self, event: object) -> None:  # noqa: N802 (Qt API)
        if self._tip_for is not self.tp:
            tp = self.tp
            tip = f"<b>{escape(tp.title)}</b>"
            if tp.description:
                tip += f"<br>{escape(tp.description)}"
            details = [tp.interaction, tp.evidence] + ([f"owner: {tp.owner}"] if tp.owner else [])
            tip += f"<br><i>{escape(', '.join(details))}</i>"
            self.setToolTip(tip)
            self._tip_for = tp
        super().hoverEnterEvent(event)  # type: ignore[arg-type]
