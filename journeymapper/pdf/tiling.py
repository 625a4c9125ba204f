"""Map pages: the whole map fitted onto one page, or a 100 % poster tiled over sheets.

Tiling cuts the poster into sheets that overlap by a margin, marks where to
trim with crop marks, and starts with an assembly index showing which sheet
goes where. The poster itself is drawn once, as a form, and every sheet
shows its window of it (vector, and small files even with many sheets).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from journeymapper.geometry.text_fit import wrap_text
from journeymapper.pdf import fonts, style
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.legend import LegendEntry, draw_legend, legend_height
from journeymapper.pdf.map_page import MapSummary
from journeymapper.pdf.pages import MAP_FORM, MARGIN, POSTER_FORM, PageContext, PlannedPage
from journeymapper.pdf.titleblock import HEIGHT as TITLE_H
from journeymapper.pdf.titleblock import TitleInfo, draw_title_block

#: Small maps are enlarged at most this much when fitted (text should not shout).
MAX_UPSCALE = 1.5
#: Smallest type size that carries information on the map (card badges), in map units.
SMALLEST_MAP_TEXT = style.CARD_SMALL
#: The poster's legend stays this narrow so that it fits on one or two sheets.
POSTER_LEGEND_W = 760.0
GAP = 10.0
TILE_MARGIN = 30.0
CROP = 12.0


def _place(canvas: Canvas, x: float, y_top: float, scale: float, form: str) -> None:
    """Show ``form`` (drawn top-down from 0, 0) with its top-left at (x, y_top).

    The canvas's origin is the page's top-left corner (see ``pages.top_down``).
    """
    canvas.saveState()
    canvas.translate(x, y_top)
    canvas.scale(scale, scale)
    canvas.doForm(form)
    canvas.restoreState()


def readable_warning(scale: float, where: str) -> str | None:
    smallest = SMALLEST_MAP_TEXT * scale
    if smallest >= style.MIN_READABLE:
        return None
    return (
        f"Map text is printed as small as {smallest:.1f} pt {where} (below "
        f"{style.MIN_READABLE:.0f} pt, hard to read); choose a larger page or tile the map "
        "as a poster."
    )


@dataclass
class FitPlan:
    page: PlannedPage
    scale: float
    warning: str | None


def plan_fit(summary: MapSummary, size: tuple[float, float], page_name: str) -> FitPlan:
    """One page: title block, the map scaled to fit, the legend at full size below."""
    w, h = size
    inner = w - 2 * MARGIN
    leg_h = legend_height(summary.legend, inner)
    top = MARGIN + TITLE_H + GAP
    avail_h = h - top - MARGIN - (leg_h + GAP if leg_h else 0)
    scale = min(inner / summary.width, max(avail_h, 1) / summary.height, MAX_UPSCALE)
    map_w, map_h = summary.width * scale, summary.height * scale
    left = MARGIN + (inner - map_w) / 2

    def draw(canvas: Canvas, ink: Ink, ctx: PageContext) -> None:
        right = f"Map at {scale * 100:.0f} %   ·   {ctx.label}"
        draw_title_block(ink, ctx.title, MARGIN, MARGIN, inner, right)
        _place(canvas, left, -top, scale, MAP_FORM)
        ink.reset()
        ink.rect(left, top, map_w, map_h, stroke=style.GRID, width=0.6)
        if summary.legend:
            draw_legend(ink, summary.legend, MARGIN, top + map_h + GAP, inner)

    warning = readable_warning(scale, f"when the map is fitted to one {page_name} page")
    return FitPlan(PlannedPage(draw, "Map"), scale, warning)


# -- poster ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Poster:
    width: float
    height: float
    map_top: float
    legend_top: float


def poster_geometry(summary: MapSummary) -> Poster:
    width = max(summary.width, 600.0)
    map_top = TITLE_H + GAP
    legend_top = map_top + summary.height + GAP
    legend_h = legend_height(summary.legend, min(width, POSTER_LEGEND_W))
    return Poster(width, legend_top + legend_h, map_top, legend_top)


def draw_poster_form(
    canvas: Canvas, summary: MapSummary, title: TitleInfo, poster: Poster, sheets: int
) -> None:
    """Define the poster form: title block, map at 100 %, legend (top-down from 0, 0)."""
    canvas.beginForm(POSTER_FORM, 0, -poster.height, poster.width, 0)
    ink = Ink(canvas)
    ink.rect(0, 0, poster.width, poster.height, fill=style.PAGE_BG)
    draw_title_block(ink, title, 0, 0, poster.width, f"Poster at 100 %, {sheets} sheets")
    _place(canvas, 0, -poster.map_top, 1.0, MAP_FORM)
    ink.reset()
    entries: list[LegendEntry] = summary.legend
    draw_legend(ink, entries, 0, poster.legend_top, min(poster.width, POSTER_LEGEND_W))
    canvas.endForm()


@dataclass(frozen=True)
class Grid:
    rows: int
    cols: int
    step_x: float
    step_y: float
    content_w: float
    content_h: float


def tile_grid(poster: Poster, size: tuple[float, float], overlap: float) -> Grid:
    w, h = size
    cw, ch = w - 2 * TILE_MARGIN, h - 2 * TILE_MARGIN
    sx, sy = cw - overlap, ch - overlap
    cols = max(1, math.ceil((poster.width - overlap) / sx))
    rows = max(1, math.ceil((poster.height - overlap) / sy))
    return Grid(rows, cols, sx, sy, cw, ch)


def sheet_label(row: int, col: int) -> str:
    """Spreadsheet-style names: rows A, B, … Z, AA …; columns 1, 2, …"""
    letters = ""
    n = row + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{col + 1}"


def plan_tiles(
    summary: MapSummary, size: tuple[float, float], overlap: float
) -> tuple[Poster, Grid, list[PlannedPage]]:
    poster = poster_geometry(summary)
    grid = tile_grid(poster, size, overlap)
    pages = [PlannedPage(_index_page(poster, grid, overlap), "Poster assembly index")]
    for row in range(grid.rows):
        for col in range(grid.cols):
            bookmark = "Poster sheets" if row == col == 0 else None
            pages.append(PlannedPage(_sheet(grid, row, col, overlap), bookmark))
    return poster, grid, pages


def _index_page(poster: Poster, grid: Grid, overlap: float):  # type: ignore[no-untyped-def]
    def draw(canvas: Canvas, ink: Ink, ctx: PageContext) -> None:
        inner = ctx.width - 2 * MARGIN
        draw_title_block(ink, ctx.title, MARGIN, MARGIN, inner, ctx.label)
        paragraphs = [
            f"Poster assembly: {grid.rows * grid.cols} sheets, {grid.rows} "
            f"row{'s' if grid.rows > 1 else ''} × {grid.cols} "
            f"column{'s' if grid.cols > 1 else ''}. Print at 100 % (no \u201cfit to page\u201d).",
            f"Neighbouring sheets overlap by {overlap / 72 * 25.4:.0f} mm. Trim each sheet along "
            "its crop marks on the sides that meet a sheet to the left or above, then lay it "
            "over its neighbour so the dashed ticks line up.",
        ]
        measure = fonts.measure(fonts.REGULAR, 8.5)
        notes = [line for p in paragraphs for line in wrap_text(p, measure, inner, 4)]
        top = MARGIN + TITLE_H + GAP
        avail_w = inner
        avail_h = ctx.height - top - MARGIN - len(notes) * 13 - GAP
        total_w = grid.cols * grid.step_x + overlap
        total_h = grid.rows * grid.step_y + overlap
        scale = min(avail_w / total_w, avail_h / total_h)
        left = MARGIN + (avail_w - total_w * scale) / 2
        ink.rect(left, top, total_w * scale, total_h * scale, fill=style.MAP_BG)
        _place(canvas, left, -top, scale, POSTER_FORM)
        ink.reset()
        size = max(8.0, min(22.0, grid.step_y * scale * 0.25, grid.step_x * scale * 0.25))
        for row in range(grid.rows):
            for col in range(grid.cols):
                x = left + col * grid.step_x * scale
                y = top + row * grid.step_y * scale
                cw, ch = grid.content_w * scale, grid.content_h * scale
                ink.rect(x, y, cw, ch, stroke=style.INK, width=0.8, dash=(4, 2))
                label = sheet_label(row, col)
                lw = fonts.measure(fonts.BOLD, size)(label) + size * 0.8
                ink.rect(
                    x + cw / 2 - lw / 2,
                    y + ch / 2 - size * 0.75,
                    lw,
                    size * 1.4,
                    fill=style.WHITE,
                    stroke=style.INK,
                    width=0.6,
                    radius=3,
                )
                ink.text(
                    x + cw / 2,
                    y + ch / 2 + size * 0.33,
                    label,
                    fonts.BOLD,
                    size,
                    style.INK,
                    align="centre",
                )
        y = ctx.height - MARGIN - len(notes) * 13 + 9
        for note in notes:
            ink.text(MARGIN, y, note, fonts.REGULAR, 8.5, style.INK)
            y += 13
        ink.flush()

    return draw


def _sheet(grid: Grid, row: int, col: int, overlap: float):  # type: ignore[no-untyped-def]
    m = TILE_MARGIN

    def draw(canvas: Canvas, ink: Ink, ctx: PageContext) -> None:
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(m, -m - grid.content_h, grid.content_w, grid.content_h)
        canvas.clipPath(path, stroke=0, fill=0)
        canvas.translate(m - col * grid.step_x, -m + row * grid.step_y)
        canvas.doForm(POSTER_FORM)
        canvas.restoreState()
        ink.reset()
        _crop_marks(ink, m, m, grid.content_w, grid.content_h)
        _overlap_ticks(ink, grid, row, col, overlap)
        label = sheet_label(row, col)
        text = (
            f"{ctx.title.journey} — sheet {label} (row {row + 1} of {grid.rows}, "
            f"column {col + 1} of {grid.cols})"
        )
        base = ctx.height - m + 18
        ink.text(m, base, text, fonts.REGULAR, 7.5, style.MUTED)
        ink.text(ctx.width - m, base, ctx.label, fonts.REGULAR, 7.5, style.MUTED, align="right")
        ink.text(m, m - 16, label, fonts.BOLD, 9, style.INK)
        ink.flush()

    return draw


def _crop_marks(ink: Ink, x: float, y: float, w: float, h: float) -> None:
    gap = 3.0
    for cx, dx in ((x, -1), (x + w, 1)):
        for cy, dy in ((y, -1), (y + h, 1)):
            ink.line(cx + dx * gap, cy, cx + dx * (gap + CROP), cy, stroke=style.INK, width=0.4)
            ink.line(cx, cy + dy * gap, cx, cy + dy * (gap + CROP), stroke=style.INK, width=0.4)


def _overlap_ticks(ink: Ink, grid: Grid, row: int, col: int, overlap: float) -> None:
    """Dashed ticks in the margins where a neighbouring sheet's edge lies."""
    m = TILE_MARGIN
    top, bottom = m, m + grid.content_h
    left, right = m, m + grid.content_w
    xs = ([left + overlap] if col > 0 else []) + ([right - overlap] if col < grid.cols - 1 else [])
    ys = ([top + overlap] if row > 0 else []) + ([bottom - overlap] if row < grid.rows - 1 else [])
    for x in xs:
        ink.line(x, top - 4, x, top - 4 - CROP, stroke=style.MUTED, width=0.5, dash=(2, 2))
        ink.line(x, bottom + 4, x, bottom + 4 + CROP, stroke=style.MUTED, width=0.5, dash=(2, 2))
    for y in ys:
        ink.line(left - 4, y, left - 4 - CROP, y, stroke=style.MUTED, width=0.5, dash=(2, 2))
        ink.line(right + 4, y, right + 4 + CROP, y, stroke=style.MUTED, width=0.5, dash=(2, 2))
