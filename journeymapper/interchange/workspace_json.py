"""A whole workspace as one JSON document: lossless, versioned, readable by other tools.

Ids are not exported: items refer to each other by short ``ref`` strings
("s1", "t12") that are numbered in map order, so export → import → export
gives the same text. Import replays the document through the editing
operations into a fresh workspace, which enforces every rule the app does.
The format is described in README.md ("JSON format").
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import select

from journeymapper import editing
from journeymapper.interchange import sniff
from journeymapper.interchange.files import write_text
from journeymapper.interchange.importing import (
    MEASUREMENT_FIELDS,
    TOUCHPOINT_FIELDS,
    ImportResult,
    Plan,
    Writer,
    run_import,
)
from journeymapper.interchange.report import ImportReport, Progress, fail_with
from journeymapper.model.document import Document
from journeymapper.model.enums import LaneKind
from journeymapper.model.errors import EditError
from journeymapper.model.tables import MetricDefinition, Workspace
from journeymapper.store.journey_data import journey_ids

FORMAT = "journeymapper-workspace"
VERSION = 1


# -- export ------------------------------------------------------------------------------


def export_workspace(doc: Document) -> dict[str, Any]:
    """The workspace as plain JSON-ready data (see README.md, "JSON format")."""
    ws = doc.rows("SELECT name, author, description, created_at FROM workspace ORDER BY id LIMIT 1")
    name, author, description, created_at = ws[0] if ws else ("", "", "", "")
    personas = doc.rows(
        "SELECT id, name, description, goals, pains, colour FROM persona ORDER BY position, id"
    )
    persona_refs = {r[0]: f"p{i + 1}" for i, r in enumerate(personas)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "workspace": {
            "name": name,
            "author": author,
            "description": description,
            "created_at": created_at,
        },
        "settings": {k: v for k, v in doc.rows("SELECT key, value FROM setting ORDER BY key")},
        "metrics": [
            {
                "key": r[0],
                "name": r[1],
                "unit": r[2],
                "min_value": r[3],
                "max_value": r[4],
                "higher_is_better": bool(r[5]),
                "builtin": bool(r[6]),
            }
            for r in doc.rows(
                "SELECT key, name, unit, min_value, max_value, higher_is_better, builtin "
                "FROM metric_definition ORDER BY position, id"
            )
        ],
        "personas": [
            {
                "ref": persona_refs[r[0]],
                "name": r[1],
                "description": r[2],
                "goals": r[3],
                "pains": r[4],
                "colour": r[5],
            }
            for r in personas
        ],
        "journeys": [_journey(doc, jid, persona_refs) for jid, _ in journey_ids(doc)],
    }


def _journey(doc: Document, journey_id: int, persona_refs: dict[int, str]) -> dict[str, Any]:
    (name, state, description, persona_id) = doc.rows(
        "SELECT name, state, description, persona_id FROM journey WHERE id = ?", (journey_id,)
    )[0]
    stages = doc.rows(
        "SELECT id, name, width, colour, description FROM stage WHERE journey_id = ? "
        "ORDER BY position, id",
        (journey_id,),
    )
    lanes = doc.rows(
        "SELECT id, name, kind, channel_kind, is_support, height FROM lane WHERE journey_id = ? "
        "ORDER BY position, id",
        (journey_id,),
    )
    s_ref = {r[0]: f"s{i + 1}" for i, r in enumerate(stages)}
    l_ref = {r[0]: f"l{i + 1}" for i, r in enumerate(lanes)}
    s_pos = {sid: i for i, sid in enumerate(s_ref)}
    l_pos = {lid: i for i, lid in enumerate(l_ref)}
    tps = doc.rows(
        "SELECT id, stage_id, lane_id, position, title, description, interaction, owner, "
        "emotion, colour, evidence FROM touchpoint WHERE journey_id = ?",
        (journey_id,),
    )
    tps.sort(key=lambda r: (s_pos[r[1]], l_pos[r[2]], r[3], r[0]))
    t_ref = {r[0]: f"t{i + 1}" for i, r in enumerate(tps)}
    measurements: dict[int, list[dict[str, Any]]] = {}
    for r in doc.rows(
        "SELECT m.touchpoint_id, d.key, m.value, m.measured_on, m.sample_size, m.source "
        "FROM measurement m JOIN touchpoint t ON t.id = m.touchpoint_id "
        "JOIN metric_definition d ON d.id = m.metric_id WHERE t.journey_id = ? "
        "ORDER BY m.measured_on, m.id",
        (journey_id,),
    ):
        measurements.setdefault(r[0], []).append(
            {"metric": r[1], "value": r[2], "date": r[3], "sample_size": r[4], "source": r[5]}
        )
    annotations = doc.rows(
        "SELECT id, kind, text, touchpoint_id, stage_id FROM annotation WHERE journey_id = ? "
        "ORDER BY position, id",
        (journey_id,),
    )
    a_ref = {r[0]: f"a{i + 1}" for i, r in enumerate(annotations)}
    cells = doc.rows(
        "SELECT c.stage_id, c.lane_id, c.text FROM text_cell c JOIN stage s ON s.id = c.stage_id "
        "WHERE s.journey_id = ?",
        (journey_id,),
    )
    cells.sort(key=lambda r: (s_pos[r[0]], l_pos[r[1]]))
    rounds = doc.rows(
        "SELECT id, name, dots_per_participant, state FROM vote_round WHERE journey_id = ? "
        "ORDER BY id",
        (journey_id,),
    )
    votes: dict[int, list[dict[str, Any]]] = {}
    for r in doc.rows(
        "SELECT v.round_id, v.participant, v.touchpoint_id, v.annotation_id FROM vote v "
        "JOIN vote_round r ON r.id = v.round_id WHERE r.journey_id = ? ORDER BY v.id",
        (journey_id,),
    ):
        votes.setdefault(r[0], []).append(
            {
                "participant": r[1],
                "touchpoint": t_ref.get(r[2]),
                "annotation": a_ref.get(r[3]),
            }
        )
    return {
        "name": name,
        "state": state,
        "description": description,
        "persona": persona_refs.get(persona_id),
        "stages": [
            {"ref": s_ref[r[0]], "name": r[1], "width": r[2], "colour": r[3], "description": r[4]}
            for r in stages
        ],
        "lanes": [
            {
                "ref": l_ref[r[0]],
                "name": r[1],
                "kind": r[2],
                "channel_kind": r[3],
                "is_support": bool(r[4]),
                "height": r[5],
            }
            for r in lanes
        ],
        "text_cells": [{"stage": s_ref[r[0]], "lane": l_ref[r[1]], "text": r[2]} for r in cells],
        "touchpoints": [
            {
                "ref": t_ref[r[0]],
                "stage": s_ref[r[1]],
                "lane": l_ref[r[2]],
                "title": r[4],
                "description": r[5],
                "interaction": r[6],
                "owner": r[7],
                "emotion": r[8],
                "colour": r[9],
                "evidence": r[10],
                "measurements": measurements.get(r[0], []),
            }
            for r in tps
        ],
        "annotations": [
            {
                "ref": a_ref[r[0]],
                "kind": r[1],
                "text": r[2],
                "touchpoint": t_ref.get(r[3]),
                "stage": s_ref.get(r[4]),
            }
            for r in annotations
        ],
        "vote_rounds": [
            {
                "name": r[1],
                "dots_per_participant": r[2],
                "state": r[3],
                "votes": votes.get(r[0], []),
            }
            for r in rounds
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_workspace_json(doc: Document, path: str | os.PathLike[str]) -> Path:
    return write_text(Path(path), dumps(export_workspace(doc)))


# -- import: checking the structure ------------------------------------------------------------

_NUM = (int, float)
_OPT_STR = (str, type(None))
_OPT_INT = (int, type(None))
#: Per kind of object: field -> (allowed types, required).
_SPECS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "workspace": {
        "name": ((str,), True),
        "author": ((str,), False),
        "description": ((str,), False),
        "created_at": ((str,), False),
    },
    "metric": {
        "key": ((str,), True),
        "name": ((str,), True),
        "unit": ((str,), False),
        "min_value": (_NUM, True),
        "max_value": (_NUM, True),
        "higher_is_better": ((bool,), False),
        "builtin": ((bool,), False),
    },
    "persona": {
        "ref": ((str,), True),
        "name": ((str,), True),
        "description": ((str,), False),
        "goals": ((str,), False),
        "pains": ((str,), False),
        "colour": ((str,), False),
    },
    "journey": {
        "name": ((str,), True),
        "state": ((str,), False),
        "description": ((str,), False),
        "persona": (_OPT_STR, False),
        "stages": ((list,), False),
        "lanes": ((list,), False),
        "text_cells": ((list,), False),
        "touchpoints": ((list,), False),
        "annotations": ((list,), False),
        "vote_rounds": ((list,), False),
    },
    "stage": {
        "ref": ((str,), True),
        "name": ((str,), True),
        "width": (_NUM, False),
        "colour": ((str,), False),
        "description": ((str,), False),
    },
    "lane": {
        "ref": ((str,), True),
        "name": ((str,), True),
        "kind": ((str,), False),
        "channel_kind": (_OPT_STR, False),
        "is_support": ((bool,), False),
        "height": (_NUM, False),
    },
    "text_cell": {"stage": ((str,), True), "lane": ((str,), True), "text": ((str,), True)},
    "touchpoint": {
        "ref": ((str,), True),
        "stage": ((str,), True),
        "lane": ((str,), True),
        "title": ((str,), True),
        "description": ((str,), False),
        "interaction": ((str,), False),
        "owner": ((str,), False),
        "emotion": (_OPT_INT, False),
        "colour": ((str,), False),
        "evidence": ((str,), False),
        "measurements": ((list,), False),
    },
    "measurement": {
        "metric": ((str,), True),
        "value": (_NUM, True),
        "date": ((str,), True),
        "sample_size": (_OPT_INT, False),
        "source": ((str,), False),
    },
    "annotation": {
        "ref": ((str,), True),
        "kind": ((str,), True),
        "text": ((str,), True),
        "touchpoint": (_OPT_STR, False),
        "stage": (_OPT_STR, False),
    },
    "vote_round": {
        "name": ((str,), True),
        "dots_per_participant": ((int,), False),
        "state": ((str,), False),
        "votes": ((list,), False),
    },
    "vote": {
        "participant": ((str,), True),
        "touchpoint": (_OPT_STR, False),
        "annotation": (_OPT_STR, False),
    },
}
_TOP = {"format", "version", "workspace", "settings", "metrics", "personas", "journeys"}
#: Which list holds which kind of object, inside its parent.
_CHILDREN = {
    "journey": {
        "stages": "stage",
        "lanes": "lane",
        "text_cells": "text_cell",
        "touchpoints": "touchpoint",
        "annotations": "annotation",
        "vote_rounds": "vote_round",
    },
    "touchpoint": {"measurements": "measurement"},
    "vote_round": {"votes": "vote"},
}
_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    type(None): "null",
}


def _type_ok(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return bool in types
    return isinstance(value, types)


def _check(obj: Any, kind: str, path: str, report: ImportReport) -> bool:
    """Check one object and (recursively) its lists against its spec; True when usable."""
    if not isinstance(obj, dict):
        report.add(None, path, f"Expected an object ({kind}), found {type(obj).__name__}.")
        return False
    spec = _SPECS[kind]
    good = True
    for key in obj.keys() - spec.keys():
        report.add(None, f"{path}.{key}", f"Unknown field {key!r} in a {kind}.")
        good = False
    for key, (types, required) in spec.items():
        if key not in obj:
            if required:
                report.add(None, f"{path}.{key}", f"A {kind} needs a {key!r}.")
                good = False
            continue
        if not _type_ok(obj[key], types):
            names = ["a number"] if types == _NUM else [_NAMES[t] for t in types]
            want = " or ".join(names)
            report.add(None, f"{path}.{key}", f"Must be {want}, not {json.dumps(obj[key])}.")
            good = False
    for key, child in _CHILDREN.get(kind, {}).items():
        items = obj.get(key, [])
        if isinstance(items, list):
            for i, item in enumerate(items):
                good = _check(item, child, f"{path}.{key}[{i}]", report) and good
    return good


@dataclass
class WorkspacePlan(Plan):
    data: dict[str, Any] = field(default_factory=dict)


def plan_workspace(raw: bytes, source: str) -> WorkspacePlan:
    """Parse and check a workspace JSON file; the preview lists its journeys."""
    text, _encoding = sniff.decode(raw, source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail_with(source, f"{source} is not valid JSON: {exc.msg}.", exc.lineno) from exc
    report = ImportReport(source)
    plan = WorkspacePlan(source, report)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        report.add(None, None, f"{source} is JSON, but not a Journey Mapper workspace export.")
        return plan
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        report.add(None, "version", "The format version is missing or not a whole number.")
        return plan
    if version > VERSION:
        report.add(
            None,
            "version",
            f"{source} was made by a newer Journey Mapper (format {version}; this version "
            f"reads up to {VERSION}). Update Journey Mapper to import it.",
        )
        return plan
    for key in data.keys() - _TOP:
        report.add(None, key, f"Unknown field {key!r}.")
    if "workspace" not in data:
        report.add(None, "workspace", "The file has no 'workspace' object.")
    else:
        _check(data["workspace"], "workspace", "workspace", report)
    settings = data.get("settings", {})
    if not isinstance(settings, dict) or not all(isinstance(v, str) for v in settings.values()):
        report.add(None, "settings", "Settings must be an object of text values.")
    for top, kind in (("metrics", "metric"), ("personas", "persona"), ("journeys", "journey")):
        items = data.get(top, [])
        if not isinstance(items, list):
            report.add(None, top, f"{top!r} must be a list.")
            continue
        for i, item in enumerate(items):
            _check(item, kind, f"{top}[{i}]", report)
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
        plan.size = _count_items(data)
        plan.details = f"Journey Mapper workspace, format version {version}"
    return plan


def _count_items(data: dict[str, Any]) -> int:
    total = len(data.get("personas", [])) + len(data.get("metrics", []))
    for j in data.get("journeys", []):
        total += 1 + sum(len(j.get(k, [])) for k in _CHILDREN["journey"])
        total += sum(len(t.get("measurements", [])) for t in j.get("touchpoints", []))
        total += sum(len(r.get("votes", [])) for r in j.get("vote_rounds", []))
    return total


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
        for i, j in enumerate(data.get("journeys", [])):
            _journey_in(w, j, f"journeys[{i}]", personas)

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


def _journey_in(w: Writer, j: dict[str, Any], path: str, personas: dict[str, int]) -> None:
    w.step()
    persona_id = _ref(w, personas, j.get("persona"), f"{path}.persona", "persona")
    if j.get("persona") is not None and persona_id is None:
        return
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
        return
    journey_id = made.created_id
    stages: dict[str, int] = {}
    for i, s in enumerate(j.get("stages", [])):
        w.step()
        fields = {k: v for k, v in s.items() if k != "ref"}
        at = f"{path}.stages[{i}]"
        added = w.run(None, at, editing.add_stage, "stages", journey_id=journey_id, **fields)
        if added and _unique(w, stages, s["ref"], f"{at}.ref"):
            stages[s["ref"]] = added.created_id  # type: ignore[assignment]
    lanes: dict[str, int] = {}
    for i, ln in enumerate(j.get("lanes", [])):
        w.step()
        fields = {k: v for k, v in ln.items() if k != "ref"}
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
    w.collapse(mark, made.inverse)  # one delete undoes the journey and all it holds


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
_NOT_FIELDS = frozenset(("ref", "stage", "lane", "title", "measurements"))


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
