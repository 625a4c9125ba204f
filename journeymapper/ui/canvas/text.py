"""Qt adapter for :mod:`journeymapper.geometry.text_fit`."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from journeymapper.geometry.text_fit import wrap_text


def wrap_lines(text: str, fm: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    return wrap_text(text, fm.horizontalAdvance, width, max_lines)
