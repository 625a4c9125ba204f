"""Fit text into a box: wrap at word boundaries, ellipsize what does not fit.

Takes a measuring function, so the canvas (Qt font metrics) and the PDF
(reportlab string widths) wrap text by the same rules.
"""

from __future__ import annotations

from collections.abc import Callable

ELLIPSIS = "…"


def wrap_text(
    text: str, measure: Callable[[str], float], width: float, max_lines: int
) -> list[str]:
    """Lines of ``text`` no wider than ``width``; the last ends in … when text was cut.

    Words longer than a line are broken by characters; newlines are kept.
    Control characters are shown as spaces so they can never corrupt a layout.
    """
    if max_lines < 1 or width <= 0:
        return []
    clean = "".join(" " if (ord(c) < 32 and c != "\n") else c for c in text)
    lines: list[str] = []
    truncated = False
    for paragraph in clean.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            while measure(word) > width:
                cut = _fit_prefix(word, measure, width)
                lines.append(word[:cut])
                word = word[cut:]
                if len(lines) > max_lines:
                    break
            current = word
            if len(lines) > max_lines:
                break
        lines.append(current)
        if len(lines) > max_lines:
            break
    while lines and not lines[-1] and len(lines) > 1:
        lines.pop()
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        truncated = True
    if truncated:
        lines[-1] = ellipsize(lines[-1], measure, width, force=True)
    return lines


def ellipsize(text: str, measure: Callable[[str], float], width: float, force: bool = False) -> str:
    """``text`` cut to fit ``width`` with a trailing …; unchanged when it fits and not forced."""
    if not force and measure(text) <= width:
        return text
    cut = len(text)
    while cut > 0 and measure(text[:cut].rstrip() + ELLIPSIS) > width:
        cut -= max(1, cut // 8) if cut > 40 else 1
    return text[:cut].rstrip() + ELLIPSIS


def _fit_prefix(word: str, measure: Callable[[str], float], width: float) -> int:
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(word[:mid]) <= width:
            lo = mid
        else:
            hi = mid - 1
    return max(1, lo)
