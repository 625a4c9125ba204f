"""The opportunity portfolio in the workspace JSON (format 3): ``"opportunities": [...]``.

Opportunities belong to the workspace, so they sit beside the journeys, not in one.
They name what they link to and target as ``j<journey number>/<ref>`` (the journey's
place in the file and the item's ref there, as origin links do), so links to pain
points, touchpoints and stages survive export → import although ids do not. Import
goes through the editing operations, so a score out of range, a target that does not
improve, or a link to something that is not in the file is reported by its path.
"""

from __future__ import annotations

from typing import Any

from journeymapper import editing
from journeymapper.interchange.importing import Writer
from journeymapper.model.document import Document

#: Per journey (in file order): table → {id: ref}; built by the journey export.
Refs = list[dict[str, dict[int, str]]]
#: Per journey (in file order): table → {ref: new id}; built by the journey import.
Made = list[dict[str, dict[str, int]]]

#: A link's JSON key → (table of the item, the editing argument, what the user calls it).
LINK_KINDS = {
    "pain_point": ("annotation", "annotation_id", "pain point"),
    "touchpoint": ("touchpoint", "touchpoint_id", "touchpoint"),
    "stage": ("stage", "stage_id", "stage"),
}
_CHILD_LISTS = ("links", "solutions", "targets")
_OPP_FIELDS = (
    "title", "description", "owner", "status", "value", "effort", "confidence",
    "due_on", "started_on",
)  # fmt: skip


def _where(refs: Refs) -> dict[tuple[str, int], str]:
    """(table, id) → ``j<n>/<ref>`` for every exported item."""
    return {
        (table, item_id): f"j{j + 1}/{ref}"
        for j, per in enumerate(refs)
        for table, ids in per.items()
        for item_id, ref in ids.items()
    }


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def export_opportunities(doc: Document, refs: Refs) -> list[dict[str, Any]]:
    """Every opportunity with its links, solutions and targets, in portfolio order."""
    where = _where(refs)
    opps = doc.rows(f"SELECT id, {', '.join(_OPP_FIELDS)} FROM opportunity ORDER BY position, id")
    links: dict[int, list[dict[str, str]]] = {}
    for opp_id, ann, tp, st in doc.rows(
        "SELECT opportunity_id, annotation_id, touchpoint_id, stage_id FROM opportunity_link "
        "ORDER BY id"
    ):
        for key, item in (("pain_point", ann), ("touchpoint", tp), ("stage", st)):
            ref = where.get((LINK_KINDS[key][0], item)) if item is not None else None
            if ref is not None:
                links.setdefault(opp_id, []).append({key: ref})
    solutions: dict[int, list[dict[str, Any]]] = {}
    for opp_id, title, description, owner, status in doc.rows(
        "SELECT opportunity_id, title, description, owner, status FROM solution "
        "ORDER BY position, id"
    ):
        solutions.setdefault(opp_id, []).append(
            {"title": title, "description": description, "owner": owner, "status": status}
        )
    targets: dict[int, list[dict[str, Any]]] = {}
    for opp_id, metric, tp, st, start, end, by in doc.rows(
        "SELECT t.opportunity_id, d.key, t.touchpoint_id, t.stage_id, t.from_value, "
        "t.to_value, t.by_date FROM target t JOIN metric_definition d ON d.id = t.metric_id "
        "ORDER BY t.id"
    ):
        targets.setdefault(opp_id, []).append(
            {
                "metric": metric,
                "touchpoint": where.get(("touchpoint", tp)) if tp is not None else None,
                "stage": where.get(("stage", st)) if st is not None else None,
                "from_value": start,
                "to_value": end,
                "by_date": _date(by),
            }
        )
    out = []
    for i, row in enumerate(opps):
        item: dict[str, Any] = {"ref": f"o{i + 1}"}
        item.update(dict(zip(_OPP_FIELDS, row[1:], strict=True)))
        item["due_on"], item["started_on"] = _date(item["due_on"]), _date(item["started_on"])
        item["links"] = links.get(row[0], [])
        item["solutions"] = solutions.get(row[0], [])
        item["targets"] = targets.get(row[0], [])
        out.append(item)
    return out


# -- import -----------------------------------------------------------------------------


def _found(made: Made) -> dict[tuple[str, str], int]:
    """(table, ``j<n>/<ref>``) → the new id of every imported item."""
    return {
        (table, f"j{j + 1}/{ref}"): new_id
        for j, per in enumerate(made)
        for table, ids in per.items()
        for ref, new_id in ids.items()
    }


def import_opportunities(w: Writer, items: list[dict[str, Any]], made: Made) -> None:
    """Add the file's opportunities after its journeys (``made``: their refs → new ids)."""
    found = _found(made)
    seen: set[str] = set()
    for i, o in enumerate(items):
        w.step()
        at = f"opportunities[{i}]"
        if o["ref"] in seen:
            w.report.add(None, f"{at}.ref", f"The ref {o['ref']!r} is used twice.")
        seen.add(o["ref"])
        fields = {k: o[k] for k in _OPP_FIELDS if k in o}
        added = w.run(None, at, editing.add_opportunity, "opportunities", **fields)
        if added is None:
            continue
        opp_id = added.created_id
        _links_in(w, opp_id, o.get("links", []), at, found)
        for k, s in enumerate(o.get("solutions", [])):
            w.step()
            sat = f"{at}.solutions[{k}]"
            w.run(None, sat, editing.add_solution, "solutions", opportunity_id=opp_id, **s)
        for k, t in enumerate(o.get("targets", [])):
            w.step()
            _target_in(w, opp_id, t, f"{at}.targets[{k}]", found)


def _item(
    w: Writer, found: dict[tuple[str, str], int], key: str, ref: Any, path: str
) -> int | None:
    """The new id of the item ``ref`` names, or None with the problem reported."""
    table, _arg, what = LINK_KINDS[key]
    new_id = found.get((table, ref))
    if new_id is None:
        w.report.add(None, path, f"There is no {what} with ref {ref!r} in this file.")
    return new_id


def _links_in(
    w: Writer, opp_id: Any, links: list[dict[str, Any]], at: str, found: dict[tuple[str, str], int]
) -> None:
    for k, link in enumerate(links):
        w.step()
        path = f"{at}.links[{k}]"
        given = [key for key in LINK_KINDS if link.get(key) is not None]
        if len(given) != 1:
            w.report.add(None, path, "A link names exactly one pain_point, touchpoint or stage.")
            continue
        item_id = _item(w, found, given[0], link[given[0]], f"{path}.{given[0]}")
        if item_id is not None:
            arg = LINK_KINDS[given[0]][1]
            w.run(None, path, editing.link_opportunity, opportunity_id=opp_id, **{arg: item_id})


def _target_in(
    w: Writer, opp_id: Any, t: dict[str, Any], path: str, found: dict[tuple[str, str], int]
) -> None:
    places = {}
    for key in ("touchpoint", "stage"):
        if t.get(key) is not None:
            places[f"{key}_id"] = _item(w, found, key, t[key], f"{path}.{key}")
    if None in places.values():
        return
    values = {k: t.get(k) for k in ("from_value", "by_date")}
    w.run(
        None,
        path,
        editing.add_target,
        "targets",
        opportunity_id=opp_id,
        metric=t["metric"],
        to_value=t["to_value"],
        **values,
        **places,
    )


def count_items(items: list[dict[str, Any]]) -> int:
    """Progress steps of importing the opportunities: one per object."""
    return sum(1 + sum(len(o.get(k, [])) for k in _CHILD_LISTS) for o in items)
