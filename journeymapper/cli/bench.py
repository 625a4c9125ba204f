"""``journeymapper bench``: measure the budgets of DESIGN.md against raw baselines."""

from __future__ import annotations

from journeymapper.cli.registry import CommandRegistry


def register(cli: CommandRegistry) -> None:
    from journeymapper.bench.runner import add_arguments, run_cli

    parser = cli.command("bench", "measure speed and memory against raw baselines", run_cli)
    add_arguments(parser)
