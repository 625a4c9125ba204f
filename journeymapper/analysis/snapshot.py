"""Keep a journey snapshot current after a small edit without re-reading the whole map.

An edit that only touched a few touchpoints or measurements is patched in by
re-reading just those touchpoints (a few ms at any map size); anything structural
(stages, lanes, annotations, metrics…) asks for a full reload.
"""

from __future__ import annotations

from journeymapper.editing import Changes
from journeymapper.journey_data import JourneyData, load_touchpoint
from journeymapper.model.document import Document

#: Tables whose changes a patch can follow.
PATCHABLE = frozenset({"touchpoint", "measurement"})
#: More touchpoints than this in one change: a full reload is cheaper.
PATCH_LIMIT = 50


def patch(doc: Document, data: JourneyData, changes: Changes) -> bool:
    """Re-read the touchpoints ``changes`` names into ``data``; False when a reload is needed."""
    tables = {table for table, ids in changes.ids.items() if ids}
    ids = changes.of("touchpoint")
    if not tables <= PATCHABLE or not ids or len(ids) > PATCH_LIMIT:
        return False
    for tp_id in ids:
        tp = load_touchpoint(doc, tp_id)
        if tp is None:
            data.touchpoints.pop(tp_id, None)
        elif tp.stage_id in {s.id for s in data.stages}:
            data.touchpoints[tp_id] = tp
        else:
            return False  # it belongs to another journey: let the caller reload
    return True
