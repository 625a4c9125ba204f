"""A touchpoint card composed of Qt's built-in items (no Python paint()).

The layout fitted the card's text already (:class:`geometry.card_text.CardText`).
A card is built in parts so that a 2,000-card map opens fast: the frame at once, the
evidence pill when the scene first paints the card (at any zoom: it is the evidence
colour a far view shows), the title when it first paints it where a title is more than
a smudge (15 % zoom), and the details (accent, glyph, description, owner, badges) when
it first paints it at a readable zoom (:meth:`JourneyScene.drawBackground`). Below
~40 % zoom the details are hidden (level of detail: title and evidence colour remain),
below 15 % the title too. Moving a card never re-lays its text; new text drops the
details, which come back on the next paint.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

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
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_CARD_BRUSH = QBrush(style.CARD_BG)
_PENS: dict[tuple[object, ...], QPen] = {}


def _pen(colour: QColor, width: float, dashed: bool = False) -> QPen:
    """One shared pen per look: 2,000 cards share a handful instead of making their own."""
    key = (colour.rgba(), width, dashed)
    found = _PENS.get(key)
    if found is None:
        found = _PENS[key] = QPen(colour, width)
        if dashed:
            found.setStyle(Qt.PenStyle.DashLine)
    return found


def _border(selected: bool, assumed: bool, indirect: bool) -> QPen:
    """Selection: thick blue; else lighter for assumed cards, dashed for indirect ones."""
    if selected:
        return _pen(style.SELECTION, 2.6)
    return _pen(style.ASSUMED_BORDER if assumed else style.CARD_BORDER, 1.3, indirect)


class CardItem(QGraphicsRectItem):
    """A touchpoint card: accent, glyph, title, body, evidence pill, metric badges."""

    Type = QGraphicsItem.UserType + 1
    #: Some card waits for its evidence pill (a far view then gives every card its own).
    pills_pending = False

    def __init__(self, tp: TouchpointData) -> None:
        super().__init__(QRectF(0, 0, geo.CARD_W, geo.CARD_H))
        self.touchpoint_id = tp.id
        self.tp = tp
        self.metrics_visible = True
        self._heat: QColor | None = None
        self._text: CardText | None = None
        self._built_for: TouchpointData | None = None
        self._title: QGraphicsSimpleTextItem | None = None
        self._pill: QGraphicsRectItem | None = None
        #: The details' container (None until first painted at a readable zoom).
        self._detail: QGraphicsRectItem | None = None
        self._tip_for: TouchpointData | None = None
        self._selected_style = False
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

    @property
    def has_details(self) -> bool:
        return self._detail is not None

    def set_touchpoint(self, tp: TouchpointData) -> None:
        """New content; the scene hands the fitted text over with :meth:`set_layout`."""
        self.tp = tp
        self._tip_for = None
        self._style()

    def set_layout(self, rect: geo.Rect, fitted: CardText) -> bool:
        """Place the card and (only when its text changed) rebuild its text.

        Returns True when the details were dropped (the scene rebuilds them on paint).
        """
        if self.x() != rect.x or self.y() != rect.y:
            self.setPos(rect.x, rect.y)
        size = self.rect()
        if size.width() != rect.w or size.height() != rect.h:
            self.setRect(QRectF(0, 0, rect.w, rect.h))
        same = self._built_for is self.tp or self._built_for == self.tp
        self._built_for = self.tp
        if fitted == self._text and same:
            return False
        self._text = fitted
        self._build_core(fitted)
        self.drop_details()
        return True

    def place(
        self,
        scene: QGraphicsScene,
        block: QGraphicsItem | None,
        rect: geo.Rect | None,
        fitted: CardText | None,
    ) -> None:
        """Lay the card out in ``block`` (its lane's container; ``rect`` relative to it),
        then join the scene: a card built outside the scene costs the scene's index
        nothing while its parts are made."""
        if self.scene() is not None and self.parentItem() is not block:
            self.setParentItem(block)  # another lane, or back from a drag
            if rect is not None:
                self.setPos(rect.x, rect.y)
        if rect is not None and fitted is not None:
            self.set_layout(rect, fitted)
        if block is not None:
            if self.parentItem() is not block:
                self.setParentItem(block)
        elif self.scene() is None:
            scene.addItem(self)

    def restyle_selection(self) -> None:
        """Called by the scene when the selection changed (no Python itemChange per child)."""
        if self.isSelected() != self._selected_style:
            self._style()

    def _style(self) -> None:
        tp = self.tp
        selected = self._selected_style = self.isSelected()
        self.setPen(_border(selected, tp.evidence == "assumed", tp.interaction == "indirect"))
        self.setBrush(_CARD_BRUSH if self._heat is None else QBrush(self._heat))

    # -- the parts every zoom shows: title and evidence pill ---------------------------
    def _build_core(self, fitted: CardText) -> None:
        if self._title is not None:  # else built on the first paint where it can be read
            self._set_title(fitted)
        if self._pill is not None:  # shown already: redrawn at once
            self._remove(self._pill)
            self._pill = None
            self.build_pill()
        else:  # built on first paint: 10,000 cards open without 10,000 more items
            CardItem.pills_pending = True

    @property
    def has_pill(self) -> bool:
        return self._pill is not None

    def build_pill(self) -> None:
        """The evidence pill's frame and fill (its word is one of the details)."""
        fitted = self._text
        if self._pill is not None or fitted is None:
            return
        evidence = next((b for b in fitted.badges if b.kind == "evidence"), None)
        if evidence is not None:
            colour = style.EVIDENCE_COLOURS.get(evidence.tone, style.MUTED)
            fill = colour if evidence.tone == "observed" else WHITE
            self._pill = box(
                self, evidence.x, evidence.y, evidence.w, BADGE_H, fill, _pen(colour, 1.2)
            )

    def _remove(self, item: QGraphicsItem) -> None:
        scene = self.scene()
        if scene is not None:
            scene.removeItem(item)
        else:
            item.setParentItem(None)

    @property
    def has_title(self) -> bool:
        return self._title is not None

    def build_title(self, visible: bool = True) -> None:
        """The title's text item (the scene asks on the first paint at a zoom where a title
        is more than a smudge: a whole 2,000-card map opens without 2,000 text layouts)."""
        if self._title is None and self._text is not None:
            self._set_title(self._text)
            if not visible:
                self._title.setVisible(False)  # type: ignore[union-attr]

    def set_title_visible(self, visible: bool) -> None:
        if self._title is not None and self._title.isVisible() != visible:
            self._title.setVisible(visible)

    def _set_title(self, fitted: CardText) -> None:
        title = "\n".join(fitted.title)
        if self._title is None:
            self._title = text(
                self, title, ts.CARD_TITLE, style.INK, fitted.title_x, fitted.title_y, bold=True
            )
        elif self._title.text() != title:
            self._title.setText(title)
        if self._title.x() != fitted.title_x or self._title.y() != fitted.title_y:
            self._title.setPos(fitted.title_x, fitted.title_y)

    # -- details: built on first readable paint -----------------------------------------
    def drop_details(self) -> None:
        if self._detail is not None:
            self._remove(self._detail)
            self._detail = None

    def build_details(self, visible: bool = True) -> None:
        """Accent, glyph, description and owner, badge words (once per fitted text)."""
        fitted = self._text
        if self._detail is not None or fitted is None:
            return
        detail = self._detail = QGraphicsRectItem(self)
        detail.setFlag(_NO_CONTENTS)
        detail.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        detail.setVisible(visible)
        tp, h = self.tp, self.rect().height()
        if tp.colour:
            box(detail, 0, 0, 4, h, QColor(tp.colour))
        if fitted.glyph:
            text(detail, fitted.glyph, ts.CARD_TITLE, style.MUTED, ts.CARD_PAD, ts.CARD_PAD - 1)
        body = "\n".join(line for line in (fitted.description, fitted.owner) if line)
        if body:
            text(detail, body, ts.CARD_BODY, style.MUTED, fitted.title_x, fitted.body_y + 1)
        for badge in fitted.badges:
            self._badge(detail, badge)

    def set_details_visible(self, visible: bool) -> None:
        if self._detail is not None and self._detail.isVisible() != visible:
            self._detail.setVisible(visible)

    def _badge(self, parent: QGraphicsItem, badge: Badge) -> None:
        if badge.kind == "evidence":  # its pill is part of the card at every zoom
            filled = badge.tone == "observed"
            ink = WHITE if filled else style.EVIDENCE_COLOURS.get(badge.tone, style.MUTED)
            text(parent, badge.text, ts.BADGE, ink, badge.x + 5, badge.y + 1.5, bold=True)
            return
        item = box(
            parent, badge.x, badge.y, badge.w, BADGE_H, TONES.get(badge.tone, style.BADGE_BG)
        )
        text(item, badge.text, ts.BADGE, style.INK, 5, 1.5, bold=True)

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
