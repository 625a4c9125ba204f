"""A thin pen over a reportlab canvas that works top-down, like the map's geometry.

Callers translate the canvas so that (0, 0) is a top-left corner; every y
here grows downwards and is negated on the way out. Text is queued in one
text block (BT … ET) per font, size and colour and written by
:meth:`Ink.flush`, which keeps text above the shapes of its layer. Each string
costs one relative move and one show operator, written directly: going through
reportlab's text object per string costs several times more than the map's
other drawing put together.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from journeymapper.pdf import fonts


class _Run:
    """The queued text of one font, size and colour: one text object, written at flush."""

    __slots__ = (
        "colour", "obj", "code", "encoder", "known", "table", "size", "x", "y", "subset", "moves",
    )  # fmt: skip

    def __init__(self, canvas: Canvas, font: str, size: float, colour: Color) -> None:
        self.colour = colour  # keeps the id in Ink's key alive
        self.obj = canvas.beginText()  # BT and the colour, as reportlab writes them
        self.obj.setFillColor(colour)
        self.code: list[str] = self.obj._code
        self.encoder = fonts.encoder(canvas._doc, font)
        self.known, self.table = self.encoder.known, self.encoder.table  # shared, kept current
        self.size = fp_str(size)
        self.x = self.y = 0  # the current line start, in hundredths of a point
        self.subset = -1
        self.moves: dict[tuple[int, int], str] = {}  # (dx, dy) -> its operands: rows repeat

    def show(self, x: float, y: float, s: str) -> None:
        """Move to (x, y) (PDF coordinates) and show ``s``.

        Moves are relative (``Td``) and counted in whole hundredths of a point,
        so they never drift however many strings a block holds.
        """
        ix, iy = round(x * 100), round(y * 100)
        step = (ix - self.x, iy - self.y)
        move = self.moves.get(step)
        if move is None:
            if len(self.moves) > 4096:
                self.moves.clear()
            move = self.moves[step] = fp_str(step[0] / 100, step[1] / 100)
        self.x, self.y = ix, iy
        if self.known.issuperset(s):  # the usual case, kept inline
            if self.subset == 0:
                self.code.append(f"{move} Td ({s.translate(self.table)}) Tj")
                return
            if s:  # a new block's first string: what split() gives, without reportlab's pass
                self.code.append(f"{move} Td")
                self.code.append(f"{self.encoder.subset_name(0)} {self.size} Tf")
                self.subset = 0
                self.code.append(f"({s.translate(self.table)}) Tj")
                return
        self.code.append(f"{move} Td")
        enc = self.encoder
        for subset, part in enc.split(s):
            if subset != self.subset:
                self.code.append(f"{enc.subset_name(subset)} {self.size} Tf")
                self.subset = subset
            self.code.append(f"({part}) Tj")


class Ink:
    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self._texts: dict[tuple[str, float, int], _Run] = {}
        self._forms: dict[str, str] = {}  # form -> XObject name, listed in _in_use
        self._in_use: list[str] | None = None
        self._fill: Color | None = None
        self._stroke: tuple[Color | None, float, tuple[float, ...] | None] | None = None
        self._ops: dict[tuple[int, str], tuple[Color, str]] = {}

    # -- shapes ---------------------------------------------------------------------
    def _op(self, colour: Color, op: str) -> str | None:
        """The PDF operator setting an opaque RGB ``colour`` ("r g b rg" / "RG"), cached."""
        key = (id(colour), op)
        found = self._ops.get(key)
        if found is None:
            if getattr(colour, "alpha", 1) != 1 or not hasattr(colour, "red"):
                return None  # transparency or another colour space: reportlab writes it
            rgb = fp_str(colour.red, colour.green, colour.blue)
            found = self._ops[key] = (colour, f"{rgb} {op}")
        return found[1]

    def _pen(self, stroke: Color | None, width: float, dash: Sequence[float] | None) -> None:
        key = (stroke, width, tuple(dash) if dash else None)
        if key == self._stroke:
            return
        self._stroke = key
        if stroke is not None:
            op = self._op(stroke, "RG")
            code = self.c._code
            if op is None:
                self.c.setStrokeColor(stroke)
            else:  # the operators reportlab writes, without its per-call bookkeeping
                code.append(op)
                self.c._strokeColorObj = stroke
            code.append(f"{fp_str(width)} w")
            code.append(f"[{fp_str(*dash) if dash else ''}] 0 d")
            self.c._lineWidth = width

    def _brush(self, fill: Color | None) -> None:
        if fill is not None and fill is not self._fill:
            op = self._op(fill, "rg")
            if op is None:
                self.c.setFillColor(fill)
            else:
                self.c._code.append(op)
                self.c._fillColorObj = fill
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
        if radius:
            self._pen(stroke, width, dash)
            self._brush(fill)
            f, s = int(fill is not None), int(stroke is not None)
            self.c.roundRect(x, -y - h, w, h, radius, stroke=s, fill=f)
            return
        if stroke is not None:
            self._pen(stroke, width, dash)
        self._brush(fill)
        op = ("B" if stroke is not None else "f") if fill is not None else "S"
        if fill is None and stroke is None:
            op = "n"
        self.c._code.append(f"n {fp_str(x, -y - h, w, h)} re {op}")

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
        """Place a form (drawn top-down around its own origin) at (x, y).

        Written as one ``q … cm … Do Q`` line: the same operators as reportlab's
        saveState/translate/doForm/restoreState, without its Python-side state stack.
        """
        c = self.c
        if c._formsinuse is not self._in_use:  # a new page or form: list the form there too
            self._in_use, self._forms = c._formsinuse, {}
        name = self._forms.get(form)
        if name is None:
            name = self._forms[form] = c._doc.getXObjectName(form)
            c._formsinuse.append(form)
        c._code.append(f"q 1 0 0 1 {fp_str(x, -y)} cm /{name} Do Q")

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: Color) -> None:
        """A filled polygon: one path of the operators reportlab's path object writes,
        without building one (a blueprint has an arrow head per connector)."""
        if len(points) < 3:
            return
        self._brush(fill)
        (x0, y0), *rest = points
        moves = [f"{fp_str(x0, -y0)} m", *(f"{fp_str(x, -y)} l" for x, y in rest)]
        self.c._code.append(f"{' '.join(moves)} h f")

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

        Text is bucketed by font, size and colour (one text block each), so a
        layer's text costs one move and one string per call, nothing more.
        """
        if not s:
            return
        s = fonts.visual(s)
        if align != "left":
            w = fonts.measure(font, size)(s)
            x -= w / 2 if align == "centre" else w
        self.run(font, size, colour).show(x, -y, s)

    def run(self, font: str, size: float, colour: Color) -> _Run:
        """The text queue of one font, size and colour (hot loops keep it at hand).

        Its ``show(x, -y, s)`` skips :meth:`text`'s alignment and RTL reordering:
        pass strings through :func:`fonts.visual` first.
        """
        key = (font, size, id(colour))  # by identity: hashing a Color is slow
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = _Run(self.c, font, size, colour)
        return found

    def flush(self) -> None:
        """Write the queued text (it lands above every shape drawn so far)."""
        if self._texts:
            for run in self._texts.values():
                self.c.drawText(run.obj)
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
