"""Edits to metric definitions and to the dated values measured for touchpoints."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from journeymapper.editing import rules
from journeymapper.editing.core import (
    Changes,
    Edit,
    EditResult,
    insert_ordered,
    load,
    operation,
    require,
)
from journeymapper.editing.removal import Removal, removable
from journeymapper.model.errors import EditError
from journeymapper.model.tables import Measurement, MetricDefinition


def metric_by_key(session: Session, key: Any) -> MetricDefinition:
    """The metric named by its key (``"csat"``) or its id."""
    if isinstance(key, int) and not isinstance(key, bool):
        return load(session, MetricDefinition, key, "metric")
    metric = session.exec(select(MetricDefinition).where(MetricDefinition.key == key)).first()
    if metric is None:
        raise EditError(f"There is no metric {key!r}.")
    return metric


# -- metrics ------------------------------------------------------------------


def _new_key(session: Session, key: Any) -> str:
    key = rules.name(key, "A metric key")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise EditError(f"A metric key uses lower-case letters, digits and _, not {key!r}.")
    if session.exec(select(MetricDefinition).where(MetricDefinition.key == key)).first():
        raise EditError(f"There is already a metric {key!r}.")
    return key


@operation
def add_metric(
    session: Session,
    key: str,
    name: str,
    min_value: float,
    max_value: float,
    unit: str = "",
    higher_is_better: bool = True,
) -> EditResult:
    key = _new_key(session, key)
    low = rules.number(min_value, "The lowest value", -1e12, 1e12)
    high = rules.number(max_value, "The highest value", -1e12, 1e12)
    if low >= high:
        raise EditError("A metric's lowest value must be below its highest.")
    metric = MetricDefinition(
        key=key,
        name=rules.name(name, "A metric's name"),
        unit=rules.text(unit, "A unit"),
        min_value=low,
        max_value=high,
        higher_is_better=bool(higher_is_better),
    )
    insert_ordered(session, metric, "metric_definition", None)
    return EditResult(
        Edit("delete_metric", {"metric_id": metric.id}),
        Changes().add("metric", metric.id),
        metric.id,
    )


def _not_builtin(metric: MetricDefinition) -> None:
    if metric.builtin:
        raise EditError(f"{metric.name} is built in and cannot be deleted.")


delete_metric, restore_metric = removable(
    Removal(
        "metric_definition",
        MetricDefinition,
        "metric",
        "metric_id",
        "delete_metric",
        "restore_metric",
        guard=_not_builtin,
    )
)


# -- measurements ---------------------------------------------------------------


_INSERT_MEASUREMENT = insert(Measurement.__table__)  # type: ignore[attr-defined]


def _metric(session: Session, metric: Any) -> MetricDefinition:
    """The metric by key or id; by key, the session's copy when it holds a current one (no
    read: on a server, a round trip). By id, the session's own lookup does the same."""
    if isinstance(metric, str):
        for key, obj in list(session.identity_map.items()):
            if key[0] is MetricDefinition:
                state = sa_inspect(obj)
                current = not (state.expired or state.expired_attributes)
                if current and state.dict.get("key") == metric:
                    return obj  # type: ignore[no-any-return]
    return metric_by_key(session, metric)


@operation
def set_measurement(
    session: Session,
    touchpoint_id: int,
    metric: str | int,
    value: float,
    measured_on: dt.date | str,
    sample_size: int | None = None,
    source: str = "",
    measurement_id: int | None = None,
) -> EditResult:
    """Add a dated value, or change the one ``measurement_id`` names."""
    if not isinstance(touchpoint_id, int) or isinstance(touchpoint_id, bool):
        raise EditError(f"There is no touchpoint with id {touchpoint_id!r}.")
    definition = _metric(session, metric)
    clean = {
        "metric_id": definition.id,
        "value": rules.metric_value(definition, value),
        "measured_on": rules.date(measured_on),
        "sample_size": rules.sample_size(sample_size),
        "source": rules.text(source, "A source"),
    }
    changes = Changes().add("touchpoint", touchpoint_id)
    if measurement_id is None:  # a plain INSERT: nothing reads the new row back as an object
        row = {"touchpoint_id": touchpoint_id, **clean}
        session.flush()
        try:  # the foreign key checks the card (no read first: on a server, a round trip)
            made = session.connection().execute(_INSERT_MEASUREMENT, row).inserted_primary_key
        except IntegrityError as exc:
            raise EditError(f"There is no touchpoint with id {touchpoint_id}.") from exc
        new_id = int(made[0])
        changes.add("measurement", new_id)
        return EditResult(Edit("delete_measurement", {"measurement_id": new_id}), changes, new_id)
    require(session, "touchpoint", touchpoint_id, "touchpoint")
    m = load(session, Measurement, measurement_id, "measurement")
    if m.touchpoint_id != touchpoint_id:
        raise EditError("That measurement belongs to another touchpoint.")
    old = {
        "touchpoint_id": touchpoint_id,
        "metric": m.metric_id,
        "value": m.value,
        "measured_on": m.measured_on,
        "sample_size": m.sample_size,
        "source": m.source,
        "measurement_id": m.id,
    }
    for key, new in clean.items():
        setattr(m, key, new)
    session.flush()
    changes.add("measurement", m.id)
    return EditResult(Edit("set_measurement", old), changes, m.id)


delete_measurement, restore_measurement = removable(Removal.of("measurement", Measurement))
