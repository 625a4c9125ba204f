"""Rects and points kept relative to the band (a lane or an insight row) they sit in.

A lane that grows moves every lane below it. Cards, markers, sticky notes and curve points
stored against their band's top move with the band without being touched, so placing a
10,000-card map again after one lane grew costs the lanes, not the cards. Read, they are
absolute map units like every other shape of a :class:`~journeymapper.geometry.shapes.MapLayout`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, MutableMapping, Sequence
from typing import Generic, Protocol, TypeVar, overload


class Rect(Protocol):
    """A rect of :mod:`geometry.shapes` (which builds its MapLayout from this module)."""

    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def w(self) -> float: ...
    @property
    def h(self) -> float: ...


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Point = tuple[float, float]
CurvePoint = tuple[int, float, float]


class Banded(MutableMapping[K, V], Generic[K, V]):
    """id -> value stored relative to its band's top in ``tops`` (band None: absolute).

    A band not in ``tops`` yet (a lane being measured before it is placed) reads as if its
    top were 0."""

    __slots__ = ("_band", "_rel", "tops")

    def __init__(self, tops: Mapping[Hashable, Rect]) -> None:
        self._rel: dict[K, V] = {}
        self._band: dict[K, Hashable] = {}
        self.tops = tops

    def _moved(self, value: V, top: float) -> V:
        raise NotImplementedError

    def put(self, key: K, band: Hashable, value: V) -> None:
        """Store ``value`` relative to the top of ``band``."""
        self._rel[key] = value
        self._band[key] = band

    @property
    def relative_values(self) -> Mapping[K, V]:
        """id -> value relative to its band (x and sizes read the same as absolute)."""
        return self._rel

    def relative(self, key: K) -> tuple[Hashable, V]:
        """(band, value relative to its top) of ``key``."""
        return self._band[key], self._rel[key]

    def __getitem__(self, key: K) -> V:
        value = self._rel[key]
        top = self.tops.get(self._band[key])
        return value if top is None else self._moved(value, top.y)

    def get(self, key: K, default: V | None = None) -> V | None:  # type: ignore[override]
        value = self._rel.get(key)
        if value is None:
            return default
        top = self.tops.get(self._band[key])
        return value if top is None else self._moved(value, top.y)

    def __setitem__(self, key: K, value: V) -> None:
        self._rel[key] = value
        self._band[key] = None

    def __delitem__(self, key: K) -> None:
        del self._rel[key]
        del self._band[key]

    def __contains__(self, key: object) -> bool:
        return key in self._rel

    def __iter__(self) -> Iterator[K]:
        return iter(self._rel)

    def __len__(self) -> int:
        return len(self._rel)

    def update_from(self, other: Banded[K, V]) -> None:
        """Take ``other``'s entries with their bands (a few placed again)."""
        self._rel.update(other._rel)
        self._band.update(other._band)


class BandRects(Banded[K, Rect]):
    """Rects by id (cards in their lanes, notes in their rows)."""

    __slots__ = ()

    def _moved(self, value: Rect, top: float) -> Rect:
        return value.__class__(value.x, value.y + top, value.w, value.h)  # type: ignore[call-arg]


class BandPoints(Banded[K, Point]):
    """Points by id (annotation markers on their cards' lanes, or absolute on a header)."""

    __slots__ = ()

    def _moved(self, value: Point, top: float) -> Point:
        return value[0], value[1] + top


class CurvePoints(Sequence[CurvePoint]):
    """The emotion curve's (touchpoint id, x, y) in map order, kept relative to the emotion
    lane's top: a lane growing above it moves the whole curve by moving the lane."""

    __slots__ = ("band", "rel", "tops")

    def __init__(
        self,
        tops: Mapping[Hashable, Rect],
        band: Hashable = None,
        rel: list[CurvePoint] | None = None,
    ) -> None:
        self.tops, self.band = tops, band
        self.rel: list[CurvePoint] = rel if rel is not None else []

    def _top(self) -> float:
        top = self.tops.get(self.band)
        return 0.0 if top is None else top.y

    @overload
    def __getitem__(self, index: int) -> CurvePoint: ...
    @overload
    def __getitem__(self, index: slice) -> list[CurvePoint]: ...
    def __getitem__(self, index: int | slice) -> CurvePoint | list[CurvePoint]:
        top = self._top()
        if isinstance(index, slice):
            return [(tp, x, y + top) for tp, x, y in self.rel[index]]
        tp, x, y = self.rel[index]
        return tp, x, y + top

    def __iter__(self) -> Iterator[CurvePoint]:
        top = self._top()
        return ((tp, x, y + top) for tp, x, y in self.rel)

    def __len__(self) -> int:
        return len(self.rel)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def replace_run(self, lo: int, hi: int, rel: list[CurvePoint]) -> None:
        """Put ``rel`` (relative points) in place of ``self[lo:hi]``."""
        self.rel[lo:hi] = rel
