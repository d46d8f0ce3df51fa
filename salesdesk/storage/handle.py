"""StoreHandle: opens the database when first needed and hands out the CallStore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from salesdesk.storage.errors import StorageError

if TYPE_CHECKING:
    from salesdesk.storage.store import CallStore


class StoreHandle:
    """The app's one database. ``open()`` runs ``init_db()`` (schema check, migrations) once.

    Start-up paints the sidebar before calling it, so Peewee is imported after the first
    paint; any earlier write simply opens it then. Raises StorageError when it cannot.

    After a failed attempt, ``open()`` raises the same error again without trying: an open
    can be slow (a migration, its backup) and must be retried by one loop only, the one that
    calls ``retry()`` (ui.safety.feature.open_database), not by every write that needs the database.
    ``hold()`` keeps the database closed until ``close()``: damage was found, nothing more is
    written to that file until the rep has chosen what to do about it."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._store: CallStore | None = None
        #: Why the database is not open: the last failed attempt, or the damage it is held for.
        self.failure: StorageError | None = None
        self.held = False

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self) -> CallStore:
        if self._store is None:
            if self.failure is not None:
                raise self.failure.with_traceback(None)  # not a traceback growing with each raise
            from salesdesk.storage.db import init_db
            from salesdesk.storage.store import CallStore

            try:
                init_db(self.data_dir)
            except StorageError as exc:
                self.failure = exc
                raise
            self._store = CallStore()
        return self._store

    def retry(self) -> CallStore:
        """Try to open it again after a failure (unless it is held)."""
        if not self.held:
            self.failure = None
        return self.open()

    def hold(self, error: StorageError) -> None:
        """Close the database, writing nothing more to it (its write-ahead log stays beside
        it), and keep it closed (``error`` says why) until ``close()``."""
        if self._store is not None:
            from salesdesk.storage.db import close_db

            close_db(checkpoint=False)
            self._store = None
        self.failure, self.held = error, True

    def close(self) -> None:
        """Close the database (before a restore replaces the file); ``open()`` reopens it."""
        self.failure, self.held = None, False
        if self._store is not None:
            from salesdesk.storage.db import close_db

            close_db()
            self._store = None
