"""A thin pen over a reportlab canvas that works top-down, like the map's geometry.

Callers translate the canvas so that (0, 0) is a top-left corner; every y
here grows downwards and is negated on the way out. Text is queued in one
text object per layer and written by :meth:`Ink.flush`, which is several times
cheaper than reportlab's ``drawString`` per string and keeps text above the
shapes of its layer.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from journeymapper.pdf import fonts


class Ink:
    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self._texts: dict[tuple[str, float, Color], PDFTextObject] = {}
        self._fill: Color | None = None
        self._stroke: tuple[Color | None, float, tuple[float, ...] | None] | None = None

    # -- shapes ---------------------------------------------------------------------
    def _pen(self, stroke: Color | None, width: float, dash: Sequence[float] | None) -> None:
        key = (stroke, width, tuple(dash) if dash else None)
        if key == self._stroke:
            return
        self._stroke = key
        if stroke is not None:
            self.c.setStrokeColor(stroke)
            self.c.setLineWidth(width)
            if dash:
                self.c.setDash(list(dash), 0)
            else:
                self.c.setDash([], 0)

    def _brush(self, fill: Color | None) -> None:
        if fill is not None and fill is not self._fill:
            self.c.setFillColor(fill)
            self._fill = fill

    def reset(self) -> None:
        """Forget cached graphics state (after ``restoreState`` or a new page)."""
        self._fill = None
        self._stroke = None

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: Color | None = None,
        stroke: Color | None = None,
        width: float = 1.0,
        dash: Sequence[float] | None = None,
        radius: float = 0.0,
    ) -> None:
        self._pen(stroke, width, dash)
        self._brush(fill)
        f, s = int(fill is not None), int(stroke is not None)
        if radius:
            self.c.roundRect(x, -y - h, w, h, radius, stroke=s, fill=f)
        else:
            self.c.rect(x, -y - h, w, h, stroke=s, fill=f)

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        stroke: Color,
        width: float = 1.0,
        dash: Sequence[float] | None = None,
    ) -> None:
        self._pen(stroke, width, dash)
        self.c.line(x1, -y1, x2, -y2)

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        *,
        fill: Color | None = None,
        stroke: Color | None = None,
        width: float = 1.0,
    ) -> None:
        self._pen(stroke, width, None)
        self._brush(fill)
        self.c.circle(cx, -cy, r, stroke=int(stroke is not None), fill=int(fill is not None))

    def stamp(self, form: str, x: float, y: float) -> None:
        """Place a form (drawn top-down around its own origin) at (x, y)."""
        c = self.c
        c.saveState()
        c.translate(x, -y)
        c.doForm(form)
        c.restoreState()

    def polyline(
        self, points: Sequence[tuple[float, float]], *, stroke: Color, width: float = 1.0
    ) -> None:
        if len(points) < 2:
            return
        self._pen(stroke, width, None)
        path = self.c.beginPath()
        path.moveTo(points[0][0], -points[0][1])
        for x, y in points[1:]:
            path.lineTo(x, -y)
        self.c.drawPath(path, stroke=1, fill=0)

    # -- text ------------------------------------------------------------------------
    def text(
        self,
        x: float,
        y: float,
        s: str,
        font: str,
        size: float,
        colour: Color,
        *,
        align: str = "left",
    ) -> None:
        """Queue ``s`` with its baseline at (x, y); ``align`` is left, centre or right.

        Text is bucketed by font, size and colour (one text object each), so a
        layer's text costs one position and one string per call, nothing more.
        """
        if not s:
            return
        s = fonts.visual(s)
        if align != "left":
            w = fonts.measure(font, size)(s)
            x -= w / 2 if align == "centre" else w
        key = (font, size, colour)
        t = self._texts.get(key)
        if t is None:
            t = self._texts[key] = self.c.beginText()
            t.setFont(font, size)
            t.setFillColor(colour)
        t.setTextOrigin(x, -y)
        t.textOut(s)

    def flush(self) -> None:
        """Write the queued text (it lands above every shape drawn so far)."""
        if self._texts:
            for t in self._texts.values():
                self.c.drawText(t)
            self._texts = {}
            self._fill = None  # the text objects changed the fill colour

    def rotated_text(
        self, cx: float, cy: float, s: str, font: str, size: float, colour: Color
    ) -> None:
        """Text centred on (cx, cy), reading bottom to top (group labels)."""
        self.flush()
        c = self.c
        c.saveState()
        c.translate(cx, -cy)
        c.rotate(90)
        c.setFillColor(colour)
        c.setFont(font, size)
        c.drawCentredString(0, -size * 0.35, fonts.visual(s))
        c.restoreState()
        self.reset()
