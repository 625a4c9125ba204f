"""The ``journeymapper`` command line: a thin argparse front over the services.

Each command group is a small module with a ``register(registry)`` function
that adds its sub-commands (:data:`COMMAND_GROUPS`). A user's mistake ends in
one readable line on stderr and exit 1 (usage errors exit 2), never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from journeymapper.cli import (
    bench,
    check,
    core,
    desktop,
    diff,
    image,
    interchange,
    opportunities,
    pdf,
    team,
)
from journeymapper.cli.registry import CommandRegistry, fail
from journeymapper.model.errors import (
    DocumentError,
    JourneyMapperError,
    describe_write_failure,
)
from journeymapper.safety import lock

#: Modules that add commands, in the order ``--help`` lists them.
COMMAND_GROUPS = (core, bench, image, interchange, check, opportunities, diff, pdf, desktop, team)


def build_parser() -> argparse.ArgumentParser:
    return _build()[0]


def _build() -> tuple[argparse.ArgumentParser, CommandRegistry]:
    parser = argparse.ArgumentParser(
        prog="journeymapper",
        usage="journeymapper [FILE.jmap] | COMMAND ...",
        description="Customer-journey maps: workspaces, templates, exports and checks. "
        "Given a workspace file instead of a command, opens it in the desktop app.",
    )
    registry = CommandRegistry(parser)
    for group in COMMAND_GROUPS:
        group.register(registry)
    return parser, registry


def main(argv: Sequence[str] | None = None) -> int:
    parser, registry = _build()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in registry.names() and _looks_like_a_file(argv[0]):
        argv.insert(0, "gui")  # `journeymapper map.jmap`: what "Open with" and file managers call
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 2
    try:
        return _run(args)
    except DocumentError as exc:  # about a file: one line, even when SQLite quoted its SQL
        return fail(" ".join(str(exc).split()))
    except JourneyMapperError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        return fail(describe_write_failure(exc, _target(args)).replace("change to", "work on"))
    except Exception as exc:  # noqa: BLE001 - one line for the user, never a traceback
        if os.environ.get("JOURNEYMAPPER_DEBUG"):
            raise
        return fail(
            f"{_target(args).name} could not be processed ({type(exc).__name__}: {exc}); "
            "the file may be damaged. Set JOURNEYMAPPER_DEBUG=1 for details."
        )


def _run(args: argparse.Namespace) -> int:
    """Run the command holding the lock of every file it writes (the one write check)."""
    with contextlib.ExitStack() as held:
        for name in getattr(args, "write_targets", ("output",)):
            target = getattr(args, name, None)
            if isinstance(target, Path):
                held.enter_context(lock.writing(target))
        return int(args.handler(args) or 0)


def _target(args: argparse.Namespace) -> Path:
    """The file a command works on, for naming it in a message."""
    for name in ("file", "source", "output"):
        value = getattr(args, name, None)
        if isinstance(value, Path):
            return value
    return Path("the file")


def _looks_like_a_file(arg: str) -> bool:
    """A path (``map.jmap``, ``./map``, an existing file) rather than a mistyped command."""
    if arg.startswith("-"):
        return False
    return "/" in arg or os.sep in arg or Path(arg).suffix != "" or Path(arg).exists()


if __name__ == "__main__":
    sys.exit(main())
