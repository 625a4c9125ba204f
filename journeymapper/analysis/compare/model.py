"""What a comparison of two journeys returns: plain, ordered, JSON-ready dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Kinds of difference, in the order a list shows them at one place on the map.
KINDS = ("removed", "added", "moved", "changed")
#: What a difference is about, in the order the list shows them.
ITEMS = ("stage", "lane", "touchpoint", "text", "pain_point", "opportunity", "idea", "note")
_MARK = {"added": "+", "removed": "-", "moved": ">", "changed": "~"}


def _show(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:59] + "…"
        return f'"{text}"'
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its name, the value in A, the value in B."""

    name: str
    before: Any
    after: Any

    def text(self) -> str:
        return f"{self.name} {_show(self.before)} → {_show(self.after)}"


@dataclass(frozen=True)
class Difference:
    """One difference between A (before) and B (after)."""

    kind: str
    item: str
    title: str
    a_id: int | None
    b_id: int | None
    #: "Stage / Lane" of the item in A and in B ("" where it is absent).
    where_a: str = ""
    where_b: str = ""
    fields: tuple[FieldChange, ...] = ()
    #: (stage id, lane id) of a text cell in A and in B: text cells have no item id.
    cell_a: tuple[int, int] | None = None
    cell_b: tuple[int, int] | None = None
    #: Stable order: place on the map, then kind, then ids.
    order: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    @property
    def word(self) -> str:
        """How a person says the kind: pain points are resolved or new."""
        if self.item == "pain_point" and self.kind in ("added", "removed"):
            return "new" if self.kind == "added" else "resolved"
        return self.kind

    def line(self) -> str:
        """One readable line, e.g. ``~ changed touchpoint "Checkout" (Buy / Web): …``."""
        noun = self.item.replace("_", " ")
        head = f"{_MARK[self.kind]} {self.word} {noun} {_show(self.title)}"
        if self.kind == "moved":
            return f"{head}: {self.where_a} → {self.where_b}"
        where = self.where_a if self.kind == "removed" else self.where_b
        head = f"{head} ({where})" if where else head
        if self.fields:
            head += ": " + "; ".join(f.text() for f in self.fields)
        return head

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "word": self.word,
            "item": self.item,
            "title": self.title,
            "a_id": self.a_id,
            "b_id": self.b_id,
            "where_a": self.where_a,
            "where_b": self.where_b,
            "fields": [{"name": f.name, "before": f.before, "after": f.after} for f in self.fields],
            "cell_a": list(self.cell_a) if self.cell_a else None,
            "cell_b": list(self.cell_b) if self.cell_b else None,
        }


@dataclass(frozen=True)
class Column:
    """One stage column of the comparison: the stage in A, in B, or in both."""

    name: str
    a_id: int | None
    b_id: int | None


@dataclass(frozen=True)
class CurvePoint:
    """One emotion point: x on the shared stage axis (column index ± 0.4)."""

    touchpoint_id: int
    x: float
    emotion: int
    title: str


@dataclass(frozen=True)
class MetricDelta:
    """A stage's weighted-mean metric in A and in B (None where it was not measured)."""

    stage: str
    metric_key: str
    metric_name: str
    unit: str
    higher_is_better: bool
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def verdict(self) -> str:
        """better / worse / same, or new / gone when one side has no value."""
        if self.before is None:
            return "new"
        if self.after is None:
            return "gone"
        d = self.after - self.before
        if abs(d) < 1e-9:
            return "same"
        return "better" if (d > 0) == self.higher_is_better else "worse"

    def line(self) -> str:
        def num(v: float | None) -> str:
            return "—" if v is None else f"{v:.4g}{self.unit if self.unit == '%' else ''}"

        d = self.delta
        change = "" if d is None else f" ({d:+.3g}, {self.verdict})"
        if d is None:
            change = f" ({self.verdict})"
        return (
            f"= {self.metric_name} in {self.stage}: {num(self.before)} → {num(self.after)}{change}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "metric": self.metric_key,
            "name": self.metric_name,
            "unit": self.unit,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
            "verdict": self.verdict,
        }


@dataclass
class Comparison:
    """Everything the CLI, the PDF section and the compare view show."""

    a_label: str
    b_label: str
    columns: list[Column]
    differences: list[Difference]
    metric_deltas: list[MetricDelta]
    curve_a: list[CurvePoint]
    curve_b: list[CurvePoint]
    #: Per item ("stage", "lane", "touchpoint"): how many pairs each rule matched.
    matched_by: dict[str, dict[str, int]]
    #: Per item: (ids only in A, ids only in B), i.e. what could not be matched.
    unmatched: dict[str, tuple[list[int], list[int]]]

    @property
    def identical(self) -> bool:
        return not self.differences and not self.changed_metrics()

    def changed_metrics(self) -> list[MetricDelta]:
        """Metric rows whose value moved (or appeared or went)."""
        return [m for m in self.metric_deltas if m.verdict != "same"]

    def of_kind(self, kind: str, item: str | None = None) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind and item in (None, d.item)]

    def unmatched_line(self) -> str:
        """What could not be paired, said once ("" when everything matched)."""
        parts = []
        for item, (only_a, only_b) in self.unmatched.items():
            if only_a or only_b:
                parts.append(f"{item}s {len(only_a)} only in A, {len(only_b)} only in B")
        return "Not matched: " + "; ".join(parts) if parts else ""

    def lines(self) -> list[str]:
        """The change list, then the metric deltas: one line each, in a stable order."""
        return [d.line() for d in self.differences] + [m.line() for m in self.changed_metrics()]

    def to_dict(self) -> dict[str, Any]:
        def curve(points: list[CurvePoint]) -> list[dict[str, Any]]:
            return [
                {
                    "touchpoint_id": p.touchpoint_id,
                    "x": round(p.x, 4),
                    "emotion": p.emotion,
                    "title": p.title,
                }
                for p in points
            ]

        return {
            "a": self.a_label,
            "b": self.b_label,
            "identical": self.identical,
            "stages": [{"name": c.name, "a_id": c.a_id, "b_id": c.b_id} for c in self.columns],
            "differences": [d.to_dict() for d in self.differences],
            "metric_deltas": [m.to_dict() for m in self.metric_deltas],
            "emotion": {"a": curve(self.curve_a), "b": curve(self.curve_b)},
            "pain_points": {
                "resolved": [d.title for d in self.of_kind("removed", "pain_point")],
                "new": [d.title for d in self.of_kind("added", "pain_point")],
            },
            "matched_by": self.matched_by,
            "unmatched": {k: {"a": a, "b": b} for k, (a, b) in self.unmatched.items()},
        }
