"""Fixtures of the team-workspace tests: one real PostgreSQL cluster per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.team.pg_server import PgServer, find_bindir


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL server programs (initdb, pg_ctl) are not installed; .ci/run installs them"
        )
    server = PgServer(bindir)
    server.start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def team_url(pg_server: PgServer) -> str:
    """The URL of a fresh database on the throwaway server (no schema yet)."""
    pg_server.ensure_running()
    return pg_server.new_database()
