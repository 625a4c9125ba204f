"""Draws the map's cards on paper from their fitted text (:mod:`geometry.card_text`).

A map of 2,000 cards prints 17,000 strings and 8,000 boxes, so the per-card work is
kept to the drawing itself: the text queues (one per font, size and colour) are taken
once per map, a badge's cleaned word and fill are worked out once per distinct badge
(a map repeats "CSAT 3.9 ▲" many times), and each evidence pill is a form stamped per
card.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from journeymapper.geometry import layout as geo
from journeymapper.geometry import type_scale as ts
from journeymapper.geometry.card_text import BADGE_H, BODY_LH, TITLE_LH, Badge, CardText
from journeymapper.geometry.text_fit import ELLIPSIS
from journeymapper.pdf import fonts, style
from journeymapper.pdf.fonts import TextCheck, visual
from journeymapper.pdf.ink import Ink
from journeymapper.store.journey_data import JourneyData

#: An evidence pill: (evidence kind, word, width). Drawn once as a form, stamped per card.
CardKey = tuple[str, str, float]


def card_forms(canvas: Canvas, layout: geo.MapLayout) -> dict[CardKey, str]:
    """One form per distinct evidence pill: a map repeats three words at one width."""
    forms: dict[CardKey, str] = {}
    for text in layout.card_text.values():
        for badge in text.badges:
            key = (badge.tone, badge.text, badge.w)
            if badge.kind != "evidence" or key in forms:
                continue
            name = forms[key] = f"jm_pill_{len(forms)}"
            canvas.beginForm(name, -1, -BADGE_H - 1, badge.w + 1, 1)
            ink = Ink(canvas)
            draw_badge(ink, 0, 0, badge, TextCheck())
            ink.flush()
            canvas.endForm()
    return forms


def draw_cards(
    ink: Ink,
    data: JourneyData,
    layout: geo.MapLayout,
    check: TextCheck,
    shortened: list[int],
    shapes: dict[CardKey, str],
) -> set[str]:
    """Draw every placed card; note shortened titles; return the badge labels shown."""
    shown: set[str] = set()
    pen = _CardPen(ink, check, shapes)
    for tp in data.touchpoints.values():
        r = layout.cards.get(tp.id)
        text = layout.card_text.get(tp.id)
        if r is None or text is None:
            continue
        pen.card(tp.evidence, tp.interaction, tp.colour, r, text)
        if text.title and text.title[-1].endswith(ELLIPSIS) and not tp.title.endswith(ELLIPSIS):
            shortened.append(tp.id)
        if layout.metrics:
            shown.update(b.label for b in text.badges if b.kind == "metric")
    ink.flush()
    return shown


class _CardPen:
    """The text queues and per-badge answers one map's cards share."""

    def __init__(self, ink: Ink, check: TextCheck, shapes: dict[CardKey, str]) -> None:
        self.ink, self.check, self.shapes = ink, check, shapes
        self.glyphs = ink.run(fonts.REGULAR, ts.CARD_TITLE, style.MUTED)
        self.titles = ink.run(fonts.BOLD, ts.CARD_TITLE, style.INK)
        self.bodies = ink.run(fonts.REGULAR, ts.CARD_BODY, style.MUTED)
        self.words = ink.run(fonts.BOLD, ts.BADGE, style.INK)
        self.badges: dict[tuple[str, str], tuple[Color, str]] = {}
        self.accents: dict[str, Color] = {}

    def card(
        self, evidence: str, interaction: str, colour: str, r: geo.Rect, text: CardText
    ) -> None:
        """Box (solid = direct, dashed = indirect), accent, glyph, title, body, footer."""
        ink, check = self.ink, self.check
        border = style.ASSUMED_BORDER if evidence == "assumed" else style.CARD_BORDER
        dash = (4, 2.5) if interaction == "indirect" else None
        ink.rect(r.x, r.y, r.w, r.h, fill=style.CARD_BG, stroke=border, width=1.1, dash=dash)
        if colour:
            accent = self.accents.get(colour)
            if accent is None:
                accent = self.accents[colour] = style.colour(colour, style.CARD_BG)
            ink.rect(r.x, r.y, 4, r.h, fill=accent)
        x, y = r.x + text.title_x, r.y + text.title_y + ts.CARD_TITLE * 0.95
        if text.glyph:
            self.glyphs.show(r.x + ts.CARD_PAD, -y, visual(text.glyph))
        for line in text.title:
            self.titles.show(x, -y, visual(check.clean(line, "a card title", bold=True)))
            y += TITLE_LH
        y = r.y + text.body_y + ts.CARD_BODY * 0.95 + 1
        for line in (text.description, text.owner):
            if line:
                self.bodies.show(x, -y, visual(check.clean(line, "a card")))
                y += BODY_LH
        for badge in text.badges:
            self._badge(r.x + badge.x, r.y + badge.y, badge)

    def _badge(self, x: float, y: float, badge: Badge) -> None:
        if badge.kind == "evidence":
            form = self.shapes.get((badge.tone, badge.text, badge.w))
            if form is not None:
                self.ink.stamp(form, x, y)
            else:
                draw_badge(self.ink, x, y, badge, self.check)
            return
        key = (badge.tone, badge.text)
        found = self.badges.get(key)
        if found is None:
            fill = style.TONE_FILLS.get(badge.tone, style.BADGE_BG)
            word = visual(self.check.clean(badge.text, "a badge", bold=True))
            found = self.badges[key] = (fill, word)
        self.ink.rect(x, y, badge.w, BADGE_H, fill=found[0])
        self.words.show(x + 5, -(y + BADGE_H - 4), found[1])


def draw_badge(ink: Ink, x: float, y: float, badge: Badge, check: TextCheck) -> None:
    """One footer badge on its own (the evidence pills' forms are drawn with this)."""
    if badge.kind == "evidence":
        colour = style.EVIDENCE_COLOURS.get(badge.tone, style.MUTED)
        filled = badge.tone == "observed"
        ink.rect(
            x, y, badge.w, BADGE_H, fill=colour if filled else style.WHITE, stroke=colour, width=1.0
        )
        ink_colour = style.WHITE if filled else colour
    else:
        fill = style.TONE_FILLS.get(badge.tone, style.BADGE_BG)
        ink.rect(x, y, badge.w, BADGE_H, fill=fill)
        ink_colour = style.INK
    word = visual(check.clean(badge.text, "a badge", bold=True))
    ink.run(fonts.BOLD, ts.BADGE, ink_colour).show(x + 5, -(y + BADGE_H - 4), word)
