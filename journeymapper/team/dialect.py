"""The workspace's SQL, written once in SQLite's qmark style, run on PostgreSQL.

Services write plain SQL with ``?`` placeholders (the file backend's driver style). On the
server the same text goes to psycopg, which wants ``%s``: every statement that SQLAlchemy
did not compile itself is rewritten here, on its way to the driver.
"""

from __future__ import annotations

import functools
from typing import Any

from psycopg import Connection, Cursor
from psycopg.adapt import Loader
from psycopg.types.string import TextLoader
from sqlalchemy import event
from sqlalchemy.engine import Engine


@functools.lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders to ``%s`` (a literal ``%`` doubled), leaving quoted text alone.

    Cached: the same few statements run on every edit, and this walks them by character.
    """
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


def install(engine: Engine) -> None:
    """Rewrite driver-level SQL (``exec_driver_sql``) for psycopg on ``engine``."""

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _rewrite(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> tuple[str, Any]:
        if context is not None and context.compiled is None:
            return to_pyformat(statement), parameters
        return statement, parameters


class _BoolAsInt(Loader):
    """``true``/``false`` read as 1/0, as SQLite stores them."""

    def load(self, data: Any) -> int:
        return 1 if bytes(data) in (b"t", b"\x01") else 0


def file_like_loaders(cursor: Cursor[Any] | Connection[Any]) -> None:
    """Make ``cursor`` (or a connection) return rows as a file's: ISO text dates, 0/1 booleans.

    Only the read model's raw queries use this; the ORM keeps real dates and booleans.
    """
    cursor.adapters.register_loader("date", TextLoader)
    cursor.adapters.register_loader("bool", _BoolAsInt)
