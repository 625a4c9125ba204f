"""Appendix pages: blocks stacked top to bottom, a new page when one is full.

A list of short items may run in newspaper columns (the next column when one is full), and
a table's column heads repeat at the top of every page the table continues on, so a
reader of page 40 still knows which column is CSAT.
"""

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


#: Space between newspaper columns (pt).
COLUMN_GAP = 24.0


class Flow:
    def __init__(self, size: tuple[float, float], section: str, min_column: float = 0.0) -> None:
        """``min_column``: run in as many columns as are at least this wide (0: one)."""
        self.section = section
        self.page_w, self.page_h = size
        full = self.page_w - 2 * MARGIN
        self.columns = max(1, int((full + COLUMN_GAP) // (min_column + COLUMN_GAP)))
        if min_column <= 0:
            self.columns = 1
        #: The width of one column (the whole text width when there is one).
        self.width = (full - (self.columns - 1) * COLUMN_GAP) / self.columns
        self.column = 0
        self.x = MARGIN
        self.top = MARGIN + HEAD_H
        self.bottom = self.page_h - MARGIN - FOOT_H
        self.pages: list[list[tuple[float, float, Op]]] = [[]]
        self.y = self.top
        self._running: tuple[float, Op] | None = None

    @property
    def body_height(self) -> float:
        return self.bottom - self.top

    def new_page(self) -> None:
        self.pages.append([])
        self._start_column(0)

    def _start_column(self, column: int) -> None:
        self.column = column
        self.x = MARGIN + column * (self.width + COLUMN_GAP)
        self.y = self.top
        if self._running is not None:  # the table's heads again, above its next rows
            height, op = self._running
            self.pages[-1].append((self.x, self.y, op))
            self.y += height

    def running_head(self, height: float, op: Op) -> None:
        """Place a table's head now, and again at the top of each page the table goes on to
        (until :meth:`end_running_head`)."""
        self.add(height, op, keep_with_next=2 * height)
        self._running = (height, op)

    def end_running_head(self) -> None:
        self._running = None

    def add(self, height: float, op: Op, keep_with_next: float = 0.0) -> None:
        """Place a block; it moves to the next column or page when it (plus what must follow)
        does not fit."""
        head = self._running[0] if self._running is not None else 0.0
        if self.y + height + keep_with_next > self.bottom and self.y > self.top + head:
            if self.column + 1 < self.columns:
                self._start_column(self.column + 1)
            else:
                self.new_page()
        self.pages[-1].append((self.x, self.y, op))
        self.y += height

    def space(self, height: float) -> None:
        self.y += height

    def planned(self) -> list[PlannedPage]:
        out = []
        for i, ops in enumerate(self.pages):
            out.append(PlannedPage(self._draw(ops, i > 0), self.section if i == 0 else None))
        return out

    def _draw(self, ops: list[tuple[float, float, Op]], continued: bool):  # type: ignore[no-untyped-def]
        section = self.section + (" (continued)" if continued else "")

        def draw(canvas: Canvas, ink: Ink, ctx: PageContext) -> None:
            head(ink, ctx, section)
            for x, y, op in ops:
                op(ink, x, y)
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
