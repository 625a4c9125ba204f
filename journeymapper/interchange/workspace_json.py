"""A whole workspace as one JSON document: lossless, versioned, readable by other tools.

Ids are not exported: items refer to each other by short ``ref`` strings
("s1", "t12") that are numbered in map order, so export → import → export
gives the same text. Import replays the document through the editing
operations into a fresh workspace, which enforces every rule the app does.
The format is described in README.md ("JSON format"). This module is the import
and the public face; the export is :mod:`workspace_export`, the structure check
:mod:`workspace_schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select

from journeymapper import editing
from journeymapper.interchange import (
    sniff,
    workspace_json_blueprint,
    workspace_json_origins,
    workspace_json_portfolio,
)
from journeymapper.interchange.importing import (
    MEASUREMENT_FIELDS,
    TOUCHPOINT_FIELDS,
    ImportResult,
    Plan,
    Writer,
    run_import,
)
from journeymapper.interchange.json_limits import load_json
from journeymapper.interchange.report import ImportReport, Progress
from journeymapper.interchange.workspace_export import (
    FORMAT,
    VERSION,
    dumps,
    export_workspace,
    write_workspace_json,
)
from journeymapper.interchange.workspace_schema import check_document, count_items
from journeymapper.model.document import Document
from journeymapper.model.enums import LaneKind
from journeymapper.model.errors import EditError
from journeymapper.model.tables import MetricDefinition, Workspace

__all__ = [
    "FORMAT",
    "VERSION",
    "WorkspacePlan",
    "apply_workspace",
    "dumps",
    "export_workspace",
    "plan_workspace",
    "write_workspace_json",
]


@dataclass
class WorkspacePlan(Plan):
    data: dict[str, Any] = field(default_factory=dict)


def plan_workspace(raw: bytes, source: str) -> WorkspacePlan:
    """Parse and check a workspace JSON file; the preview lists its journeys."""
    text, _encoding = sniff.decode(raw, source)
    data = load_json(text, source)
    report = ImportReport(source)
    plan = WorkspacePlan(source, report)
    version = check_document(data, source, report)
    if version is None:
        return plan
    plan.data = data
    if report.ok:
        plan.headers = ["journey", "state", "stages", "lanes", "touchpoints", "measurements"]
        for j in data.get("journeys", []):
            tps = j.get("touchpoints", [])
            plan.add_preview(
                None,
                [
                    j["name"],
                    j.get("state", "current"),
                    str(len(j.get("stages", []))),
                    str(len(j.get("lanes", []))),
                    str(len(tps)),
                    str(sum(len(t.get("measurements", [])) for t in tps)),
                ],
            )
        plan.size = count_items(data)
        opportunities = len(data.get("opportunities", []))
        plan.details = f"Journey Mapper workspace, format version {version}" + (
            f", {opportunities} opportunities" if opportunities else ""
        )
    return plan


# -- import: writing ---------------------------------------------------------------------------


def apply_workspace(
    doc: Document, plan: WorkspacePlan, *, progress: Progress | None = None
) -> ImportResult:
    """Add everything in the plan to ``doc`` (meant for a new, empty workspace)."""
    data = plan.data

    def write(w: Writer) -> None:
        ws = data["workspace"]
        w.run(
            None,
            "workspace",
            editing.edit_workspace,
            name=ws["name"],
            author=ws.get("author", ""),
            description=ws.get("description", ""),
        )
        if "created_at" in ws:
            # Not a user edit (no operation changes it), but part of a lossless copy.
            w.session.exec(select(Workspace)).one().created_at = ws["created_at"]
        for key, value in sorted(data.get("settings", {}).items()):
            w.run(None, f"settings.{key}", editing.set_setting, key=key, value=value)
        _metrics(w, data.get("metrics", []))
        personas: dict[str, int] = {}
        for i, p in enumerate(data.get("personas", [])):
            w.step()
            fields = {k: v for k, v in p.items() if k != "ref"}
            made = w.run(None, f"personas[{i}]", editing.add_persona, "personas", **fields)
            if made and _unique(w, personas, p["ref"], f"personas[{i}].ref"):
                personas[p["ref"]] = made.created_id  # type: ignore[assignment]
        made = [
            _journey_in(w, j, f"journeys[{i}]", personas)
            for i, j in enumerate(data.get("journeys", []))
        ]
        workspace_json_origins.link_origins(w, data.get("journeys", []), made)
        workspace_json_portfolio.import_opportunities(w, data.get("opportunities", []), made)

    return run_import(doc, plan, write, plan.size, progress, after_reading=False, check_all=False)


def _unique(w: Writer, refs: dict[str, Any], ref: str, path: str) -> bool:
    if ref in refs:
        w.report.add(None, path, f"The ref {ref!r} is used twice.")
        return False
    return True


def _ref(w: Writer, refs: dict[str, int], ref: str | None, path: str, what: str) -> int | None:
    if ref is None:
        return None
    found = refs.get(ref)
    if found is None:
        w.report.add(None, path, f"There is no {what} with ref {ref!r}.")
    return found


def _metrics(w: Writer, metrics: list[dict[str, Any]]) -> None:
    existing = {m.key for m in w.session.exec(select(MetricDefinition)).all()}
    for i, m in enumerate(metrics):
        w.step()
        if m.get("builtin") and m["key"] in existing:
            continue
        fields = {k: v for k, v in m.items() if k != "builtin"}
        w.run(None, f"metrics[{i}]", editing.add_metric, "metrics", **fields)


def _journey_in(
    w: Writer, j: dict[str, Any], path: str, personas: dict[str, int]
) -> dict[str, dict[str, int]]:
    """Write one journey; return its refs → new ids per table (for the origin links)."""
    w.step()
    persona_id = _ref(w, personas, j.get("persona"), f"{path}.persona", "persona")
    if j.get("persona") is not None and persona_id is None:
        return {}
    mark = len(w.inverses)
    made = w.run(
        None,
        path,
        editing.add_journey,
        "journeys",
        name=j["name"],
        persona_id=persona_id,
        state=j.get("state", "current"),
        description=j.get("description", ""),
    )
    if made is None:
        return {}
    journey_id = made.created_id
    stages: dict[str, int] = {}
    for i, s in enumerate(j.get("stages", [])):
        w.step()
        fields = {k: v for k, v in s.items() if k not in ("ref", "origin")}
        at = f"{path}.stages[{i}]"
        added = w.run(None, at, editing.add_stage, "stages", journey_id=journey_id, **fields)
        if added and _unique(w, stages, s["ref"], f"{at}.ref"):
            stages[s["ref"]] = added.created_id  # type: ignore[assignment]
    lanes: dict[str, int] = {}
    for i, ln in enumerate(j.get("lanes", [])):
        w.step()
        fields = {k: v for k, v in ln.items() if k not in ("ref", "origin")}
        if fields.get("kind", LaneKind.CHANNEL) != LaneKind.CHANNEL:
            if fields.get("channel_kind") is None:
                fields.pop("channel_kind", None)
            if fields.get("is_support") is False:
                fields.pop("is_support")
        at = f"{path}.lanes[{i}]"
        added = w.run(None, at, editing.add_lane, "lanes", journey_id=journey_id, **fields)
        if added and _unique(w, lanes, ln["ref"], f"{at}.ref"):
            lanes[ln["ref"]] = added.created_id  # type: ignore[assignment]
    _text_cells_in(w, j.get("text_cells", []), path, stages, lanes)
    touchpoints = _touchpoints_in(w, j.get("touchpoints", []), path, stages, lanes)
    annotations = _annotations_in(
        w, j.get("annotations", []), path, journey_id, touchpoints, stages
    )
    for i, r in enumerate(j.get("vote_rounds", [])):
        _round_in(w, r, f"{path}.vote_rounds[{i}]", journey_id, touchpoints, annotations)
    workspace_json_blueprint.import_extras(w, j, path, journey_id, touchpoints)
    w.collapse(mark, made.inverse)  # one delete undoes the journey and all it holds
    return {"stage": stages, "lane": lanes, "touchpoint": touchpoints, "annotation": annotations}


def _text_cells_in(
    w: Writer, items: list[dict[str, Any]], path: str, stages: dict[str, int], lanes: dict[str, int]
) -> None:
    """Text cells as set_text_cell leaves them (a later cell of the same place replaces)."""
    bulk = w.bulk("text_cell", ("stage_id", "lane_id", "text"))
    base = top = bulk.next_id - 1
    cells: dict[tuple[int, int], tuple[int, str]] = {}
    for i, c in enumerate(items):
        w.step()
        at = f"{path}.text_cells[{i}]"
        stage_id = _ref(w, stages, c["stage"], f"{at}.stage", "stage")
        lane_id = _ref(w, lanes, c["lane"], f"{at}.lane", "lane")
        if stage_id is None or lane_id is None:
            continue
        problem = w.cell(stage_id, lane_id, LaneKind.TEXT)
        try:
            if isinstance(problem, str):
                raise EditError(problem)
            text = editing.text_cell_value(c["text"])
        except EditError as exc:
            w.report.add(None, at, str(exc))
            continue
        w.changes.add("stage", stage_id).add("lane", lane_id)
        old = cells.get((stage_id, lane_id))
        if old is not None and not text:
            del cells[(stage_id, lane_id)]
            if old[0] == top:  # SQLite gives the next cell max(id) + 1
                top = max([base, *(cell_id for cell_id, _ in cells.values())])
        elif old is not None or text:
            cell_id = old[0] if old is not None else top + 1
            top = max(top, cell_id)
            cells[(stage_id, lane_id)] = (cell_id, text)
        if old is not None or text:
            w.changes.add("text_cell", old[0] if old is not None else top)
    for (stage_id, lane_id), (cell_id, text) in cells.items():
        bulk.add_as(cell_id, stage_id, lane_id, text)
    bulk.flush()


def _touchpoints_in(
    w: Writer, items: list[dict[str, Any]], path: str, stages: dict[str, int], lanes: dict[str, int]
) -> dict[str, int]:
    refs: dict[str, int] = {}
    cards = w.bulk("touchpoint", TOUCHPOINT_FIELDS)
    values = w.bulk("measurement", MEASUREMENT_FIELDS, after=cards)
    for i, t in enumerate(items):
        w.step()
        at = f"{path}.touchpoints[{i}]"
        stage_id = _ref(w, stages, t["stage"], f"{at}.stage", "stage")
        lane_id = _ref(w, lanes, t["lane"], f"{at}.lane", "lane")
        if stage_id is None or lane_id is None:
            continue
        fields = {k: v for k, v in t.items() if k not in _NOT_FIELDS}
        tp_id = w.add_touchpoint(cards, None, at, stage_id, lane_id, t["title"], fields)
        if tp_id is None or not _unique(w, refs, t["ref"], f"{at}.ref"):
            continue
        refs[t["ref"]] = tp_id
        for k, m in enumerate(t.get("measurements", [])):
            w.step()
            w.add_measurement(
                values,
                None,
                f"{at}.measurements[{k}]",
                tp_id,
                m["metric"],
                m["value"],
                m["date"],
                m.get("sample_size"),
                m.get("source", ""),
            )
    cards.flush()
    values.flush()
    return refs


#: Keys of a touchpoint object that are not touchpoint fields.
_NOT_FIELDS = frozenset(("ref", "stage", "lane", "title", "measurements", "origin"))


def _annotations_in(
    w: Writer,
    items: list[dict[str, Any]],
    path: str,
    journey_id: int,
    touchpoints: dict[str, int],
    stages: dict[str, int],
) -> dict[str, int]:
    """Annotations as add_annotation adds them (refs resolve within this journey)."""
    refs: dict[str, int] = {}
    bulk = w.bulk(
        "annotation", ("journey_id", "kind", "text", "touchpoint_id", "stage_id", "position")
    )
    for i, a in enumerate(items):
        w.step()
        at = f"{path}.annotations[{i}]"
        tp = _ref(w, touchpoints, a.get("touchpoint"), f"{at}.touchpoint", "touchpoint")
        st = _ref(w, stages, a.get("stage"), f"{at}.stage", "stage")
        try:
            kind, text = editing.annotation_values(a["kind"], a["text"], tp, st)
        except EditError as exc:
            w.report.add(None, at, str(exc))
            continue
        position = w.next_position("annotation", journey_id=journey_id)
        ann_id = bulk.add(journey_id, kind, text, tp, st, position)
        w.changes.add("annotation", ann_id).add("touchpoint", tp).add("stage", st)
        w.count("annotations")
        if _unique(w, refs, a["ref"], f"{at}.ref"):
            refs[a["ref"]] = ann_id
    bulk.flush()
    return refs


def _round_in(
    w: Writer,
    r: dict[str, Any],
    at: str,
    journey_id: int | None,
    touchpoints: dict[str, int],
    annotations: dict[str, int],
) -> None:
    w.step()
    made = w.run(
        None,
        at,
        editing.add_vote_round,
        "vote rounds",
        journey_id=journey_id,
        name=r["name"],
        dots_per_participant=r.get("dots_per_participant", 3),
    )
    if made is None:
        return
    for k, v in enumerate(r.get("votes", [])):
        w.step()
        vat = f"{at}.votes[{k}]"
        tp = _ref(w, touchpoints, v.get("touchpoint"), f"{vat}.touchpoint", "touchpoint")
        ann = _ref(w, annotations, v.get("annotation"), f"{vat}.annotation", "annotation")
        w.run(
            None,
            vat,
            editing.vote,
            "votes",
            round_id=made.created_id,
            participant=v["participant"],
            touchpoint_id=tp,
            annotation_id=ann,
        )
    if r.get("state", "open") != "open":
        w.run(
            None,
            f"{at}.state",
            editing.set_vote_round_state,
            round_id=made.created_id,
            state=r["state"],
        )
