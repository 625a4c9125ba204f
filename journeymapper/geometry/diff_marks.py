"""How a difference is marked on screen and paper: a colour, a symbol and a word.

The colours are from the Okabe–Ito set (told apart with the common colour-vision
deficiencies), and every kind also has its own symbol and word, so colour is never
the only signal. The two emotion curves differ by line style and point shape too.
"""

from __future__ import annotations

#: kind → (colour, symbol, legend word)
MARKS: dict[str, tuple[str, str, str]] = {
    "added": ("#009e73", "+", "added"),
    "removed": ("#d55e00", "−", "removed"),
    "moved": ("#0072b2", "↦", "moved"),
    "changed": ("#b07800", "✎", "changed"),
}
#: Pain points say "new" and "resolved" instead of "added" and "removed".
WORDS = {"new": "added", "resolved": "removed"}

#: Emotion curve of A (before): grey, dashed, open circles; B (after): violet, solid, squares.
CURVE_A = "#5f6b7a"
CURVE_B = "#7a4fbf"


def mark(kind: str) -> tuple[str, str, str]:
    """(colour, symbol, word) of a difference kind (or of "new"/"resolved")."""
    return MARKS[WORDS.get(kind, kind)]
