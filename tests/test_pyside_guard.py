"""Guards against the PySide6 6.12.0 refcount bug (see DESIGN.md, Known pitfalls).

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a
method returning nothing; after a few thousand calls the interpreter aborts.
"""

from __future__ import annotations

import sys
from importlib import metadata

CALLS = 20_000


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def test_installed_pyside6_is_the_pinned_series() -> None:
    import PySide6

    assert (6, 11) <= _version(PySide6.__version__) < (6, 12), PySide6.__version__
    essentials = metadata.version("PySide6-Essentials")
    assert (6, 11) <= _version(essentials) < (6, 12), essentials


def test_methods_returning_nothing_keep_none_alive() -> None:
    from PySide6.QtWidgets import QGraphicsRectItem

    item = QGraphicsRectItem(0, 0, 10, 10)
    for i in range(100):  # warm up caches before measuring
        item.setPos(i, i)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        item.setPos(i % 500, i % 300)
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references in {CALLS} calls"
    assert item.pos().x() == (CALLS - 1) % 500
