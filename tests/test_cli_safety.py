"""``salesdesk backup``, ``restore`` and ``doctor`` from the command line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.backup import list_backups, make_backup
from salesdesk.storage.paths import database_path


def salesdesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def filled(data_dir: Path, playbook) -> Path:
    init_db(data_dir)
    CallStore().start_call(Contact("Dana"), playbook)
    close_db()
    return data_dir


def names(data_dir: Path) -> list[str]:
    con = sqlite3.connect(database_path(data_dir))
    try:
        return [r[0] for r in con.execute("select name from contact order by id")]
    finally:
        con.close()


def test_backup_list_and_keep(filled: Path):
    for _ in range(3):
        make_backup(filled, "daily")
    for _ in range(2):
        result = salesdesk(filled, "backup", "--keep", "2")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Backed up to ") and "backups" in result.stdout
    # --keep rotates the daily backups; those made by hand stay until the rep deletes them.
    assert sorted(b.reason for b in list_backups(filled)) == ["daily", "daily", "manual", "manual"]
    listed = salesdesk(filled, "backup", "--list")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 4 and "made by hand" in listed.stdout


def test_backup_keeps_as_many_daily_backups_as_the_settings_say(filled: Path):
    for _ in range(3):
        make_backup(filled, "daily")
    (filled / "settings.ini").write_text("[backups]\nkeep=1\n")
    assert salesdesk(filled, "backup").returncode == 0
    assert sorted(b.reason for b in list_backups(filled)) == ["daily", "manual"]


def test_backup_without_a_database_fails_clearly(data_dir: Path):
    result = salesdesk(data_dir, "backup")
    assert result.returncode == 1 and "no database to back up" in result.stderr


def test_restore_latest_and_a_named_file(filled: Path, playbook):
    assert salesdesk(filled, "backup").returncode == 0
    init_db(filled)
    CallStore().start_call(Contact("Later"), playbook)
    close_db()
    assert names(filled) == ["Dana", "Later"]
    result = salesdesk(filled, "restore", "--latest")
    assert result.returncode == 0, result.stderr
    assert "kept as" in result.stdout and "Restored" in result.stdout
    assert names(filled) == ["Dana"]
    (aside,) = (p for p in filled.glob("salesdesk.sqlite3.before-restore-*") if not p.name.endswith(("-wal", "-shm")))
    result = salesdesk(filled, "restore", str(aside))  # and back again: nothing was lost
    assert result.returncode == 0, result.stderr
    assert names(filled) == ["Dana", "Later"]


def test_restore_refuses_what_it_cannot_use(filled: Path, tmp_path: Path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database\n" * 20)
    result = salesdesk(filled, "restore", str(bogus))
    assert result.returncode == 1 and "Cannot restore" in result.stderr and "not a database file" in result.stderr
    assert names(filled) == ["Dana"]
    missing = salesdesk(filled, "restore", str(tmp_path / "nope.sqlite3"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    assert salesdesk(filled, "restore").returncode == 2  # FILE or --latest is required
    nothing = salesdesk(filled, "restore", "--latest")
    assert nothing.returncode == 1 and "no usable backup" in nothing.stderr


def test_doctor_on_a_healthy_folder(filled: Path):
    assert salesdesk(filled, "backup").returncode == 0
    result = salesdesk(filled, "doctor")
    assert result.returncode == 0, result.stdout
    assert "integrity check passed" in result.stdout and "No problems found." in result.stdout


def test_doctor_reports_what_is_wrong(filled: Path):
    result = salesdesk(filled, "doctor")
    assert result.returncode == 1 and "no backups yet" in result.stdout
    if os.name == "posix":
        os.chmod(database_path(filled), 0o644)
        result = salesdesk(filled, "doctor")
        assert "readable by other users: salesdesk.sqlite3" in result.stdout
    con = sqlite3.connect(database_path(filled))
    con.execute(
        "insert into note (call_id, at, text, draft, updated_at) values (99, '2024-01-01', 'x', 0, '2024-01-01')"
    )
    con.commit()
    con.close()
    result = salesdesk(filled, "doctor")
    assert result.returncode == 1 and "1 rows point at missing rows (in note)" in result.stdout
    database_path(filled).write_bytes(b"garbage" * 1000)
    result = salesdesk(filled, "doctor")
    assert result.returncode == 1 and "is not a database file at all" in result.stdout
    assert "salesdesk restore --latest" in result.stdout


def stat_of(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), os.stat(path).st_mode & 0o777


@pytest.mark.parametrize("backed_up", [True, False])
def test_an_empty_database_file_is_left_as_it_is_by_lists_and_exports(filled: Path, backed_up: bool):
    """A database cut to 0 bytes: lists and exports neither set it up afresh nor change it;
    where backups of it exist it is damage, with the way out named, and doctor says so."""
    if backed_up:
        assert salesdesk(filled, "backup").returncode == 0
    path = database_path(filled)
    path.write_bytes(b"")
    for companion in filled.glob("salesdesk.sqlite3-*"):  # left by the backup's read-only connection
        companion.unlink()
    os.chmod(path, 0o644)
    before = stat_of(path)
    listed = salesdesk(filled, "calls")
    exported = salesdesk(filled, "export", "-f", "json")
    doctor = salesdesk(filled, "doctor")
    assert stat_of(path) == before
    assert not list(filled.glob("salesdesk.sqlite3-*"))  # no -wal or -shm either
    if backed_up:
        for result in (listed, exported):
            assert result.returncode == 1, result.stdout
            assert "is empty: 0 bytes, although there is 1 backup of it" in result.stderr
            assert "salesdesk restore --latest" in result.stderr
        assert doctor.returncode == 1 and "is empty: 0 bytes, although there is 1 backup of it" in doctor.stdout
        assert "salesdesk restore --latest" in doctor.stdout
        backup = salesdesk(filled, "backup")  # a copy of nothing never joins the backups
        assert backup.returncode == 1 and "is empty" in backup.stderr
        assert len(list_backups(filled)) == 1
    else:
        assert listed.returncode == 0 and listed.stderr.startswith("No calls yet in")
        assert exported.returncode == 0 and '"calls":[]' in exported.stdout
        assert "is empty and has no backups" in doctor.stdout
