"""Fixtures for the team tests: one real PostgreSQL server per test session, a fresh
database (and no roles left from other tests) per test. No mocks of the server."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.team.pgserver import ADMIN, PostgresServer
from tests.tools import postgres_bin_dir
from tests.ui.conftest import on_dialog, open_window  # noqa: F401 (sidebar fixtures, for test_team_gui.py)

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    import os

    from salesdesk.team.connection import load_psycopg
    from salesdesk.team.errors import TeamConfigError

    try:
        load_psycopg()
    except TeamConfigError:
        if os.environ.get("CI"):
            raise
        pytest.skip("psycopg is not installed (pip install -e '.[team]')")
    server = PostgresServer.create(postgres_bin_dir())
    try:
        yield server
    finally:
        server.destroy()


@dataclass
class TeamServer:
    """One test's database on the session's server, with what the tests do to it."""

    server: PostgresServer
    database: str
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def admin_url(self) -> str:
        return self.server.url(self.database, ADMIN)

    def url(self, login: str) -> str:
        """The rep's URL without a password (as settings.ini would hold it)."""
        return self.server.url(self.database, login)

    def init(self) -> None:
        from salesdesk.team import schema
        from salesdesk.team.connection import TeamConnection

        with TeamConnection.open(self.admin_url, purpose="admin") as admin:
            schema.init_schema(admin)

    def add_rep(self, login: str, *, lead: bool = False) -> str:
        """Create a rep (or lead) login with a generated password; returns the password."""
        from salesdesk.team import schema
        from salesdesk.team.connection import TeamConnection

        with TeamConnection.open(self.admin_url, purpose="admin") as admin:
            password = schema.add_rep(admin, login, lead=lead)
        self.passwords[login] = password
        return password

    def connect(self, login: str, **options):
        from salesdesk.team.connection import TeamConnection

        return TeamConnection.open(self.url(login), password=self.passwords[login], **options)

    def psql(self, sql: str, login: str = ADMIN):
        """Plain psql as ``login`` with their own password: SalesDesk is not in between."""
        return self.server.psql(sql, database=self.database, user=login, password=self.passwords.get(login))

    def admin_sql(self, sql: str) -> str:
        return self.server.admin_sql(sql, self.database)


@pytest.fixture
def team_server(pg_server: PostgresServer) -> Iterator[TeamServer]:
    """An empty database on the running server (started again if a test stopped it)."""
    if not pg_server.running:
        pg_server.start()
    name = f"team_test_{next(_numbers)}"
    pg_server.create_database(name)
    try:
        yield TeamServer(pg_server, name)
    finally:
        if not pg_server.running:
            pg_server.start()
        pg_server.drop_database(name)


@pytest.fixture
def team(team_server: TeamServer) -> TeamServer:
    """A team database set up by ``team init``, with reps alice and bob and lead lena."""
    team_server.init()
    team_server.add_rep("alice")
    team_server.add_rep("bob")
    team_server.add_rep("lena", lead=True)
    return team_server
