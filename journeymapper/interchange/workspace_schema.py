"""Workspace JSON structure: which fields each object has, and checking a file against it.

Every problem is collected with its JSON path (``journeys[0].touchpoints[3].title``).
"""

from __future__ import annotations

import json
from typing import Any

from journeymapper.interchange import workspace_json_blueprint as blueprint
from journeymapper.interchange import workspace_json_portfolio
from journeymapper.interchange.report import ImportReport
from journeymapper.interchange.workspace_export import FORMAT, VERSION

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
        "origin": (_OPT_STR, False),
    },
    "lane": {
        "ref": ((str,), True),
        "name": ((str,), True),
        "kind": ((str,), False),
        "channel_kind": (_OPT_STR, False),
        "is_support": ((bool,), False),
        "height": (_NUM, False),
        "origin": (_OPT_STR, False),
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
        "origin": (_OPT_STR, False),
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
    "opportunity": {
        "ref": ((str,), True),
        "title": ((str,), True),
        "description": ((str,), False),
        "owner": ((str,), False),
        "status": ((str,), False),
        "value": ((int,), False),
        "effort": ((int,), False),
        "confidence": ((str,), False),
        "due_on": (_OPT_STR, False),
        "started_on": (_OPT_STR, False),
        "links": ((list,), False),
        "solutions": ((list,), False),
        "targets": ((list,), False),
    },
    "opportunity_link": {key: (_OPT_STR, False) for key in workspace_json_portfolio.LINK_KINDS},
    "solution": {
        "title": ((str,), True),
        "description": ((str,), False),
        "owner": ((str,), False),
        "status": ((str,), False),
    },
    "target": {
        "metric": ((str,), True),
        "touchpoint": (_OPT_STR, False),
        "stage": (_OPT_STR, False),
        "from_value": ((int, float, type(None)), False),
        "to_value": (_NUM, True),
        "by_date": (_OPT_STR, False),
    },
}
_TOP = {"format", "version", "workspace", "settings"}
#: Top-level lists: the kind of object each holds, and the format version that added it.
_TOP_LISTS = {
    "metrics": ("metric", 1),
    "personas": ("persona", 1),
    "journeys": ("journey", 1),
    "opportunities": ("opportunity", 3),
}
# The service blueprint (format 4) adds its fields and the connector object.
for _kind, _fields in blueprint.SPECS.items():
    _SPECS[_kind] = {**_SPECS.get(_kind, {}), **_fields}
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
    "opportunity": {"links": "opportunity_link", "solutions": "solution", "targets": "target"},
}
for _kind, _lists in blueprint.CHILDREN.items():
    _CHILDREN[_kind] = {**_CHILDREN.get(_kind, {}), **_lists}
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


def _check(obj: Any, kind: str, path: str, report: ImportReport, version: int) -> bool:
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
    for where, reason in blueprint.too_new(obj, kind, path, version):
        report.add(None, where, reason)
        good = False
    for key, child in _CHILDREN.get(kind, {}).items():
        items = obj.get(key, [])
        if isinstance(items, list) and (version >= blueprint.SINCE or child != "connector"):
            for i, item in enumerate(items):
                good = _check(item, child, f"{path}.{key}[{i}]", report, version) and good
    return good


def check_document(data: Any, source: str, report: ImportReport) -> int | None:
    """Check a parsed file; its format version when the format is ours and readable."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        report.add(None, None, f"{source} is JSON, but not a Journey Mapper workspace export.")
        return None
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        report.add(None, "version", "The format version is missing or not a whole number.")
        return None
    if version > VERSION:
        report.add(
            None,
            "version",
            f"{source} was made by a newer Journey Mapper (format {version}; this version "
            f"reads up to {VERSION}). Update Journey Mapper to import it.",
        )
        return None
    lists = {top: kind for top, (kind, since) in _TOP_LISTS.items() if version >= since}
    for key in data.keys() - _TOP - lists.keys():
        report.add(None, key, f"Unknown field {key!r}.")
    if "workspace" not in data:
        report.add(None, "workspace", "The file has no 'workspace' object.")
    else:
        _check(data["workspace"], "workspace", "workspace", report, version)
    settings = data.get("settings", {})
    if not isinstance(settings, dict) or not all(isinstance(v, str) for v in settings.values()):
        report.add(None, "settings", "Settings must be an object of text values.")
    for top, kind in lists.items():
        items = data.get(top, [])
        if not isinstance(items, list):
            report.add(None, top, f"{top!r} must be a list.")
            continue
        for i, item in enumerate(items):
            _check(item, kind, f"{top}[{i}]", report, version)
    return version


def count_items(data: dict[str, Any]) -> int:
    """Progress steps of writing a checked document: one per object."""
    total = len(data.get("personas", [])) + len(data.get("metrics", []))
    for j in data.get("journeys", []):
        total += 1 + sum(len(j.get(k, [])) for k in _CHILDREN["journey"])
        total += sum(len(t.get("measurements", [])) for t in j.get("touchpoints", []))
        total += sum(len(r.get("votes", [])) for r in j.get("vote_rounds", []))
    return total + workspace_json_portfolio.count_items(data.get("opportunities", []))
