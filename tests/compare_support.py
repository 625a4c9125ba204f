"""Hand-made journeys for the comparison tests, built as plain read models (no file)."""

from __future__ import annotations

import copy
import datetime as dt

from journeymapper.store.journey_data import (
    AnnotationData,
    JourneyData,
    LaneData,
    MeasurementData,
    MetricData,
    StageData,
    TouchpointData,
)

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
