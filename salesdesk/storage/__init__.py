"""Storage: the Peewee tables, database set-up and migrations, the store of a call's changes,
the one reader of whole calls, and the queries over past calls (history).

Names are loaded on first use (PEP 562) so that importing a light module of this package
(errors, quickload) does not import Peewee: start-up reads the open call without it.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING

from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError, UnknownCallError

# Peewee imports psycopg at its own import whenever it is installed (80 ms): the local
# database does not need it, only team mode does. None in sys.modules makes that import fail
# quietly; salesdesk.team.connection.load_psycopg() removes it and loads the driver.
# (So code that wants psycopg gets it from load_psycopg, never by importing it directly.)
if "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from salesdesk.storage.db import DB_FILENAME, close_db, init_db
    from salesdesk.storage.store import CallStore

_LAZY = {
    "DB_FILENAME": "salesdesk.storage.db",
    "close_db": "salesdesk.storage.db",
    "init_db": "salesdesk.storage.db",
    "CallStore": "salesdesk.storage.store",
}

__all__ = [
    "DB_FILENAME",
    "CallStore",
    "DamagedDatabaseError",
    "NewerSchemaError",
    "StorageError",
    "UnknownCallError",
    "close_db",
    "init_db",
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)
