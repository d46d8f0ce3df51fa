"""Opening the database: connection settings, schema version check, migrations.

This is the one module that knows the backend is SQLite (file path, pragmas, error texts).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from salesdesk.storage import migrations
from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError
from salesdesk.storage.guard import describe_db_error
from salesdesk.storage.paths import DB_FILENAME, database_path  # noqa: F401  (re-exported)
from salesdesk.storage.sqlitefile import (
    FileReport,
    bad_version,
    check_header,
    classify_open_error,
    connect_read_only,
    create_private_file,
    make_private,
    peek_file,
    secure_dir,
)
from salesdesk.storage.tables import ALL_MODELS, SchemaInfo, database

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # NORMAL in WAL mode: a committed change survives the app being killed; only an OS
    # crash or power cut can drop the last commits. FULL costs an fsync per keystroke.
    "synchronous": "normal",
    # Writes run on the UI thread: wait briefly for another writer, then fail and let the
    # caller keep the change and retry, rather than freezing the window.
    "busy_timeout": 300,
}


def open_database(path: Path) -> SqliteDatabase:
    return SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)


def init_db(data_dir: Path, *, backup_keep: int | None = None) -> SqliteDatabase:
    """Open (creating if needed) the database in ``data_dir`` and bring its schema up to date.

    The folder is created user-only (0700) and the database file user-only (0600; SQLite
    gives its -wal and -shm files the same mode). A file that is not an intact SQLite
    database, or not SalesDesk's, or has a schema version no SalesDesk writes, or is empty
    where a database with backups used to be, raises
    DamagedDatabaseError, and one from a newer SalesDesk NewerSchemaError: either is found
    by reading alone, before any pragma or permission is set, and is not touched. An older
    schema is backed up (``backup_keep`` backups kept) before it is migrated."""
    data_dir = Path(data_dir)
    try:
        secure_dir(data_dir)
    except OSError as exc:
        raise StorageError(f"Cannot create the data folder {data_dir}: {exc.strerror or exc}.") from exc
    path = data_dir / DB_FILENAME
    header = check_header(path)
    if header.kind in {"not-sqlite", "truncated", "corrupt"}:
        raise header.error()
    if header.kind == "empty":
        from salesdesk.storage.backup import empty_database_damage

        damage = empty_database_damage(data_dir)
        if damage is not None:
            raise damage
    if header.ok:
        # Read what it is without writing a byte: the pragmas below (WAL mode) and the
        # permissions are for SalesDesk's own database, never another program's file or
        # a newer SalesDesk's.
        found = peek_file(path)
        if found.kind == "newer":
            raise _newer(path, found.version)
        if found.kind == "unreadable":
            raise StorageError(describe_db_error(OSError(found.detail), path))
        if found.kind not in {"ok", "blank"}:
            raise found.error()
    try:
        if header.kind == "missing":
            create_private_file(path)
        else:
            make_private(path)
    except OSError as exc:
        raise StorageError(describe_db_error(exc, path)) from exc
    db = open_database(path)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        _check_and_migrate(db, path, backup_keep)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise classify_open_error(path, exc) or StorageError(describe_db_error(exc, path)) from exc
    except StorageError:
        db.close()
        raise
    return db


def schema_version(db: SqliteDatabase) -> int | None:
    """The database's schema version (None: no version stored). A stored value that is no
    schema version (``migrations.parse_schema_version``) raises DamagedDatabaseError."""
    if not db.table_exists(SchemaInfo._meta.table_name):
        return None
    row = SchemaInfo.get_or_none(SchemaInfo.key == "schema_version")
    if row is None:
        return None
    version = migrations.parse_schema_version(row.value)
    if version is None:
        raise bad_version(Path(db.database), row.value).error()
    return version


def _newer(path: Path, version: int | None) -> NewerSchemaError:
    return NewerSchemaError(
        f"{path} was written by a newer SalesDesk (schema {version}; this version reads up to "
        f"{migrations.SCHEMA_VERSION}). Update SalesDesk to open it; the file was left untouched."
    )


def _check_and_migrate(db: SqliteDatabase, path: Path, backup_keep: int | None) -> None:
    version = schema_version(db)
    if version is None:
        if db.get_tables():
            raise FileReport(
                path, "foreign", "it holds tables but no SalesDesk schema version: it is not a SalesDesk database"
            ).error()
        from salesdesk.storage import search

        with db.atomic():
            db.create_tables(ALL_MODELS)
            search.create_index()  # not a model of ALL_MODELS: it exists on SQLite only
            _stamp(migrations.SCHEMA_VERSION)
        return
    if version > migrations.SCHEMA_VERSION:
        raise _newer(path, version)
    if version < migrations.SCHEMA_VERSION:
        _backup_before_migration(path, version, backup_keep)
        # SQLite changes a column by rebuilding its table (playhouse.migrate does that for
        # NOT NULL, renames, drops); with foreign keys enforced, dropping the old table
        # fails. So they are off while steps run, and each step's references are checked
        # before its transaction commits instead.
        db.execute_sql("PRAGMA foreign_keys = OFF")
        try:
            migrations.migrate(db, version, on_step=_stamp_checked)
        finally:
            db.execute_sql("PRAGMA foreign_keys = ON")


def _backup_before_migration(path: Path, version: int, keep: int | None) -> None:
    """No migration runs without a checked copy of the database as it was: one copy per
    upgrade, however often a blocked upgrade is retried (unless the database changed)."""
    from salesdesk.settings import backup_keep as configured_keep
    from salesdesk.storage.backup import backup_of_current_state, make_backup

    data_dir = path.parent
    reason = f"before-v{migrations.SCHEMA_VERSION}"
    if backup_of_current_state(data_dir, reason, version) is not None:
        return
    try:
        make_backup(data_dir, reason, keep or configured_keep(data_dir))
    except DamagedDatabaseError:
        raise
    except StorageError as exc:
        raise StorageError(
            f"SalesDesk did not upgrade the database from schema {version} to {migrations.SCHEMA_VERSION}, "
            f"because it could not back it up first. {exc}"
        ) from exc


def _stamp(version: int) -> None:
    SchemaInfo.replace(key="schema_version", value=str(version)).execute()


def _stamp_checked(version: int) -> None:
    broken = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise StorageError(
            f"The upgrade to schema {version} would leave {len(broken)} rows pointing at missing rows "
            f"(first in table {broken[0][0]}); nothing was changed."
        )
    _stamp(version)


def close_db(*, checkpoint: bool = True) -> None:
    """Close the open database (tests and shutdown). ``checkpoint=False`` leaves the
    write-ahead log beside the file instead of copying it into the file, as closing the
    last connection does: a damaged file gets nothing more written to it."""
    if database.obj is None or database.is_closed():
        return
    keeper = None
    if not checkpoint:
        # While another connection reads, closing is not the last close: no checkpoint. A
        # read-only connection never checkpoints when it closes.
        with contextlib.suppress(sqlite3.Error):
            keeper = connect_read_only(Path(database.database))
            keeper.execute("PRAGMA schema_version").fetchone()
    try:
        database.close()
    finally:
        if keeper is not None:
            keeper.close()
