"""A database file that is not SalesDesk's to write (another program's, a newer SalesDesk's)
or that holds a schema version no SalesDesk writes, met from the command line: a clear
message, a non-zero exit, and not one byte, mode or companion file changed. The sidebar's
side is in tests/ui/safety/test_unusable_database.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.storage import DamagedDatabaseError, close_db, init_db
from salesdesk.storage.backup import list_backups, make_backup
from salesdesk.storage.errors import StorageError
from salesdesk.storage.paths import backups_dir
from salesdesk.storage.sqlitefile import inspect_file

from .unusable_files import KINDS, ODD_VERSIONS, fingerprint, make_file, set_schema_version

COMMANDS = [["calls"], ["export"], ["export", "--format", "json"], ["doctor"], ["backup"]]

#: What each kind of file is called in the messages.
SAID = {
    "other-app-wal": "an SQLite database, but not a SalesDesk one",
    "other-app-wal-without-shm": "an SQLite database, but not a SalesDesk one",
    "other-app-rollback": "an SQLite database, but not a SalesDesk one",
    "newer-salesdesk-wal": "newer SalesDesk",
    "odd-version-wal": "has a schema version no SalesDesk writes: '3.1'",
    "odd-version": "has a schema version no SalesDesk writes: '0'",
}


def salesdesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("kind", KINDS)
def test_no_command_changes_a_file_that_is_not_salesdesks_to_write(data_dir: Path, kind: str):
    make_file(data_dir, kind)
    before = fingerprint(data_dir)
    assert "salesdesk.sqlite3-wal" in before or kind in {"other-app-rollback", "odd-version"}
    for command in COMMANDS:
        result = salesdesk(data_dir, *command)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert SAID[kind] in result.stdout + result.stderr, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert fingerprint(data_dir) == before, command  # every byte and mode, no file added or removed
    assert list_backups(data_dir) == []


@pytest.mark.parametrize("value", ODD_VERSIONS)
def test_a_schema_version_no_salesdesk_writes_is_damage(data_dir: Path, value: str):
    set_schema_version(data_dir, value)
    with pytest.raises(DamagedDatabaseError, match="has a schema version no SalesDesk writes") as caught:
        init_db(data_dir)
    close_db()
    assert caught.value.kind == "bad-version"
    assert inspect_file(caught.value.path).kind == "bad-version"
    with pytest.raises(StorageError, match="Nothing was backed up"):
        make_backup(data_dir)
    assert not backups_dir(data_dir).exists() or list_backups(data_dir) == []


@pytest.mark.parametrize("value", ODD_VERSIONS)
def test_the_command_line_calls_an_odd_schema_version_damage_and_makes_no_backup(data_dir: Path, value: str):
    set_schema_version(data_dir, value)
    before = fingerprint(data_dir)
    for _attempt in range(2):  # each attempt used to add a pre-upgrade backup
        result = salesdesk(data_dir, "calls")
        assert result.returncode == 1
        assert f"has a schema version no SalesDesk writes: {value!r}" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    doctor = salesdesk(data_dir, "doctor")
    assert doctor.returncode == 1
    assert f"problem  {data_dir / 'salesdesk.sqlite3'} has a schema version no SalesDesk writes" in doctor.stdout
    assert "upgrades it" not in doctor.stdout
    # No backup to restore: the way out named is the one the sidebar offers (set it aside, start empty).
    assert "salesdesk restore --latest" not in doctor.stdout
    assert "no usable backup: start SalesDesk to set the file aside" in doctor.stdout
    assert list_backups(data_dir) == []
    assert fingerprint(data_dir) == before


def test_restoring_from_a_file_leaves_that_file_as_it_was(tmp_path: Path, data_dir: Path, playbook):
    """A copy of a database (write-ahead-log mode, no -wal or -shm beside it) picked to
    restore from: read without SQLite creating companions beside it or changing it."""
    from salesdesk.core.call import Contact
    from salesdesk.storage import CallStore

    source_dir = tmp_path / "elsewhere"
    init_db(source_dir)
    CallStore().start_call(Contact("From the copy"), playbook)
    close_db()
    before = fingerprint(source_dir)
    assert list(before) == ["salesdesk.sqlite3"]
    result = salesdesk(data_dir, "restore", str(source_dir / "salesdesk.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert fingerprint(source_dir) == before
