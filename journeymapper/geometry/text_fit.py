"""Fit text into a box: wrap at word boundaries, ellipsize what does not fit.

Takes a measuring function, so the canvas (Qt font metrics) and the PDF
(reportlab string widths) wrap text by the same rules. Work is bounded by what
is shown: a 100,000-character word costs a few measurements per line it fills.
"""

from __future__ import annotations

from collections.abc import Callable

ELLIPSIS = "…"
#: Control characters (except newline) are shown as spaces so they never corrupt a layout.
_CONTROLS = {c: " " for c in range(32) if c != ord("\n")}

Measure = Callable[[str], float]


def wrap_text(text: str, measure: Measure, width: float, max_lines: int) -> list[str]:
    """Lines of ``text`` no wider than ``width``; the last ends in … when text was cut.

    Words longer than a line are broken after a hyphen, else by characters; newlines
    are kept.
    """
    if max_lines < 1 or width <= 0:
        return []
    text = text.translate(_CONTROLS)
    if "\n" not in text:  # one line that fits whole (most titles): no word-by-word pass,
        line = " ".join(text.split())  # which would find every shorter prefix fits too
        if measure(line) <= width:
            return [line]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        _wrap_paragraph(paragraph, measure, width, max_lines, lines)
        if len(lines) > max_lines:
            break
    while lines and not lines[-1] and len(lines) > 1:
        lines.pop()
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = ellipsize(lines[-1], measure, width, force=True)
    return lines


def _wrap_paragraph(
    paragraph: str, measure: Measure, width: float, max_lines: int, lines: list[str]
) -> None:
    """Append the paragraph's lines to ``lines`` (stops once more than ``max_lines``)."""
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = _break_word(word, measure, width, max_lines, lines)
        if len(lines) > max_lines:
            break
    lines.append(current)


def _break_word(word: str, measure: Measure, width: float, max_lines: int, lines: list[str]) -> str:
    """Put the parts of a word too long for a line on lines of their own; return the rest."""
    while True:
        cut = _longest_fit(word, measure, width)
        if cut == len(word):
            return word
        hyphen = word.rfind("-", 0, cut)  # "Missed-" / "delivery", not "Missed-deliver" / "y"
        cut = hyphen + 1 if hyphen > 0 else max(1, cut)
        lines.append(word[:cut])
        word = word[cut:]
        if len(lines) > max_lines:
            return word


def ellipsize(text: str, measure: Measure, width: float, force: bool = False) -> str:
    """``text`` cut to fit ``width`` with a trailing …; unchanged when it fits and not forced."""
    if not force and measure(text) <= width:
        return text
    # Cut from the end in steps of an eighth, as always; lengths longer than the longest
    # prefix that fits are skipped unmeasured, so a 100,000-character string costs
    # about what a line costs.
    longest = _longest_fit(text, measure, width)
    cut = len(text)
    while cut > 0:
        head = text[:cut].rstrip()
        if len(head) <= longest and measure(head + ELLIPSIS) <= width:
            break
        cut -= max(1, cut // 8) if cut > 40 else 1
    return text[:cut].rstrip() + ELLIPSIS


def _longest_fit(word: str, measure: Measure, width: float) -> int:
    """The length of the longest prefix of ``word`` within ``width`` (0 when none fits).

    Gallops over lengths 8, 16, 32 … before a binary search, so only prefixes about a
    line long are measured, however long the word is.
    """
    n, fits, hi = len(word), 0, 8
    while hi < n and measure(word[:hi]) <= width:
        fits, hi = hi, hi * 2
    if hi >= n:
        if measure(word) <= width:
            return n
        hi = n
    lo = fits  # the longest prefix known to fit (0: none yet)
    while lo < hi - 1:
        mid = (lo + hi) // 2
        if measure(word[:mid]) <= width:
            lo = mid
        else:
            hi = mid
    return lo
