"""The ``journeymapper`` command line: a thin argparse front over the services.

Each command group is a small module with a ``register(registry)`` function
that adds its sub-commands (:data:`COMMAND_GROUPS`). A user's mistake ends in
one readable line on stderr and exit 1 (usage errors exit 2), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from journeymapper.cli import bench, check, core, image, interchange, pdf
from journeymapper.cli.registry import CommandRegistry, fail
from journeymapper.model.errors import JourneyMapperError

#: Modules that add commands, in the order ``--help`` lists them.
COMMAND_GROUPS = (core, bench, image, interchange, check, pdf)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeymapper",
        description="Customer-journey maps: workspaces, templates, exports and checks.",
    )
    registry = CommandRegistry(parser)
    for group in COMMAND_GROUPS:
        group.register(registry)
    return parser


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
