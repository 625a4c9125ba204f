"""The service blueprint in workspace JSON (format 4): step fields, connectors and the view.

Kept apart from the rest of the format so that it reads as one addition:

- a card object carries ``system``, ``duration_min``, ``wait_min`` and ``failure_point``
  when any is set (cards of plain maps look as they did in format 3);
- a journey carries ``"view": "blueprint"`` when it shows as a blueprint, and
  ``"connectors": [{"from": "t3", "to": "t9", "kind": "handoff", "label": "…"}]``;
- the ``view.journey.<id>`` settings are left out of ``settings`` (ids do not travel).
"""

from __future__ import annotations

from typing import Any

from journeymapper import editing
from journeymapper.interchange.importing import Writer
from journeymapper.model.document import Document
from journeymapper.model.enums import LAYER_KINDS, JourneyView
from journeymapper.store.blueprint_queries import journey_view

#: The step columns of a card, in file order.
STEP_FIELDS = ("system", "duration_min", "wait_min", "failure_point")
#: Settings that name a journey by id; exported as the journey's ``view`` instead.
VIEW_SETTING = "view.journey."

#: Field specs for workspace_schema: per object kind, field -> (types, required).
_NUM_OR_NULL = (int, float, type(None))
SPECS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "touchpoint": {
        "system": ((str, type(None)), False),
        "duration_min": (_NUM_OR_NULL, False),
        "wait_min": (_NUM_OR_NULL, False),
        "failure_point": ((bool, type(None)), False),
    },
    "journey": {"view": ((str,), False), "connectors": ((list,), False)},
    "connector": {
        "from": ((str,), True),
        "to": ((str,), True),
        "kind": ((str,), False),
        "label": ((str,), False),
    },
}
CHILDREN = {"journey": {"connectors": "connector"}}
#: The format version that added the blueprint.
SINCE = 4


def too_new(obj: dict[str, Any], kind: str, path: str, version: int) -> list[tuple[str, str]]:
    """Blueprint fields in a file that says it is older than format 4, each by its path.

    A file that declares format 3 was written before the blueprint existed: a step
    field or layer in it is an edit by hand or another tool's mistake, refused rather
    than half-understood.
    """
    if version >= SINCE:
        return []
    since = f"added in format {SINCE}, but this file says it is format {version}"
    found = [
        (f"{path}.{key}", f"{key!r} is a service blueprint field, {since}.")
        for key in SPECS.get(kind, {})
        if key in obj
    ]
    if kind == "lane" and obj.get("kind") in LAYER_KINDS:
        layer = f"The lane kind {obj['kind']!r} is a service blueprint layer, {since}."
        found.append((f"{path}.kind", layer))
    return found


def exported_settings(rows: list[tuple[str, str]]) -> dict[str, str]:
    return {k: v for k, v in rows if not k.startswith(VIEW_SETTING)}


def step_fields(values: tuple[Any, ...]) -> dict[str, Any]:
    """The step fields of a card row (``values`` in :data:`STEP_FIELDS` order), if any."""
    if all(v is None for v in values):
        return {}
    fields = dict(zip(STEP_FIELDS, values, strict=True))
    if fields["failure_point"] is not None:
        fields["failure_point"] = bool(fields["failure_point"])
    return fields


def journey_extras(doc: Document, journey_id: int, t_ref: dict[int, str]) -> dict[str, Any]:
    """The journey's ``view`` and ``connectors`` (left out when a plain map has none)."""
    extras: dict[str, Any] = {}
    if journey_view(doc, journey_id) == JourneyView.BLUEPRINT:
        extras["view"] = JourneyView.BLUEPRINT.value
    rows = doc.rows(
        "SELECT source_id, target_id, kind, label FROM connector WHERE journey_id = ?",
        (journey_id,),
    )
    rows.sort(key=lambda r: (int(t_ref[r[0]][1:]), int(t_ref[r[1]][1:])))
    if rows:
        extras["connectors"] = [
            {"from": t_ref[r[0]], "to": t_ref[r[1]], "kind": r[2], "label": r[3]} for r in rows
        ]
    return extras


def import_extras(
    w: Writer, j: dict[str, Any], path: str, journey_id: int | None, touchpoints: dict[str, int]
) -> None:
    """Write a journey's connectors and view, each through its editing operation."""
    for i, c in enumerate(j.get("connectors", [])):
        w.step()
        at = f"{path}.connectors[{i}]"
        source, target = touchpoints.get(c["from"]), touchpoints.get(c["to"])
        if source is None or target is None:
            missing = c["from"] if source is None else c["to"]
            w.report.add(None, at, f"There is no touchpoint with ref {missing!r}.")
            continue
        w.run(
            None,
            at,
            editing.add_connector,
            "connectors",
            source_id=source,
            target_id=target,
            kind=c.get("kind", "flow"),
            label=c.get("label", ""),
        )
    if "view" in j:
        w.run(None, f"{path}.view", editing.set_journey_view, journey_id=journey_id, view=j["view"])
