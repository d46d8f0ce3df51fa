"""Backups and restores of the database file.

SQLite-specific (like db.py): copies are made with SQLite's online backup API
(``sqlite3.Connection.backup``), which gives a consistent snapshot even while the app is
writing, unlike copying the file (which can catch a half-written page or miss the WAL).
Every copy is checked (``quick_check`` and the schema version) before it counts as a
backup, so a damaged database never pushes good backups out of the rotation.

Backups are ``<data dir>/backups/salesdesk-<UTC time>-<reason>.sqlite3``, readable by the
user only, newest kept (DEFAULT_KEEP unless the settings say otherwise).
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
    connect_read_only,
    inspect_file,
    make_private,
    move_aside,
    secure_dir,
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


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of ``source`` into ``target``, as a self-contained file (rollback
    journal mode: no -wal beside it). ``target`` is a new, empty file the caller created
    and holds (core.files.claimed_new_file), so the next start can tell a copy still being
    made from one a killed process left behind."""
    if target.stat().st_size:
        raise FileExistsError(target)
    src = connect_read_only(source, timeout=5.0)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # all pages in one step, inside one read transaction
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()


def make_backup(data_dir: Path, reason: str = "manual", keep: int = DEFAULT_KEEP) -> BackupInfo:
    """Copy the database into the backups folder, check the copy, drop the oldest beyond
    ``keep``. Raises DamagedDatabaseError (the copy shows damage; nothing is rotated out)
    or StorageError (cannot read or write)."""
    source = database_path(data_dir)
    if not source.is_file():
        raise StorageError(f"There is no database to back up in {data_dir}.")
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
    """Delete all but the newest ``keep`` backups (at least one is always kept)."""
    removed = []
    for old in list_backups(data_dir)[max(1, keep) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


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
            copy_database(source, staging)
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
