"""``salesdesk backup``, ``salesdesk restore`` and ``salesdesk doctor``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    backup = sub.add_parser("backup", help="copy the database into the backups folder (or list the backups)")
    backup.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="keep the newest N daily backups (default: settings, 10); those made by hand and "
        "the last one before each upgrade are always kept",
    )
    backup.add_argument("--list", action="store_true", help="list the backups, newest first, and make none")
    backup.set_defaults(run=run_backup)
    restore = sub.add_parser(
        "restore",
        help="replace the database with a backup (the current one is kept beside it)",
        description="Replace the database with a copy of FILE, after checking it is an intact SalesDesk "
        "database this version can read. The current database is renamed, never deleted. "
        "SalesDesk must not be running.",
    )
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the backup to restore")
    which.add_argument("--latest", action="store_true", help="restore the newest backup that checks out")
    restore.set_defaults(run=run_restore)
    doctor = sub.add_parser("doctor", help="check the database, its backups and permissions")
    doctor.set_defaults(run=run_doctor)


def _fail(message: str) -> int:
    print(f"salesdesk: {message}", file=sys.stderr)
    return 1


def run_backup(args: argparse.Namespace, data_dir: Path) -> int:
    from salesdesk.settings import backup_keep
    from salesdesk.storage.backup import list_backups, make_backup
    from salesdesk.storage.errors import StorageError

    if args.list:
        backups = list_backups(data_dir)
        for backup in backups:
            print(f"{backup.path}  {backup.label()}")
        if not backups:
            print(f"No backups in {data_dir}.", file=sys.stderr)
        return 0
    if args.keep is not None and args.keep < 1:
        return _fail("--keep must be at least 1")
    try:
        made = make_backup(data_dir, "manual", args.keep or backup_keep(data_dir))
    except StorageError as exc:
        return _fail(str(exc))
    print(f"Backed up to {made.path} ({made.size / 1024:,.0f} kB).")
    return 0


def run_restore(args: argparse.Namespace, data_dir: Path) -> int:
    from salesdesk.storage.backup import latest_good_backup, restore_file
    from salesdesk.storage.errors import StorageError
    from salesdesk.ui.safety.single_instance import running_instance

    pid = running_instance(data_dir)
    if pid is not None:
        return _fail(
            f"SalesDesk is running on this data folder (process {pid}). Quit it first, "
            "or restore in its window: Tools > Restore from backup…"
        )
    source = args.file
    if args.latest:
        latest = latest_good_backup(data_dir)
        if latest is None:
            return _fail(f"no usable backup in {data_dir / 'backups'}")
        source = latest.path
    from salesdesk.core.files import file_problem

    problem = file_problem(source)
    if problem is not None:
        return _fail(problem)
    try:
        result = restore_file(data_dir, source)
    except StorageError as exc:
        return _fail(str(exc))
    if result.moved_aside is not None:
        print(f"The database that was in use is kept as {result.moved_aside}.")
    print(f"Restored {result.restored_from} (schema {result.version}).")
    return 0


def run_doctor(_args: argparse.Namespace, data_dir: Path) -> int:
    from salesdesk.storage.health import run_checks
    from salesdesk.ui.safety.single_instance import running_instance

    print(f"Checking {data_dir}")
    findings = run_checks(data_dir)
    pid = running_instance(data_dir) if data_dir.is_dir() else None
    if pid is not None:
        print(f"  {'note':<8} SalesDesk is running (process {pid}); the checks only read the database")
    for finding in findings:
        print(f"  {finding.level:<8} {finding.text}")
    problems = sum(1 for f in findings if f.level == "problem")
    if problems:
        print(f"{problems} problem{'s' if problems > 1 else ''} found.")
        return 1
    print("No problems found.")
    return 0
