"""The bundled Unicode font for PDFs, fast text measuring, and glyph coverage checks.

reportlab's built-in fonts cover Western text only and draw missing glyphs as
silent boxes, so every string that goes into a PDF passes through
:class:`TextCheck`: characters DejaVu Sans lacks become U+FFFD (a visible
replacement mark) and are listed in the export's warnings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

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


def measure(font: str, size: float) -> Callable[[str], float]:
    """A fast width function for one font and size (per-character cache, no kerning)."""
    register_fonts()
    cache = _widths[font]
    face = pdfmetrics.getFont(font).face
    default = face.defaultWidth
    char_widths = face.charWidths
    scale = size / 1000.0

    def width(text: str) -> float:
        total = 0.0
        for ch in text:
            w = cache.get(ch)
            if w is None:
                w = cache[ch] = char_widths.get(ord(ch), default)
            total += w
        return total * scale

    return width


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


class TextCheck:
    """Cleans strings for the bundled font and remembers which characters it lacked."""

    def __init__(self) -> None:
        self._regular = frozenset(map(chr, covered(REGULAR))) | {"\n", "\t"}
        self._bold = frozenset(map(chr, covered(BOLD))) | {"\n", "\t"}
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
