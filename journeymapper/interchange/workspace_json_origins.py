"""Origin links in the workspace JSON (format 2): ``"origin": "j1/s3"`` on a copied item.

A future-state copy's stages, lanes and touchpoints name the item they were copied
from as ``j<journey number>/<ref>``, both numbered as in the file, so the link
survives export → import (ids do not). A format-1 file has none; a link to an item
that is not in the file is dropped, as the link is only a hint for comparisons.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from journeymapper.interchange.importing import Writer
from journeymapper.model.document import Document
from journeymapper.store import subtree
from journeymapper.store.origins import ORIGIN_TABLES

#: The JSON list that holds each table's items, and the short ref prefix.
_LISTS = {"stage": "stages", "lane": "lanes", "touchpoint": "touchpoints"}

#: Per journey (in file order): table → {id: ref}.
Refs = list[dict[str, dict[int, str]]]


def add_origin_refs(doc: Document, journeys: list[dict[str, Any]], refs: Refs) -> None:
    """Write ``origin`` into the exported items whose original is in the export too."""
    where = {
        (table, item_id): f"j{j + 1}/{ref}"
        for j, per in enumerate(refs)
        for table, ids in per.items()
        for item_id, ref in ids.items()
    }
    for journey, per in zip(journeys, refs, strict=True):
        for table in ORIGIN_TABLES:
            ids = per.get(table, {})
            if not ids:
                continue
            marks = ",".join("?" * len(ids))
            links = dict(
                doc.rows(
                    f"SELECT id, origin_id FROM {table} WHERE id IN ({marks}) "
                    "AND origin_id IS NOT NULL",
                    tuple(ids),
                )
            )
            by_ref = {ids[i]: where.get((table, o)) for i, o in links.items()}
            for item in journey[_LISTS[table]]:
                origin = by_ref.get(item["ref"])
                if origin is not None:
                    item["origin"] = origin


def link_origins(
    w: Writer, journeys: list[dict[str, Any]], made: list[dict[str, dict[str, int]]]
) -> None:
    """After every journey is written: set ``origin_id`` from the items' ``origin`` refs.

    ``made`` holds, per journey in file order, table → {ref: new id}.
    """
    found = {
        (table, f"j{j + 1}/{ref}"): new_id
        for j, per in enumerate(made)
        for table, ids in per.items()
        for ref, new_id in ids.items()
    }
    w.session.flush()
    for journey, per in zip(journeys, made, strict=False):
        for table in ORIGIN_TABLES:
            ids = per.get(table, {})
            for item in journey.get(_LISTS[table], []):
                origin = item.get("origin")
                new_id = ids.get(item.get("ref", ""))
                target = found.get((table, origin)) if isinstance(origin, str) else None
                if new_id is not None and target is not None:
                    t = subtree.TABLES[table].__table__  # type: ignore[attr-defined]
                    w.session.execute(update(t).where(t.c.id == new_id).values(origin_id=target))
