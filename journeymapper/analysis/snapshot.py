"""Keep a journey snapshot current after a small edit without re-reading the whole map.

An edit that only touched a few touchpoints, measurements, votes or annotations is
patched in by re-reading just those touchpoints (and the journey's annotation list):
a few ms at any map size, where a full read of 20,000 measurements takes 50–100 ms.
Anything structural (stages, lanes, text cells, metrics…) asks for a full reload.
The patch also says whether any card changed place, so a view can keep what depends
on card order only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymapper.editing import Changes
from journeymapper.model.document import Document
from journeymapper.store.item_queries import cell_positions
from journeymapper.store.journey_data import (
    JourneyData,
    TouchpointData,
    load_annotations,
    load_touchpoint,
)

#: Tables whose changes a patch can follow (a vote only changes its touchpoint's count).
PATCHABLE = frozenset({"touchpoint", "measurement", "vote", "annotation"})
#: More touchpoints than this in one change: a full reload is cheaper.
PATCH_LIMIT = 50


@dataclass
class Patch:
    """What a successful patch changed (always truthy, so ``not patch(...)`` means reload)."""

    #: Touchpoints re-read, added or removed.
    touchpoints: set[int] = field(default_factory=set)
    #: A card appeared, vanished, moved (stage, lane, position) or changed its emotion:
    #: anything ordered or grouped by place is stale. False for a measurement or a rename.
    placement: bool = False


def _place(tp: TouchpointData | None) -> tuple[object, ...] | None:
    return None if tp is None else (tp.stage_id, tp.lane_id, tp.position, tp.emotion)


def patch(doc: Document, data: JourneyData, changes: Changes) -> Patch | None:
    """Re-read the touchpoints ``changes`` names into ``data``; None when a reload is needed."""
    tables = {table for table, ids in changes.ids.items() if ids}
    ids = changes.of("touchpoint")
    if not tables or not tables <= PATCHABLE or len(ids) > PATCH_LIMIT:
        return None
    if not ids and tables & {"measurement", "vote"}:
        return None  # whose value or count changed is not said: read it all again
    stages = {s.id for s in data.stages}
    result = Patch(set(ids))
    cells: set[tuple[int, int]] = set()
    for tp_id in ids:
        old = data.touchpoints.get(tp_id)
        tp = load_touchpoint(doc, tp_id)
        if tp is not None and tp.stage_id not in stages:
            return None  # it belongs to another journey: let the caller reload
        if _place(old) != _place(tp):
            result.placement = True
            cells.update((t.stage_id, t.lane_id) for t in (old, tp) if t is not None)
        if tp is None:
            data.touchpoints.pop(tp_id, None)
        else:
            data.touchpoints[tp_id] = tp
    _reread_positions(doc, data, cells)
    if "annotation" in tables:
        data.annotations = load_annotations(doc, data.id)  # renumbered as on the map
    return result


def _reread_positions(doc: Document, data: JourneyData, cells: set[tuple[int, int]]) -> None:
    """A move, insert or delete shifts its neighbours in the cells it left and entered."""
    for stage_id, lane_id in cells:
        for tp_id, position in cell_positions(doc, stage_id, lane_id):
            tp = data.touchpoints.get(tp_id)
            if tp is not None:
                tp.position = position
