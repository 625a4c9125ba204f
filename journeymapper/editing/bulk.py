"""For bulk writers (importers): the operations' rules, without one write per row.

An importer of thousands of rows checks each one with these (the very rules of the
operations, raising the same EditError), then writes them with executemany; its
undo deletes what it wrote with :func:`delete_measurements` in one step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from journeymapper.editing import rules
from journeymapper.editing.core import Edit, EditResult, operation
from journeymapper.editing.removal import changes_of
from journeymapper.editing.touchpoints import cell_target
from journeymapper.model.enums import AnnotationKind
from journeymapper.model.errors import EditError
from journeymapper.model.tables import MetricDefinition, Touchpoint
from journeymapper.store import subtree


def check_cell(session: Session, stage_id: int, lane_id: int, kind: str) -> int:
    """The journey of cell (stage, lane) whose lane must be of ``kind``, as add_touchpoint and
    set_text_cell check it."""
    return cell_target(session, stage_id, lane_id, kind).journey_id


def touchpoint_values(title: Any, **fields: Any) -> dict[str, Any]:
    """The columns add_touchpoint would store for ``title`` and ``fields`` (cell checked apart)."""
    tp = Touchpoint(
        journey_id=0, stage_id=0, lane_id=0, title=rules.name(title, "A touchpoint's title")
    )
    rules.fields(tp, fields, rules.TOUCHPOINT_FIELDS)
    return {key: getattr(tp, key) for key in rules.TOUCHPOINT_FIELDS}


def measurement_values(
    metric: MetricDefinition,
    value: Any,
    measured_on: Any,
    sample_size: Any = None,
    source: Any = "",
) -> tuple[float, dt.date, int | None, str]:
    """(value, date, sample size, source) as set_measurement would store them for ``metric``."""
    return (
        rules.metric_value(metric, value),
        rules.date(measured_on),
        rules.sample_size(sample_size),
        rules.text(source, "A source"),
    )


def annotation_values(kind: Any, text: Any, touchpoint_id: Any, stage_id: Any) -> tuple[str, str]:
    """(kind, text) as add_annotation would store them (the pinned item is checked apart)."""
    if (touchpoint_id is None) == (stage_id is None):
        raise EditError("An annotation is pinned to exactly one touchpoint or one stage.")
    kind = rules.choice(kind, AnnotationKind, "An annotation's kind")
    return kind, rules.name(text, "An annotation's text")


def text_cell_value(text: Any) -> str:
    """The text set_text_cell would store (the cell is checked with :func:`check_cell`)."""
    return rules.text(text, "A cell's text")


#: Ids per query when deleting many rows (below every SQLite build's variable limit).
_ID_CHUNK = 10_000


@operation
def delete_measurements(session: Session, ids: Sequence[int]) -> EditResult:
    """Delete many measurements as one step: the undo of a measurements import."""
    wanted = list(dict.fromkeys(ids))
    captured: list[dict[str, Any]] = []
    for start in range(0, len(wanted), _ID_CHUNK):
        chunk = subtree.capture(session, "measurement", wanted[start : start + _ID_CHUNK])
        subtree.delete_captured(session, chunk)
        captured.extend(chunk.get("measurement", ()))
    if len(captured) != len(wanted):
        found = {m["id"] for m in captured}
        missing = next(i for i in wanted if i not in found)
        raise EditError(f"There is no measurement with id {missing!r}.")
    return EditResult(
        Edit("restore_measurements", {"captured": {"measurement": captured}}),
        changes_of({"measurement": captured}),
    )


@operation
def restore_measurements(session: Session, captured: subtree.Captured) -> EditResult:
    subtree.restore_captured(session, captured)
    ids = [m["id"] for m in captured.get("measurement", ())]
    return EditResult(Edit("delete_measurements", {"ids": ids}), changes_of(captured))
