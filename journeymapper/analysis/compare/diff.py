"""The differences between two journeys: structure, cards, text cells and annotations."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from journeymapper.analysis.compare.frame import Frame, fold
from journeymapper.analysis.compare.matching import Matching, Rule, match, out_of_order
from journeymapper.analysis.compare.model import ITEMS, KINDS, Difference, FieldChange
from journeymapper.store.journey_data import JourneyData

#: Card fields a person edits, in the order a change lists them.
TOUCHPOINT_FIELDS = (
    "title",
    "description",
    "interaction",
    "owner",
    "emotion",
    "colour",
    "evidence",
)
STAGE_FIELDS = ("name", "description")
LANE_FIELDS = ("name", "kind", "channel_kind")


#: The editable fields of a card as one tuple: equal tuples, nothing to report.
_FIELDS = attrgetter(*TOUCHPOINT_FIELDS)


def _fields(a: object, b: object, names: Sequence[str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(n, getattr(a, n), getattr(b, n))
        for n in names
        if getattr(a, n) != getattr(b, n)
    )


def _order(
    item: str, place: tuple[Any, ...], kind: str, a_id: int | None, b_id: int | None
) -> tuple[Any, ...]:
    return (ITEMS.index(item), *place, KINDS.index(kind), a_id or 0, b_id or 0)


def structure_differences(f: Frame, item: str) -> list[Difference]:
    """Stages or lanes added, removed, moved (out of the shared order) and changed."""
    is_stage = item == "stage"
    m = f.stages if is_stage else f.lanes
    items_a = {x.id: x for x in (f.a.data.stages if is_stage else f.a.data.lanes)}
    items_b = {x.id: x for x in (f.b.data.stages if is_stage else f.b.data.lanes)}
    rank_a, rank_b = (f.col_a, f.col_b) if is_stage else (f.row_a, f.row_b)
    names = STAGE_FIELDS if is_stage else LANE_FIELDS
    out = [
        Difference(
            "removed",
            item,
            items_a[i].name,
            i,
            None,
            order=_order(item, (rank_a[i],), "removed", i, None),
        )
        for i in m.only_a
    ]
    out += [
        Difference(
            "added",
            item,
            items_b[i].name,
            None,
            i,
            order=_order(item, (rank_b[i],), "added", None, i),
        )
        for i in m.only_b
    ]
    paired = sorted(m.pairs.items(), key=lambda p: items_a[p[0]].position)
    moved = out_of_order([items_b[b].position for _a, b in paired])
    for n, (a_id, b_id) in enumerate(paired):
        x, y = items_a[a_id], items_b[b_id]
        place = (rank_b[b_id],)
        if n in moved:
            where_a, where_b = f"position {x.position + 1}", f"position {y.position + 1}"
            out.append(
                Difference(
                    "moved",
                    item,
                    y.name,
                    a_id,
                    b_id,
                    where_a,
                    where_b,
                    order=_order(item, place, "moved", a_id, b_id),
                )
            )
        if changes := _fields(x, y, names):
            out.append(
                Difference(
                    "changed",
                    item,
                    y.name,
                    a_id,
                    b_id,
                    fields=changes,
                    order=_order(item, place, "changed", a_id, b_id),
                )
            )
    return out


def map_order(data: JourneyData) -> list[int]:
    """Touchpoint ids stage by stage, lane by lane, then in their cell."""
    stage_pos = {s.id: s.position for s in data.stages}
    lane_pos = {ln.id: ln.position for ln in data.lanes}
    return [
        t.id
        for t in sorted(
            data.touchpoints.values(),
            key=lambda t: (
                stage_pos.get(t.stage_id, 0),
                lane_pos.get(t.lane_id, 0),
                t.position,
                t.id,
            ),
        )
    ]


def match_touchpoints(f: Frame, order_a: list[int], order_b: list[int]) -> Matching:
    """Links first, then stage + lane + title, then a title that is unique on both sides."""
    ta, tb = f.a.data.touchpoints, f.b.data.touchpoints
    cells_a, cells_b = f.card_cells("a"), f.card_cells("b")
    rules = [
        Rule(
            "stage+lane+title",
            lambda i: (*cells_a[i], fold(ta[i].title)),
            lambda i: (*cells_b[i], fold(tb[i].title)),
        ),
        Rule("title", lambda i: fold(ta[i].title), lambda i: fold(tb[i].title), unique=True),
    ]
    return match(
        order_a,
        order_b,
        rules,
        linked=f.linked,
        a_origin=f.a.origins.touchpoints,
        b_origin=f.b.origins.touchpoints,
    )


def _reordered(f: Frame, m: Matching) -> set[int]:
    """B ids of cards that stayed in their cell but left the order of the others."""
    ta, tb = f.a.data.touchpoints, f.b.data.touchpoints
    cells_a, cells_b = f.card_cells("a"), f.card_cells("b")
    cells: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for a_id, b_id in m.pairs.items():
        cell = cells_a[a_id]
        if cell == cells_b[b_id]:
            cells.setdefault(cell, []).append((ta[a_id].position, tb[b_id].position, b_id))
    moved: set[int] = set()
    for members in cells.values():
        members.sort()
        positions = [p for _x, p, _b in members]
        if all(x < y for x, y in zip(positions, positions[1:], strict=False)):
            continue  # the usual case: nothing in this cell changed its order
        for n in out_of_order(positions):
            moved.add(members[n][2])
    return moved


def touchpoint_differences(f: Frame, m: Matching) -> list[Difference]:
    """Cards added, removed, moved (to another cell or within one) and changed (fields).

    Most pairs of a large map are equal: a pair costs two lookups and one tuple
    comparison, and places are only spelled out for the pairs that differ.
    """
    ta, tb = f.a.data.touchpoints, f.b.data.touchpoints
    cells_a, cells_b = f.card_cells("a"), f.card_cells("b")
    item = "touchpoint"
    out = []
    for i in m.only_a:
        t = ta[i]
        out.append(
            Difference(
                "removed",
                item,
                t.title,
                i,
                None,
                f.where("a", t.stage_id, t.lane_id),
                order=_order(item, (*cells_a[i], t.position), "removed", i, None),
            )
        )
    for i in m.only_b:
        t = tb[i]
        out.append(
            Difference(
                "added",
                item,
                t.title,
                None,
                i,
                where_b=f.where("b", t.stage_id, t.lane_id),
                order=_order(item, (*cells_b[i], t.position), "added", None, i),
            )
        )
    reordered = _reordered(f, m)
    for a_id, b_id in m.pairs.items():
        x, y = ta[a_id], tb[b_id]
        other_cell = cells_a[a_id] != cells_b[b_id]
        moved = other_cell or b_id in reordered
        same = _FIELDS(x) == _FIELDS(y)
        if same and not moved:
            continue
        place = (*cells_b[b_id], y.position)
        shown_a, shown_b = f.where("a", x.stage_id, x.lane_id), f.where("b", y.stage_id, y.lane_id)
        if moved:
            if not other_cell:  # within its cell: the change shows the positions too
                shown_a, shown_b = f"{shown_a} #{x.position + 1}", f"#{y.position + 1}"
            out.append(
                Difference(
                    "moved",
                    item,
                    y.title,
                    a_id,
                    b_id,
                    shown_a,
                    shown_b,
                    order=_order(item, place, "moved", a_id, b_id),
                )
            )
        if not same:
            out.append(
                Difference(
                    "changed",
                    item,
                    y.title,
                    a_id,
                    b_id,
                    shown_a,
                    shown_b,
                    _fields(x, y, TOUCHPOINT_FIELDS),
                    order=_order(item, place, "changed", a_id, b_id),
                )
            )
    return out


def text_differences(f: Frame) -> list[Difference]:
    """Free text of paired cells (text lanes) that was rewritten, added or cleared."""
    out = []
    text_a, text_b = f.a.data.text_cells, f.b.data.text_cells
    lanes_b = {ln.id: ln for ln in f.b.data.lanes}
    for a_stage, b_stage in f.stages.pairs.items():
        for a_lane, b_lane in f.lanes.pairs.items():
            before = text_a.get((a_stage, a_lane), "")
            after = text_b.get((b_stage, b_lane), "")
            if before != after:
                place = (f.col_b[b_stage], f.row_b[b_lane])
                out.append(
                    Difference(
                        "changed",
                        "text",
                        lanes_b[b_lane].name,
                        None,
                        None,
                        f.where("a", a_stage, a_lane),
                        f.where("b", b_stage, b_lane),
                        (FieldChange("text", before, after),),
                        cell_a=(a_stage, a_lane),
                        cell_b=(b_stage, b_lane),
                        order=_order("text", place, "changed", a_stage, b_stage),
                    )
                )
    return out
