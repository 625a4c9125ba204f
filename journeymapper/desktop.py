"""Desktop integration on Linux (freedesktop): a menu entry, a MIME type for ``*.jmap``
and the app icon, installed per user so a file manager opens workspaces with the app.

Writes only under ``$XDG_DATA_HOME`` (``~/.local/share`` by default) and removes
exactly what it wrote. macOS and Windows associate files through an installer or
app bundle, which this project does not ship.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from journeymapper.paths import RESOURCES

APP_ID = "journeymapper"
MIME_TYPE = "application/x-journeymapper"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
#: ``PRAGMA application_id`` of a workspace ('JMAP'), stored big-endian at byte 68.
APPLICATION_ID = 0x4A4D4150

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=Journey Mapper
GenericName=Customer journey mapping
Comment=Map customer journeys, run workshops and export PDF maps
Exec={exec} %f
Icon={icon}
Terminal=false
Categories=Office;Graphics;
MimeType={mime};
Keywords=journey;customer;touchpoint;service design;UX;workshop;
StartupWMClass=journeymapper
"""

MIME_XML = """<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{mime}">
    <comment>Journey Mapper workspace</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <generic-icon name="{icon}"/>
    <glob pattern="*.jmap" weight="80"/>
    <magic priority="80">
      <match type="string" value="SQLite format 3" offset="0">
        <match type="big32" value="0x{app_id:08X}" offset="68"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


@dataclass(frozen=True)
class DesktopFiles:
    """Where the entry, the MIME type and the icons go under one data folder."""

    data_home: Path

    @property
    def entry(self) -> Path:
        return self.data_home / "applications" / f"{APP_ID}.desktop"

    @property
    def mime(self) -> Path:
        return self.data_home / "mime" / "packages" / f"{APP_ID}.xml"

    @property
    def icons(self) -> list[Path]:
        hicolor = self.data_home / "icons" / "hicolor"
        scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
        sized = [hicolor / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in ICON_SIZES]
        return [scalable, *sized]

    def all(self) -> list[Path]:
        return [self.entry, self.mime, *self.icons]


def data_home() -> Path:
    override = os.environ.get("XDG_DATA_HOME")
    return Path(override) if override else Path.home() / ".local" / "share"


def launcher_command() -> str:
    """The command a desktop entry runs: this installation's ``journeymapper`` script."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "journeymapper" and script.exists():
        return shlex.quote(str(script))
    found = shutil.which("journeymapper")
    if found:
        return shlex.quote(str(Path(found).resolve()))
    return f"{shlex.quote(sys.executable)} -m journeymapper"


def install(home: Path | None = None, command: str | None = None) -> list[Path]:
    """Write the entry, the MIME type and the icons; refresh the desktop's caches."""
    files = DesktopFiles(home or data_home())
    exec_line = f"{command or launcher_command()} gui"
    _write(files.entry, DESKTOP_ENTRY.format(exec=exec_line, icon=APP_ID, mime=MIME_TYPE))
    _write(files.mime, MIME_XML.format(mime=MIME_TYPE, icon=APP_ID, app_id=APPLICATION_ID))
    icons = files.icons
    icons[0].parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(RESOURCES / "icons" / f"{APP_ID}.svg", icons[0])
    for size, target in zip(ICON_SIZES, icons[1:], strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RESOURCES / "icons" / f"{APP_ID}-{size}.png", target)
    _refresh(files.data_home)
    return files.all()


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove exactly the files :func:`install` writes; return those that were there."""
    files = DesktopFiles(home or data_home())
    removed = [path for path in files.all() if path.exists()]
    for path in removed:
        path.unlink()
    _refresh(files.data_home)
    return removed


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _run_quietly(*command: str) -> None:
    """Run a desktop cache tool when the system has it; its absence is not an error."""
    if shutil.which(command[0]) is None:
        return
    subprocess.run(command, check=False, capture_output=True, timeout=30)


def _refresh(home: Path) -> None:
    mime_dir = home / "mime"
    if (mime_dir / "packages").is_dir():
        _run_quietly("update-mime-database", str(mime_dir))
    apps = home / "applications"
    if apps.is_dir():
        _run_quietly("update-desktop-database", str(apps))
