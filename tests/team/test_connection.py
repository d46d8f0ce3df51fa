"""Connecting to the team server: clear messages, failures within seconds, dead
connections replaced, passwords outside settings.ini, and no driver loaded without team mode."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from salesdesk.team import passwords
from salesdesk.team.connection import TeamConnection, connection_params, redact
from salesdesk.team.errors import TeamAuthError, TeamConfigError, TeamUnavailableError
from tests.team.conftest import TeamServer


def test_the_local_database_opens_without_loading_the_postgresql_driver(data_dir):
    code = (
        "import sys\n"
        "from salesdesk.storage import CallStore, init_db\n"
        f"init_db({str(data_dir)!r}); CallStore().contacts()\n"
        "print('psycopg' in sys.modules and sys.modules['psycopg'] is not None)\n"
        "from salesdesk.team.connection import load_psycopg\n"
        "print(load_psycopg().__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert result.stdout.split() == ["False", "psycopg"], result.stderr


def test_urls_get_timeouts_keepalives_and_the_team_schema():
    params = connection_params("postgresql://alice@db.example.com/sales?sslmode=verify-full&connect_timeout=3")
    assert params["connect_timeout"] == "3"  # the URL's own value wins
    assert (params["keepalives"], params["keepalives_idle"], params["tcp_user_timeout"]) == ("1", "10", "10000")
    assert params["sslmode"] == "verify-full"
    assert "-c search_path=salesdesk" in params["options"] and "-c statement_timeout=15000" in params["options"]
    admin = connection_params("postgresql://root@db.example.com/sales?options=-c%20work_mem%3D64MB", purpose="admin")
    assert admin["options"].startswith("-c work_mem=64MB ") and "statement_timeout=0" in admin["options"]
    with pytest.raises(TeamConfigError, match="is not a PostgreSQL URL"):
        connection_params("postgresql://alice@db.example.com/sales?colour=blue")
    with pytest.raises(TeamConfigError, match="No team server given"):
        connection_params("  ")
    assert redact("postgresql://alice:hunter2@db/sales") == "postgresql://alice:***@db/sales"
    assert "hunter2" not in redact("host=db password=hunter2 user=alice")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_closed_port_fails_at_once_with_a_clear_message():
    port = _closed_port()
    started = time.monotonic()
    with pytest.raises(TeamUnavailableError, match=rf"Cannot reach the team server alice@127.0.0.1:{port}/sales"):
        TeamConnection.open(f"postgresql://alice@127.0.0.1:{port}/sales", password="x")
    assert time.monotonic() - started < 3


def test_a_server_that_never_answers_fails_within_the_connect_timeout():
    """A listener that accepts the connection and says nothing (as a hung server, or a
    firewall that swallows packets after the handshake): 5 s by default, not minutes."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(TeamUnavailableError, match=r"Cannot reach the team server .*(timeout|timed out)"):
            TeamConnection.open(f"postgresql://alice@127.0.0.1:{port}/sales", password="x")
        elapsed = time.monotonic() - started
    assert 4 <= elapsed < 9, elapsed


def test_a_wrong_password_is_named_as_such(team: TeamServer):
    with pytest.raises(TeamAuthError, match="refused the login: wrong password"):
        TeamConnection.open(team.url("alice"), password="not it")
    with pytest.raises(TeamAuthError, match="asks for a password and none is stored"):
        TeamConnection.open(team.url("alice"))


def test_a_connection_the_server_dropped_is_replaced_on_next_use(team: TeamServer):
    with team.connect("alice") as alice:
        assert alice.execute("SELECT 1") == [(1,)]
        team.server.stop("fast")
        with pytest.raises(TeamUnavailableError):
            alice.execute("SELECT 1")
        team.server.start()
        assert alice.execute("SELECT 1") == [(1,)]
        # And one the admin ended (or a restart while idle) is noticed before it is used.
        ended = alice.execute("SELECT pg_backend_pid()")[0][0]
        assert team.admin_sql(f"SELECT pg_terminate_backend({ended}, 5000)") == "t"
        assert alice.execute("SELECT pg_backend_pid()")[0][0] != ended


def test_a_password_in_the_data_folders_password_file_is_read_by_libpq(team: TeamServer, data_dir):
    url = team.url("alice")
    where = passwords.store_password(url, team.passwords["alice"], data_dir)
    path = passwords.passfile_path(data_dir)
    assert where == str(path) and path.stat().st_mode & 0o777 == 0o600
    assert "settings.ini" not in where
    passwords.store_password(team.url("bob"), team.passwords["bob"], data_dir)
    passwords.store_password(url, team.passwords["alice"], data_dir)  # replaced, not added
    assert len(path.read_text().splitlines()) == 2
    with TeamConnection.open(url, passfile=path) as alice:
        assert alice.execute("SELECT current_user") == [("alice",)]
    passwords.forget_password(url, data_dir)
    with pytest.raises(TeamAuthError):
        TeamConnection.open(url, passfile=path)


def test_the_system_keyring_is_preferred_where_there_is_one(team: TeamServer, data_dir):
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        """A keyring backend in memory: the keyring library's own API, without a desktop."""

        priority = 1

        def __init__(self):
            super().__init__()
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.items.get((service, username))

        def set_password(self, service, username, password):
            self.items[(service, username)] = password

        def delete_password(self, service, username):
            self.items.pop((service, username), None)

    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        url = team.url("alice")
        assert passwords.store_password(url, team.passwords["alice"], data_dir) == "the system keyring"
        assert not passwords.passfile_path(data_dir).exists()
        assert list(memory.items) == [("SalesDesk team", passwords.account(url))]
        with TeamConnection.open(url, password=passwords.lookup_password(url)) as alice:
            assert alice.execute("SELECT current_user") == [("alice",)]
        passwords.forget_password(url)
        assert passwords.lookup_password(url) is None
    finally:
        keyring.set_keyring(previous)
