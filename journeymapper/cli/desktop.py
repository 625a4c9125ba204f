"""``desktop install|uninstall``: the per-user menu entry, file type and icon."""

from __future__ import annotations

import argparse

from journeymapper import desktop
from journeymapper.cli.registry import CommandRegistry


def register(cli: CommandRegistry) -> None:
    p = cli.command(
        "desktop",
        "install or remove the menu entry, the .jmap file type and the icon (Linux, per user)",
        _desktop,
    )
    p.add_argument("action", choices=("install", "uninstall"))


def _desktop(args: argparse.Namespace) -> int:
    if args.action == "install":
        written = desktop.install()
        print(f"Installed the Journey Mapper desktop entry ({len(written)} files):")
        for path in written:
            print(f"  {path}")
        return 0
    removed = desktop.uninstall()
    print(f"Removed {len(removed)} files of the Journey Mapper desktop entry.")
    return 0
