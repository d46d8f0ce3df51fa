"""Opening the database: connection settings, schema version check, migrations.

This is the one module that knows the backend is SQLite (file path, pragmas, error texts).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from salesdesk.storage import migrations
from salesdesk.storage.errors import NewerSchemaError, StorageError
from salesdesk.storage.models import ALL_MODELS, SchemaInfo, database
from salesdesk.storage.paths import DB_FILENAME, database_path  # noqa: F401  (re-exported)

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


def describe_db_error(exc: BaseException, path: Path | str | None = None) -> str:
    """Turn a driver error into a sentence that names the problem and the file."""
    text = str(exc)
    lower = text.lower()
    where = f" ({path})" if path else ""
    if "locked" in lower or "busy" in lower:
        return f"The database is locked by another program{where}. Close it and SalesDesk will retry."
    if "readonly" in lower or "read-only" in lower or "permission" in lower:
        return f"The database cannot be written{where}: the file or its folder is read-only."
    if "disk is full" in lower or ("full" in lower and "database" in lower):
        return f"The disk is full: the database cannot grow{where}. Free some space."
    if "not a database" in lower or "malformed" in lower or "corrupt" in lower:
        return f"The database file is damaged or is not a SalesDesk database{where}: {text}."
    if "unable to open" in lower:
        return f"The database file cannot be opened{where}: check the folder exists and is writable."
    return f"Database error{where}: {text}"


def open_database(path: Path) -> SqliteDatabase:
    return SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)


def init_db(data_dir: Path) -> SqliteDatabase:
    """Open (creating if needed) the database in ``data_dir`` and bring its schema up to date."""
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Cannot create the data folder {data_dir}: {exc.strerror or exc}.") from exc
    path = data_dir / DB_FILENAME
    db = open_database(path)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        _check_and_migrate(db, path)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise StorageError(describe_db_error(exc, path)) from exc
    except StorageError:
        db.close()
        raise
    return db


def schema_version(db: SqliteDatabase) -> int | None:
    if not db.table_exists(SchemaInfo._meta.table_name):
        return None
    row = SchemaInfo.get_or_none(SchemaInfo.key == "schema_version")
    return int(row.value) if row else None


def _check_and_migrate(db: SqliteDatabase, path: Path) -> None:
    version = schema_version(db)
    if version is None:
        if db.get_tables():
            raise StorageError(f"{path} holds tables but no SalesDesk schema version: it is not a SalesDesk database.")
        from salesdesk.storage import search

        with db.atomic():
            db.create_tables(ALL_MODELS)
            search.create_index()  # not a model of ALL_MODELS: it exists on SQLite only
            _stamp(migrations.SCHEMA_VERSION)
        return
    if version > migrations.SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer SalesDesk (schema {version}; this version reads up to "
            f"{migrations.SCHEMA_VERSION}). Update SalesDesk to open it; the file was left untouched."
        )
    if version < migrations.SCHEMA_VERSION:
        migrations.migrate(db, version, on_step=_stamp)


def _stamp(version: int) -> None:
    SchemaInfo.replace(key="schema_version", value=str(version)).execute()


def close_db() -> None:
    """Close the open database (tests and shutdown)."""
    if database.obj is not None and not database.is_closed():
        database.close()
