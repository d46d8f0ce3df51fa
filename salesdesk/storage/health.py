"""``salesdesk doctor``: what state the data folder, the database and its backups are in.

SQLite-specific (like db.py): runs SQLite's ``integrity_check`` and ``foreign_key_check``
on a read-only connection that changes nothing (``untouched_connection``), so it is safe
while the app is running and on a file that is not SalesDesk's.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from salesdesk.storage import migrations
from salesdesk.storage.backup import DAILY, empty_database_damage, latest_good_backup, list_backups
from salesdesk.storage.paths import DB_FILENAME, backups_dir, database_path
from salesdesk.storage.sqlitefile import companions, inspect_file, untouched_connection


@dataclass(frozen=True, slots=True)
class Finding:
    #: "ok", "note" (worth knowing, nothing wrong) or "problem".
    level: str
    text: str


def _mode_too_open(path: Path) -> bool:
    return os.name == "posix" and bool(path.stat().st_mode & 0o077)


def _age(moment: datetime) -> str:
    hours = (datetime.now(UTC) - moment).total_seconds() / 3600
    return f"{hours:.0f} h ago" if hours < 48 else f"{hours / 24:.0f} days ago"


def _why_not_creatable(data_dir: Path) -> str:
    """For a data folder that does not exist: why it cannot be created ("" when it can),
    judged by the nearest existing path above it."""
    above = data_dir.parent
    while not above.exists() and above != above.parent:
        above = above.parent
    if not above.is_dir():
        return f"{above} is a file, not a folder"
    if not os.access(above, os.W_OK | os.X_OK):
        return f"{above} is not writable"
    return ""


def _wal_mode(path: Path) -> bool:
    """The file's header says write-ahead log (bytes 18 and 19 are 2)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def database_writable(data_dir: Path) -> bool:
    """Can SQLite write the database? It needs the file writable, and a folder it can create
    its -wal or -journal in, unless (WAL mode) both the -wal and -shm are there, writable."""
    path = database_path(data_dir)
    if not os.access(path, os.W_OK):
        return False
    if os.access(data_dir, os.W_OK | os.X_OK):
        return True
    companions_ready = all(os.access(f"{path}{suffix}", os.W_OK) for suffix in ("-wal", "-shm"))
    return _wal_mode(path) and companions_ready


def check_data_dir(data_dir: Path) -> list[Finding]:
    data_dir = Path(data_dir)
    found: list[Finding] = []
    if not data_dir.exists():
        why_not = _why_not_creatable(data_dir)
        if why_not:
            return [
                Finding(
                    "problem",
                    f"data folder {data_dir} does not exist and cannot be created ({why_not}): SalesDesk can "
                    "take a call but not save it (when you quit, it keeps a text copy in your home or temp folder)",
                )
            ]
        return [Finding("note", f"data folder {data_dir} does not exist yet (SalesDesk creates it on first start)")]
    if not data_dir.is_dir():
        return [Finding("problem", f"{data_dir} is not a folder")]
    if not os.access(data_dir, os.W_OK | os.X_OK):
        database = database_path(data_dir)
        if database.exists() and database_writable(data_dir):
            backups = backups_dir(data_dir)
            cannot = "settings, the lock that keeps a second SalesDesk off it"
            if not os.access(backups, os.W_OK | os.X_OK):
                cannot = "backups, " + cannot
            found.append(
                Finding(
                    "problem",
                    f"data folder {data_dir} is read-only: SalesDesk can still save calls (the database and its "
                    f"-wal and -shm files can be written), but cannot create files there ({cannot}); "
                    f"run: chmod u+w {data_dir}",
                )
            )
        else:
            found.append(
                Finding(
                    "problem",
                    f"data folder {data_dir} is not writable: SalesDesk cannot save calls; run: chmod u+w {data_dir}",
                )
            )
    elif not _mode_too_open(data_dir):  # (one others can still read: tidy_and_report says so)
        found.append(Finding("ok", f"data folder {data_dir} is writable and private"))
    return found


#: What the file check found that start-up offers to recover from (restore a backup or start empty).
_RECOVERABLE = {"not-sqlite", "truncated", "corrupt", "foreign", "bad-version"}


def _recovery_advice(data_dir: Path) -> Finding:
    if latest_good_backup(data_dir) is not None:
        return Finding("note", "start SalesDesk to restore the latest backup, or run: salesdesk restore --latest")
    return Finding(
        "note",
        "there is no usable backup: start SalesDesk to set the file aside (renamed, not deleted) "
        "and start with an empty database",
    )


def check_database(data_dir: Path) -> list[Finding]:
    path = database_path(data_dir)
    if not path.exists():
        return [Finding("note", f"no database yet ({DB_FILENAME} is created when SalesDesk first starts)")]
    report = inspect_file(path, thorough=True)
    if report.kind == "empty":
        damage = empty_database_damage(data_dir)
        if damage is None:
            return [
                Finding("note", f"{DB_FILENAME} is empty and has no backups: SalesDesk sets it up when it next starts")
            ]
        return [Finding("problem", str(damage)), _recovery_advice(data_dir)]
    if report.kind == "newer":
        return [Finding("problem", report.describe() + " Update SalesDesk to use it.")]
    if not report.ok:
        found = [Finding("problem", report.describe())]
        if report.kind in _RECOVERABLE:
            found.append(_recovery_advice(data_dir))
        return found
    found = [Finding("ok", f"integrity check passed ({path.stat().st_size / 1024:,.0f} kB)")]
    if os.access(data_dir, os.W_OK | os.X_OK) and not os.access(path, os.W_OK):
        # (In a read-only folder check_data_dir has said whether the database can be written.)
        found.append(
            Finding("problem", f"{DB_FILENAME} is read-only: SalesDesk cannot save calls; run: chmod u+w {path}")
        )
    if report.version == migrations.SCHEMA_VERSION:
        found.append(Finding("ok", f"schema version {report.version} (current)"))
    else:
        found.append(
            Finding(
                "note",
                f"schema version {report.version}: SalesDesk upgrades it to {migrations.SCHEMA_VERSION} "
                "(after a backup) when it next starts",
            )
        )
    try:
        with untouched_connection(path) as con:
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
    except (sqlite3.Error, OSError) as exc:
        broken = [(f"error: {exc}",)]
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        found.append(Finding("problem", f"{len(broken)} rows point at missing rows (in {', '.join(tables)})"))
    else:
        found.append(Finding("ok", "every reference between tables is intact"))
    loose = [p.name for p in companions(path) if _mode_too_open(p)]
    if loose:
        found.append(
            Finding(
                "problem", f"readable by other users: {', '.join(loose)}; run: chmod 600 {path.parent}/{DB_FILENAME}*"
            )
        )
    else:
        found.append(Finding("ok", "database files are readable by you only"))
    return found


def check_backups(data_dir: Path) -> list[Finding]:
    backups = list_backups(data_dir)
    has_db = database_path(data_dir).exists()
    if not backups:
        if has_db:
            return [Finding("problem", "no backups yet; run: salesdesk backup")]
        return [Finding("note", "no backups yet")]
    newest = backups[0]
    found = []
    newest_report = inspect_file(newest.path, thorough=False)
    if newest_report.ok:
        found.append(
            Finding(
                "ok",
                f"{len(backups)} backup{'s' if len(backups) > 1 else ''} in {backups_dir(data_dir)}; "
                f"the newest ({_age(newest.made_at)}) checks out",
            )
        )
    else:
        found.append(Finding("problem", f"the newest backup is not usable: {newest_report.describe()}"))
    if has_db and datetime.now(UTC) - newest.made_at > 7 * DAILY:
        age = _age(newest.made_at)
        found.append(
            Finding("note", f"the newest backup is {age}; SalesDesk makes one when it starts a day after the last")
        )
    return found  # (backups others can read: tidy_and_report)


def check_leftovers(data_dir: Path) -> list[Finding]:
    aside = sorted(p.name for p in Path(data_dir).glob(f"{DB_FILENAME}.*") if "-" in p.name and p.is_file())
    aside = [name for name in aside if not name.endswith(("-wal", "-shm", "-journal"))]
    if aside:
        return [Finding("note", f"kept from an earlier recovery or restore: {', '.join(aside)}")]
    return []


def tidy_and_report(data_dir: Path) -> list[Finding]:
    """Do what start-up does to the folder (storage.tidy) and say what it did and could not."""
    from salesdesk import settings
    from salesdesk.storage.tidy import tidy

    export_folder = settings.read(data_dir, settings.EXPORT_FOLDER)
    result = tidy(data_dir, (Path(export_folder),) if export_folder else ())
    found = []
    if result.removed:
        removed = "; ".join(leftover.describe() for leftover in result.removed)
        found.append(Finding("note", f"removed what interrupted runs had left: {removed}"))
    for leftover, why in result.not_removed:
        text = f"left by an interrupted run, and could not be removed: {leftover.describe()}: {why}"
        found.append(Finding("problem", text))
    if result.tightened:
        made = ", ".join(f"{_relative(path, data_dir)} (was {mode:04o})" for path, mode in result.tightened)
        found.append(Finding("note", f"made private (other users could read them): {made}"))
    for path, mode, why in result.still_open:
        found.append(
            Finding(
                "problem",
                f"{path} is readable by other users (mode {mode:04o}) and could not be changed: {why}; "
                f"run: chmod go-rwx {path}",
            )
        )
    return found


def _relative(path: Path, data_dir: Path) -> str:
    return "the data folder" if path == data_dir else str(path.relative_to(data_dir))


def run_checks(data_dir: Path) -> list[Finding]:
    """Every check; first the folder is tidied as start-up would (leftovers removed, made
    private), so what follows describes the folder as it is now."""
    data_dir = Path(data_dir)
    found = tidy_and_report(data_dir) if data_dir.is_dir() else []
    found = check_data_dir(data_dir) + found
    if data_dir.is_dir():
        found += check_database(data_dir) + check_backups(data_dir) + check_leftovers(data_dir)
    return found
