"""Origin links of a journey's stages, lanes and touchpoints, and whether two files share ids.

A future-state duplicate records where each copied item came from, so a comparison
can pair items exactly instead of guessing by name. A file from before origin links
existed simply has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymapper.model.document import Document

#: Tables whose rows carry an ``origin_id`` column.
ORIGIN_TABLES = ("stage", "lane", "touchpoint")


@dataclass(frozen=True)
class Origins:
    """Item id → the id it was copied from, per table (only items that have one)."""

    stages: dict[int, int] = field(default_factory=dict)
    lanes: dict[int, int] = field(default_factory=dict)
    touchpoints: dict[int, int] = field(default_factory=dict)


def _has_origin_column(doc: Document, table: str) -> bool:
    return "origin_id" in doc.columns(table)


def load_origins(doc: Document, journey_id: int) -> Origins:
    """The origin links of one journey (empty maps for a file without the column)."""
    maps: list[dict[int, int]] = []
    for table in ORIGIN_TABLES:
        if not _has_origin_column(doc, table):
            maps.append({})
            continue
        maps.append(
            dict(
                doc.rows(
                    f"SELECT id, origin_id FROM {table} "
                    "WHERE journey_id = ? AND origin_id IS NOT NULL",
                    (journey_id,),
                )
            )
        )
    return Origins(*maps)


def workspace_identity(doc: Document) -> str:
    """What a workspace and its copies (snapshots, Save As) share: its creation stamp."""
    rows = doc.rows("SELECT created_at FROM workspace ORDER BY id LIMIT 1")
    return str(rows[0][0]) if rows and rows[0][0] else ""


def share_ids(a: Document, b: Document) -> bool:
    """True when ids in ``a`` and ``b`` name the same items: one file, or a copy of it."""
    if a is b or a.path.resolve() == b.path.resolve():
        return True
    ident = workspace_identity(a)
    return bool(ident) and ident == workspace_identity(b)
