"""Reading workspace JSON safely: bounded nesting and numbers, no duplicate keys or lone surrogates.

Python's :mod:`json` accepts all of these: it recurses into deep nesting until the
interpreter gives up, parses a 5,000-digit integer slowly (and refuses one of more
than 4,300 digits with an internal error), keeps the last of two equal keys and
lets a lone surrogate (``"\\ud800"``) through, which fails only when it is written.
Our export never produces any of them, so a file that has one is refused with
a one-line reason naming where it is.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

from journeymapper.interchange.report import fail_with

#: Deepest nesting of lists and objects accepted (the export uses 7 levels).
MAX_DEPTH = 32
#: Longest integer and decimal number accepted, in characters (SQLite's integers have 19 digits).
MAX_INT_CHARS = 20
MAX_FLOAT_CHARS = 40

_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    """A number the hooks refuse (raised out of :func:`json.loads`)."""


class _Duplicated(dict):  # type: ignore[type-arg]
    """An object that had a key twice (found again by :func:`_where` to name its path)."""

    duplicate = ""


def _depth(text: str) -> int:
    """Deepest nesting of ``text``, counted on its brackets outside strings."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _int(text: str) -> int:
    if len(text) > MAX_INT_CHARS:
        raise _Refused(f"a whole number of {len(text.lstrip('-'))} digits")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_FLOAT_CHARS:
        raise _Refused(f"a number written with {len(text)} characters")
    return float(text)


class _Pairs:
    """The ``object_pairs_hook``: plain dicts, and a note when any object repeats a key."""

    def __init__(self) -> None:
        self.duplicates = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        self.duplicates = True
        seen: set[str] = set()
        marked = _Duplicated(obj)
        marked.duplicate = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return marked


def _where(node: Any, path: str, bad: Any) -> tuple[str, Any] | None:
    """(JSON path, node) of the first node for which ``bad(node)`` holds (depth is bounded)."""
    if bad(node):
        return path, node
    if isinstance(node, dict):
        children = [(f"{path}.{k}" if path else k, v) for k, v in node.items()]
        children += [(f"{path}.{k!r}" if path else repr(k), k) for k in node]
    elif isinstance(node, list):
        children = [(f"{path}[{i}]", v) for i, v in enumerate(node)]
    else:
        return None
    for child_path, child in children:
        if (found := _where(child, child_path, bad)) is not None:
            return found
    return None


def load_json(text: str, source: str) -> Any:
    """The parsed document, or an ``ImportFailed`` naming what is wrong and where."""
    if _depth(text) > MAX_DEPTH:
        raise fail_with(source, f"{source} is nested more than {MAX_DEPTH} levels deep.")
    pairs = _Pairs()
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, object_pairs_hook=pairs)
    except _Refused as exc:
        raise fail_with(source, f"{source} holds {exc}, more than a workspace can.") from exc
    except json.JSONDecodeError as exc:
        raise fail_with(source, f"{source} is not valid JSON: {exc.msg}.", exc.lineno) from exc
    except RecursionError as exc:  # only if the bracket count above was fooled
        raise fail_with(source, f"{source} is nested too deeply.") from exc
    if pairs.duplicates and (found := _where(data, "", lambda n: isinstance(n, _Duplicated))):
        path, node = found
        where = f"the object at {path}" if path else "the top object"
        raise fail_with(source, f"{source} has the key {node.duplicate!r} twice in {where}.")
    if _SURROGATE_ESCAPE.search(text) and (
        found := _where(data, "", lambda n: isinstance(n, str) and _SURROGATE.search(n))
    ):
        where = found[0] or "the document"
        raise fail_with(source, f"{source} has a broken character (a lone surrogate) in {where}.")
    return data
