"""Driver errors as StorageError, with a message a rep can act on: ``guarded`` wraps every
storage method that touches the database (the store, the history queries, the bulk
reading and writing), ``describe_db_error`` words the message.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from peewee import DatabaseError

from salesdesk.storage.errors import StorageError

P = ParamSpec("P")
R = TypeVar("R")


def describe_db_error(exc: BaseException, path: Path | str | None = None) -> str:
    """Turn a driver error into a sentence that names the problem and the file."""
    # On SQLITE_FULL (and some I/O errors) SQLite rolls the transaction back by itself, so
    # the rollback that follows fails and hides the real cause: report the cause.
    seen = 0
    while "cannot rollback" in str(exc).lower() and exc.__context__ is not None and seen < 5:
        exc, seen = exc.__context__, seen + 1
    text = str(exc)
    lower = text.lower()
    where = f" ({path})" if path else ""
    if "locked" in lower or "busy" in lower:
        # No promise to retry here: the sidebar retries (and says so), the command line does not.
        return f"The database is locked by another program{where}: close that program."
    if "readonly" in lower or "read-only" in lower or "permission" in lower:
        return f"The database cannot be written{where}: the file or its folder is read-only."
    if "disk is full" in lower or ("full" in lower and "database" in lower):
        return f"The disk is full: the database cannot grow{where}. Free some space."
    if "not a database" in lower or "malformed" in lower or "corrupt" in lower:
        return f"The database file is damaged or is not a SalesDesk database{where}: {text}."
    if "unable to open" in lower:
        return f"The database file cannot be opened{where}: check the folder exists and is writable."
    return f"Database error{where}: {text}"


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn driver errors into StorageError with a message a rep can act on."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            raise StorageError(describe_db_error(exc)) from exc

    return wrapper
