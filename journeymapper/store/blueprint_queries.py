"""Reads for service blueprints: how a journey shows, and the connectors of some cards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from journeymapper.model.document import Document
from journeymapper.model.enums import LAYER_KINDS, JourneyView
from journeymapper.store.journey_data import ConnectorData, JourneyData


def view_key(journey_id: int) -> str:
    """The setting that remembers how a journey shows (map or blueprint)."""
    return f"view.journey.{journey_id}"


def journey_view(doc: Document, journey_id: int) -> str:
    """``blueprint`` when the journey was last shown as a blueprint, else ``journey``."""
    found = doc.rows("SELECT value FROM setting WHERE key = ?", (view_key(journey_id),))
    if found and found[0][0] == JourneyView.BLUEPRINT:
        return JourneyView.BLUEPRINT.value
    return JourneyView.JOURNEY.value


def connectors_of(doc: Document, card_ids: Iterable[int]) -> dict[int, ConnectorData]:
    """The connectors that start or end at any of ``card_ids`` (through their indexes)."""
    ids = sorted(set(card_ids))
    found: dict[int, ConnectorData] = {}
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        marks = ", ".join("?" * len(chunk))
        for r in doc.rows(
            "SELECT id, source_id, target_id, kind, label FROM connector "
            f"WHERE source_id IN ({marks}) UNION "
            "SELECT id, source_id, target_id, kind, label FROM connector "
            f"WHERE target_id IN ({marks})",
            (*chunk, *chunk),
        ):
            found[r[0]] = ConnectorData(*r)
    return found


def connector(doc: Document, connector_id: int) -> ConnectorData | None:
    """One connector (None when it no longer exists)."""
    found = doc.rows(
        "SELECT id, source_id, target_id, kind, label FROM connector WHERE id = ?",
        (connector_id,),
    )
    return ConnectorData(*found[0]) if found else None


def as_view(data: JourneyData, view: str) -> JourneyData:
    """The journey as ``view`` shows it: a plain map leaves out the blueprint layers (their
    lanes, steps and every connector); a blueprint shows everything."""
    if view == JourneyView.BLUEPRINT:
        return data
    hidden = {ln.id for ln in data.lanes if ln.kind in LAYER_KINDS}
    if not hidden and not data.connectors:
        return data
    return replace(
        data,
        lanes=[ln for ln in data.lanes if ln.id not in hidden],
        touchpoints={k: t for k, t in data.touchpoints.items() if t.lane_id not in hidden},
        annotations=[
            a
            for a in data.annotations
            if a.touchpoint_id is None
            or (tp := data.touchpoints.get(a.touchpoint_id)) is None
            or tp.lane_id not in hidden
        ],
        connectors={},
    )
