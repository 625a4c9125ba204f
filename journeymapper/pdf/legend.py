"""The legend: one entry for every symbol and colour the printed map actually uses."""

from __future__ import annotations

from dataclasses import dataclass

from journeymapper.geometry import layout as geo
from journeymapper.pdf import fonts, style
from journeymapper.pdf.blueprint import draw_symbol as draw_blueprint_symbol
from journeymapper.pdf.ink import Ink

ROW_H = 15.0
SYMBOL_W = 26.0
GAP = 14.0
SIZE = 7.5
HEAD_W = 46.0


@dataclass(frozen=True)
class LegendEntry:
    symbol: str  # "online", "offline", "solid", "dashed", "evidence:<e>", "badge:<label>",
    #              "marker:<kind>", "emotion", "votes", "ellipsis"
    label: str


def _entry_width(entry: LegendEntry) -> float:
    return SYMBOL_W + 4 + fonts.measure(fonts.REGULAR, SIZE)(entry.label)


def _rows(entries: list[LegendEntry], width: float) -> list[list[tuple[float, LegendEntry]]]:
    rows: list[list[tuple[float, LegendEntry]]] = [[]]
    x = HEAD_W
    for entry in entries:
        w = _entry_width(entry)
        if rows[-1] and x + w > width:
            rows.append([])
            x = HEAD_W
        rows[-1].append((x, entry))
        x += w + GAP
    return rows


def legend_height(entries: list[LegendEntry], width: float) -> float:
    return 0.0 if not entries else len(_rows(entries, width)) * ROW_H + 6


def draw_legend(ink: Ink, entries: list[LegendEntry], x: float, y: float, width: float) -> float:
    """Draw the legend with its top-left at (x, y); return the height used."""
    if not entries:
        return 0.0
    rows = _rows(entries, width)
    height = len(rows) * ROW_H + 6
    ink.line(x, y, x + width, y, stroke=style.GRID, width=0.6)
    ink.text(x, y + 3 + ROW_H / 2 + 2.5, "Legend", fonts.BOLD, SIZE, style.INK)
    for i, row in enumerate(rows):
        cy = y + 3 + i * ROW_H + ROW_H / 2
        for ex, entry in row:
            _symbol(ink, entry.symbol, x + ex, cy)
            ink.text(x + ex + SYMBOL_W + 4, cy + 2.6, entry.label, fonts.REGULAR, SIZE, style.INK)
    ink.flush()
    return height


def _symbol(ink: Ink, symbol: str, x: float, cy: float) -> None:
    kind, _, arg = symbol.partition(":")
    if draw_blueprint_symbol(ink, kind, arg, x, cy, SYMBOL_W):
        return
    if kind in ("online", "offline"):
        colour = style.ONLINE if kind == "online" else style.OFFLINE
        ink.rect(x + 7, cy - 6, 12, 12, fill=colour, radius=2)
    elif kind in ("solid", "dashed"):
        ink.rect(
            x + 1,
            cy - 5,
            SYMBOL_W - 2,
            10,
            fill=style.CARD_BG,
            stroke=style.CARD_BORDER,
            width=1.1,
            dash=(3, 2) if kind == "dashed" else None,
            radius=2.5,
        )
    elif kind == "evidence":
        ink.rect(x + 6, cy - 6, 14, 12, fill=style.EVIDENCE_COLOURS.get(arg, style.MUTED))
        letter = style.EVIDENCE_LETTERS.get(arg, "?")
        ink.text(
            x + 13, cy + 2.4, letter, fonts.BOLD, style.CARD_SMALL, style.WHITE, align="centre"
        )
    elif kind == "badge":
        ink.rect(x, cy - 6, SYMBOL_W, 12, fill=style.BADGE_BG)
        ink.text(x + SYMBOL_W / 2, cy + 2.4, arg, fonts.BOLD, 5.6, style.INK, align="centre")
    elif kind == "marker":
        r = geo.MARKER_R * 0.75
        colour = style.ANNOTATION_COLOURS.get(arg, style.MUTED)
        ink.circle(x + 13, cy, r, fill=colour, stroke=style.WHITE, width=1)
        ink.text(x + 13, cy + 2.2, "n", fonts.BOLD, 6, style.WHITE, align="centre")
    elif kind == "emotion":
        ink.polyline(
            [(x + 1, cy + 4), (x + 9, cy - 4), (x + 17, cy + 2), (x + 25, cy - 3)],
            stroke=style.EMOTION_LINE,
            width=1.8,
        )
        ink.circle(x + 9, cy - 4, 2.6, fill=style.EMOTION_LINE, stroke=style.WHITE, width=0.8)
        ink.circle(x + 17, cy + 2, 2.6, fill=style.EMOTION_LINE, stroke=style.WHITE, width=0.8)
    elif kind == "votes":
        for i in range(3):
            ink.circle(x + 6 + i * 7, cy, 2.8, fill=style.VOTE)
    elif kind == "ellipsis":
        ink.text(x + 13, cy + 2.6, "…", fonts.BOLD, 10, style.INK, align="centre")
