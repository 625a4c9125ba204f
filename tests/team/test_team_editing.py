"""The editing property test of the file backend, run unchanged against a real server.

Every editing operation and its inverse, refused edits leaving the workspace untouched,
undo all back to the start and redo all to the end: on a team workspace on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from journeymapper.model.document import Document
from journeymapper.team import server_schema
from tests.team.pg_server import PgServer
from tests.team.support import open_team, publish_copy, team_dump
from tests.test_editing_properties import EditingMachine

_SERVER: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _team_server(pg_server: PgServer) -> None:
    if "url" not in _SERVER:
        _SERVER["url"] = pg_server.new_database()
        server_schema.init_server(_SERVER["url"])


class TeamEditingMachine(EditingMachine):
    def open_document(self, path: Path) -> Document:
        return open_team(publish_copy(path, _SERVER["url"]))

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        return team_dump(self.doc)

    def dangling_references(self) -> list[Any]:
        return []  # the server enforces every foreign key on every statement


TeamEditingMachine.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestTeamEditingMachine = TeamEditingMachine.TestCase
