"""Core commands: ``new``, ``templates``, ``info`` and ``gui``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from journeymapper import editing
from journeymapper.cli.registry import CommandRegistry
from journeymapper.model.document import SCHEMA_VERSION, _uri, check_file
from journeymapper.model.errors import DocumentError
from journeymapper.safety import lock
from journeymapper.team.address import is_team_url
from journeymapper.templates import DEFAULT_TEMPLATE, create_workspace, list_templates


def register(cli: CommandRegistry) -> None:
    p = cli.command("new", "create a workspace file from a template", _new)
    p.add_argument("file", type=Path, help="the .jmap file to create")
    p.add_argument("--template", default=DEFAULT_TEMPLATE, help="template name (see 'templates')")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(write_targets=())  # _new locks the file it names (with its suffix)

    cli.command("templates", "list the built-in templates", _templates)

    p = cli.command("info", "describe a workspace file: journeys, counts, file format", _info)
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")

    p = cli.command("gui", "open the desktop application", _gui)
    p.add_argument(
        "file", nargs="?", help="workspace file or postgresql:// address (a sample when omitted)"
    )


def _new(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.suffix == "":
        path = path.with_suffix(".jmap")
    if path.exists() and not args.force:
        raise DocumentError(f"{path} already exists (use --force to replace it).")
    # Build beside the target and swap it in at the end: a failure (bad template,
    # read-only folder) never costs the user the file that --force would replace.
    with lock.writing(path):  # never onto a workspace a window holds
        _build(path, args.template)
    print(f"Created {path} from the {args.template!r} template.")
    return 0


def _build(path: Path, template: str) -> None:
    tmp = path.with_name(f".{path.name}.new")
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)  # left by a crash
    try:
        doc = create_workspace(tmp, template)
        try:
            editing.edit_workspace(doc, name=path.stem)
        finally:
            doc.close()
        os.replace(tmp, path)
    except OSError as exc:
        raise DocumentError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
    finally:
        for left in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                left.unlink(missing_ok=True)  # nothing of a failed build stays behind


def _templates(_args: argparse.Namespace) -> int:
    infos = list_templates()
    width = max(len(t.name) for t in infos)
    for t in infos:
        print(f"{t.name:<{width}}  {t.title}: {t.description}")
    return 0


_COUNTED = ("stage", "lane", "touchpoint", "annotation")


def describe(path: Path) -> dict[str, Any]:
    """What ``info`` prints, read without writing (works on older file formats too)."""
    check = check_file(path)
    try:
        return _describe(path, check.schema_version)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path.name} is damaged and cannot be read: {exc}.") from exc


def _describe(path: Path, schema_version: int) -> dict[str, Any]:
    conn = sqlite3.connect(_uri(path.resolve(), "ro"), uri=True)
    try:
        ws = conn.execute("SELECT name, author, created_at FROM workspace LIMIT 1").fetchone()
        journeys = []
        for jid, name, state, persona in conn.execute(
            "SELECT j.id, j.name, j.state, p.name FROM journey j "
            "LEFT JOIN persona p ON p.id = j.persona_id ORDER BY j.position, j.id"
        ):
            counts = {
                f"{t}s": conn.execute(
                    f"SELECT count(*) FROM {t} WHERE journey_id = ?", (jid,)
                ).fetchone()[0]
                for t in _COUNTED
            }
            counts["measurements"] = conn.execute(
                "SELECT count(*) FROM measurement m JOIN touchpoint t ON t.id = m.touchpoint_id "
                "WHERE t.journey_id = ?",
                (jid,),
            ).fetchone()[0]
            journeys.append({"name": name, "state": state, "persona": persona, **counts})
    finally:
        conn.close()
    return {
        "file": str(path),
        "workspace": ws[0] if ws else None,
        "author": ws[1] if ws else None,
        "created": ws[2] if ws else None,
        "schema_version": schema_version,
        "current_schema_version": SCHEMA_VERSION,
        "journeys": journeys,
    }


def _info(args: argparse.Namespace) -> int:
    info = describe(args.file)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0
    print(f"Workspace: {info['workspace']}  ({info['file']})")
    version = info["schema_version"]
    note = "" if version == SCHEMA_VERSION else " (older; upgraded when opened for editing)"
    print(f"File format: {version}{note}")
    print(f"Journeys: {len(info['journeys'])}")
    for j in info["journeys"]:
        persona = f", persona {j['persona']}" if j["persona"] else ""
        print(
            f"  - {j['name']} [{j['state']}{persona}]: {j['stages']} stages, {j['lanes']} lanes, "
            f"{j['touchpoints']} touchpoints, {j['annotations']} annotations, "
            f"{j['measurements']} measurements"
        )
    return 0


def _gui(args: argparse.Namespace) -> int:
    if args.file is not None and not is_team_url(args.file) and not Path(args.file).exists():
        raise DocumentError(
            f"{args.file}: no such workspace file (nor a command: see 'journeymapper --help')."
        )
    from journeymapper.ui.app import main as gui_main

    return gui_main([str(args.file)] if args.file else [])
