"""The ``journeymapper`` command line: a thin argparse front over the services.

Commands live in small modules listed in :data:`COMMAND_MODULES`; each has a
``register(registry)`` function that adds its sub-commands. A user's mistake
ends in one readable line on stderr and exit 1 (usage errors exit 2), never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import Any

from journeymapper.model.errors import JourneyMapperError

#: Modules that add commands; each defines ``register(registry: CommandRegistry)``.
COMMAND_MODULES: tuple[str, ...] = (
    "journeymapper.cli_core",
    "journeymapper.cli_bench",
    "journeymapper.cli_image",
    "journeymapper.cli_interchange",
    "journeymapper.cli_check",
    "journeymapper.cli_pdf",
)

Handler = Callable[[argparse.Namespace], int | None]


class CommandRegistry:
    """Hands out sub-parsers: top-level commands and ``export``/``import`` formats."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._commands = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, Any] = {}

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeymapper",
        description="Customer-journey maps: workspaces, templates, exports and checks.",
    )
    registry = CommandRegistry(parser)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(registry)
    return parser


def fail(message: str) -> int:
    print(f"journeymapper: error: {message}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except JourneyMapperError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
