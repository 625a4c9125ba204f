"""Edits to the opportunity portfolio: opportunities, their solutions, targets and links.

An opportunity belongs to the workspace, not to one journey: it links to the pain
points it answers (in any journey) and to the touchpoints and stages it changes.
Links are rows of their own, so deleting a pain point, a card or a stage captures
its links with it (:mod:`journeymapper.store.subtree`) and undo puts them back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, select

from journeymapper.editing import rules
from journeymapper.editing.core import (
    Changes,
    Edit,
    EditResult,
    edit_fields,
    insert_new,
    load,
    operation,
    reorder,
)
from journeymapper.editing.measurements import metric_by_key
from journeymapper.editing.removal import Removal, removable
from journeymapper.model.enums import AnnotationKind, OpportunityStatus
from journeymapper.model.errors import EditError
from journeymapper.model.tables import (
    Annotation,
    MetricDefinition,
    Opportunity,
    OpportunityLink,
    Solution,
    Stage,
    Target,
    Touchpoint,
)

_STARTED = {OpportunityStatus.IN_PROGRESS, OpportunityStatus.DONE}
_ONE_LINK = "An opportunity links to exactly one pain point, touchpoint or stage at a time."
_ONE_PLACE = "A target is on exactly one touchpoint or one stage."


# -- opportunities -------------------------------------------------------------


@operation
def add_opportunity(
    session: Session,
    title: str,
    description: str = "",
    owner: str = "",
    status: str = OpportunityStatus.IDEA,
    value: int = 3,
    effort: int = 3,
    confidence: str = "medium",
    due_on: Any = None,
    started_on: Any = None,
    index: int | None = None,
) -> EditResult:
    """A new opportunity, validated field by field like an edit."""
    opp = Opportunity(title="?")
    rules.fields(
        opp,
        {
            "title": title,
            "description": description,
            "owner": owner,
            "status": status,
            "value": value,
            "effort": effort,
            "confidence": confidence,
            "due_on": due_on,
            "started_on": started_on,
        },
        rules.OPPORTUNITY_FIELDS,
    )
    return insert_new(session, opp, "opportunity", index)


def _linked_places(session: Session, opportunity_id: int) -> Changes:
    """The pain points, cards and stages an opportunity's state shows on (to redraw them)."""
    changes = Changes()
    rows = session.exec(
        select(OpportunityLink).where(OpportunityLink.opportunity_id == opportunity_id)
    ).all()
    for link in rows:
        changes.add("annotation", link.annotation_id)
        changes.add("touchpoint", link.touchpoint_id).add("stage", link.stage_id)
    targets = session.exec(select(Target).where(Target.opportunity_id == opportunity_id)).all()
    for target in targets:
        changes.add("touchpoint", target.touchpoint_id).add("stage", target.stage_id)
    return changes


@operation
def edit_opportunity(session: Session, opportunity_id: int, **updates: Any) -> EditResult:
    """Change fields (one undo step for several, as a matrix drag changes value and effort).

    Moving to in progress or done stamps today as the start when none was given, so
    the health check can tell whether the target metric moved since.
    """
    opp = load(session, Opportunity, opportunity_id, "opportunity")
    if updates.get("status") in _STARTED and "started_on" not in updates and opp.started_on is None:
        updates["started_on"] = dt.date.today()
    result = edit_fields(opp, "opportunity", updates, rules.OPPORTUNITY_FIELDS)
    if "status" in result.inverse.args:
        result.changes.merge(_linked_places(session, opportunity_id))
    return result


@operation
def reorder_opportunity(session: Session, opportunity_id: int, index: int) -> EditResult:
    opp = load(session, Opportunity, opportunity_id, "opportunity")
    return reorder(session, opp, "opportunity", {}, index)


delete_opportunity, restore_opportunity = removable(Removal.of("opportunity", Opportunity))


# -- solutions -------------------------------------------------------------------


@operation
def add_solution(
    session: Session,
    opportunity_id: int,
    title: str,
    description: str = "",
    owner: str = "",
    status: str = "idea",
    index: int | None = None,
) -> EditResult:
    load(session, Opportunity, opportunity_id, "opportunity")
    sol = Solution(opportunity_id=opportunity_id, title="?")
    rules.fields(
        sol,
        {"title": title, "description": description, "owner": owner, "status": status},
        rules.SOLUTION_FIELDS,
    )
    result = insert_new(session, sol, "solution", index)
    result.changes.add("opportunity", opportunity_id)
    return result


@operation
def edit_solution(session: Session, solution_id: int, **updates: Any) -> EditResult:
    sol = load(session, Solution, solution_id, "solution")
    result = edit_fields(sol, "solution", updates, rules.SOLUTION_FIELDS)
    result.changes.add("opportunity", sol.opportunity_id)
    return result


delete_solution, restore_solution = removable(Removal.of("solution", Solution))


# -- targets -----------------------------------------------------------------------


def _place(session: Session, touchpoint_id: Any, stage_id: Any) -> tuple[int | None, int | None]:
    """(touchpoint, stage) of a target: exactly one of them, and it must exist."""
    if (touchpoint_id is None) == (stage_id is None):
        raise EditError(_ONE_PLACE)
    if touchpoint_id is not None:
        return load(session, Touchpoint, touchpoint_id, "touchpoint").id, None
    return None, load(session, Stage, stage_id, "stage").id


def _target_values(metric: MetricDefinition, from_value: Any, to_value: Any) -> None:
    """Both ends inside the metric's range, and the target an improvement on the start."""
    try:
        end = rules.metric_value(metric, to_value)
        start = None if from_value is None else rules.metric_value(metric, from_value)
    except EditError as exc:
        raise EditError(f"A target cannot be set there: {exc}") from None
    if start is None:
        return
    better = end > start if metric.higher_is_better else end < start
    if not better:
        way = "higher" if metric.higher_is_better else "lower"
        raise EditError(
            f"A target must improve {metric.name}: {way} is better, so {end:g} does not "
            f"improve on {start:g}."
        )


def _check_target(session: Session, target: Target) -> None:
    metric = load(session, MetricDefinition, target.metric_id, "metric")
    _target_values(metric, target.from_value, target.to_value)


@operation
def add_target(
    session: Session,
    opportunity_id: int,
    metric: Any,
    to_value: Any,
    touchpoint_id: int | None = None,
    stage_id: int | None = None,
    from_value: Any = None,
    by_date: Any = None,
) -> EditResult:
    """A metric target on a touchpoint or on a stage's aggregate (``metric``: key or id)."""
    load(session, Opportunity, opportunity_id, "opportunity")
    definition = metric_by_key(session, metric)
    tp_id, st_id = _place(session, touchpoint_id, stage_id)
    _target_values(definition, from_value, to_value)
    target = Target(
        opportunity_id=opportunity_id,
        metric_id=definition.id,
        touchpoint_id=tp_id,
        stage_id=st_id,
        from_value=None if from_value is None else float(from_value),
        to_value=float(to_value),
        by_date=rules.optional_date(by_date),
    )
    session.add(target)
    session.flush()
    changes = Changes().add("target", target.id).add("opportunity", opportunity_id)
    changes.add("touchpoint", tp_id).add("stage", st_id)
    return EditResult(Edit("delete_target", {"target_id": target.id}), changes, target.id)


@operation
def edit_target(session: Session, target_id: int, **updates: Any) -> EditResult:
    """Change a target's values, date or metric (validated together, as one)."""
    target = load(session, Target, target_id, "target")
    allowed = {"from_value", "to_value", "by_date", "metric_id"}
    unknown = set(updates) - allowed
    if unknown:
        raise EditError(f"Cannot edit {', '.join(sorted(unknown))} here.")
    if "by_date" in updates:
        updates["by_date"] = rules.optional_date(updates["by_date"])
    if "metric_id" in updates:
        updates["metric_id"] = metric_by_key(session, updates["metric_id"]).id
    for key in ("from_value", "to_value"):
        if key in updates and updates[key] is not None:
            rules.number(updates[key], "A target value", float("-inf"), float("inf"))
    if "to_value" in updates and updates["to_value"] is None:
        raise EditError("A target needs the value it aims for.")
    old = {k: getattr(target, k) for k, v in updates.items() if getattr(target, k) != v}
    for key in old:
        value = updates[key]
        is_number = key.endswith("_value") and value is not None
        setattr(target, key, float(value) if is_number else value)
    _check_target(session, target)
    changes = Changes().add("target", target_id).add("opportunity", target.opportunity_id)
    changes.add("touchpoint", target.touchpoint_id).add("stage", target.stage_id)
    return EditResult(Edit("edit_target", {"target_id": target_id, **old}), changes)


delete_target, restore_target = removable(Removal.of("target", Target))


# -- links ---------------------------------------------------------------------------


def _link_where(
    session: Session, annotation_id: Any, touchpoint_id: Any, stage_id: Any
) -> tuple[dict[str, int | None], Changes]:
    """The link columns for exactly one existing pain point, touchpoint or stage."""
    given = [v for v in (annotation_id, touchpoint_id, stage_id) if v is not None]
    if len(given) != 1:
        raise EditError(_ONE_LINK)
    changes = Changes()
    if annotation_id is not None:
        ann = load(session, Annotation, annotation_id, "pain point")
        if ann.kind != AnnotationKind.PAIN_POINT:
            raise EditError(
                f"Only pain points can be answered by an opportunity; this is a "
                f"{AnnotationKind(ann.kind).label.lower()}."
            )
        changes.add("annotation", ann.id)
        changes.add("touchpoint", ann.touchpoint_id).add("stage", ann.stage_id)
    elif touchpoint_id is not None:
        load(session, Touchpoint, touchpoint_id, "touchpoint")
        changes.add("touchpoint", touchpoint_id)
    else:
        load(session, Stage, stage_id, "stage")
        changes.add("stage", stage_id)
    columns = {"annotation_id": annotation_id, "touchpoint_id": touchpoint_id, "stage_id": stage_id}
    return columns, changes


def _find_link(session: Session, opportunity_id: int, columns: dict[str, Any]) -> Any:
    query = select(OpportunityLink).where(OpportunityLink.opportunity_id == opportunity_id)
    for column, value in columns.items():
        field = getattr(OpportunityLink, column)
        query = query.where(field.is_(None) if value is None else field == value)
    return session.exec(query).first()


@operation
def link_opportunity(
    session: Session,
    opportunity_id: int,
    annotation_id: int | None = None,
    touchpoint_id: int | None = None,
    stage_id: int | None = None,
    link_id: int | None = None,
) -> EditResult:
    """Link a pain point (``annotation_id``), touchpoint or stage to an opportunity.

    ``link_id`` is given only by the undo of an unlink, to put the row back as it was.
    """
    load(session, Opportunity, opportunity_id, "opportunity")
    columns, changes = _link_where(session, annotation_id, touchpoint_id, stage_id)
    if _find_link(session, opportunity_id, columns) is not None:
        raise EditError("That is already linked to this opportunity.")
    link = OpportunityLink(id=link_id, opportunity_id=opportunity_id, **columns)
    session.add(link)
    session.flush()
    inverse = Edit("unlink_opportunity", {"opportunity_id": opportunity_id, **columns})
    changes.add("opportunity", opportunity_id).add("opportunity_link", link.id)
    return EditResult(inverse, changes, link.id)


@operation
def unlink_opportunity(
    session: Session,
    opportunity_id: int,
    annotation_id: int | None = None,
    touchpoint_id: int | None = None,
    stage_id: int | None = None,
) -> EditResult:
    load(session, Opportunity, opportunity_id, "opportunity")
    columns, changes = _link_where(session, annotation_id, touchpoint_id, stage_id)
    link = _find_link(session, opportunity_id, columns)
    if link is None:
        raise EditError("That is not linked to this opportunity.")
    link_id = link.id
    session.delete(link)
    session.flush()
    inverse = Edit(
        "link_opportunity", {"opportunity_id": opportunity_id, **columns, "link_id": link_id}
    )
    changes.add("opportunity", opportunity_id).add("opportunity_link", link_id)
    return EditResult(inverse, changes)
