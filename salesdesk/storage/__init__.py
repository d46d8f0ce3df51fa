"""Storage: Peewee models, database set-up and migrations, and the one query interface."""

from salesdesk.storage.db import DB_FILENAME, NewerSchemaError, StorageError, close_db, init_db
from salesdesk.storage.store import CallStore, UnknownCallError

__all__ = ["DB_FILENAME", "CallStore", "NewerSchemaError", "StorageError", "UnknownCallError", "close_db", "init_db"]
