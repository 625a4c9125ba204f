"""Sparse order keys: a card's place in its cell is written as one row.

In the tables of :data:`SPARSE` (touchpoint cards) ``position`` is an order key, not an
index: a card's index is its rank among its cell's rows ordered by ``(position, id)``.
Moving or inserting a card then writes its own row only, where a contiguous 0..n-1
column rewrites every row after the place (each one a page in the rollback journal),
so an edit's cost no longer grows with the cell. New keys go ``GAP`` apart; a cell is
renumbered only when no integer is left between two neighbours, or a key would leave
the range a team server's 32-bit INTEGER column holds. An old file's 0..n-1 keys are
valid keys as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the start's preview reads the map through this module without the ORM
    from sqlmodel import Session

#: Tables whose ``position`` is a sparse order key within its scope (see the module doc).
SPARSE = frozenset({"touchpoint"})
#: The spacing of keys written at a cell's ends and by a renumbering.
GAP = 1024
#: Keys stay within ±LIMIT (a PostgreSQL INTEGER holds ±2**31).
LIMIT = 1 << 30


#: SQL for the rank in its cell of the card aliased ``t`` (how many cards come before it).
RANK_OF_T = (
    "(SELECT count(*) FROM touchpoint o WHERE o.stage_id = t.stage_id AND o.lane_id = t.lane_id "
    "AND (o.position < t.position OR (o.position = t.position AND o.id < t.id)))"
)


class Placed(Protocol):
    """A read-model card: its cell and its order key (replaced by its rank)."""

    id: int
    stage_id: int
    lane_id: int
    position: int


def scope_test(scope: dict[str, Any]) -> tuple[str, list[Any]]:
    """``scope`` as an SQL condition (NULL-aware) and its parameters (an empty scope: all)."""
    where = [f"{c} = ?" if v is not None else f"{c} IS NULL" for c, v in scope.items()]
    return " AND ".join(where) or "1 = 1", [v for v in scope.values() if v is not None]


def key_at(
    session: Session, table: str, scope: dict[str, Any], index: int, exclude_id: int | None
) -> tuple[int, bool]:
    """A key that puts a row at rank ``index`` (clamped already) among the scope's other rows.

    One indexed read of the (at most two) neighbours. Returns the key and whether the
    scope had to be renumbered (the caller's loaded objects of ``table`` are then stale).
    """
    where, params = scope_test(scope)
    if exclude_id is not None:
        where += " AND id != ?"
        params.append(exclude_id)
    session.flush()
    run = session.connection().exec_driver_sql
    keys = [
        int(r[0])
        for r in run(
            f"SELECT position FROM {table} WHERE {where} ORDER BY position, id LIMIT ? OFFSET ?",
            (*params, 1 if index == 0 else 2, max(index - 1, 0)),
        )
    ]
    low, high = (None, keys[0] if keys else None) if index == 0 else (*keys, None)[:2]
    key = between(low, high)
    if key is not None:
        return key, False
    _renumber(session, table, where, params, index)
    return index * GAP, True


def between(low: int | None, high: int | None) -> int | None:
    """A key after ``low`` and before ``high`` (None: that end is open), None when none fits."""
    if low is None and high is None:
        return 0
    if low is None:
        key = high - GAP  # type: ignore[operator]
    elif high is None:
        key = low + GAP
    elif high - low < 2:
        return None
    else:
        key = (low + high) // 2
    return key if -LIMIT <= key <= LIMIT else None


def _renumber(session: Session, table: str, where: str, params: list[Any], index: int) -> None:
    """Spread the scope's rows ``GAP`` apart in their order, leaving rank ``index`` free.

    One statement (a round trip on a server); rare, as each renumbering leaves
    ``GAP - 1`` free keys between every two neighbours.
    """
    session.connection().exec_driver_sql(
        f"UPDATE {table} SET position = r.slot * ? FROM (SELECT id, "
        "CASE WHEN row_number() OVER (ORDER BY position, id) > ? "
        "THEN row_number() OVER (ORDER BY position, id) "
        "ELSE row_number() OVER (ORDER BY position, id) - 1 END AS slot "
        f"FROM {table} WHERE {where}) AS r WHERE {table}.id = r.id",
        (GAP, index, *params),
    )


def rank_of(session: Session, table: str, scope: dict[str, Any], key: int, item_id: int) -> int:
    """The rank of row ``item_id`` (key ``key``) in ``scope``: how many rows come before it."""
    where, params = scope_test(scope)
    session.flush()
    sql = (
        f"SELECT count(*) FROM {table} WHERE {where} "
        "AND (position < ? OR (position = ? AND id < ?))"
    )
    found = session.connection().exec_driver_sql(sql, (*params, key, key, item_id))
    return int(found.scalar_one())


def next_key(session: Session, table: str, scope: dict[str, Any]) -> int:
    """The key of a row appended at the end of ``scope`` (0 in an empty one)."""
    where, params = scope_test(scope)
    session.flush()
    sql = f"SELECT max(position) FROM {table} WHERE {where}"
    last = session.connection().exec_driver_sql(sql, tuple(params)).scalar_one()
    return 0 if last is None else int(last) + 1


def ranked(cards: Iterable[Placed]) -> None:
    """Replace each card's order key by its rank in its cell (read models show indexes)."""
    cells: dict[tuple[int, int], list[Placed]] = {}
    for card in cards:
        cells.setdefault((card.stage_id, card.lane_id), []).append(card)
    for members in cells.values():
        members.sort(key=lambda c: (c.position, c.id))
        for rank, card in enumerate(members):
            card.position = rank


def ranks(rows: Sequence[Sequence[Any]]) -> dict[int, int]:
    """Rank by id of ``(id, key)`` rows of one cell."""
    ordered = sorted(rows, key=lambda r: (r[1], r[0]))
    return {int(r[0]): rank for rank, r in enumerate(ordered)}
