"""One line of the benchmark: a figure, its raw baseline, the ratio, the budget and the verdict."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    budget: str = ""
    passed: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def line(self) -> str:
        value = "n/a" if self.value is None else f"{self.value:10.2f}"
        base = "" if self.baseline is None else f"{self.baseline:9.2f}"
        ratio = "" if self.ratio is None else f"{self.ratio:6.2f}x"
        verdict = {True: "pass", False: "FAIL", None: "-"}[self.passed]
        head = f"{self.name:<34} {value} {self.unit:<3} {base:>9} {ratio:>7}"
        return f"{head}  {self.budget:<22} {verdict}"

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio}


#: The map size DESIGN.md's budgets are written for; other sizes print figures without verdicts.
BUDGET_SIZE = 2000

HEADER = (
    f"{'figure':<34} {'value':>10} {'':<3} {'baseline':>9} {'ratio':>7}  {'budget':<22} verdict"
)
