"""What the user chose for a PDF export: page, orientation, fit or tile, appendix parts.

Plain data shared by the CLI, the dialog and the exporter; parsing a page name
lives here so that every front end refuses the same bad input the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from reportlab.lib import pagesizes

from journeymapper.model.errors import JourneyMapperError

#: Portrait sizes in points, in the order the dialog lists them.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": pagesizes.A4,
    "A3": pagesizes.A3,
    "A2": pagesizes.A2,
    "A1": pagesizes.A1,
    "A0": pagesizes.A0,
    "Letter": pagesizes.LETTER,
    "Legal": pagesizes.LEGAL,
    "Tabloid": pagesizes.TABLOID,
}


class PdfOptionError(JourneyMapperError):
    """An export option the exporter cannot honour (unknown page size …)."""


class Orientation(StrEnum):
    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"


class MapMode(StrEnum):
    FIT = "fit"  # the whole map scaled onto one page
    TILE = "tile"  # a poster at 100 %, split over several pages


def page_name(value: str) -> str:
    """The canonical name of a page size given in any letter case."""
    for name in PAGE_SIZES:
        if name.lower() == str(value).strip().lower():
            return name
    known = ", ".join(PAGE_SIZES)
    raise PdfOptionError(f"Unknown page size {value!r}. Choose one of: {known}.")


def _choice(value: str, allowed: type[StrEnum], what: str) -> str:
    try:
        return allowed(str(value).strip().lower()).value
    except ValueError:
        known = ", ".join(m.value for m in allowed)
        raise PdfOptionError(f"Unknown {what} {value!r}. Choose one of: {known}.") from None


@dataclass(frozen=True)
class ExportOptions:
    page: str = "A3"
    orientation: str = Orientation.LANDSCAPE.value
    mode: str = MapMode.FIT.value
    #: Appendix parts; each can be switched off on its own.
    annotations: bool = True
    touchpoints: bool = True
    metrics: bool = True
    charts: bool = True
    health: bool = True
    #: Dot-voting results (left out anyway when the journey has no voting round).
    votes: bool = True
    #: The opportunity portfolio (left out when no opportunity touches the journey).
    portfolio: bool = True
    #: Overlap between neighbouring poster sheets, in points (10 mm).
    overlap: float = 28.35

    def validated(self) -> ExportOptions:
        """A copy with canonical spellings; raises :class:`PdfOptionError` on bad values."""
        return replace(
            self,
            page=page_name(self.page),
            orientation=_choice(self.orientation, Orientation, "orientation"),
            mode=_choice(self.mode, MapMode, "layout"),
        )

    @property
    def page_size(self) -> tuple[float, float]:
        """(width, height) in points, turned to the chosen orientation."""
        w, h = PAGE_SIZES[page_name(self.page)]
        short, long = min(w, h), max(w, h)
        if self.orientation == Orientation.LANDSCAPE:
            return long, short
        return short, long

    @property
    def any_appendix(self) -> bool:
        return (
            self.annotations
            or self.touchpoints
            or self.metrics
            or self.charts
            or self.health
            or self.votes
            or self.portfolio
        )

    def without_appendix(self) -> ExportOptions:
        return replace(
            self,
            annotations=False,
            touchpoints=False,
            metrics=False,
            charts=False,
            health=False,
            votes=False,
            portfolio=False,
        )
