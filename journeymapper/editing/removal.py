"""Deleting an item with everything under it, and restoring it: one mechanism for all.

A delete captures the item's subtree (:mod:`journeymapper.store.subtree`), deletes
it, and returns ``restore_X(captured=…)`` as its inverse; the restore writes the
capture back under the same ids and returns ``delete_X(X_id=…)``. Each entity
module registers its pair with :func:`removable`; only what differs (a guard, or
links from outside the subtree to undo and redo) is spelt out there.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, SQLModel

from journeymapper.editing.core import Changes, Edit, EditResult, load, operation
from journeymapper.store import subtree

#: Before delete: clear references from outside the subtree; return them as restore
#: arguments, with the ids that clearing touched.
Detach = Callable[[Session, int], tuple[dict[str, Any], Changes]]
#: After restore: put those references back on the restored item; return what they touched.
Reattach = Callable[[Session, int, Mapping[str, Any]], Changes]


@dataclass(frozen=True)
class Removal:
    """How one kind of item is deleted and restored."""

    table: str  #: the subtree table, also the root of the capture
    model: type[SQLModel]
    what: str  #: the word in "There is no … with id 7."
    id_arg: str  #: the argument naming the item: ``stage_id``
    delete: str  #: the delete operation's name
    restore: str  #: the restore operation's name
    guard: Callable[[Any], None] | None = None  #: raises EditError if this row may not go
    detach: Detach | None = None
    reattach: Reattach | None = None
    links: tuple[str, ...] = ()  #: extra restore arguments ``detach`` returns (default empty)

    @classmethod
    def of(cls, table: str, model: type[SQLModel], **extra: Any) -> Removal:
        """The removal of ``table`` named as most are: ``delete_<table>(<table>_id=…)``."""
        return cls(
            table, model, table, f"{table}_id", f"delete_{table}", f"restore_{table}", **extra
        )


def changes_of(captured: subtree.Captured) -> Changes:
    """The ids a deleted or restored capture touches, with the cards its rows hang on."""
    changes = Changes()
    for table, ids in subtree.ids_of(captured).items():
        changes.add(table, *ids)
    for tp in captured.get("measurement", ()):
        changes.add("touchpoint", tp["touchpoint_id"])
    for ann in captured.get("annotation", ()):
        changes.add("touchpoint", ann["touchpoint_id"])
        changes.add("stage", ann["stage_id"])
    for row in (*captured.get("target", ()), *captured.get("opportunity_link", ())):
        changes.add("opportunity", row["opportunity_id"])
        changes.add("touchpoint", row["touchpoint_id"]).add("stage", row["stage_id"])
        changes.add("annotation", row.get("annotation_id"))
    return changes


def _signature(*names: str, defaults: tuple[str, ...] = ()) -> inspect.Signature:
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter("session", kind)]
    params += [inspect.Parameter(n, kind) for n in names]
    params += [inspect.Parameter(n, kind, default=()) for n in defaults]
    return inspect.Signature(params)


def _named(fn: Callable[..., EditResult], name: str, doc: str) -> Callable[..., EditResult]:
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


def _delete_fn(spec: Removal) -> Callable[..., EditResult]:
    signature = _signature(spec.id_arg)

    def delete(*args: Any, **kwargs: Any) -> EditResult:
        bound = signature.bind(*args, **kwargs).arguments
        session: Session = bound["session"]
        item_id = bound[spec.id_arg]
        obj = load(session, spec.model, item_id, spec.what)
        if spec.guard is not None:
            spec.guard(obj)
        links, detached = spec.detach(session, item_id) if spec.detach else ({}, Changes())
        captured = subtree.capture(session, spec.table, [item_id])
        subtree.delete_captured(session, captured)
        changes = changes_of(captured).merge(detached)
        return EditResult(Edit(spec.restore, {"captured": captured, **links}), changes)

    delete.__signature__ = signature  # type: ignore[attr-defined]
    return _named(delete, spec.delete, f"Delete a {spec.what} and everything under it.")


def _restore_fn(spec: Removal) -> Callable[..., EditResult]:
    signature = _signature("captured", defaults=spec.links)

    def restore(*args: Any, **kwargs: Any) -> EditResult:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        session: Session = bound.arguments["session"]
        captured: subtree.Captured = bound.arguments["captured"]
        subtree.restore_captured(session, captured)
        root_id = captured[spec.table][0]["id"]
        changes = changes_of(captured)
        if spec.reattach is not None:
            links = {key: bound.arguments[key] for key in spec.links}
            changes.merge(spec.reattach(session, root_id, links))
        return EditResult(Edit(spec.delete, {spec.id_arg: root_id}), changes, root_id)

    restore.__signature__ = signature  # type: ignore[attr-defined]
    return _named(restore, spec.restore, f"Put a deleted {spec.what} back under its old ids.")


def removable(spec: Removal) -> tuple[Callable[..., EditResult], Callable[..., EditResult]]:
    """Register ``spec``'s delete and restore operations; return their public functions."""
    return operation(_delete_fn(spec)), operation(_restore_fn(spec))
