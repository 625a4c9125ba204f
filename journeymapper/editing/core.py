"""The machinery every edit shares: Edit, Changes, EditResult, the registry, ordering.

Each operation is written against a Session and registered by name with
:func:`operation`, which returns a public ``name(doc, ...)`` function running it
in one transaction. The registry is what lets a recorded :class:`Edit` (an undo
or a redo) be replayed with :func:`apply`, and what :func:`batch` runs in one
transaction (a multi-selection move).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel

from journeymapper.editing import rules
from journeymapper.model.document import Document
from journeymapper.model.errors import EditError
from journeymapper.store import order_keys, subtree

P = ParamSpec("P")
M = TypeVar("M", bound=SQLModel)

#: An operation as callers may name it: its registered name or its public function.
Operation = str | Callable[..., "EditResult"]


@dataclass(frozen=True)
class Edit:
    """A replayable description of one operation: its name and its arguments."""

    op: str
    args: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, operation: Callable[..., EditResult], **args: Any) -> Edit:
        """The edit that runs ``operation`` (a public editing function) with ``args``.

        Callers name operations by the function itself, so a typo fails at import
        time, not when the user makes the gesture.
        """
        return cls(_name_of(operation), args)


@dataclass
class Changes:
    """Ids touched by an edit, per table name (``"touchpoint"``, ``"stage"`` …)."""

    ids: dict[str, set[int]] = field(default_factory=dict)

    def add(self, table: str, *ids: int | None) -> Changes:
        self.ids.setdefault(table, set()).update(i for i in ids if i is not None)
        return self

    def merge(self, other: Changes) -> Changes:
        for table, ids in other.ids.items():
            self.add(table, *ids)
        return self

    def of(self, table: str) -> set[int]:
        return self.ids.get(table, set())

    def __contains__(self, table: str) -> bool:
        return bool(self.ids.get(table))


@dataclass
class EditResult:
    """What an operation did: the edit that undoes it, the ids it touched, what it made."""

    inverse: Edit
    changes: Changes
    created_id: int | None = None
    #: Where the edit sits in a team workspace's change log (None on a file).
    stamp: int | None = None


_OPS: dict[str, Callable[..., EditResult]] = {}


def operation(
    fn: Callable[Concatenate[Session, P], EditResult],
) -> Callable[Concatenate[Document, P], EditResult]:
    """Register ``fn`` by name and return a public wrapper running it in one transaction."""
    _OPS[fn.__name__] = fn

    @wraps(fn)
    def public(doc: Document, /, *args: P.args, **kwargs: P.kwargs) -> EditResult:
        with doc.transaction() as session:
            return _committing(doc, fn(session, *args, **kwargs))

    return public


def _committing(doc: Document, result: EditResult) -> EditResult:
    """Tell the document what the edit changed, inside its transaction (team broadcast)."""
    result.stamp = doc.committing(result.changes)
    return result


def _name_of(op: Operation) -> str:
    """The registered name of ``op``, refusing anything that is not an operation."""
    name = op if isinstance(op, str) else getattr(op, "__name__", repr(op))
    if name not in _OPS:
        raise EditError(f"{name!r} is not an editing operation.")
    return name


def _lookup(name: str) -> Callable[..., EditResult]:
    fn = _OPS.get(name)
    if fn is None:
        raise EditError(f"Unknown operation {name!r}.")
    return fn


def apply(doc: Document, edit: Edit, *, undoing: EditResult | None = None) -> EditResult:
    """Run a recorded :class:`Edit` (an undo or a redo) in one transaction.

    ``undoing`` is the step being reverted: on a team workspace the undo is refused when
    someone else changed one of its items since.
    """
    op = _lookup(edit.op)
    with doc.transaction() as session:
        if undoing is not None:
            doc.check_unchanged(undoing.changes, getattr(undoing, "stamp", None))
        return _committing(doc, op(session, **edit.args))


def perform(session: Session, op: Operation, **args: Any) -> EditResult:
    """Run ``op`` inside a transaction the caller already holds (importers, templates).

    ``op`` is the public function (``editing.add_stage``) or its name (``"add_stage"``,
    as a recorded file or an import table holds it).
    """
    if isinstance(op, str):
        return _lookup(op)(session, **args)
    return _OPS[_name_of(op)](session, **args)


def operation_names() -> list[str]:
    return sorted(_OPS)


@operation
def batch(session: Session, edits: Iterable[Edit]) -> EditResult:
    """Several edits as one transaction and one undo step (inverses run in reverse)."""
    results = []
    changes = Changes()
    for edit in edits:
        result = _lookup(edit.op)(session, **edit.args)
        results.append(result)
        changes.merge(result.changes)
    inverse = Edit("batch", {"edits": [r.inverse for r in reversed(results)]})
    created = results[0].created_id if len(results) == 1 else None
    return EditResult(inverse, changes, created)


# -- looking rows up ---------------------------------------------------------


def load(session: Session, model: type[M], item_id: Any, what: str) -> M:
    """Row ``item_id`` of ``model``, or an EditError naming the missing ``what``."""
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise EditError(f"There is no {what} with id {item_id!r}.")
    obj = session.get(model, item_id)
    if obj is None:
        raise EditError(f"There is no {what} with id {item_id}.")
    return obj


def require(session: Session, table: str, item_id: Any, what: str) -> None:
    """Check that a row exists without loading it as an object (cheaper than :func:`load`)."""
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise EditError(f"There is no {what} with id {item_id!r}.")
    session.flush()
    found = (
        session.connection()
        .exec_driver_sql(f"SELECT 1 FROM {table} WHERE id = ?", (item_id,))
        .first()
    )
    if found is None:
        raise EditError(f"There is no {what} with id {item_id}.")


# -- ordered siblings -------------------------------------------------------


def insert_ordered(session: Session, obj: SQLModel, table: str, index: Any) -> None:
    """Insert ``obj`` at ``index`` among its siblings (appending when None)."""
    scope = {c: getattr(obj, c) for c in subtree.ORDER_SCOPES[table]}
    position = rules.index(index, subtree.count_in_scope(session, table, scope))
    if table in order_keys.SPARSE:
        position = _sparse_key(session, table, scope, position, None)
    else:
        subtree.shift_positions(session, table, scope, position, +1)
    obj.position = position  # type: ignore[attr-defined]
    session.add(obj)
    session.flush()


def move_ordered(
    session: Session, obj: SQLModel, table: str, new_scope: dict[str, Any], index: Any
) -> int:
    """Move ``obj`` to ``index`` within ``new_scope``; return its old position."""
    session.flush()
    item_id: int = obj.id  # type: ignore[attr-defined]
    old_scope = {c: getattr(obj, c) for c in subtree.ORDER_SCOPES[table]}
    old_position: int = obj.position  # type: ignore[attr-defined]
    position = move_row(session, table, item_id, old_scope, old_position, new_scope, index)
    for key, value in {**new_scope, "position": position}.items():
        set_committed_value(obj, key, value)
    return old_position


def move_row(
    session: Session,
    table: str,
    item_id: int,
    old_scope: dict[str, Any],
    old_position: int,
    new_scope: dict[str, Any],
    index: Any,
    count: int | None = None,
) -> int:
    """Move one row of an ordered table to ``index`` of ``new_scope`` in plain SQL.

    In a sparse-keyed table (cards) it writes the row alone, under a key between its new
    neighbours'. Elsewhere, within its scope one UPDATE moves the row and shifts just the
    rows between its old and new places (on a server each statement is a round trip). To
    another scope, one UPDATE closes the gap it leaves and opens one where it lands, and
    another writes the row (setting scope columns on every sibling would rewrite their
    index entries). ``count`` is how many rows ``new_scope`` holds now, when the caller
    read it already. Returns the new position (a sparse table's new key).
    """
    if count is None:
        count = subtree.count_in_scope(session, table, new_scope)
    same = new_scope == old_scope
    position = rules.index(index, count - (1 if same else 0))
    session.flush()
    run = session.connection().exec_driver_sql
    if table in order_keys.SPARSE:
        key = _sparse_key(session, table, new_scope, position, item_id)
        # only the columns that change: each one set rewrites its indexes' entries
        moved = {c: v for c, v in new_scope.items() if old_scope.get(c) != v}
        values = {**moved, "position": key}
        assignments = ", ".join(f"{c} = ?" for c in values)
        run(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), item_id))
        return key
    if same:
        if position != old_position:
            scope, params = subtree.scope_test(old_scope)
            low, high = sorted((old_position, position))
            run(
                f"UPDATE {table} SET position = CASE WHEN id = ? THEN ? ELSE position + ? END "
                f"WHERE {scope} AND position BETWEEN ? AND ?",
                (item_id, position, 1 if position < old_position else -1, *params, low, high),
            )
    else:
        _shift_both(session, table, item_id, (old_scope, old_position), (new_scope, position))
        values = {**new_scope, "position": position}
        assignments = ", ".join(f"{c} = ?" for c in values)
        run(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), item_id))
    subtree.expire_loaded(session, subtree.TABLES[table], keep=item_id)
    return position


def _sparse_key(
    session: Session, table: str, scope: dict[str, Any], index: int, item_id: int | None
) -> int:
    """A key for rank ``index`` of ``scope``; loaded rows go stale if the scope was renumbered."""
    key, renumbered = order_keys.key_at(session, table, scope, index, item_id)
    if renumbered:
        subtree.expire_loaded(session, subtree.TABLES[table], keep=item_id)
    return key


def _shift_both(
    session: Session,
    table: str,
    item_id: int,
    leaves: tuple[dict[str, Any], int],
    lands: tuple[dict[str, Any], int],
) -> None:
    """Close the gap at ``leaves`` and open one at ``lands`` (two scopes) in one UPDATE.

    ``col IN (old, new)`` picks the rows from one index; the exact scope tests use ``+col``
    so that SQLite does not turn their OR into two index scans through a temporary table.
    A scope with a NULL in it takes two plain shifts.
    """
    (old, old_position), (new, position) = leaves, lands
    if any(v is None for v in (*old.values(), *new.values())):
        subtree.shift_positions(session, table, old, old_position, -1, exclude_id=item_id)
        subtree.shift_positions(session, table, new, position, +1, exclude_id=item_id)
        return
    was = " AND ".join(f"+{c} = ?" for c in old)
    near = " AND ".join(f"{c} IN (?, ?)" for c in old)
    session.flush()
    session.connection().exec_driver_sql(
        f"UPDATE {table} SET position = position + CASE WHEN {was} THEN -1 ELSE 1 END "
        f"WHERE {near} AND id != ? AND (({was} AND position > ?) OR ({was} AND position >= ?))",
        (
            *old.values(),
            *(v for c in old for v in (old[c], new[c])),
            item_id,
            *old.values(),
            old_position,
            *(new[c] for c in old),
            position,
        ),
    )


# -- the shapes most operations share --------------------------------------------
# An entity ``x`` is edited by ``edit_x(x_id=…, **fields)``, reordered by
# ``reorder_x(x_id=…, index=…)`` and removed by ``delete_x(x_id=…)``: these build
# those operations' results, so each entity module spells out only what differs.


def _touched(table: str, item_id: int | None) -> Changes:
    return Changes().add(table, item_id)


def edit_fields(
    obj: SQLModel,
    table: str,
    updates: dict[str, Any],
    validators: rules.Validators,
    old: dict[str, Any] | None = None,
) -> EditResult:
    """Validate and apply ``updates`` to ``obj`` (a row of ``table``): ``edit_<table>``'s result.

    Its inverse puts the changed fields back; ``old`` holds values the caller already
    changed itself (an annotation's pin) and must restore too.
    """
    item_id: int = obj.id  # type: ignore[attr-defined]
    previous = {**(old or {}), **rules.fields(obj, updates, validators)}
    write_changed(obj, table)
    inverse = Edit(f"edit_{table}", {f"{table}_id": item_id, **previous})
    return EditResult(inverse, _touched(table, item_id))


#: ``Session.info`` key of a document's ``(sql, params) -> None`` that takes a plain UPDATE
#: whose result nobody reads, to run before the next statement or with the commit.
DEFER_WRITE = "journeymapper.defer_write"

#: Values a driver writes as the ORM would (a date as its ISO text, as SQLite keeps it).
_PLAIN = (str, int, float, type(None), dt.date)


def write_changed(obj: SQLModel, table: str) -> None:
    """Write ``obj``'s changed columns with one plain UPDATE instead of an ORM flush.

    The unit of work costs several times the statement itself (on a server, the
    edit's whole budget). Left to the flush when anything else is pending, or a value
    is not a plain one.
    """
    state = sa_inspect(obj)
    session = state.session
    changed = {key: getattr(obj, key) for key in state.committed_state}
    if session is None or not changed or session.new or session.deleted:
        return
    if any(not isinstance(v, _PLAIN) or isinstance(v, dt.datetime) for v in changed.values()):
        return
    if any(other is not obj for other in session.dirty):
        return
    values = [v.isoformat() if isinstance(v, dt.date) else v for v in changed.values()]
    sql = f"UPDATE {table} SET {', '.join(f'{key} = ?' for key in changed)} WHERE id = ?"
    params = (*values, state.identity[0])
    # A server document may send it with the edit's end, in the COMMIT's round trip.
    defer = session.info.get(DEFER_WRITE)
    if defer is not None:
        defer(sql, params)
    else:
        session.connection().exec_driver_sql(sql, params)
    # what a flush does after its UPDATE: the values are the row's now, nothing is pending
    # (set_committed_value alone would leave the object on the session's modified list)
    state._commit_all(state.dict, session.identity_map)


def reorder(
    session: Session, obj: SQLModel, table: str, scope: dict[str, Any], index: Any
) -> EditResult:
    """Move ``obj`` to ``index`` of its siblings in ``scope``: ``reorder_<table>``'s result."""
    item_id: int = obj.id  # type: ignore[attr-defined]
    old = move_ordered(session, obj, table, scope, index)
    inverse = Edit(f"reorder_{table}", {f"{table}_id": item_id, "index": old})
    return EditResult(inverse, _touched(table, item_id))


def insert_new(session: Session, obj: SQLModel, table: str, index: Any) -> EditResult:
    """Insert a new ``obj`` at ``index`` of its siblings; undone by ``delete_<table>``."""
    insert_ordered(session, obj, table, index)
    item_id: int = obj.id  # type: ignore[attr-defined]
    inverse = Edit(f"delete_{table}", {f"{table}_id": item_id})
    return EditResult(inverse, _touched(table, item_id), item_id)
