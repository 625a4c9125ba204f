"""The service blueprint on paper: layer lines, connectors with arrow heads, and their legend.

Drawn over the map from the same geometry the canvas uses
(:mod:`journeymapper.geometry.blueprint`), so routes, lines and labels sit where they
sit on screen. Connector kinds differ by line pattern (solid flow, dashed hand-off,
dotted dependency) and a hand-off between teams carries a diamond, so nothing depends
on colour alone.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from journeymapper.geometry import blueprint as bp
from journeymapper.geometry import layout as geo
from journeymapper.model.enums import ConnectorKind
from journeymapper.pdf import fonts, style
from journeymapper.pdf.fonts import TextCheck, visual
from journeymapper.pdf.ink import Ink
from journeymapper.store.journey_data import JourneyData

CONNECTOR = HexColor("#2d3748")
HANDOFF = HexColor("#c7772b")
LINE = HexColor("#4a5568")
DASHES: dict[str, tuple[float, ...] | None] = {
    ConnectorKind.FLOW: None,
    ConnectorKind.HANDOFF: (5, 3),
    ConnectorKind.DEPENDENCY: (1.2, 2.4),
}
LABEL_SIZE = bp.LABEL_SIZE


def draw_blueprint(
    ink: Ink, data: JourneyData, layout: geo.MapLayout, check: TextCheck
) -> set[str]:
    """Draw the lines and connectors; return the legend symbols they used."""
    used: set[str] = set()
    for line in bp.layer_lines(layout, data):
        ink.line(line.x0, line.y, line.x1, line.y, stroke=LINE, width=1.2, dash=(6, 2, 1.5, 2))
        label = check.clean(line.label.upper(), "a blueprint line", bold=True)
        ink.text(geo.LEFT_W + 6, line.y - 2.5, label, fonts.BOLD, 6.5, LINE)
        used.add("layer_line")
    routes = bp.route_all(layout, data)
    for route in routes.values():
        _connector(ink, route, check)
        used.add(f"connector:{route.kind}")
        if route.handoff is not None:
            used.add("handoff")
    ink.flush()
    return used


def _connector(ink: Ink, route: bp.Route, check: TextCheck) -> None:
    colour = HANDOFF if route.kind == ConnectorKind.HANDOFF else CONNECTOR
    dash = DASHES.get(route.kind)
    for (x0, y0), (x1, y1) in zip(route.points, route.points[1:], strict=False):
        ink.line(x0, y0, x1, y1, stroke=colour, width=1.3, dash=dash)
    _triangle(ink, bp.arrow_head(route.points), colour)
    lx, ly = route.label_at
    if route.handoff is not None:
        d = 4.5
        _polygon(ink, [(lx, ly - d), (lx + d, ly), (lx, ly + d), (lx - d, ly)], HANDOFF)
    box = route.label_box
    if route.label and box is not None:  # its box keeps it off the layer lines
        text = visual(check.clean(route.label[: bp.LABEL_CHARS], "a connector label"))
        w = fonts.measure(fonts.REGULAR, LABEL_SIZE)(text) + 6
        x = bp.label_x(route, w)
        ink.rect(x, box.cy - 5.5, w, 11, fill=style.WHITE, stroke=style.GRID, width=0.6)
        ink.text(x + 3, box.cy + 2.9, text, fonts.REGULAR, LABEL_SIZE, style.INK)


def _triangle(ink: Ink, points: tuple[bp.Point, bp.Point, bp.Point], colour: HexColor) -> None:
    _polygon(ink, list(points), colour)


def _polygon(ink: Ink, points: list[bp.Point], colour: HexColor) -> None:
    """A filled polygon (top-down map units) over the text queued so far."""
    ink.flush()
    ink.polygon(points, fill=colour)


def legend_entries(used: set[str]) -> list[tuple[str, str]]:
    """(symbol, label) legend entries for what :func:`draw_blueprint` drew, in a fixed order."""
    entries = []
    for kind in ConnectorKind:
        if f"connector:{kind.value}" in used:
            entries.append((f"connector:{kind.value}", f"{kind.label} (connector)"))
    if "handoff" in used:
        entries.append(("handoff", "Hand-off between teams"))
    if "layer_line" in used:
        entries.append(("layer_line", "Line of interaction / visibility / internal interaction"))
    return entries


def draw_symbol(ink: Ink, kind: str, arg: str, x: float, cy: float, width: float) -> bool:
    """Draw a blueprint legend symbol; False when ``kind`` is not one of ours."""
    if kind == "connector":
        colour = HANDOFF if arg == ConnectorKind.HANDOFF else CONNECTOR
        ink.line(x + 1, cy, x + width - 6, cy, stroke=colour, width=1.3, dash=DASHES.get(arg))
        _triangle(ink, bp.arrow_head([(x + 1, cy), (x + width - 1, cy)]), colour)
    elif kind == "handoff":
        d = 4.5
        cx = x + width / 2
        _polygon(ink, [(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], HANDOFF)
    elif kind == "layer_line":
        ink.line(x + 1, cy, x + width - 1, cy, stroke=LINE, width=1.2, dash=(6, 2, 1.5, 2))
    else:
        return False
    return True
