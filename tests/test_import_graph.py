"""No import circles in journeymapper/ (DESIGN.md: imports point down only).

Every import counts as an edge: module level, inside functions, under ``if TYPE_CHECKING:``,
and a package ``__init__`` importing its own submodules. A deferred import hides a circle
from Python but not from a reader, so it is a circle here too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import journeymapper

ROOT = Path(journeymapper.__file__).resolve().parent
PACKAGE = "journeymapper"

#: Circles in code that other work is untangling; any circle not inside one of these fails.
KNOWN: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    """The absolute module a ``from … import`` names (relative imports resolved)."""
    if node.level == 0:
        return node.module or ""
    base = here.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The journeymapper modules that ``name`` imports anywhere in its text."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(node, name, path.name == "__init__.py")
            # ``from pkg import sub`` imports the submodule; ``from pkg import obj`` the package.
            targets = [
                f"{source}.{a.name}" if f"{source}.{a.name}" in known else source
                for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:  # ``import a.b.func``-like spellings
                target = target.rpartition(".")[0]
            if target.startswith(PACKAGE) and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups


def a_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """One concrete circle through the group, for the failure message."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & group):
            if child == start:
                return paths[node] + [start]
            if child not in paths:
                paths[child] = paths[node] + [child]
                queue.append(child)
    return sorted(group)


def new_cycles(graph: dict[str, set[str]]) -> list[str]:
    """One line per group of modules caught in circles that KNOWN does not cover."""
    return [
        " → ".join(a_cycle(graph, group)) + f"  (all of: {', '.join(sorted(group))})"
        for group in strongly_connected(graph)
        if not any(group <= known for known in KNOWN)
    ]


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    # module level
    assert "journeymapper.ui.controller" in graph["journeymapper.ui.main_window"]
    # a package __init__ importing its own submodule
    assert "journeymapper.ui.workshop.mode" in graph["journeymapper.ui.workshop"]


def test_cycle_finder_finds_cycles_of_every_length() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d", "a"}, "e": set()}
    groups = strongly_connected(graph)
    assert groups == [{"a", "b", "c"}]
    assert a_cycle(graph, groups[0]) == ["a", "b", "c", "a"]


def test_deferred_and_type_checking_imports_are_edges(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from journeymapper.ui import app\n"
        "def f():\n    import journeymapper.paths\n"
        "from . import sibling\n"
    )
    known = {
        "journeymapper.ui.app": source,
        "journeymapper.paths": source,
        "journeymapper.x.sibling": source,
    }
    assert imports_of("journeymapper.x.m", source, known) == set(known)


def test_no_import_cycles() -> None:
    graph = import_graph()
    cycles = new_cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_only_the_app_imports_the_main_window() -> None:
    graph = import_graph()
    importers = {m for m, targets in graph.items() if "journeymapper.ui.main_window" in targets}
    assert importers <= {"journeymapper.ui.app"}, importers
