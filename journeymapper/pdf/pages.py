"""Pages planned before they are drawn, so every page knows it is "page x of y"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from journeymapper.pdf.ink import Ink
from journeymapper.pdf.titleblock import TitleInfo

MARGIN = 28.0
MAP_FORM = "jm_map"
POSTER_FORM = "jm_poster"


@dataclass(frozen=True)
class PageContext:
    number: int
    total: int
    title: TitleInfo
    width: float
    height: float

    @property
    def label(self) -> str:
        return f"Page {self.number} of {self.total}"


@dataclass
class PlannedPage:
    """One page: how to draw it, and the outline entry it starts (if any)."""

    draw: Callable[[Canvas, Ink, PageContext], None]
    bookmark: str | None = None


def top_down(canvas: Canvas, height: float) -> Ink:
    """An :class:`Ink` whose (0, 0) is the page's top-left corner."""
    canvas.translate(0, height)
    return Ink(canvas)
