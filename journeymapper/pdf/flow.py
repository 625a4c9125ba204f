"""Appendix pages: blocks stacked top to bottom, a new page when one is full."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from journeymapper.pdf import fonts, style
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.pages import MARGIN, PageContext, PlannedPage

#: Draws a block with its top-left corner at (x, y) of the page.
Op = Callable[[Ink, float, float], None]
HEAD_H = 34.0
FOOT_H = 18.0


class Flow:
    def __init__(self, size: tuple[float, float], section: str) -> None:
        self.section = section
        self.page_w, self.page_h = size
        self.x = MARGIN
        self.width = self.page_w - 2 * MARGIN
        self.top = MARGIN + HEAD_H
        self.bottom = self.page_h - MARGIN - FOOT_H
        self.pages: list[list[tuple[float, Op]]] = [[]]
        self.y = self.top

    @property
    def body_height(self) -> float:
        return self.bottom - self.top

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def add(self, height: float, op: Op, keep_with_next: float = 0.0) -> None:
        """Place a block; it moves to a new page when it (plus what must follow) does not fit."""
        if self.y + height + keep_with_next > self.bottom and self.y > self.top:
            self.new_page()
        self.pages[-1].append((self.y, op))
        self.y += height

    def space(self, height: float) -> None:
        self.y += height

    def planned(self) -> list[PlannedPage]:
        out = []
        for i, ops in enumerate(self.pages):
            out.append(PlannedPage(self._draw(ops, i > 0), self.section if i == 0 else None))
        return out

    def _draw(self, ops: list[tuple[float, Op]], continued: bool):  # type: ignore[no-untyped-def]
        section = self.section + (" (continued)" if continued else "")

        def draw(canvas: Canvas, ink: Ink, ctx: PageContext) -> None:
            head(ink, ctx, section)
            for y, op in ops:
                op(ink, self.x, y)
            ink.flush()

        return draw


def head(ink: Ink, ctx: PageContext, section: str) -> None:
    """Section title at the top, journey and page number at the bottom."""
    width = ctx.width - 2 * MARGIN
    ink.text(MARGIN, MARGIN + 14, f"Appendix · {section}", fonts.BOLD, 13, style.INK)
    ink.line(MARGIN, MARGIN + 22, MARGIN + width, MARGIN + 22, stroke=style.INK, width=0.8)
    base = ctx.height - MARGIN
    left = f"{ctx.title.journey} — {ctx.title.workspace}"
    ink.text(MARGIN, base, left, fonts.REGULAR, 7.5, style.MUTED)
    ink.text(MARGIN + width, base, ctx.label, fonts.REGULAR, 7.5, style.MUTED, align="right")
