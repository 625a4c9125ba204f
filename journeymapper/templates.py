"""Starting maps: the built-in templates in ``resources/templates/*.json``.

A template is a small authoring format (names instead of ids) described in
``resources/templates/README.md``. Applying one goes through the editing
operations inside a single transaction, so every rule they check holds for
templates too.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError, JourneyMapperError
from journeymapper.paths import RESOURCES

TEMPLATE_DIR = RESOURCES / "templates"
DEFAULT_TEMPLATE = "blank"

#: Soft stage colours used when a template does not name one (cycled).
STAGE_COLOURS = ("#e3ecf7", "#e6f2ea", "#fbefdc", "#f3e6f1", "#e9e7f6", "#e2f1f3", "#f6e7e1")


class TemplateError(JourneyMapperError):
    """A template name that does not exist, or a template file that is broken."""


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title: str
    description: str


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateError(f"The template {path.stem!r} cannot be read: {exc}.") from exc
    if not isinstance(data, dict):
        raise TemplateError(f"The template {path.stem!r} is not a JSON object.")
    return data


def list_templates() -> list[TemplateInfo]:
    """Every built-in template, the blank one first."""
    infos = []
    for path in sorted(TEMPLATE_DIR.glob("*.json")):
        data = _read(path)
        infos.append(
            TemplateInfo(path.stem, data.get("title", path.stem), data.get("description", ""))
        )
    infos.sort(key=lambda i: (i.name != DEFAULT_TEMPLATE, i.title))
    return infos


def load_template(name: str) -> dict[str, Any]:
    path = TEMPLATE_DIR / f"{name}.json"
    if not name or "/" in name or os.sep in name or not path.is_file():
        known = ", ".join(t.name for t in list_templates())
        raise TemplateError(f"There is no template {name!r}. Known templates: {known}.")
    return _read(path)


def apply_template(doc: Document, template: dict[str, Any]) -> int:
    """Add the template's persona and journey to ``doc``; return the new journey's id."""
    try:
        with doc.transaction() as s:
            return _build(s, template)
    except (KeyError, TypeError) as exc:
        raise TemplateError(f"The template is incomplete: missing or wrong {exc}.") from exc


def _build(s: Any, t: dict[str, Any]) -> int:
    run = editing.perform
    persona_id = None
    if persona := t.get("persona"):
        persona_id = run(s, editing.add_persona, **persona).created_id
    jdef = t.get("journey", {})
    journey_id = run(
        s,
        editing.add_journey,
        name=jdef.get("name", t.get("title", "Journey")),
        persona_id=persona_id,
        state=jdef.get("state", "current"),
        description=jdef.get("description", ""),
    ).created_id
    assert journey_id is not None
    stages: dict[str, int] = {}
    for i, stage in enumerate(t["stages"]):
        fields = {"colour": STAGE_COLOURS[i % len(STAGE_COLOURS)], **stage}
        stages[stage["name"]] = run(
            s, editing.add_stage, journey_id=journey_id, **fields
        ).created_id
    lanes: dict[str, int] = {}
    for lane in t["lanes"]:
        lanes[lane["name"]] = run(s, editing.add_lane, journey_id=journey_id, **lane).created_id
    for cell in t.get("text", []):
        run(
            s,
            editing.set_text_cell,
            stage_id=stages[cell["stage"]],
            lane_id=lanes[cell["lane"]],
            text=cell["text"],
        )
    touchpoints: dict[str, int] = {}
    for tp in t.get("touchpoints", []):
        fields = {k: v for k, v in tp.items() if k not in ("stage", "lane", "measurements")}
        tp_id = run(
            s, "add_touchpoint", stage_id=stages[tp["stage"]], lane_id=lanes[tp["lane"]], **fields
        ).created_id
        assert tp_id is not None
        touchpoints[tp["title"]] = tp_id
        for m in tp.get("measurements", []):
            run(
                s,
                editing.set_measurement,
                touchpoint_id=tp_id,
                metric=m["metric"],
                value=m["value"],
                measured_on=m["date"],
                sample_size=m.get("sample_size"),
                source=m.get("source", ""),
            )
    for conn in t.get("connectors", []):
        run(
            s,
            editing.add_connector,
            source_id=touchpoints[conn["from"]],
            target_id=touchpoints[conn["to"]],
            kind=conn.get("kind", "flow"),
            label=conn.get("label", ""),
        )
    if jdef.get("view"):
        run(s, editing.set_journey_view, journey_id=journey_id, view=jdef["view"])
    for ann in t.get("annotations", []):
        run(
            s,
            editing.add_annotation,
            kind=ann["kind"],
            text=ann["text"],
            touchpoint_id=touchpoints[ann["touchpoint"]] if "touchpoint" in ann else None,
            stage_id=stages[ann["stage"]] if "stage" in ann else None,
        )
    return journey_id


def create_workspace(path: str | os.PathLike[str], template: str = DEFAULT_TEMPLATE) -> Document:
    """Create a new workspace file holding one journey from ``template``.

    The template is checked before the file is created, so a bad name leaves
    nothing behind.
    """
    data = load_template(template)
    doc = Document.create(path)
    try:
        apply_template(doc, data)
    except BaseException:
        doc.close()
        Path(path).unlink(missing_ok=True)
        raise
    return doc


__all__ = [
    "DocumentError",
    "TemplateError",
    "TemplateInfo",
    "apply_template",
    "create_workspace",
    "list_templates",
    "load_template",
]
