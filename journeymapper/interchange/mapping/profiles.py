"""Named mapping profiles: a mapping saved as JSON, offered again for the same header.

A profile is keyed by the file's first header row (compared in normalised form),
so a second export of the same survey maps without questions, while a changed
header is noticed and asked about again. Profiles live in the app's data folder
(``mapping-profiles/``); the CLI also takes any profile file by path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeymapper import paths
from journeymapper.interchange.mapping.fields import IGNORE
from journeymapper.interchange.mapping.table import Mapping, NewCard
from journeymapper.interchange.sniff import normalise

FOLDER = "mapping-profiles"
VERSION = 1


class ProfileError(ValueError):
    """A profile that cannot be found, read, or used for this file."""


@dataclass
class Profile:
    name: str
    kind: str
    header: list[str]
    mapping: Mapping

    def fits(self, header: Sequence[str]) -> bool:
        return header_key(header) == header_key(self.header)

    def to_json(self) -> dict[str, object]:
        m = self.mapping
        return {
            "journeymapper_mapping_profile": VERSION,
            "name": self.name,
            "importer": self.kind,
            "header": self.header,
            "header_rows": m.header_rows,
            "fields": [m.columns.get(i, IGNORE) for i in range(len(self.header))],
            "matches": m.matches,
            "date_order": m.date_order,
            "sheet": m.sheet,
            "create": {k: _place_json(v) for k, v in m.create.items()},
            "create_unmatched": _place_json(m.create_unmatched) if m.create_unmatched else None,
        }

    @classmethod
    def from_json(cls, data: object, where: str) -> Profile:
        if not isinstance(data, dict) or data.get("journeymapper_mapping_profile") != VERSION:
            raise ProfileError(f"{where} is not a Journey Mapper mapping profile.")
        try:
            header = [str(h) for h in data["header"]]
            fields = [str(f) for f in data["fields"]]
            matches = {str(k): (None if v is None else str(v)) for k, v in data["matches"].items()}
            mapping = Mapping(
                columns=dict(enumerate(fields)),
                header_rows=int(data["header_rows"]),
                matches=matches,
                date_order=data.get("date_order"),
                sheet=data.get("sheet"),
                create={str(k): _place(v) for k, v in (data.get("create") or {}).items()},
                create_unmatched=_place(data["create_unmatched"])
                if data.get("create_unmatched") is not None
                else None,
            )
            return cls(str(data["name"]), str(data["importer"]), header, mapping)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ProfileError(f"{where} is a damaged mapping profile ({exc}).") from exc


def _place_json(card: NewCard) -> dict[str, str]:
    return {"stage": card.stage, "lane": card.lane}


def _place(data: object) -> NewCard:
    """A saved place (a profile from before new cards has none)."""
    if not isinstance(data, dict):
        raise TypeError(f"a new card's place must be an object, not {data!r}")
    return NewCard(str(data.get("stage") or ""), str(data.get("lane") or ""))


def header_key(header: Sequence[str]) -> tuple[str, ...]:
    cells = [normalise(h) for h in header]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def folder() -> Path:
    return paths.data_dir() / FOLDER


def _file_name(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip()).strip("-.") or "profile"
    return f"{slug}.json"


def save_profile(profile: Profile, where: Path | None = None) -> Path:
    """Write the profile (to the data folder unless ``where`` is a file path)."""
    target = where or folder() / _file_name(profile.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(profile.to_json(), indent=2, ensure_ascii=False)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(target)
    return target


def read_profile(path: Path) -> Profile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"Cannot read the mapping profile {path}: {exc}.") from exc
    return Profile.from_json(data, str(path))


def load_profile(name_or_file: str) -> Profile:
    """A profile by its name (in the data folder) or by the path of its JSON file."""
    path = Path(name_or_file)
    if path.suffix.lower() == ".json" and path.exists():
        return read_profile(path)
    for profile in saved_profiles():
        if profile.name == name_or_file:
            return profile
    names = ", ".join(repr(p.name) for p in saved_profiles()) or "none saved yet"
    raise ProfileError(f"There is no mapping profile {name_or_file!r} ({names}).")


def saved_profiles() -> list[Profile]:
    out = []
    if folder().is_dir():
        for path in sorted(folder().glob("*.json")):
            try:
                out.append(read_profile(path))
            except ProfileError:
                continue  # a damaged file is not offered
    return out


def profiles_for(header: Sequence[str], kind: str) -> list[Profile]:
    """Saved profiles made for this importer and exactly this header."""
    return [p for p in saved_profiles() if p.kind == kind and p.fits(header)]


def header_changes(profile: Profile, header: Sequence[str]) -> str:
    """Why a profile does not fit a header, in words (empty when it fits)."""
    if profile.fits(header):
        return ""
    old, new = header_key(profile.header), header_key(header)
    gone = [h for h in profile.header if normalise(h) not in new]
    added = [h for h in header if normalise(h) not in old]
    parts = []
    if gone:
        parts.append("no longer has " + ", ".join(repr(h) for h in gone))
    if added:
        parts.append("now has " + ", ".join(repr(h) for h in added))
    what = "; ".join(parts) or "has its columns in another order"
    return (
        f"The header changed since the mapping profile {profile.name!r} was saved: it {what}. "
        "Map the columns again (--map, or the import dialog) and save a new profile."
    )
