"""Bring your own data: map any spreadsheet's columns and values onto an importer.

``fields`` names what a column can hold (in five languages), ``shape`` finds
header rows and date-times, ``suggest`` proposes a field per column, ``matching``
pairs survey labels with touchpoint titles, ``table`` reads a file through a
mapping for the importers, ``profiles`` saves mappings by header, ``xlsx`` reads
workbooks, ``inspect`` ties them together for the CLI and the dialog. No Qt.
"""

from __future__ import annotations

from journeymapper.interchange.mapping.fields import IGNORE, fields_for, label, parse_field
from journeymapper.interchange.mapping.inspect import (
    Shape,
    build_mapping,
    describe,
    distinct_labels,
    inspect_data,
    parse_place,
)
from journeymapper.interchange.mapping.matching import LabelMatch, match_labels
from journeymapper.interchange.mapping.profiles import (
    Profile,
    ProfileError,
    header_changes,
    load_profile,
    profiles_for,
    save_profile,
)
from journeymapper.interchange.mapping.table import Mapping, NewCard, read_mapped, table_note

__all__ = [
    "IGNORE",
    "LabelMatch",
    "Mapping",
    "NewCard",
    "Profile",
    "ProfileError",
    "Shape",
    "build_mapping",
    "describe",
    "distinct_labels",
    "fields_for",
    "header_changes",
    "inspect_data",
    "label",
    "load_profile",
    "match_labels",
    "parse_field",
    "parse_place",
    "profiles_for",
    "read_mapped",
    "save_profile",
    "table_note",
]
