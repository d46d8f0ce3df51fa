"""Start-up fast path: read the unfinished call with the ``sqlite3`` driver alone.

A rep reopening SalesDesk mid-call should see the call at once. Importing Peewee (and what
it pulls in: hashlib/OpenSSL, decimal, uuid, socket) costs tens of milliseconds, so the
first paint uses this reader and the app opens the database through ``init_db()`` right
after. This is one of the two places that know the backend is SQLite (with db.py); the SQL
is plain SELECTs. It never writes, and it gives up (``QuickLoadError``) whenever it
cannot be sure: no file, a schema version other than the current one, any driver error.
The result must equal ``CallStore.load_call``; a test holds the two together.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from salesdesk.core.call import CallState
from salesdesk.core.playbook import PlaybookError
from salesdesk.storage import rows
from salesdesk.storage.migrations import SCHEMA_VERSION, parse_schema_version
from salesdesk.storage.paths import database_path
from salesdesk.storage.snapshots import PlaybookSnapshots
from salesdesk.storage.sqlitefile import check_header, untouched_connection


class QuickLoadError(Exception):
    """The fast path cannot answer; open the database the normal way."""


def read_open_call(data_dir: Path) -> CallState | None:
    """The unfinished call to resume (None when there is none)."""
    path = database_path(data_dir)
    if not path.is_file():
        raise QuickLoadError("no database yet")
    if not check_header(path).ok:  # damaged or cut short: the normal path says what is wrong
        raise QuickLoadError("the file header is not right")
    try:
        # Untouched: the file may turn out to be another program's (the normal path then
        # says so), and no copy: that would make the first paint wait on the file's size.
        with untouched_connection(path, timeout=0.2, may_copy=False) as con:
            return _read(con)
    except (sqlite3.Error, OSError, ValueError, TypeError, PlaybookError) as exc:
        raise QuickLoadError(str(exc)) from exc


def _columns(table: str, names: tuple[str, ...]) -> str:
    return ", ".join(f"{table}.{name}" for name in names)


def _read(con: sqlite3.Connection) -> CallState | None:
    row = con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
    if row is None or parse_schema_version(row[0]) != SCHEMA_VERSION:
        raise QuickLoadError("schema version differs: the normal path migrates or refuses")
    # The columns and the mapping are those of every reader (rows.py); only the SQL is here.
    row = con.execute(
        f"SELECT {_columns('c', rows.CALL_COLUMNS)}, {_columns('k', rows.CONTACT_COLUMNS)} "
        "FROM call AS c JOIN contact AS k ON k.id = c.contact_id "
        "WHERE c.ended_at IS NULL ORDER BY c.started_at DESC, c.id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    snapshot_id = row[rows.SNAPSHOT_ID]
    (body,) = con.execute("SELECT body FROM playbook_snapshot WHERE id = ?", (snapshot_id,)).fetchone()
    call = rows.call_from_row(row, PlaybookSnapshots().parsed(snapshot_id, body))
    for child in rows.CHILD_TABLES:
        order = f" ORDER BY {', '.join(child.order)}" if child.order else ""
        sql = f"SELECT {', '.join(child.columns)} FROM {child.table} WHERE call_id = ?{order}"
        for values in con.execute(sql, (call.id,)):
            child.add(call, values)
    return call
