"""Storage errors. Kept apart from the Peewee code so the UI can import them cheaply."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """The database could not be opened, read or written. The message is for the rep."""


class NewerSchemaError(StorageError):
    """The database was written by a newer SalesDesk."""


class UnknownCallError(StorageError):
    """No call with the given id."""


class DamagedDatabaseError(StorageError):
    """The database file cannot be used as it is: damaged, truncated, not an SQLite file, or
    an SQLite file that is not SalesDesk's. The file is never written to; the app offers to
    move it aside and restore a backup or start empty.

    ``kind`` is one of "not-sqlite", "truncated", "corrupt", "foreign", "empty" (0 bytes
    where a database with backups used to be), "missing" (no file where a database with
    backups used to be), "bad-version" (a stored schema version that is none: "3.1", "0",
    text)."""

    def __init__(self, message: str, *, kind: str, path: Path | str):
        super().__init__(message)
        self.kind = kind
        self.path = Path(path)
