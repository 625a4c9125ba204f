"""Checks on the shape of the code that DESIGN.md asks for (layers, not behaviour)."""

from __future__ import annotations

import ast
from pathlib import Path

UI_ROOT = Path(__file__).resolve().parent.parent / "journeymapper" / "ui"
SQL_WORDS = ("SELECT ", "UPDATE ", "INSERT INTO", "DELETE FROM")


def _sql_in_ui(source: str, name: str) -> list[str]:
    """Where one UI module runs or spells SQL: query calls, and SQL in string literals.

    Keywords are matched in capitals, as queries are written here, so that labels such as
    "Select all" or "Delete from map" are not taken for SQL.
    """
    found = [
        f"{name}: calls {call}"
        for call in ("doc.rows(", ".execute(", "raw_connection(")
        for _ in range(source.count(call))
    ]
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [
                f"{name}:{node.lineno}: {word.strip()} in a string"
                for word in SQL_WORDS
                if word in node.value
            ]
    return found


def test_sql_detector_sees_queries() -> None:
    """The scan below catches the shapes it is meant to forbid (and spares plain words)."""
    assert _sql_in_ui('rows = doc.rows("SELECT 1 FROM x")\n', "a.py")
    assert _sql_in_ui('q = "INSERT INTO vote VALUES (?)"\n', "b.py")
    assert _sql_in_ui('q = ("DELETE FROM vote " "WHERE id = ?")\n', "c.py")
    assert _sql_in_ui("q = f'UPDATE stage SET name = {x}'\n", "d.py")
    assert _sql_in_ui("doc.raw_connection().execute(query)\n", "f.py")
    assert not _sql_in_ui('SELECTION = "#0047ff"\nlabel = "Select all, then Update"\n', "e.py")


def test_no_sql_in_ui() -> None:
    """The UI asks ``journeymapper.store`` for data and ``journeymapper.editing`` for changes."""
    modules = sorted(UI_ROOT.rglob("*.py"))
    assert modules, f"no UI modules under {UI_ROOT}"
    problems = [
        problem
        for path in modules
        for problem in _sql_in_ui(path.read_text(encoding="utf-8"), str(path.relative_to(UI_ROOT)))
    ]
    assert not problems, "SQL in the UI:\n" + "\n".join(problems)
