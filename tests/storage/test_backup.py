"""Backups, restores, file checks and permissions, on real SQLite files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.storage import CallStore, DamagedDatabaseError, StorageError, close_db, init_db, migrations
from salesdesk.storage.backup import backup_due, latest_good_backup, list_backups, make_backup, restore_file
from salesdesk.storage.paths import database_path
from salesdesk.storage.sqlitefile import check_header, inspect_file, move_aside

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def make_call(store: CallStore, playbook, name: str = "Dana") -> int:
    call = store.start_call(Contact(name, "Northwind"), playbook)
    store.set_tick(call.id, "prospecting", "icp-fit", True)
    store.save_note(call.id, None, f"note for {name}", draft=False)
    return call.id


def corrupt_middle(path: Path) -> None:
    """Overwrite pages after the first with garbage, as a bad disk sector would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(os.urandom(min(size - 4096, 4096 * 6)))


def test_a_backup_is_a_checked_self_contained_copy(store: CallStore, playbook, data_dir: Path):
    make_call(store, playbook)
    made = make_backup(data_dir, "manual")
    assert made.path.parent == data_dir / "backups"
    assert made.path.name.endswith("-manual.sqlite3")
    assert rows(made.path, "select text from note") == [("note for Dana",)]
    assert rows(made.path, "pragma journal_mode") == [("delete",)]  # no -wal beside a backup
    assert not Path(f"{made.path}-wal").exists()
    assert inspect_file(made.path).ok
    assert list_backups(data_dir) == [made]


def test_a_backup_taken_during_a_write_holds_only_committed_data(store: CallStore, playbook, data_dir: Path):
    make_call(store, playbook)
    writer = sqlite3.connect(database_path(data_dir))
    writer.execute("begin immediate")
    writer.execute("update note set text = 'half written'")
    made = make_backup(data_dir)  # the backup API reads a snapshot; the writer is not blocked
    writer.rollback()
    writer.close()
    assert rows(made.path, "select text from note") == [("note for Dana",)]


def test_only_the_newest_backups_are_kept(store: CallStore, playbook, data_dir: Path):
    make_call(store, playbook)
    made = [make_backup(data_dir, "daily", keep=3) for _ in range(5)]
    assert [b.path for b in list_backups(data_dir)] == [b.path for b in reversed(made[2:])]
    assert not made[0].path.exists() and not made[1].path.exists()


def test_a_backup_is_due_once_a_day(store: CallStore, playbook, data_dir: Path):
    assert backup_due(data_dir)  # a database and no backup
    made = make_backup(data_dir)
    assert not backup_due(data_dir)
    assert not backup_due(data_dir, now=made.made_at + timedelta(hours=23))
    assert backup_due(data_dir, now=made.made_at + timedelta(hours=24))


def test_no_backup_is_due_without_a_database(data_dir: Path):
    assert not backup_due(data_dir)
    with pytest.raises(StorageError, match="no database to back up"):
        make_backup(data_dir)


def test_a_damaged_database_does_not_push_good_backups_out(store: CallStore, playbook, data_dir: Path):
    for n in range(40):  # enough rows to span many pages
        make_call(store, playbook, f"Contact {n}")
    good = make_backup(data_dir, keep=1)
    close_db()
    corrupt_middle(database_path(data_dir))
    with pytest.raises(DamagedDatabaseError, match="shows damage"):
        make_backup(data_dir, keep=1)
    assert list_backups(data_dir) == [good]
    assert latest_good_backup(data_dir) == good
    assert not list((data_dir / "backups").glob(".partial-*"))


def test_restore_puts_the_backup_in_place_and_keeps_the_current_database(store: CallStore, playbook, data_dir: Path):
    make_call(store, playbook, "Before")
    backup = make_backup(data_dir)
    close_db()
    # "After" is written by a process that dies without closing: it stays in the WAL.
    code = (
        "import os; from pathlib import Path; from salesdesk.core.call import Contact; "
        "from salesdesk.core.playbook_check import default_playbook; from salesdesk.storage import CallStore, init_db; "
        f"init_db(Path({str(data_dir)!r})); CallStore().start_call(Contact('After'), default_playbook()); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert Path(f"{database_path(data_dir)}-wal").stat().st_size > 0
    result = restore_file(data_dir, backup.path)
    assert result.version == migrations.SCHEMA_VERSION
    assert result.moved_aside is not None and result.moved_aside.name.startswith("salesdesk.sqlite3.before-restore-")
    assert rows(database_path(data_dir), "select name from contact") == [("Before",)]
    # The WAL moved with its database, so the set-aside copy still has everything.
    assert sorted(rows(result.moved_aside, "select name from contact")) == [("After",), ("Before",)]
    assert backup.path.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, I am a text file\n" * 50, "not a database file at all"),
        (b"", "is empty"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_salesdesk_database(
    store: CallStore, data_dir: Path, tmp_path: Path, content: bytes, message: str
):
    close_db()
    before = database_path(data_dir).read_bytes()
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    with pytest.raises(StorageError, match=message):
        restore_file(data_dir, bogus)
    assert database_path(data_dir).read_bytes() == before
    assert not list(data_dir.glob("*.before-restore-*"))


def test_restore_refuses_a_newer_or_foreign_database(store: CallStore, playbook, data_dir: Path, tmp_path: Path):
    backup = make_backup(data_dir)
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(backup.path.read_bytes())
    con = sqlite3.connect(newer)
    con.execute("update schema_info set value = '999'")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="newer SalesDesk"):
        restore_file(data_dir, newer)
    foreign = tmp_path / "recipes.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("create table recipes (name text)")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="not a SalesDesk one"):
        restore_file(data_dir, foreign)


def test_restore_refuses_the_database_itself(store: CallStore, data_dir: Path):
    with pytest.raises(StorageError, match="the database in use"):
        restore_file(data_dir, database_path(data_dir))


def test_moving_aside_never_overwrites(data_dir: Path):
    data_dir.mkdir(parents=True)
    path = database_path(data_dir)
    now = datetime(2024, 5, 1, 12, 0)
    targets = []
    for n in range(3):
        path.write_bytes(b"x" * (n + 1))
        Path(f"{path}-wal").write_bytes(b"w" * (n + 1))
        targets.append(move_aside(path, "corrupt", now))
    assert len(set(targets)) == 3
    assert [t.read_bytes() for t in targets] == [b"x", b"xx", b"xxx"]
    assert [Path(f"{t}-wal").read_bytes() for t in targets] == [b"w", b"ww", b"www"]
    assert not path.exists()
    assert move_aside(path, "corrupt") is None


# --------------------------------------------------------------------------- bad files at start-up


def test_a_truncated_database_is_refused_before_it_is_opened(store: CallStore, playbook, data_dir: Path):
    for n in range(20):
        make_call(store, playbook, f"Contact {n}")
    close_db()
    path = database_path(data_dir)
    con = sqlite3.connect(path)
    con.execute("pragma wal_checkpoint(truncate)")
    con.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert check_header(path).kind == "truncated"
    with pytest.raises(DamagedDatabaseError, match="cut short") as caught:
        init_db(data_dir)
    assert caught.value.kind == "truncated"
    assert path.read_bytes() == data[: len(data) // 2]


def test_a_damaged_database_is_found_by_the_check(store: CallStore, playbook, data_dir: Path):
    for n in range(40):
        make_call(store, playbook, f"Contact {n}")
    close_db()
    path = database_path(data_dir)
    con = sqlite3.connect(path)
    con.execute("pragma wal_checkpoint(truncate)")
    con.close()
    corrupt_middle(path)
    report = inspect_file(path)
    assert report.kind == "corrupt", report


def test_a_migration_is_preceded_by_a_backup(store: CallStore, playbook, data_dir: Path, monkeypatch):
    from salesdesk.storage import tables as m

    make_call(store, playbook, "Old data")
    m.SchemaInfo.update(value=str(migrations.SCHEMA_VERSION - 1)).where(m.SchemaInfo.key == "schema_version").execute()
    close_db()
    seen_backups = []

    def step(db):
        seen_backups.extend(list_backups(data_dir))  # the backup exists before the step runs
        db.execute_sql("create table migration_probe (x integer)")

    monkeypatch.setitem(migrations.STEPS, migrations.SCHEMA_VERSION, step)
    init_db(data_dir)
    close_db()
    assert len(seen_backups) == 1
    backup = seen_backups[0]
    assert backup.reason == f"before-v{migrations.SCHEMA_VERSION}"
    assert rows(backup.path, "select value from schema_info") == [(str(migrations.SCHEMA_VERSION - 1),)]
    assert rows(backup.path, "select name from contact") == [("Old data",)]


def test_no_migration_runs_when_the_backup_fails(store: CallStore, playbook, data_dir: Path, monkeypatch):
    from salesdesk.storage import backup as backup_module
    from salesdesk.storage import tables as m

    make_call(store, playbook)
    m.SchemaInfo.update(value=str(migrations.SCHEMA_VERSION - 1)).where(m.SchemaInfo.key == "schema_version").execute()
    close_db()
    ran = []
    monkeypatch.setitem(migrations.STEPS, migrations.SCHEMA_VERSION, lambda db: ran.append(1))

    def no_space(*_args, **_kwargs):
        raise StorageError("The backup could not be written: No space left on device")

    monkeypatch.setattr(backup_module, "make_backup", no_space)
    with pytest.raises(StorageError, match=r"did not upgrade the database .* could not back it up first"):
        init_db(data_dir)
    assert ran == []
    assert rows(database_path(data_dir), "select value from schema_info") == [(str(migrations.SCHEMA_VERSION - 1),)]


# --------------------------------------------------------------------------- permissions


@posix_only
def test_database_wal_shm_and_backups_are_private(store: CallStore, playbook, data_dir: Path):
    make_call(store, playbook)
    path = database_path(data_dir)
    assert mode(data_dir) == 0o700
    for suffix in ("", "-wal", "-shm"):
        assert mode(Path(f"{path}{suffix}")) == 0o600, suffix
    made = make_backup(data_dir)
    assert mode(made.path) == 0o600
    assert mode(made.path.parent) == 0o700


@posix_only
def test_private_even_with_a_permissive_umask(data_dir: Path, playbook):
    old = os.umask(0o002)
    try:
        init_db(data_dir)
        CallStore().start_call(Contact("X"), playbook)
    finally:
        os.umask(old)
    for file in data_dir.iterdir():
        if file.is_file():
            assert mode(file) == 0o600, file.name
    assert mode(data_dir) == 0o700
    close_db()


@posix_only
def test_an_existing_database_readable_by_others_is_tightened(store: CallStore, data_dir: Path):
    close_db()
    os.chmod(database_path(data_dir), 0o644)
    init_db(data_dir)
    assert mode(database_path(data_dir)) == 0o600


def test_backups_sort_by_time(store: CallStore, data_dir: Path):
    first = make_backup(data_dir, "daily")
    second = make_backup(data_dir, "manual")
    listed = list_backups(data_dir)
    assert [b.path for b in listed] == [second.path, first.path]
    assert listed[0].made_at >= listed[1].made_at and listed[0].made_at.tzinfo == UTC


def test_an_empty_file_where_a_database_used_to_be_is_damage_not_a_new_database(data_dir: Path, playbook):
    init_db(data_dir)
    make_call(CallStore(), playbook)
    close_db()
    path = database_path(data_dir)
    path.write_bytes(b"")  # no backups, no log: as if just created, so it is set up
    init_db(data_dir)
    close_db()
    assert path.stat().st_size > 0
    make_backup(data_dir)
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError) as raised:
        init_db(data_dir)
    assert raised.value.kind == "empty" and "although there is 1 backup of it" in str(raised.value)
    with pytest.raises(DamagedDatabaseError):
        make_backup(data_dir)  # never a copy of nothing among the good ones
    assert path.read_bytes() == b"" and len(list_backups(data_dir)) == 1
    for backup in list_backups(data_dir):
        backup.path.unlink()
    Path(f"{path}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(60))  # a log that holds something
    with pytest.raises(DamagedDatabaseError, match="write-ahead log"):
        init_db(data_dir)
    assert path.read_bytes() == b""


def test_rotation_counts_daily_backups_apart_from_hand_made_and_pre_upgrade_ones(data_dir: Path, playbook):
    init_db(data_dir)
    make_call(CallStore(), playbook)
    close_db()
    by_hand = make_backup(data_dir, "manual", keep=3)
    before_upgrade = make_backup(data_dir, "before-v3", keep=3)
    daily = [make_backup(data_dir, "daily", keep=3) for _ in range(5)]
    kept = {b.path for b in list_backups(data_dir)}
    assert kept == {by_hand.path, before_upgrade.path, *(b.path for b in daily[-3:])}
    again = make_backup(data_dir, "before-v3", keep=3)  # the same upgrade, backed up once more
    kept = {b.path for b in list_backups(data_dir)}
    assert again.path in kept and before_upgrade.path not in kept and by_hand.path in kept
    assert [make_backup(data_dir, "manual", keep=1) for _ in range(3)]  # never rotated away
    assert sum(b.reason == "manual" for b in list_backups(data_dir)) == 4
