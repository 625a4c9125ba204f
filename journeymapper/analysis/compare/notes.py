"""Annotations compared: pain points resolved and new, other notes added, moved, changed."""

from __future__ import annotations

from collections.abc import Hashable

from journeymapper.analysis.compare.frame import Frame, fold
from journeymapper.analysis.compare.matching import Matching, Rule, match
from journeymapper.analysis.compare.model import ITEMS, KINDS, Difference, FieldChange
from journeymapper.store.journey_data import AnnotationData, JourneyData


def _anchor(f: Frame, side: str, tps: Matching, note: AnnotationData) -> Hashable:
    """Where a note is pinned, equal for partners on both sides."""
    if note.touchpoint_id is not None:
        tp = note.touchpoint_id
        if side == "a":
            return ("card", tps.pairs.get(tp, -tp))
        return ("card", tp if tp in tps.rule else -tp - 10**12)
    if note.stage_id is not None:
        cols = f.col_a if side == "a" else f.col_b
        return ("stage", cols.get(note.stage_id, -1))
    return ("journey",)


def _where(f: Frame, side: str, note: AnnotationData) -> str:
    data: JourneyData = f.a.data if side == "a" else f.b.data
    if note.touchpoint_id is not None and (tp := data.touchpoints.get(note.touchpoint_id)):
        return f'on "{tp.title}"'
    if note.stage_id is not None:
        return f.where(side, note.stage_id)
    return ""


def _col(f: Frame, side: str, note: AnnotationData) -> int:
    data = f.a.data if side == "a" else f.b.data
    cols = f.col_a if side == "a" else f.col_b
    if note.touchpoint_id is not None and (tp := data.touchpoints.get(note.touchpoint_id)):
        return cols.get(tp.stage_id, -1)
    return cols.get(note.stage_id or -1, -1)


def note_differences(f: Frame, tps: Matching) -> list[Difference]:
    """Notes paired by id (shared ids), then kind + text + anchor, then kind + text."""
    na = {n.id: n for n in f.a.data.annotations}
    nb = {n.id: n for n in f.b.data.annotations}
    m = match(
        list(na),
        list(nb),
        [
            Rule(
                "text+anchor",
                lambda i: (na[i].kind, fold(na[i].text), _anchor(f, "a", tps, na[i])),
                lambda i: (nb[i].kind, fold(nb[i].text), _anchor(f, "b", tps, nb[i])),
            ),
            Rule(
                "text",
                lambda i: (na[i].kind, fold(na[i].text)),
                lambda i: (nb[i].kind, fold(nb[i].text)),
            ),
        ],
        linked=f.linked,
    )

    def diff(
        kind: str, a: AnnotationData | None, b: AnnotationData | None, **kw: object
    ) -> Difference:
        note = b or a
        assert note is not None
        side = "b" if b is not None else "a"
        order = (
            ITEMS.index(note.kind) if note.kind in ITEMS else len(ITEMS),
            _col(f, side, note),
            note.number,
            KINDS.index(kind),
            a.id if a else 0,
            b.id if b else 0,
        )
        return Difference(
            kind, note.kind, note.text, a.id if a else None, b.id if b else None, order=order, **kw
        )  # type: ignore[arg-type]

    out = [diff("removed", na[i], None, where_a=_where(f, "a", na[i])) for i in m.only_a]
    out += [diff("added", None, nb[i], where_b=_where(f, "b", nb[i])) for i in m.only_b]
    for a_id, b_id in m.pairs.items():
        a, b = na[a_id], nb[b_id]
        where_a, where_b = _where(f, "a", a), _where(f, "b", b)
        if _anchor(f, "a", tps, a) != _anchor(f, "b", tps, b):
            out.append(
                diff(
                    "moved",
                    a,
                    b,
                    where_a=where_a or "the journey",
                    where_b=where_b or "the journey",
                )
            )
        if a.text != b.text:
            out.append(
                diff(
                    "changed", a, b, where_b=where_b, fields=(FieldChange("text", a.text, b.text),)
                )
            )
    return out
