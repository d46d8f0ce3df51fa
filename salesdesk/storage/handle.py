"""StoreHandle: opens the database when first needed and hands out the CallStore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salesdesk.storage.store import CallStore


class StoreHandle:
    """The app's one database. ``open()`` runs ``init_db()`` (schema check, migrations) once.

    Start-up paints the sidebar before calling it, so Peewee is imported after the first
    paint; any earlier write simply opens it then. Raises StorageError when it cannot."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._store: CallStore | None = None

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self) -> CallStore:
        if self._store is None:
            from salesdesk.storage.db import init_db
            from salesdesk.storage.store import CallStore

            init_db(self.data_dir)
            self._store = CallStore()
        return self._store

    def close(self) -> None:
        """Close the database (before a restore replaces the file); ``open()`` reopens it."""
        if self._store is not None:
            from salesdesk.storage.db import close_db

            close_db()
            self._store = None
