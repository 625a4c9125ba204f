"""The title block: workspace, journey, persona, state, export date and page number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journeymapper.geometry.text_fit import ellipsize
from journeymapper.pdf import fonts, style
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.store.journey_data import JourneyData

HEIGHT = 40.0


@dataclass(frozen=True)
class TitleInfo:
    journey: str
    details: str  # "Workspace … · Persona … · State … · date"
    workspace: str
    author: str

    @classmethod
    def of(cls, data: JourneyData, check: TextCheck, author: str, today: dt.date) -> TitleInfo:
        persona = data.persona or "no persona"
        details = (
            f"Workspace: {data.workspace}   ·   Persona: {persona}   ·   "
            f"State: {data.state}   ·   Exported {today.isoformat()}"
        )
        return cls(
            journey=check.clean(data.name, "the journey name", bold=True),
            details=check.clean(details, "the title block"),
            workspace=check.clean(data.workspace, "the workspace name"),
            author=author,
        )


def draw_title_block(
    ink: Ink, info: TitleInfo, x: float, y: float, width: float, right_text: str = ""
) -> None:
    """Journey name large, details below, ``right_text`` (page x of y) at the right."""
    right_w = fonts.measure(fonts.REGULAR, 9)(right_text) + 12 if right_text else 0
    title = fonts.measure(fonts.BOLD, 16)
    name = ellipsize(info.journey, title, width - right_w)
    details = ellipsize(info.details, fonts.measure(fonts.REGULAR, 8.5), width - right_w)
    ink.text(x, y + 16, name, fonts.BOLD, 16, style.INK)
    ink.text(x, y + 31, details, fonts.REGULAR, 8.5, style.MUTED)
    if right_text:
        ink.text(x + width, y + 16, right_text, fonts.REGULAR, 9, style.MUTED, align="right")
    ink.line(x, y + HEIGHT - 2, x + width, y + HEIGHT - 2, stroke=style.INK, width=1.2)
    ink.flush()
