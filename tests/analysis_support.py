"""Workspaces for the analysis, health and charts tests, built through the editing API.

``small_journey`` holds numbers chosen to be checked by hand (see the comments);
``retail_workspace`` is a fuller map for the chart screenshots.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace, list_templates


@dataclass
class Small:
    doc: Document
    journey: int
    stages: dict[str, int]
    lanes: dict[str, int]
    tps: dict[str, int]


def small_journey(path: Path) -> Small:
    """Three stages (Aware, Buy, Keep — Keep empty), four touchpoints.

    Aware: Ad (Web, indirect) csat 4 n=3, drop-off 20 n=100;
           Site (Web) csat 2 (no sample size), conversion 70 n=100 (drop-off 30).
    Buy:   Shop (Store) ces 6 n=10, drop-off 10 n=5;  Call (Help, support) ces 5 n=30.
    So: Aware csat (4·3 + 2·1)/4 = 3.5; Aware drop-off (20·100 + 30·100)/200 = 25;
    Buy ces (6·10 + 5·30)/40 = 5.25; Buy drop-off 10; funnel 100 → 75 → 67.5 → 67.5.
    """
    doc = Document.create(path)
    j = editing.add_journey(doc, "Test journey").created_id
    assert j is not None
    stages = {n: editing.add_stage(doc, j, n).created_id for n in ("Aware", "Buy", "Keep")}
    lanes = {
        "Web": editing.add_lane(doc, j, "Web", channel_kind="online").created_id,
        "Store": editing.add_lane(doc, j, "Store", channel_kind="offline").created_id,
        "Help": editing.add_lane(
            doc, j, "Help", channel_kind="offline", is_support=True
        ).created_id,
        "Emotion": editing.add_lane(doc, j, "Emotion", kind="emotion").created_id,
    }
    add = editing.add_touchpoint
    tps = {
        "Ad": add(doc, stages["Aware"], lanes["Web"], "Ad", interaction="indirect").created_id,
        "Site": add(doc, stages["Aware"], lanes["Web"], "Site", emotion=1).created_id,
        "Shop": add(doc, stages["Buy"], lanes["Store"], "Shop", emotion=-1).created_id,
        "Call": add(doc, stages["Buy"], lanes["Help"], "Call", emotion=-2).created_id,
    }
    m = editing.set_measurement
    m(doc, tps["Ad"], "csat", 4, "2024-05-01", sample_size=3)
    m(doc, tps["Ad"], "drop_off_rate", 20, "2024-05-01", sample_size=100)
    m(doc, tps["Site"], "csat", 2, "2024-05-01")
    m(doc, tps["Site"], "conversion_rate", 70, "2024-01-01", sample_size=100)
    m(doc, tps["Shop"], "ces", 6, "2024-05-01", sample_size=10)
    m(doc, tps["Shop"], "drop_off_rate", 10, "2024-05-01", sample_size=5)
    m(doc, tps["Call"], "ces", 5, "2024-05-01", sample_size=30)
    return Small(doc, j, stages, lanes, tps)  # type: ignore[arg-type]


_RETAIL = [
    # stage, lane, title, emotion, {metric: value}
    ("Awareness", "Social media", "Instagram ad", 1, {"engagement_rate": 34, "drop_off_rate": 62}),
    ("Awareness", "Ads", "Search ad", 0, {"engagement_rate": 12, "drop_off_rate": 48}),
    ("Awareness", "Store", "Shop window", 1, {"csat": 4.1}),
    ("Consideration", "Website", "Product pages", 1, {"csat": 3.9, "drop_off_rate": 35}),
    ("Consideration", "Website", "Size guide", -1, {"csat": 2.8, "ces": 5.1}),
    ("Consideration", "Email", "Welcome offer e-mail", 0, {"engagement_rate": 22}),
    ("Consideration", "Store", "Try-on in store", 2, {"csat": 4.6, "nps": 41}),
    ("Purchase", "Website", "Online checkout", -1, {"ces": 4.8, "drop_off_rate": 28}),
    ("Purchase", "Store", "Till and payment", 0, {"csat": 3.7, "ces": 3.2}),
    ("Purchase", "Phone", "Phone order line", -2, {"csat": 2.4, "ces": 6.1}),
    ("Retention", "Email", "Delivery updates", 1, {"csat": 4.2, "drop_off_rate": 12}),
    ("Retention", "Support desk", "Returns desk", -2, {"csat": 2.1, "nps": -35, "ces": 5.8}),
    ("Retention", "Website", "Loyalty account", 0, {"engagement_rate": 41}),
    ("Advocacy", "Social media", "Review request", 1, {"nps": 18, "drop_off_rate": 70}),
    ("Advocacy", "Email", "Refer-a-friend", 2, {"nps": 52}),
]


def retail_workspace(path: Path) -> Document:
    """The retail template when it exists, else the blank one filled with a retail map."""
    if any(t.name == "retail" for t in list_templates()):
        return create_workspace(path, "retail")
    doc = create_workspace(path, "blank")
    data = load_journey(doc, find_journey(doc, None))
    stages = {s.name: s.id for s in data.stages}
    lanes = {ln.name: ln.id for ln in data.lanes}
    rng = random.Random(3)
    dates = ["2023-09-15", "2024-01-15", "2024-05-15", "2024-09-15"]
    with doc.transaction() as s:
        for stage, lane, title, emotion, metrics in _RETAIL:
            tp = editing.perform(
                s,
                "add_touchpoint",
                stage_id=stages[stage],
                lane_id=lanes[lane],
                title=title,
                emotion=emotion,
            ).created_id
            for key, final in metrics.items():
                for i, day in enumerate(dates):
                    drift = (len(dates) - 1 - i) * rng.uniform(-0.08, 0.08)
                    low, high = {"csat": (1, 5), "ces": (1, 7), "nps": (-100, 100)}.get(
                        key, (0, 100)
                    )
                    value = min(high, max(low, round(final * (1 + drift), 1)))
                    editing.perform(
                        s,
                        "set_measurement",
                        touchpoint_id=tp,
                        metric=key,
                        value=value,
                        measured_on=day,
                        sample_size=rng.randint(40, 400),
                    )
    return doc
