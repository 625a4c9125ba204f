"""Hand-made journeys for the comparison tests, built as plain read models (no file)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from journeymapper import editing
from journeymapper.editing.copy import duplicate_journey
from journeymapper.model.document import Document
from journeymapper.store.journey_data import (
    AnnotationData,
    JourneyData,
    LaneData,
    MeasurementData,
    MetricData,
    StageData,
    TouchpointData,
    journey_ids,
    load_journey,
)
from journeymapper.templates import create_workspace

METRICS = {
    "csat": MetricData(1, "csat", "CSAT", "", 1, 5, True),
    "ces": MetricData(2, "ces", "Customer Effort Score", "", 1, 7, False),
}


def base(offset: int = 0) -> JourneyData:
    """Two stages × (Web, Store, Thoughts, Emotion); four cards, two notes, one text cell.

    ``offset`` shifts every id, as a copy in the same workspace would have others.
    """
    o = offset
    stages = [
        StageData(1 + o, "Aware", 0, 340, "#eee", "first look"),
        StageData(2 + o, "Buy", 1, 340, "#eee", ""),
    ]
    lanes = [
        LaneData(10 + o, "Web", "channel", "online", False, 0, 96),
        LaneData(11 + o, "Store", "channel", "offline", False, 1, 96),
        LaneData(12 + o, "Thoughts", "text", None, False, 2, 60),
        LaneData(13 + o, "Emotion", "emotion", None, False, 3, 80),
    ]

    def tp(
        i: int, stage: int, lane: int, pos: int, title: str, emotion: int | None
    ) -> TouchpointData:
        return TouchpointData(
            i + o, stage + o, lane + o, pos, title, "", "direct", "", emotion, "", "observed"
        )

    tps = [
        tp(100, 1, 10, 0, "Ad", 1),
        tp(101, 1, 10, 1, "Site", 0),
        tp(102, 2, 11, 0, "Till", -1),
        tp(103, 2, 11, 1, "Bag", None),
    ]
    day = dt.date(2024, 5, 1)
    tps[2].latest["csat"] = MeasurementData(500 + o, "csat", 2.0, day, None, "")
    tps[0].latest["ces"] = MeasurementData(501 + o, "ces", 3.0, day, 10, "")
    notes = [
        AnnotationData(200 + o, 1, "pain_point", "Queue too long", 102 + o, None),
        AnnotationData(201 + o, 2, "idea", "Self checkout", None, 2 + o),
    ]
    return JourneyData(
        id=1 + o,
        name="Shop",
        state="current",
        description="",
        persona=None,
        workspace="W",
        stages=stages,
        lanes=lanes,
        touchpoints={t.id: t for t in tps},
        annotations=notes,
        text_cells={(1 + o, 12 + o): "Is it in stock?"},
        metrics=dict(METRICS),
    )


def twin(data: JourneyData) -> JourneyData:
    """A deep copy to change."""
    return copy.deepcopy(data)


def tp_named(data: JourneyData, title: str) -> TouchpointData:
    return next(t for t in data.touchpoints.values() if t.title == title)


# -- a retail workspace with a changed future-state copy ---------------------------------------


def future_pair(path: Path) -> tuple[Document, int, int]:
    """The retail template and a future-state copy with one change of every kind.

    The copy: "Till queue" removed (and with it its pain point: resolved), "Mobile
    checkout" added to Purchase / Tills, "Store stock checker" moved to Visit store,
    "Fitting rooms" changed (emotion −1 → 1, evidence proposed), a new pain point on
    "Returns desk", and a CSAT of 4.8 measured on "Product pages" (Research goes up).
    """
    doc = create_workspace(path, "retail")
    current = journey_ids(doc)[0][0]
    future = duplicate_journey(doc, current, "Weekend store visit (future state)").created_id
    assert future is not None
    data = load_journey(doc, future)
    stage = {s.name: s.id for s in data.stages}
    lane = {ln.name: ln.id for ln in data.lanes}
    editing.delete_touchpoint(doc, tp_named(data, "Till queue").id)
    editing.add_touchpoint(
        doc, stage["Purchase"], lane["Tills"], "Mobile checkout", emotion=2, evidence="proposed"
    )
    editing.move_touchpoint(
        doc, tp_named(data, "Store stock checker").id, stage["Visit store"], lane["Website & app"]
    )
    editing.edit_touchpoint(doc, tp_named(data, "Fitting rooms").id, emotion=1, evidence="proposed")
    editing.add_annotation(
        doc,
        "pain_point",
        "Returns desk closes at 5 pm",
        touchpoint_id=tp_named(data, "Returns desk").id,
    )
    editing.set_measurement(
        doc, tp_named(data, "Product pages").id, "csat", 4.8, "2031-01-01", sample_size=500
    )
    return doc, current, future
