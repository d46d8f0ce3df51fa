"""Backups and restores of the database file.

SQLite-specific (like db.py): copies are made with SQLite's online backup API
(``sqlite3.Connection.backup``), which gives a consistent snapshot even while the app is
writing, unlike copying the file (which can catch a half-written page or miss the WAL).
Every copy is checked (``quick_check`` and the schema version) before it counts as a
backup, so a damaged database never pushes good backups out of the rotation.

Backups are ``<data dir>/backups/salesdesk-<UTC time>-<reason>.sqlite3``, readable by the
user only. The daily ones rotate (the newest DEFAULT_KEEP kept unless the settings say
otherwise); those made by hand and the last one before each upgrade are kept apart.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from salesdesk.core.files import Claim, claimed_new_file
from salesdesk.storage.errors import DamagedDatabaseError, StorageError
from salesdesk.storage.paths import backups_dir, database_path
from salesdesk.storage.sqlitefile import (
    FileReport,
    connect_read_only,
    inspect_file,
    make_private,
    move_aside,
    peek_file,
    secure_dir,
    untouched_connection,
)

DEFAULT_KEEP = 10
#: Start-up makes a backup when the newest one is older than this.
DAILY = timedelta(hours=24)
_NAME = re.compile(r"^salesdesk-(\d{8}T\d{6}\.\d{6})Z-([a-z0-9-]+)\.sqlite3$")
_TIME_FORMAT = "%Y%m%dT%H%M%S.%f"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: datetime  # aware, UTC
    reason: str
    size: int

    def label(self) -> str:
        local = self.made_at.astimezone()
        why = _REASONS.get(self.reason) or (
            f"before upgrading to schema {self.reason[8:]}" if self.reason.startswith("before-v") else self.reason
        )
        return f"{local:%Y-%m-%d %H:%M} ({why}, {self.size / 1024:,.0f} kB)"


_REASONS = {"daily": "daily", "manual": "made by hand"}


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in the data folder, newest first."""
    folder = backups_dir(data_dir)
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _NAME.match(entry.name)
            if match and entry.is_file():
                made_at = datetime.strptime(match.group(1), _TIME_FORMAT).replace(tzinfo=UTC)
                found.append(BackupInfo(Path(entry.path), made_at, match.group(2), entry.stat().st_size))
    found.sort(key=lambda b: b.made_at, reverse=True)
    return found


def backup_due(data_dir: Path, now: datetime | None = None, interval: timedelta = DAILY) -> bool:
    """True when there is a database and no backup younger than ``interval``."""
    if not database_path(data_dir).is_file():
        return False
    backups = list_backups(data_dir)
    now = now or datetime.now(UTC)
    return not backups or now - backups[0].made_at >= interval


def lost_database_damage(data_dir: Path) -> DamagedDatabaseError | None:
    """An empty (0-byte) or missing database file where a database used to be (there are
    backups of it, or a write-ahead log beside it holds data) is damage: the file was cut
    to nothing, deleted or moved. It is never set up afresh as a new database over its
    backups, unless the rep chooses to (``init_db(..., start_empty=True)``). None: a file
    with something in it, or nothing says a database was ever there (a new one may be set up)."""
    path = database_path(data_dir)
    wal = Path(f"{path}-wal")
    try:
        if path.exists():
            if path.stat().st_size != 0:
                return None
            kind, before, after = "empty", "0 bytes, although ", ""
        else:
            kind, before, after = "missing", "", ", so it was deleted or moved"
        wal_size = wal.stat().st_size if wal.exists() else 0
    except OSError:
        return None
    count = len(list_backups(data_dir))
    if count:
        detail = f"{before}there {'is 1 backup' if count == 1 else f'are {count} backups'} of it{after}"
    elif wal_size:
        detail = f"{before}its write-ahead log ({wal.name}) holds {wal_size:,} bytes{after}"
    else:
        return None
    return FileReport(path, kind, detail).error()


def copy_database(source: Path, target: Path, *, untouched: bool = False) -> None:
    """A consistent copy of ``source`` into ``target``, as a self-contained file (rollback
    journal mode: no -wal beside it). ``target`` is a new, empty file the caller created
    and holds (core.files.claimed_new_file), so the next start can tell a copy still being
    made from one a killed process left behind. ``untouched``: the source is a file the rep
    picked, not the database in use: read it without creating or changing a -wal or -shm
    beside it (``untouched_connection``)."""
    if target.stat().st_size:
        raise FileExistsError(target)
    with contextlib.ExitStack() as stack:
        if untouched:
            src = stack.enter_context(untouched_connection(source, timeout=5.0))
        else:
            src = connect_read_only(source, timeout=5.0)
            stack.callback(src.close)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # all pages in one step, inside one read transaction
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()


def make_backup(data_dir: Path, reason: str = "manual", keep: int = DEFAULT_KEEP) -> BackupInfo:
    """Copy the database into the backups folder, check the copy, drop the oldest beyond
    ``keep``. Raises DamagedDatabaseError (the copy shows damage; nothing is rotated out)
    or StorageError (cannot read or write)."""
    source = database_path(data_dir)
    if not source.is_file():
        raise StorageError(f"There is no database to back up in {data_dir}.")
    damage = lost_database_damage(data_dir)
    if damage is not None:
        raise damage
    if source.stat().st_size == 0:
        raise StorageError(f"The database {source} is empty: there is nothing to back up yet.")
    found = peek_file(source)  # a copy is read with SQLite's locks: only SalesDesk's own file
    if not found.ok:
        raise StorageError(f"Nothing was backed up: {found.describe()}")
    folder = backups_dir(data_dir)
    now = datetime.now(UTC)
    final = folder / f"salesdesk-{now.strftime(_TIME_FORMAT)}Z-{reason}.sqlite3"
    partial = folder / f".partial-{final.name}"
    try:
        secure_dir(folder)
        with claimed_new_file(partial) as claim:
            _copy_checked(source, partial, final, claim)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise StorageError(f"The backup could not be written to {folder}: {_reason(exc)}") from exc
    prune(data_dir, keep)
    return BackupInfo(final, now, reason, final.stat().st_size)


def _copy_checked(source: Path, partial: Path, final: Path, claim: Claim) -> None:
    """Copy into ``partial``; only a copy that checks out becomes the backup ``final``."""
    copy_database(source, partial)
    report = inspect_file(partial, thorough=False)
    if not report.ok:
        partial.unlink()
        raise DamagedDatabaseError(
            f"The database shows damage, so it was not backed up (the existing backups were kept): "
            f"{report.detail or report.kind}.",
            kind="corrupt",
            path=source,
        )
    claim.replace(partial, final)


def prune(data_dir: Path, keep: int) -> list[Path]:
    """Rotate the daily backups: delete all but the newest ``keep`` of them (at least one).

    The other kinds are counted apart, so no number of daily copies (or of retries) can
    push them out: a backup made by hand is never deleted here, and of the backups made
    before an upgrade to schema N the newest stays (older ones for the same upgrade go)."""
    removed = []
    backups = list_backups(data_dir)
    daily = [b for b in backups if b.reason == "daily"]
    doomed = daily[max(1, keep) :]
    upgrades = [b for b in backups if b.reason.startswith("before-v")]
    for reason in {b.reason for b in upgrades}:
        doomed += [b for b in upgrades if b.reason == reason][1:]
    for old in doomed:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def last_change(path: Path) -> datetime:
    """When the database file (or its write-ahead log) was last written, UTC."""
    times = [p.stat().st_mtime for p in (Path(path), Path(f"{path}-wal")) if p.exists()]
    return datetime.fromtimestamp(max(times, default=0), UTC)


#: A backup made less than this after the database's last change (as the file system
#: records it, which may be coarse) is not trusted to hold that change.
CHANGE_MARGIN = timedelta(seconds=2)


def backup_of_current_state(data_dir: Path, reason: str, version: int) -> BackupInfo | None:
    """The newest ``reason`` backup made after the database last changed, if it checks out
    as schema ``version``: a retry of the same upgrade reuses it instead of making another."""
    candidates = [b for b in list_backups(data_dir) if b.reason == reason]
    if not candidates or candidates[0].made_at - last_change(database_path(data_dir)) < CHANGE_MARGIN:
        return None
    report = inspect_file(candidates[0].path, thorough=False)
    return candidates[0] if report.ok and report.version == version else None


def latest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup that passes SQLite's check and is a version we can read."""
    for backup in list_backups(data_dir):
        if inspect_file(backup.path, thorough=False).ok:
            return backup
    return None


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    version: int
    #: Where the database that was in place went (None: there was none).
    moved_aside: Path | None


def restore_file(data_dir: Path, source: Path) -> RestoreResult:
    """Put a copy of the backup ``source`` in place of the database.

    The source must be an intact SalesDesk database of a schema this version reads (an
    older one is brought forward when the app next opens it). The current database is
    moved aside (renamed, never deleted). The caller makes sure nothing has it open."""
    source = Path(source).expanduser().resolve()
    target = database_path(data_dir)
    if source == target.resolve():
        raise StorageError(f"{source} is the database in use; pick a backup file.")
    report = inspect_file(source, thorough=True)
    if not report.ok:
        raise StorageError(f"Cannot restore: {report.describe()}")
    assert report.version is not None
    staging = target.with_name(f".restoring-{target.name}")
    try:
        secure_dir(target.parent)
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()  # a leftover of an interrupted restore (never the database)
        with claimed_new_file(staging) as claim:
            copy_database(source, staging, untouched=True)
            aside = move_aside(target, "before-restore")
            claim.replace(staging, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise StorageError(f"Cannot restore into {target.parent}: {_reason(exc)}") from exc
    make_private(target)
    return RestoreResult(source, report.version, aside)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
