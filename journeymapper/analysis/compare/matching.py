"""Pairing the items of two journeys: by id, by origin link, then by rules on names.

Ids pair first when both sides share ids (one workspace, or a snapshot of it), then
origin links (a future-state copy names the item it came from), then each fallback
rule in turn over what is still free. Everything runs in the sides' map order, so the
same two journeys always pair the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

Key = Callable[[int], Hashable | None]


@dataclass(frozen=True)
class Rule:
    """A fallback: items whose keys are equal pair in map order (or only when unique)."""

    name: str
    key_a: Key
    key_b: Key
    unique: bool = False


@dataclass
class Matching:
    pairs: dict[int, int] = field(default_factory=dict)
    #: B id → the rule that paired it ("id", "origin", or a fallback's name).
    rule: dict[int, str] = field(default_factory=dict)
    only_a: list[int] = field(default_factory=list)
    only_b: list[int] = field(default_factory=list)

    @property
    def back(self) -> dict[int, int]:
        """B id → A id."""
        return {b: a for a, b in self.pairs.items()}

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for rule in self.rule.values():
            result[rule] = result.get(rule, 0) + 1
        return dict(sorted(result.items()))


class _Free:
    """The still unpaired ids of both sides, in map order."""

    def __init__(self, a: Sequence[int], b: Sequence[int]) -> None:
        self.a: dict[int, None] = dict.fromkeys(a)
        self.b: dict[int, None] = dict.fromkeys(b)
        self.result = Matching()

    def pair(self, a: int, b: int, rule: str) -> None:
        del self.a[a], self.b[b]
        self.result.pairs[a] = b
        self.result.rule[b] = rule


def _by_links(free: _Free, a_origin: dict[int, int], b_origin: dict[int, int]) -> None:
    for b in list(free.b):
        if b in free.a:
            free.pair(b, b, "id")
    for b in list(free.b):
        o = b_origin.get(b)
        if o is not None and o in free.a:
            free.pair(o, b, "origin")
    for a in list(free.a):
        o = a_origin.get(a)
        if o is not None and o in free.b:
            free.pair(a, o, "origin")
    siblings: dict[int, int] = {}
    for a in free.a:
        o = a_origin.get(a)
        if o is not None:
            siblings.setdefault(o, a)
    for b in list(free.b):
        a_id = siblings.get(b_origin.get(b, -1))
        if a_id is not None and a_id in free.a:
            free.pair(a_id, b, "origin")


def _group(ids: dict[int, None], key: Key) -> dict[Hashable, list[int]]:
    groups: dict[Hashable, list[int]] = {}
    for i in ids:
        k = key(i)
        if k is not None:
            groups.setdefault(k, []).append(i)
    return groups


def match(
    a: Sequence[int],
    b: Sequence[int],
    rules: Sequence[Rule],
    *,
    linked: bool = False,
    a_origin: dict[int, int] | None = None,
    b_origin: dict[int, int] | None = None,
) -> Matching:
    """Pair ``a`` with ``b`` (both in map order); ``linked`` when ids name the same items."""
    free = _Free(a, b)
    if linked:
        _by_links(free, a_origin or {}, b_origin or {})
    for rule in rules:
        groups_a = _group(free.a, rule.key_a)
        for k, bs in _group(free.b, rule.key_b).items():
            as_ = groups_a.get(k, [])
            if rule.unique and (len(as_) != 1 or len(bs) != 1):
                continue
            for a_id, b_id in zip(as_, bs, strict=False):
                free.pair(a_id, b_id, rule.name)
    free.result.only_a = list(free.a)
    free.result.only_b = list(free.b)
    return free.result


def out_of_order(ranks: Sequence[Any]) -> set[int]:
    """Indexes of ``ranks`` outside one longest increasing run: the items that moved.

    Moving one card to the end of its cell reports that card, not every card it passed.
    """
    tails: list[int] = []  # index into ranks of the smallest tail of each length
    prev: list[int] = [-1] * len(ranks)
    for i, r in enumerate(ranks):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if ranks[tails[mid]] < r:
                lo = mid + 1
            else:
                hi = mid
        prev[i] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    keep: set[int] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return set(range(len(ranks))) - keep


def merged_order(
    a: Sequence[int], b: Sequence[int], m: Matching
) -> list[tuple[int | None, int | None]]:
    """Both sides as one sequence: B's order, each A-only item after its A predecessor."""
    b_index = {b_id: i for i, b_id in enumerate(b)}
    back = m.back
    ranked: list[tuple[float, int, int | None, int | None]] = [
        (float(i), 0, back.get(b_id), b_id) for i, b_id in enumerate(b)
    ]
    last = -0.5
    extra = 0
    for a_id in a:
        if a_id in m.pairs:
            last = float(b_index[m.pairs[a_id]])
        else:
            extra += 1
            ranked.append((last + 0.5, extra, a_id, None))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [(r[2], r[3]) for r in ranked]
