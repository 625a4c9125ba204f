"""What every command module gets: the sub-parser registry and the one-line failure."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], int | None]


class CommandRegistry:
    """Hands out sub-parsers: top-level commands and ``export``/``import`` formats."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._commands = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, Any] = {}

    def names(self) -> set[str]:
        """The top-level command names (anything else on the command line is a file)."""
        return set(self._commands.choices)

    def command(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        sub = self._commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    def _group(self, group: str) -> Any:
        if group not in self._groups:
            parent = self._commands.add_parser(
                group, help=f"{group} a workspace or its parts", description=f"{group} formats"
            )
            self._groups[group] = parent.add_subparsers(dest="format", metavar="FORMAT")
            parent.set_defaults(handler=lambda _a, p=parent: p.error("choose a format"))
        return self._groups[group]

    def export_format(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        sub = self._group("export").add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    def import_format(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        sub = self._group("import").add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub


def fail(message: str) -> int:
    print(f"journeymapper: error: {message}", file=sys.stderr)
    return 1
