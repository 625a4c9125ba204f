"""The bundled Unicode font for PDFs, fast text measuring, and glyph coverage checks.

reportlab's built-in fonts cover Western text only and draw missing glyphs as
silent boxes, so every string that goes into a PDF passes through
:class:`TextCheck`: characters DejaVu Sans lacks become U+FFFD (a visible
replacement mark) and are listed in the export's warnings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import weakref
from collections.abc import Callable

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from journeymapper.paths import FONTS

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
REPLACEMENT = "\ufffd"

_widths: dict[str, dict[str, float]] = {}


def register_fonts() -> None:
    """Register the bundled TTFs with reportlab once (they are embedded as subsets)."""
    if _widths:
        return
    for name in (REGULAR, BOLD):
        path = FONTS / f"{name}.ttf"
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        _widths[name] = {}


def covered(font: str = REGULAR) -> frozenset[int]:
    """Code points the font has a glyph for."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@functools.lru_cache(maxsize=64)
def measure(font: str, size: float) -> Callable[[str], float]:
    """A fast width function for one font and size (per-character cache, no kerning)."""
    register_fonts()
    cache = _widths[font]
    face = pdfmetrics.getFont(font).face
    default = face.defaultWidth
    char_widths = face.charWidths
    scale = size / 1000.0

    def width(text: str) -> float:
        try:
            return sum(map(cache.__getitem__, text)) * scale  # the loop runs in C
        except KeyError:
            for ch in text:
                if ch not in cache:
                    cache[ch] = char_widths.get(ord(ch), default)
            return sum(map(cache.__getitem__, text)) * scale

    return width


class Encoder:
    """Turns strings into PDF string operands for one TrueType font in one document.

    reportlab splits every string into font subsets and escapes it anew, which
    costs more than the rest of drawing a card. Characters already placed in
    subset 0 are remembered in ``known`` with their escaped code in ``table``, so
    most strings take one ``str.translate``; anything else goes through
    :meth:`split` (reportlab's own splitting), which also assigns new characters.
    """

    def __init__(self, font: str, doc: object) -> None:
        self.font = pdfmetrics.getFont(font)
        self.doc = doc
        self.known: set[str] = set()  # characters with a code in subset 0
        self.table: dict[int, str] = {}  # their escaped codes, for str.translate
        self._names: dict[int, str] = {}

    def split(self, text: str) -> list[tuple[int, str]]:
        """(subset, escaped operand) chunks of ``text``, assigning new characters codes."""
        chunks = self.font.splitString(text, self.doc)
        assignments = self.font.state[self.doc].assignments
        for ch in set(text):
            code = assignments.get(ord(ch))
            if code is not None and code < 256 and ch != "\xa0":  # reportlab maps NBSP to space
                self.known.add(ch)
                self.table[ord(ch)] = escapePDF(bytes((code,)))
        return [(subset, escapePDF(raw)) for subset, raw in chunks]

    def subset_name(self, subset: int) -> str:
        """The PDF resource name of one subset (``/F1+0``)."""
        name = self._names.get(subset)
        if name is None:
            name = self._names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name


_encoders: weakref.WeakKeyDictionary[object, dict[str, Encoder]] = weakref.WeakKeyDictionary()


def encoder(doc: object, font: str) -> Encoder:
    """The shared :class:`Encoder` of ``font`` in the reportlab document ``doc``."""
    register_fonts()
    per_doc = _encoders.get(doc)
    if per_doc is None:
        per_doc = _encoders[doc] = {}
    found = per_doc.get(font)
    if found is None:
        found = per_doc[font] = Encoder(font, doc)
    return found


_RTL = {"R", "AL"}
#: Blocks that hold right-to-left scripts (Hebrew … NKo, presentation forms, old scripts).
_MAYBE_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_STRONG_LTR = {"L", "EN", "AN"}  # digits keep their left-to-right order


def _strong(ch: str) -> bool | None:
    """True for a right-to-left character, False for left-to-right, None when neutral."""
    kind = unicodedata.bidirectional(ch)
    if kind in _RTL:
        return True
    if kind in _STRONG_LTR:
        return False
    return None


def visual(text: str) -> str:
    """Reorder a right-to-left line for drawing, so Hebrew or Arabic is not shown reversed.

    A small subset of the Unicode bidi algorithm (no embeddings, no mirroring):
    neutrals between two characters of one direction take that direction, other
    neutrals the line's; right-to-left runs are reversed; a line whose first
    strong character is right-to-left lays its runs out right to left.
    Left-to-right text is returned unchanged (fast path).
    """
    if not _MAYBE_RTL.search(text):
        return text
    strong = [_strong(c) for c in text]
    base = next((s for s in strong if s is not None), False)
    resolved: list[bool] = []
    for i, s in enumerate(strong):
        if s is not None:
            resolved.append(s)
            continue
        before = next((p for p in reversed(strong[:i]) if p is not None), base)
        after = next((n for n in strong[i + 1 :] if n is not None), base)
        resolved.append(before if before == after else base)
    runs: list[tuple[bool, str]] = []
    for ch, rtl in zip(text, resolved, strict=True):
        if runs and runs[-1][0] == rtl:
            runs[-1] = (rtl, runs[-1][1] + ch)
        else:
            runs.append((rtl, ch))
    parts = [chunk[::-1] if rtl else chunk for rtl, chunk in runs]
    if base:
        parts.reverse()
    return "".join(parts)


@functools.lru_cache(maxsize=4)
def _drawable(font: str) -> frozenset[str]:
    """Characters the font draws, plus the line breaks text fitting handles (built once)."""
    return frozenset(map(chr, covered(font))) | {"\n", "\t"}


class TextCheck:
    """Cleans strings for the bundled font and remembers which characters it lacked."""

    def __init__(self) -> None:
        self._regular = _drawable(REGULAR)
        self._bold = _drawable(BOLD)
        self.missing: dict[str, set[str]] = {}  # character -> where it was used

    def clean(self, text: str, where: str = "", *, bold: bool = False) -> str:
        """``text`` with characters the font lacks replaced by U+FFFD (and recorded)."""
        have = self._bold if bold else self._regular
        if have.issuperset(text):
            return text
        out = []
        for ch in text:
            if ch in have:
                out.append(ch)
            elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
                out.append(" ")  # invisible controls: never worth a warning
            else:
                self.missing.setdefault(ch, set()).add(where)
                out.append(REPLACEMENT)
        return "".join(out)

    def warnings(self) -> list[str]:
        """One line per missing character: the character, its code point and where it was."""
        lines = []
        for ch in sorted(self.missing):
            places = sorted(p for p in self.missing[ch] if p)
            where = f" (in {', '.join(places[:3])}{' …' if len(places) > 3 else ''})"
            name = unicodedata.name(ch, "unnamed character")
            lines.append(
                f"The bundled font has no glyph for {ch!r} U+{ord(ch):04X} {name}; "
                f"it is printed as {REPLACEMENT}{where if places else ''}."
            )
        return lines
