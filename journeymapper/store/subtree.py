"""Capture, delete and restore whole subtrees of rows, keeping order columns in order.

Deletes in the editing service go through here so that every delete can be
undone exactly: the captured rows are re-inserted with their original ids and
positions, and the siblings that closed the gap are moved back out of the way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlmodel import Session, SQLModel

from journeymapper.model.tables import ALL_TABLES
from journeymapper.store import order_keys
from journeymapper.store.order_keys import SPARSE, scope_test

TABLES: dict[str, type[SQLModel]] = {t.__tablename__: t for t in ALL_TABLES}  # type: ignore[misc]
_ORDER = [t.__tablename__ for t in ALL_TABLES]

#: Rows that go when their parent goes: parent table -> (child table, foreign key).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "journey": (
        ("stage", "journey_id"),
        ("lane", "journey_id"),
        ("touchpoint", "journey_id"),
        ("annotation", "journey_id"),
        ("vote_round", "journey_id"),
        ("connector", "journey_id"),
    ),
    "stage": (
        ("touchpoint", "stage_id"),
        ("text_cell", "stage_id"),
        ("annotation", "stage_id"),
        ("target", "stage_id"),
        ("opportunity_link", "stage_id"),
    ),
    "lane": (("touchpoint", "lane_id"), ("text_cell", "lane_id")),
    "touchpoint": (
        ("measurement", "touchpoint_id"),
        ("annotation", "touchpoint_id"),
        ("vote", "touchpoint_id"),
        ("target", "touchpoint_id"),
        ("opportunity_link", "touchpoint_id"),
        ("connector", "source_id"),
        ("connector", "target_id"),
    ),
    "annotation": (("vote", "annotation_id"), ("opportunity_link", "annotation_id")),
    "vote_round": (("vote", "round_id"),),
    "metric_definition": (("measurement", "metric_id"), ("target", "metric_id")),
    "opportunity": (
        ("solution", "opportunity_id"),
        ("target", "opportunity_id"),
        ("opportunity_link", "opportunity_id"),
    ),
}

#: Tables ordered by ``position`` within the rows sharing these columns: contiguous from 0,
#: or a sparse order key in the tables of ``order_keys.SPARSE``.
ORDER_SCOPES: dict[str, tuple[str, ...]] = {
    "persona": (),
    "journey": (),
    "stage": ("journey_id",),
    "lane": ("journey_id",),
    "touchpoint": ("stage_id", "lane_id"),
    "annotation": ("journey_id",),
    "metric_definition": (),
    "opportunity": (),
    "solution": ("opportunity_id",),
}

#: Which parent table each scope column points at (to skip compacting a deleted parent).
_SCOPE_PARENTS = {
    "journey_id": "journey",
    "stage_id": "stage",
    "lane_id": "lane",
    "opportunity_id": "opportunity",
}

Captured = dict[str, list[dict[str, Any]]]


def _table(name: str) -> Table:
    return TABLES[name].__table__  # type: ignore[attr-defined,no-any-return]


def capture(session: Session, table: str, ids: Iterable[int]) -> Captured:
    """The rows ``ids`` of ``table`` and every row that depends on them, by table."""
    found: dict[str, dict[int, dict[str, Any]]] = {}
    frontier: list[tuple[str, list[int]]] = [(table, list(ids))]
    while frontier:
        name, wanted = frontier.pop()
        t = _table(name)
        rows = session.execute(select(t).where(t.c.id.in_(wanted))).mappings().all()
        new_ids = []
        bucket = found.setdefault(name, {})
        for row in rows:
            if row["id"] not in bucket:
                bucket[row["id"]] = dict(row)
                new_ids.append(row["id"])
        if not new_ids:
            continue
        for child, fk in CHILDREN.get(name, ()):
            ct = _table(child)
            child_ids = session.execute(select(ct.c.id).where(ct.c[fk].in_(new_ids))).scalars()
            child_list = list(child_ids)
            if child_list:
                frontier.append((child, child_list))
    return {name: list(rows.values()) for name, rows in found.items() if rows}


def delete_captured(session: Session, captured: Captured) -> None:
    """Delete captured rows (children first) and close the gaps they leave in order columns.

    A sparse-keyed row (a card) leaves no gap to close: it records its rank instead,
    which is what its restore puts back (its cell may be renumbered meanwhile).
    """
    gone: dict[str, set[int]] = {name: {r["id"] for r in rows} for name, rows in captured.items()}
    for name in SPARSE & captured.keys():
        for row in captured[name]:
            if not _parent_gone(name, row, gone):
                scope = {c: row[c] for c in ORDER_SCOPES[name]}
                key = row["position"]
                row["position"] = order_keys.rank_of(session, name, scope, key, row["id"])
    for name in reversed(_ORDER):
        rows = captured.get(name)
        if not rows:
            continue
        model = TABLES[name]
        session.execute(
            delete(model).where(model.id.in_(gone[name])),  # type: ignore[attr-defined]
            execution_options={"synchronize_session": "fetch"},
        )
        scope = ORDER_SCOPES.get(name)
        if scope is None or name in SPARSE:
            continue
        for row in sorted(rows, key=lambda r: r["position"], reverse=True):
            if _parent_gone(name, row, gone):
                continue
            shift_positions(session, name, {c: row[c] for c in scope}, row["position"], -1)


def _parent_gone(table: str, row: dict[str, Any], gone: dict[str, set[int]]) -> bool:
    """Whether a parent that scopes ``row``'s order goes (or comes back) with it."""
    return any(row[c] in gone.get(_SCOPE_PARENTS[c], ()) for c in ORDER_SCOPES[table])


def restore_captured(session: Session, captured: Captured) -> None:
    """Re-insert captured rows exactly as they were (ids, places, values).

    A card whose cell stayed goes back to its recorded rank under a fresh key.
    """
    present = ids_of(captured)
    for name in _ORDER:
        rows = captured.get(name)
        if not rows:
            continue
        scope = ORDER_SCOPES.get(name)
        if scope is None:
            session.execute(insert(_table(name)), rows)
            continue
        for row in sorted(rows, key=lambda r: r["position"]):
            place = {c: row[c] for c in scope}
            if name not in SPARSE:
                shift_positions(session, name, place, row["position"], +1)
            elif not _parent_gone(name, row, present):
                row = {**row, "position": _key_for_rank(session, name, place, row["position"])}
            session.execute(insert(_table(name)), [row])


def _key_for_rank(session: Session, table: str, scope: dict[str, Any], rank: int) -> int:
    """The key that puts a restored row back at ``rank`` of ``scope``."""
    index = max(0, min(rank, count_in_scope(session, table, scope)))
    key, renumbered = order_keys.key_at(session, table, scope, index, None)
    if renumbered:
        expire_loaded(session, TABLES[table])
    return key


def shift_positions(
    session: Session,
    table: str,
    scope: dict[str, Any],
    from_position: int,
    delta: int,
    exclude_id: int | None = None,
) -> None:
    """Shift the scope's rows at or past ``from_position`` by ``delta`` (+1 opens, -1 closes).

    Plain SQL on the session's connection (an ORM bulk update costs several times
    more); objects of the table already in the session are then marked stale.
    """
    where, params = scope_test(scope)
    where += " AND position >= ?" if delta > 0 else " AND position > ?"
    params.append(from_position)
    if exclude_id is not None:
        where += " AND id != ?"
        params.append(exclude_id)
    session.flush()
    session.connection().exec_driver_sql(
        f"UPDATE {table} SET position = position + ? WHERE {where}", (delta, *params)
    )
    expire_loaded(session, TABLES[table], keep=exclude_id)


def expire_loaded(session: Session, model: type[SQLModel], keep: int | None = None) -> None:
    """Mark loaded objects of ``model`` stale after a raw-SQL change to their table.

    The id comes from the identity key: reading ``obj.id`` of an object already stale
    would reload it from the database (one SELECT per object) just to expire it again.
    """
    for key, obj in list(session.identity_map.items()):
        if key[0] is model and key[1] != (keep,):
            session.expire(obj)


def count_in_scope(session: Session, table: str, scope: dict[str, Any]) -> int:
    """How many rows share ``scope`` (plain SQL: this runs on every move and insert)."""
    where, params = scope_test(scope)
    session.flush()
    sql = f"SELECT count(*) FROM {table} WHERE {where}"
    return int(session.connection().exec_driver_sql(sql, tuple(params)).scalar_one())


def ids_of(captured: Captured) -> dict[str, set[int]]:
    return {name: {r["id"] for r in rows} for name, rows in captured.items()}
