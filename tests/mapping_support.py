"""Shared set-up of the column-mapping tests: no saved profiles, and a map to import into."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journeymapper import interchange
from tests.conftest import DATA


def mapping_fixtures() -> tuple[Any, Any]:
    """A test module's ``own_profiles`` (autouse) and ``visit_map`` fixtures.

    Use as ``own_profiles, visit_map = mapping_fixtures()``: each test starts with no
    saved mapping profiles (they live in the data folder) and a map made from the
    touchpoints CSV the survey files name.
    """

    @pytest.fixture(autouse=True, name="own_profiles")
    def own_profiles_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "data"))

    @pytest.fixture(name="visit_map")
    def visit_map_fixture(tmp_path: Path) -> Path:
        target = tmp_path / "visit.jmap"
        interchange.import_csv_file(DATA / "csv" / "touchpoints_utf8.csv", target)
        return target

    return own_profiles_fixture, visit_map_fixture
