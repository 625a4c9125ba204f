"""The measurement before the newest one, per touchpoint and metric, in one query.

The appendix shows a trend arrow (newest vs previous); reading each
touchpoint's history separately would be thousands of queries on big maps.
"""

from __future__ import annotations

import datetime as dt

from journeymapper.model.document import Document
from journeymapper.store.journey_data import MeasurementData

_PREVIOUS = """
SELECT id, touchpoint_id, key, value, measured_on, sample_size, source FROM (
    SELECT m.id, m.touchpoint_id, d.key, m.value, m.measured_on, m.sample_size, m.source,
           row_number() OVER (PARTITION BY m.touchpoint_id, m.metric_id
                              ORDER BY m.measured_on DESC, m.id DESC) AS newest
    FROM measurement m
    JOIN touchpoint t ON t.id = m.touchpoint_id
    JOIN metric_definition d ON d.id = m.metric_id
    WHERE t.journey_id = ?
) AS ranked WHERE newest = 2
"""


def previous_values(doc: Document, journey_id: int) -> dict[tuple[int, str], MeasurementData]:
    """(touchpoint id, metric key) -> the second-newest measurement (same order as "latest")."""
    return {
        (r[1], r[2]): MeasurementData(r[0], r[2], r[3], dt.date.fromisoformat(r[4]), r[5], r[6])
        for r in doc.rows(_PREVIOUS, (journey_id,))
    }
