"""``salesdesk backup``, ``restore`` and ``doctor`` from the command line."""

from __future__ import annotations

import configparser  # noqa: F401  (loaded for tests.tools.as_user, whose user may not read the stdlib)
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.backup import list_backups, make_backup
from salesdesk.storage.health import run_checks
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
    assert salesdesk(filled, "backup").returncode == 0
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


@pytest.mark.parametrize("backed_up", [True, False])
def test_a_missing_database_is_not_created_by_lists_and_exports(filled: Path, backed_up: bool):
    """The database file is gone: lists and exports do not create it; where backups of it
    exist that is damage, named with the way out, and doctor says so."""
    if backed_up:
        assert salesdesk(filled, "backup").returncode == 0
    path = database_path(filled)
    for file in filled.glob("salesdesk.sqlite3*"):
        file.unlink()
    listed = salesdesk(filled, "calls")
    exported = salesdesk(filled, "export", "-f", "json")
    doctor = salesdesk(filled, "doctor")
    assert not list(filled.glob("salesdesk.sqlite3*"))  # no database, no -wal or -shm
    if backed_up:
        said = f"{path} does not exist: there is 1 backup of it, so it was deleted or moved."
        for result in (listed, exported):
            assert result.returncode == 1, result.stdout
            assert said in result.stderr and "salesdesk restore --latest" in result.stderr
        assert doctor.returncode == 1 and said in doctor.stdout and "salesdesk restore --latest" in doctor.stdout
        assert len(list_backups(filled)) == 1
    else:
        assert listed.returncode == 0 and listed.stderr.startswith("No calls yet in")
        assert exported.returncode == 0 and '"calls":[]' in exported.stdout
        assert "no database yet" in doctor.stdout


# --------------------------------------------------------------------------- messages that must be true


def test_a_locked_database_stops_the_command_line_without_a_promise_to_retry(filled: Path, tmp_path: Path):
    """The command line gives up at once when another program holds the database: its message
    must say what is wrong and not that SalesDesk will retry (nothing does), and never be a
    traceback."""
    exported = tmp_path / "calls.json"
    assert salesdesk(filled, "export", "--format", "json", "-o", str(exported)).returncode == 0
    empty = tmp_path / "empty"
    init_db(empty)
    close_db()
    holder = sqlite3.connect(database_path(empty), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for args in (("import", str(exported)), ("reindex",)):
            result = salesdesk(empty, *args)
            assert result.returncode == 1, (args, result.stdout)
            assert "locked by another program" in result.stderr, (args, result.stderr)
            assert "retry" not in result.stderr.lower() and "Traceback" not in result.stderr, (args, result.stderr)
    finally:
        holder.rollback()
        holder.close()


def _crashed_with_wal(data_dir: Path, playbook) -> None:
    """A database as a crash leaves it: in WAL mode, with its -wal and -shm files beside it."""
    import shutil

    init_db(data_dir)
    CallStore().start_call(Contact("Dana"), playbook)
    close_db()
    holder = sqlite3.connect(database_path(data_dir))
    holder.execute("INSERT INTO contact (name, company, email, phone, created_at) VALUES ('Eve', '', '', '', '2024')")
    holder.commit()
    snapshot = data_dir.with_name("snapshot")
    snapshot.mkdir()
    for path in data_dir.iterdir():
        if path.is_file():
            shutil.copy2(path, snapshot / path.name)  # copied while open: the -wal and -shm are there
    holder.close()
    shutil.rmtree(data_dir)
    snapshot.rename(data_dir)


def _problems_then_save(data_dir: Path, playbook) -> tuple[list[str], str]:
    """What doctor reports as problems, then whether a call can really be saved."""
    from salesdesk.storage.errors import StorageError

    problems = [f.text for f in run_checks(data_dir) if f.level == "problem"]
    try:
        init_db(data_dir)
        CallStore().start_call(Contact("Frank"), playbook)
    except StorageError as exc:
        return problems, f"not saved: {exc}"
    finally:
        close_db()
    return problems, "saved"


def test_doctor_says_a_read_only_folder_can_still_save_when_it_can(user_dir: Path, playbook):
    """A read-only data folder whose database has its -wal and -shm beside it (left by a
    crash): SQLite writes without creating a file, so calls are saved. Doctor must say so,
    and say what does not work (backups, settings, the lock)."""
    from tests.tools import as_user, give_to_user

    data_dir = user_dir / "data"
    _crashed_with_wal(data_dir, playbook)
    assert {p.name for p in data_dir.iterdir()} >= {"salesdesk.sqlite3-wal", "salesdesk.sqlite3-shm"}
    give_to_user(user_dir)
    os.chmod(data_dir, 0o500)
    problems, saved = as_user(_problems_then_save, data_dir, playbook)
    assert saved == "saved"
    (folder,) = (p for p in problems if "read-only" in p)
    assert "can still save calls" in folder and "cannot save" not in folder
    assert "backups" in folder and "settings" in folder


def test_doctor_says_a_read_only_folder_cannot_save_when_it_cannot(user_dir: Path, playbook):
    from tests.tools import as_user, give_to_user

    data_dir = user_dir / "data"
    init_db(data_dir)
    CallStore().start_call(Contact("Dana"), playbook)
    close_db()  # a clean close: no -wal, so SQLite would have to create one
    give_to_user(user_dir)
    os.chmod(data_dir, 0o500)
    problems, saved = as_user(_problems_then_save, data_dir, playbook)
    assert saved.startswith("not saved")
    assert any("SalesDesk cannot save calls" in p for p in problems), problems


def test_doctor_finds_a_read_only_database_file(user_dir: Path, playbook):
    from tests.tools import as_user, give_to_user

    data_dir = user_dir / "data"
    init_db(data_dir)
    close_db()
    give_to_user(user_dir)
    os.chmod(database_path(data_dir), 0o400)
    problems, saved = as_user(_problems_then_save, data_dir, playbook)
    assert saved.startswith("not saved")
    assert any("salesdesk.sqlite3 is read-only: SalesDesk cannot save calls" in p for p in problems), problems


def test_doctor_says_when_the_data_folder_cannot_be_created(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    result = salesdesk(blocker / "data", "doctor")
    assert result.returncode == 1, result.stdout
    assert "cannot be created" in result.stdout and f"{blocker} is a file, not a folder" in result.stdout
    assert "SalesDesk creates it" not in result.stdout


def test_doctor_offers_a_restore_only_when_there_is_a_backup(filled: Path):
    database_path(filled).write_bytes(b"garbage" * 1000)
    result = salesdesk(filled, "doctor")
    assert result.returncode == 1 and "is not a database file at all" in result.stdout
    assert "restore the latest backup" not in result.stdout and "restore --latest" not in result.stdout
    assert "there is no usable backup" in result.stdout
