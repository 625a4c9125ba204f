"""Formula injection in CSV files: neutralise text cells a spreadsheet would evaluate.

A cell beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return is a formula
to Excel and LibreOffice (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``). Every CSV the
app writes passes its *text* cells through :func:`neutralise`, which prefixes a
single quote (the OWASP rule); numbers are written as they are. :func:`restore`
undoes exactly that on import, so the user's text comes back unchanged. A text
that itself starts with quotes before such a character gets one more quote, so
that the two stay inverse for every text.
"""

from __future__ import annotations

#: First characters a spreadsheet reads as the start of a formula.
TRIGGERS = frozenset("=+-@\t\r")
QUOTE = "'"


def _risky(text: str) -> bool:
    rest = text.lstrip(QUOTE)
    return rest[:1] in TRIGGERS and bool(rest)


def neutralise(text: str) -> str:
    """The cell as written: a quote in front when a spreadsheet would evaluate it."""
    return QUOTE + text if _risky(text) else text


def restore(text: str) -> str:
    """The user's text of a cell :func:`neutralise` may have written."""
    return text[1:] if text.startswith(QUOTE) and _risky(text) else text
