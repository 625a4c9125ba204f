"""``journeymapper export png|svg``: a picture of the canvas, rendered offscreen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from journeymapper.cli.registry import CommandRegistry


def register(cli: CommandRegistry) -> None:
    for fmt in ("png", "svg"):
        article = "an" if fmt == "svg" else "a"
        p = cli.export_format(fmt, f"{article} {fmt.upper()} picture of the map", _export)
        p.add_argument("file", type=Path, help="the workspace")
        p.add_argument("-o", "--output", type=Path, required=True, help=f"the .{fmt} to write")
        p.add_argument("--journey", help="journey name (the first one when omitted)")
        if fmt == "png":
            p.add_argument("--scale", type=float, default=1.0, help="1 = 100 %% (default)")


def _export(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from journeymapper.model.document import Document
    from journeymapper.store.journey_data import find_journey
    from journeymapper.ui.app import create_app
    from journeymapper.ui.canvas.scene import JourneyScene
    from journeymapper.ui.image_export import ImageExportError, export_png, export_svg

    create_app()
    with Document.open(args.file, read_only=True) as doc:
        scene = JourneyScene()
        scene.show_journey(doc, find_journey(doc, args.journey))
        if args.format == "png":
            if not 0.1 <= args.scale <= 4:
                raise ImageExportError("--scale must be from 0.1 to 4.")
            out = export_png(scene, args.output, args.scale)
        else:
            out = export_svg(scene, args.output, scene.data.name if scene.data else "")
    print(f"Wrote {out}.")
    return 0
