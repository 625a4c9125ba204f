"""``bench --scale``: the figures at 200, 2,000 and 10,000 touchpoints, and how they grow.

DESIGN.md asks that what one edit costs does not grow with the map: every per-edit figure
may grow at most :data:`GROWTH_LIMIT` times from the smallest map to the largest. Figures
timed against a raw commit grow as their ratio to it (the commit itself differs from run
to run by several times on a busy machine); the others as their value. A few budgets hold
at the largest size too (the Health dock, memory, the PDF against reportlab); the 2,000
column keeps its verdicts.
"""

from __future__ import annotations

from collections.abc import Callable

from journeymapper.bench.figure import BUDGET_SIZE, Figure

SIZES = (200, 2000, 10000)
#: How many times a per-edit figure may grow from 200 to 10,000 touchpoints.
GROWTH_LIMIT = 1.5
#: DESIGN.md holds a committed edit tighter: its ratio to the raw commit within 1.3x.
EDIT_GROWTH_LIMIT = 1.3
#: The figures one edit costs: they must not grow with the map.
PER_EDIT = (
    "edit: move touchpoint",
    "edit: rename",
    "edit: set measurement",
    "undo/redo one step",
    "drag: one mouse-move + repaint",
    "charts refresh after an edit",
    "health dock refresh after an edit",
)
#: Budgets that hold at the largest size as well: figure -> (limit, unit of the limit).
AT_LARGEST: dict[str, tuple[float, str]] = {
    "health dock refresh after an edit": (10.0, "ms"),
    "peak memory with the map open": (400.0, "MB"),
    "PDF export, map page only": (3.0, "x raw"),
    "PDF export, map + appendix": (3.0, "x raw"),
}

Runner = Callable[..., list[Figure]]


def growth(small: Figure | None, large: Figure | None) -> float | None:
    """How many times ``large`` is ``small``: as ratios to their baselines when both have one."""
    if small is None or large is None or small.value is None or large.value is None:
        return None
    if small.ratio is not None and large.ratio is not None:
        return large.ratio / small.ratio if small.ratio else None
    return large.value / small.value if small.value else None


def largest_verdict(name: str, fig: Figure | None) -> bool | None:
    """The budget that holds at the largest size too, if ``name`` has one."""
    if name not in AT_LARGEST or fig is None or fig.value is None:
        return None
    limit, unit = AT_LARGEST[name]
    value = fig.ratio if unit == "x raw" else fig.value
    return None if value is None else value <= limit


def growth_limit(name: str) -> float | None:
    """How much ``name`` may grow with the map (None: it is not a per-edit figure)."""
    if name not in PER_EDIT:
        return None
    return EDIT_GROWTH_LIMIT if name.startswith("edit: ") else GROWTH_LIMIT


def verdict_of(name: str, grew: float | None, at_largest: bool | None) -> bool | None:
    """The scale verdict: growth within its limit, and the largest size's budget if any."""
    checks = [at_largest] if at_largest is not None else []
    limit = growth_limit(name)
    if limit is not None and grew is not None:
        checks.append(grew <= limit)
    return all(checks) if checks else None


def table(results: dict[int, list[Figure]], sizes: tuple[int, ...]) -> list[str]:
    """The scale table: values per size, ratios, growth, the 2,000 verdict, the scale verdict."""
    word = {True: "pass", False: "FAIL", None: "-"}
    head = f"{'figure':<36}" + "".join(f"{n:>10}" for n in sizes)
    lines = [head + f"{'ratio@' + str(sizes[-1]):>12}{'growth':>9}  {'@2000':<6}{'scale':<6}"]
    budget = {f.name: f.passed for f in results.get(BUDGET_SIZE, [])}
    for name in [f.name for f in results[sizes[0]]]:
        figs = {n: next((f for f in results[n] if f.name == name), None) for n in sizes}
        cells = "".join(
            f"{'n/a':>10}" if (f := figs[n]) is None or f.value is None else f"{f.value:10.2f}"
            for n in sizes
        )
        last = figs[sizes[-1]]
        ratio = f"{last.ratio:11.2f}x" if last is not None and last.ratio is not None else ""
        grew = growth(figs[sizes[0]], last)
        grown = f"x{grew:.2f}" if grew is not None else ""
        scale_ok = verdict_of(name, grew, largest_verdict(name, last))
        lines.append(
            f"{name:<36}{cells}{ratio:>12}{grown:>9}  {word[budget.get(name)]:<6}"
            f"{word[scale_ok]:<6}"
        )
    return lines


def scale(run: Runner, sizes: tuple[int, ...] = SIZES, repeat: int = 15) -> dict[int, list[Figure]]:
    """Run the benchmark at each size and print the scale table; the 2,000 run keeps its
    verdicts (``run`` drops them at other sizes)."""
    results = {n: run(n, repeat) for n in sizes}
    print(f"Journey Mapper benchmark at {', '.join(f'{n:,}' for n in sizes)} touchpoints")
    print(
        f"(ms unless MB; growth = {sizes[-1]:,} over {sizes[0]:,}, as a ratio to the raw "
        f"baseline where one exists; per-edit figures may grow <= {GROWTH_LIMIT}x, "
        f"committed edits <= {EDIT_GROWTH_LIMIT}x)"
    )
    for line in table(results, sizes):
        print(line)
    return results
