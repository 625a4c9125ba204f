"""The Outline's Connectors group: a blueprint's arrows, one row each ("A → B · label").

Kept beside :mod:`outline` so the tree of cards stays one job. The group is rebuilt
whole when a connector or one of its cards changes: a journey has tens of arrows,
so one query and a few rows beat patching.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QStandardItem

from journeymapper.model.enums import ConnectorKind
from journeymapper.store.journey_data import ConnectorData, JourneyData

#: The outline's row maker: (kind, id, text, search text) -> a read-only row.
Row = Callable[[str, int, str, str], QStandardItem]


def _kind_label(kind: str) -> str:
    return ConnectorKind(kind).label if kind in set(ConnectorKind) else kind


def connector_text(data: JourneyData, conn: ConnectorData) -> str:
    """``Take the order → Cook the meal  ·  Ticket (Hand-off)``."""
    ends = [data.touchpoints.get(i) for i in (conn.source_id, conn.target_id)]
    names = " → ".join(t.title if t else "?" for t in ends)
    label = f"  ·  {conn.label}" if conn.label else ""
    return f"{names}{label}  ({_kind_label(conn.kind)})"


def connectors_group(
    data: JourneyData, connectors: dict[int, ConnectorData], row: Row
) -> tuple[QStandardItem, dict[int, QStandardItem]]:
    """The group row and its connector rows by id, in the order of their source stages."""
    stage_at = {s.id: i for i, s in enumerate(data.stages)}

    def order(conn: ConnectorData) -> tuple[int, int]:
        source = data.touchpoints.get(conn.source_id)
        return (stage_at.get(source.stage_id, len(stage_at)) if source else len(stage_at), conn.id)

    group = row("connectors", 0, f"Connectors  ({len(connectors)})", "")
    rows: dict[int, QStandardItem] = {}
    for conn in sorted(connectors.values(), key=order):
        text = connector_text(data, conn)
        rows[conn.id] = item = row("connector", conn.id, text, text)
        item.setToolTip(text)
    group.appendRows(list(rows.values()))
    return group, rows
