"""Workspace JSON export: the whole workspace as one lossless, versioned document."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from journeymapper.interchange import workspace_json_blueprint as blueprint
from journeymapper.interchange import workspace_json_origins, workspace_json_portfolio
from journeymapper.interchange.files import write_text
from journeymapper.interchange.sniff import DEFAULT_MAX_BYTES
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.store.journey_data import journey_ids

FORMAT = "journeymapper-workspace"
#: What each format version added. Every version up to the newest is read; a file
#: of a newer version is refused (:func:`workspace_schema.check_document`).
VERSIONS: dict[int, str] = {
    1: "workspace, metrics, personas and journeys",
    2: 'origin links ("origin": "j1/s3")',
    3: 'the opportunity portfolio ("opportunities": links, solutions, targets)',
    4: "the service blueprint (step fields, connectors, the view: workspace_json_blueprint)",
}
VERSION = max(VERSIONS)
#: The largest JSON export written: the most a JSON import reads, so that every file
#: export writes can be imported again (tests lower it to stay fast).
MAX_BYTES = DEFAULT_MAX_BYTES


# -- export ------------------------------------------------------------------------------


def export_workspace(doc: Document) -> dict[str, Any]:
    """The workspace as plain JSON-ready data (see README.md, "JSON format")."""
    ws = doc.rows("SELECT name, author, description, created_at FROM workspace ORDER BY id LIMIT 1")
    name, author, description, created_at = ws[0] if ws else ("", "", "", "")
    personas = doc.rows(
        "SELECT id, name, description, goals, pains, colour FROM persona ORDER BY position, id"
    )
    persona_refs = {r[0]: f"p{i + 1}" for i, r in enumerate(personas)}
    refs: workspace_json_origins.Refs = []
    journeys = [_journey(doc, jid, persona_refs, refs) for jid, _ in journey_ids(doc)]
    workspace_json_origins.add_origin_refs(doc, journeys, refs)
    opportunities = workspace_json_portfolio.export_opportunities(doc, refs)
    return {
        "format": FORMAT,
        "version": VERSION,
        "workspace": {
            "name": name,
            "author": author,
            "description": description,
            "created_at": created_at,
        },
        "settings": blueprint.exported_settings(
            doc.rows("SELECT key, value FROM setting ORDER BY key")
        ),
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
        "journeys": journeys,
        "opportunities": opportunities,
    }


def _journey(
    doc: Document, journey_id: int, persona_refs: dict[int, str], refs: workspace_json_origins.Refs
) -> dict[str, Any]:
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
        "emotion, colour, evidence, system, duration_min, wait_min, failure_point "
        "FROM touchpoint WHERE journey_id = ?",
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
    refs.append({"stage": s_ref, "lane": l_ref, "touchpoint": t_ref, "annotation": a_ref})
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
                **blueprint.step_fields(r[11:15]),
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
        **blueprint.journey_extras(doc, journey_id, t_ref),
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_workspace_json(doc: Document, path: str | os.PathLike[str]) -> Path:
    """Write the JSON export, or refuse (writing nothing) when import could not read it back."""
    text = dumps(export_workspace(doc))
    size = len(text) if len(text) > MAX_BYTES else len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise DocumentError(
            f"This workspace is too large for a JSON export ({size / 2**20:.0f} MB; a JSON "
            f"import reads at most {MAX_BYTES / 2**20:.0f} MB), so nothing was written. "
            "To copy the whole workspace, copy its .jmap file (File > Save As)."
        )
    return write_text(Path(path), text)
