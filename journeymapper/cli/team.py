"""``team``: set up a PostgreSQL server and its workspaces, publish a file, take a copy."""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymapper.cli.registry import CommandRegistry
from journeymapper.model.errors import DocumentError
from journeymapper.team import server_migrations, server_schema, transfer
from journeymapper.team.address import TeamAddress
from journeymapper.team.connection import connect
from journeymapper.team.document import TeamDocument


def register(cli: CommandRegistry) -> None:
    team = cli.command("team", "team workspaces on a PostgreSQL server", _help)
    subs = team.add_subparsers(dest="team_command", metavar="ACTION")
    team.set_defaults(help_parser=team)

    p = subs.add_parser(
        "init",
        help="create the team schema on a server (once), or an empty team workspace",
        description="The only command that creates tables (`team upgrade` migrates them): "
        "without --workspace it sets the server up; with it, it also makes an empty team "
        "workspace to publish a file into. Opening and editing never change the schema.",
    )
    p.add_argument("url", help="postgresql:// address (service names and .pgpass work)")
    p.add_argument("--workspace", help="also create this empty team workspace (or URL#NAME)")
    p.add_argument(
        "--grant",
        metavar="ROLE",
        help="let this PostgreSQL role (a person or a group) use the workspace: rows only",
    )
    p.set_defaults(handler=_init, write_targets=())

    p = subs.add_parser("upgrade", help="upgrade older team workspaces to this app's format")
    p.add_argument("url", help="postgresql:// address of the server")
    p.add_argument("--workspace", help="only this team workspace (default: all older ones)")
    p.set_defaults(handler=_upgrade, write_targets=())

    p = subs.add_parser(
        "publish",
        help="upload a workspace file into an empty team workspace (made by init --workspace)",
        description="Writes rows only: the team workspace must exist and be empty "
        "(`journeymapper team init URL --workspace NAME` makes one).",
    )
    p.add_argument("file", type=Path, help="the .jmap file to upload")
    p.add_argument("url", help="postgresql:// address of the server")
    p.add_argument("--workspace", help="the empty team workspace (default: the file's name)")
    p.set_defaults(handler=_publish, write_targets=())

    p = subs.add_parser("copy", help="take an offline copy of a team workspace as a file")
    p.add_argument("url", help="postgresql:// address of the server")
    p.add_argument("--workspace", help="which team workspace (needed when there are several)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the .jmap file to write")
    p.set_defaults(handler=_copy)

    p = subs.add_parser("list", help="list the team workspaces on a server")
    p.add_argument("url", help="postgresql:// address of the server")
    p.set_defaults(handler=_list, write_targets=())


def _help(args: argparse.Namespace) -> int:
    args.help_parser.print_help()
    return 2


def _init(args: argparse.Namespace) -> int:
    address = TeamAddress.parse(args.url, args.workspace)
    server = TeamAddress(address.conninfo).display()
    if address.workspace is None:
        if args.grant:
            raise DocumentError("--grant needs --workspace: roles are granted one workspace.")
        made = server_schema.init_server(address.conninfo)
        print(
            f"Team schema created on {server}."
            if made
            else f"{server} already has the team schema; nothing changed."
        )
        return 0
    made = server_schema.init_workspace(address.conninfo, address.workspace, args.grant)
    granted = f"; {args.grant} may use it" if args.grant else ""
    print(
        f"Created the empty team workspace {address.workspace!r} on {server}{granted}."
        if made
        else f"Team workspace {address.workspace!r} already exists on {server}{granted}."
    )
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    address = TeamAddress.parse(args.url, args.workspace)
    done = server_migrations.upgrade_server(address.conninfo, address.workspace)
    print(f"{done} team workspace(s) upgraded on {address.display()}.")
    return 0


def _publish(args: argparse.Namespace) -> int:
    address = TeamAddress.parse(args.url, args.workspace)
    if not args.file.is_file():
        raise DocumentError(f"{args.file} does not exist.")
    name = transfer.publish(args.file, address, args.workspace)
    print(f"Published {args.file.name} as team workspace {name!r} on {address.display()}.")
    return 0


def _copy(args: argparse.Namespace) -> int:
    address = TeamAddress.parse(args.url, args.workspace)
    target: Path = args.output
    if target.suffix == "":
        target = target.with_suffix(".jmap")
    with TeamDocument.open(address.conninfo, workspace=address.workspace) as team:
        transfer.copy_to_file(team, target)
    print(f"Wrote an offline copy to {target} (it is not merged back automatically).")
    return 0


def _list(args: argparse.Namespace) -> int:
    address = TeamAddress.parse(args.url)
    with connect(address, autocommit=True) as conn:
        for entry in server_schema.list_workspaces(conn):
            print(f"{entry.name}\t(format {entry.schema_version})")
    return 0
