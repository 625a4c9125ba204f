"""Column mapping on the command line: ``--map``, ``--match``, ``--profile``, ``import inspect``.

The options start from the suggested mapping (or a saved profile, which must fit
the file's header) and override it; the importer then reads the file through
the mapping, all or nothing, with every problem by the file's own line and column.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymapper.cli.registry import CommandRegistry
from journeymapper.interchange import mapping as mp
from journeymapper.interchange.registry import Importer
from journeymapper.interchange.report import fail_with
from journeymapper.interchange.sniff import read_bytes

#: ``import inspect --as``: the CLI command of each importer that takes a mapping.
KINDS = {"survey": "survey", "measurements": "measurements", "csv": "touchpoints"}


def add_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("mapping your own columns (see `journeymapper import inspect`)")
    g.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read COLUMN (header text, letter or number) as FIELD; FIELD 'ignore' skips it",
    )
    g.add_argument("--header-rows", type=int, metavar="N", help="header rows above the data")
    g.add_argument(
        "--match",
        action="append",
        default=[],
        metavar="LABEL=TITLE",
        help="rows labelled LABEL are about the touchpoint TITLE; LABEL= skips them; "
        "LABEL=+ makes a new card titled LABEL in the stage and lane of its rows' own "
        "columns, LABEL='+STAGE / LANE' puts it there (a TITLE starting with + is a new card)",
    )
    g.add_argument(
        "--create-unmatched",
        nargs="?",
        const="",
        metavar="STAGE / LANE",
        help="make a new card for every label that names no touchpoint (and is not "
        "--match'ed), in STAGE / LANE or else in the stage and lane of its rows' columns",
    )
    g.add_argument("--profile", metavar="NAME|FILE", help="a saved mapping profile")
    g.add_argument("--save-profile", metavar="NAME", help="save the mapping used as a profile")
    g.add_argument("--sheet", help="the sheet of an .xlsx workbook (default: the first)")


def wanted(args: argparse.Namespace) -> bool:
    asked = (args.map, args.match, args.profile, args.header_rows, args.sheet, args.save_profile)
    return any(asked) or args.create_unmatched is not None


def resolve(imp: Importer, args: argparse.Namespace) -> mp.Mapping | None:
    """The mapping the options describe, or None (the importer's own header names)."""
    if not wanted(args):
        return None
    source: Path = args.source
    data = read_bytes(source)
    try:
        return _mapping(imp.kind, data, source.name, args)
    except (ValueError, mp.ProfileError) as exc:
        raise fail_with(source.name, str(exc)) from exc


def _mapping(kind: str, data: bytes, name: str, args: argparse.Namespace) -> mp.Mapping:
    profile = mp.load_profile(args.profile) if args.profile else None
    if profile is not None and profile.kind != kind:
        raise ValueError(f"The profile {profile.name!r} is for {profile.kind} imports.")
    sheet = args.sheet or (profile.mapping.sheet if profile else None)
    rows = args.header_rows or (profile.mapping.header_rows if profile else None)
    shape = mp.inspect_data(data, name, kind, sheet=sheet, rows=rows)
    if profile is not None:
        if changed := mp.header_changes(profile, shape.header[0]):
            raise ValueError(changed)
        shape.suggestions = []
    mapping = mp.build_mapping(shape, kind, args.map, args.match)
    if profile is not None:
        _on_profile(mapping, profile.mapping)
    if args.create_unmatched is not None:
        mapping.create_unmatched = mp.parse_place(args.create_unmatched)
    if kind == "touchpoints" and (mapping.create or mapping.create_unmatched is not None):
        raise ValueError(
            "New cards for labels are made by survey and measurements imports; "
            "a touchpoints file makes a card of every row already."
        )
    mapping.header_rows, mapping.sheet = len(shape.header), sheet
    mapping.date_order = getattr(args, "date_order", None) or mapping.date_order
    if args.save_profile:
        header = list(shape.header[0])
        args.profile_to_save = mp.Profile(args.save_profile, kind, header, mapping)
    return mapping


def _on_profile(mapping: mp.Mapping, base: mp.Mapping) -> None:
    """The profile's choices under the options given now (a label's newest choice wins)."""
    mapping.columns = {**base.columns, **mapping.columns}
    given = set(mapping.matches) | set(mapping.create)
    mapping.matches = {**{k: v for k, v in base.matches.items() if k not in given},
                       **mapping.matches}  # fmt: skip
    mapping.create = {**{k: v for k, v in base.create.items() if k not in given}, **mapping.create}
    mapping.create_unmatched = base.create_unmatched
    mapping.date_order = base.date_order


def save_if_asked(args: argparse.Namespace) -> None:
    """After a successful import: keep the mapping as the profile ``--save-profile`` named."""
    profile = getattr(args, "profile_to_save", None)
    if profile is not None:
        print(f"Saved the mapping profile {profile.name!r} in {mp.save_profile(profile)}.")


def register_inspect(cli: CommandRegistry) -> None:
    p = cli.import_format(
        "inspect", "show a file's shape and the suggested column mapping", _inspect
    )
    p.add_argument("source", type=Path, help="the CSV or .xlsx file to look at")
    p.add_argument("--as", dest="kind", choices=sorted(KINDS), default="survey")
    p.add_argument("--sheet", help="the sheet of an .xlsx workbook (default: the first)")
    p.add_argument("--header-rows", type=int, metavar="N", help="header rows above the data")
    p.set_defaults(write_targets=())


def _inspect(args: argparse.Namespace) -> int:
    kind = KINDS[args.kind]
    data = read_bytes(args.source)
    shape = mp.inspect_data(data, args.source.name, kind, sheet=args.sheet, rows=args.header_rows)
    print(mp.describe(shape))
    for profile in mp.profiles_for(shape.header[0], kind):
        print(f"Saved profile {profile.name!r} fits this header: --profile {profile.name!r}")
    return 0
