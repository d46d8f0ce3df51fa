"""Pushing a call to the team server: one whole call, one server transaction.

The unit is a call's lossless JSON (core/calls_file.py: one entry of ``salesdesk export
--format json``), with a revision: a number the rep's SalesDesk raises with every change
of that call (the outbox, later). The contract:

- All of the call or nothing: its rows (contact, playbook snapshot, call, qualification,
  ticks, answers, objections, notes, cues, search document) are written in ONE transaction;
  a lost connection, a killed app or a stopped server leaves the server as it was.
- Idempotent by (uid, revision): pushing a revision the server has changes nothing
  ("unchanged"); an older one never overwrites a newer ("stale"). So a retry after any
  failure, or the same revision pushed twice, neither doubles nor loses anything.
- Only the owner writes: a uid the server holds for a teammate is refused
  (TeamPermissionError); row-level security would refuse it anyway.
- A server whose team schema is not the one this SalesDesk knows is refused before
  anything is written (TeamSchemaError).

Retrying is the caller's job (the sync worker), with two exceptions, retried here at once:
a deadlock or serialization failure the server reports, and a connection found dead at
the first statement or lost before the commit was confirmed (once, on a new connection:
if the server is really gone, that fails within the connect timeout). Both are safe
because a push is idempotent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from salesdesk.core.call import CallState
from salesdesk.core.calls_file import FORMAT_NAME, FORMAT_VERSION, CallsFileError, PlaybookMatcher, parse_calls
from salesdesk.core.playbook import Playbook
from salesdesk.storage.rows import CALL_ROW_COLUMNS, CHILD_ROW_COLUMNS, ChildRows, call_row
from salesdesk.team.connection import TeamConnection
from salesdesk.team.errors import TeamError, TeamPermissionError, TeamSchemaError, TeamUnavailableError
from salesdesk.team.schema import INDEX_DOCUMENT, SCHEMA_LOCK, SCHEMA_VERSION, newer_message

#: Transient server refusals (deadlock, serialization failure) are retried this often.
ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class PushResult:
    uid: str
    #: "written" (stored now), "unchanged" (the server had this revision) or "stale" (the
    #: server has a newer one; nothing was written).
    status: str
    #: The revision the server holds for the call now.
    server_revision: int


def read_call_document(document: str | bytes | dict) -> CallState:
    """One call's JSON (a dict, or its text) read and checked as an import reads it."""
    if isinstance(document, dict):
        text = json.dumps(document, ensure_ascii=False)
    else:
        text = document.decode("utf-8") if isinstance(document, bytes) else document
    wrapped = f'{{"format":"{FORMAT_NAME}","version":{FORMAT_VERSION},"calls":[{text}]}}'
    try:
        calls = parse_calls(wrapped, "call")
    except CallsFileError as exc:
        raise TeamError(f"Not a call SalesDesk can push: {exc.describe(5)}") from exc
    if len(calls) != 1:
        raise TeamError("Not a call SalesDesk can push: expected one call.")
    call = calls[0]
    if not call.uid:
        raise TeamError("Not a call SalesDesk can push: it has no uid.")
    return call


def push_call(
    conn: TeamConnection, call_document: str | bytes | dict, revision: int, *, playbook: Playbook | None = None
) -> PushResult:
    """Write the call to the server as revision ``revision`` (see the module's contract).

    ``playbook``: the playbook the call was made with, if known (the local snapshot). It is
    stored as the call's snapshot when it renders the document exactly as the document
    says (so calls share snapshots, and their digest is the one a published team playbook
    has); otherwise the snapshot rebuilt from the document is stored."""
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise TeamError(f"A revision is a whole number from 1, not {revision!r}.")
    call = read_call_document(call_document)
    if playbook is not None:
        call = PlaybookMatcher([playbook]).adopt(call)
    rows = _CallRows(call)
    from psycopg import errors as pg

    reconnected = False
    for attempt in range(ATTEMPTS):
        try:
            with conn.guard():
                return _push(conn, rows, revision)
        except TeamUnavailableError as exc:
            last = attempt + 1 == ATTEMPTS
            if not last and isinstance(exc.__cause__, pg.DeadlockDetected | pg.SerializationFailure):
                continue
            if not last and not reconnected and conn.db.is_closed():
                reconnected = True  # guard() dropped the dead connection: this opens a new one
                continue
            raise
    raise AssertionError("unreachable")


class _Outcome(Exception):  # noqa: N818 (not an error: ends the transaction with a rollback)
    def __init__(self, result: PushResult):
        self.result = result


class _CallRows:
    """The rows of one call, as the local import writes them (storage/rows.py)."""

    def __init__(self, call: CallState):
        self.call = call
        playbook = call.playbook
        now = datetime.now(UTC).replace(tzinfo=None)
        self.now = now
        self.snapshot = (playbook.digest(), playbook.name, playbook.version, playbook.to_json(), now)
        contact = call.contact
        self.contact = (contact.name, contact.company, contact.email, contact.phone, now)

    def call_values(self, contact_id: int, snapshot_id: int) -> tuple:
        return call_row(self.call, self.call.uid, contact_id, snapshot_id, self.now)

    def children(self, call_id: int) -> ChildRows:
        rows = ChildRows()
        rows.add(call_id, self.call, self.now)
        return rows


#: The call row's and the per-call tables' columns as the local import writes them
#: (storage/rows.py), so a new local column (with its team schema step) needs no change here.
_CALL_FIELDS = CALL_ROW_COLUMNS
_CALL_COLUMNS = ", ".join(_CALL_FIELDS)
_CALL_UPDATES = ", ".join(f"{column} = EXCLUDED.{column}" for column in _CALL_FIELDS if column != "uid")
_CHILD_SQL = {
    table: f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    for table, columns in CHILD_ROW_COLUMNS.items()
}
*_first_children, _last_child = CHILD_ROW_COLUMNS
_DELETE_CHILDREN = (
    "WITH "
    + ", ".join(f"d{n} AS (DELETE FROM {table} WHERE call_id = %(id)s)" for n, table in enumerate(_first_children))
    + f" DELETE FROM {_last_child} WHERE call_id = %(id)s"
)
_INDEX_CALL = (
    f"INSERT INTO call_search (call_id, document) SELECT call_id, {INDEX_DOCUMENT} FROM call_search_source "
    "WHERE call_id = %s ON CONFLICT (call_id) DO UPDATE SET document = EXCLUDED.document"
)


def _check_schema(cursor) -> None:
    """Take the schema lock (shared: ``team init`` waits for pushes in flight) and check the
    version, in the push's own transaction, before anything is written."""
    from psycopg import errors as pg

    try:
        row = cursor.execute(
            "SELECT pg_advisory_xact_lock_shared(%s), value FROM schema_info WHERE key = 'schema_version'",
            (SCHEMA_LOCK,),
        ).fetchone()
    except pg.UndefinedTable as exc:
        raise TeamSchemaError(
            "The database has no SalesDesk team schema: the admin sets it up with `salesdesk team init URL`."
        ) from exc
    version = int(row[1]) if row and str(row[1]).isdigit() else 0
    if version > SCHEMA_VERSION:
        raise TeamSchemaError(newer_message(version))
    if version != SCHEMA_VERSION:
        raise TeamSchemaError(
            f"The team server has team schema {version}; this SalesDesk needs {SCHEMA_VERSION}. The admin "
            "upgrades it with `salesdesk team init URL`; nothing was written to the server."
        )


def _existing(row: tuple | None, uid: str, revision: int, me: str) -> PushResult | None:
    """The result when the server already has this revision or a newer one (no writes)."""
    if row is None:
        return None
    stored, owner, _contact = row
    if owner != me:
        raise TeamPermissionError(
            f"The team server refused the call {uid}: it belongs to {owner}, and only they can change it."
        )
    if stored >= revision:
        return PushResult(uid, "unchanged" if stored == revision else "stale", stored)
    return None


_EXISTING = "SELECT revision, owner, contact_id FROM call WHERE uid = %s"
# The contact row's key, as the generated column computes it (schema.py).
_CONTACT_KEY = "md5(%s || chr(31) || %s || chr(31) || %s || chr(31) || %s)"


def _push(conn: TeamConnection, rows: _CallRows, revision: int) -> PushResult:
    """Few round trips (psycopg's pipeline mode): check and look up; write the call; write
    its parts and commit. The server's answers decide between them."""
    uid = rows.call.uid
    try:
        with conn.transaction() as raw, raw.pipeline():
            cursor = raw.cursor()
            _check_schema(cursor)
            (me,) = cursor.execute("SELECT current_user").fetchone()
            before = cursor.execute(_EXISTING, (uid,)).fetchone()
            known = _existing(before, uid, revision, me)
            if known is not None:
                return known
            cursor.execute(
                "INSERT INTO playbook_snapshot (digest, name, version, body, created_at) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (digest) DO NOTHING",
                rows.snapshot,
            )
            # DO UPDATE (not NOTHING) locks the row until commit, so another push's clean-up
            # of unused contacts cannot remove it under this one.
            cursor.execute(
                "INSERT INTO contact (name, company, email, phone, created_at) VALUES (%s, %s, %s, %s, %s) "
                "ON CONFLICT (owner, contact_key) DO UPDATE SET name = EXCLUDED.name",
                rows.contact,
            )
            # Separate statements: each sees what the one before wrote, or another push
            # committed meanwhile (the snapshot of another rep's first call with it).
            # ``owner = %s`` (not current_user): only a value lets the planner use the key's
            # index under row-level security.
            contact_id = f"(SELECT id FROM contact WHERE owner = %s AND contact_key = {_CONTACT_KEY})"
            snapshot_id = "(SELECT id FROM playbook_snapshot WHERE digest = %s)"
            marks, values = [], []
            for column, value in zip(_CALL_FIELDS, rows.call_values(0, 0), strict=True):
                if column == "contact_id":
                    marks.append(contact_id)
                    values += [me, *rows.contact[:4]]
                elif column == "playbook_id":
                    marks.append(snapshot_id)
                    values.append(rows.snapshot[0])
                else:
                    marks.append("%s")
                    values.append(value)
            written = cursor.execute(
                f"INSERT INTO call AS c ({_CALL_COLUMNS}, revision) VALUES ({', '.join(marks)}, %s) "
                f"ON CONFLICT (uid) DO UPDATE SET {_CALL_UPDATES}, revision = EXCLUDED.revision, changed_at = now() "
                "WHERE c.revision < EXCLUDED.revision RETURNING id, contact_id",
                (*values, revision),
            ).fetchone()
            if written is None:  # another push of this call won meanwhile: undo, and say what is there
                after = cursor.execute(_EXISTING, (uid,)).fetchone()
                raise _Outcome(_existing(after, uid, revision, me) or PushResult(uid, "stale", revision))
            call_id, new_contact = written
            cursor.execute(_DELETE_CHILDREN, {"id": call_id})
            children = rows.children(call_id)
            for table, sql in _CHILD_SQL.items():
                child_rows = children.tables[table]
                if child_rows:
                    cursor.executemany(sql, child_rows)
            cursor.execute(_INDEX_CALL, (call_id,))
            if before is not None and before[2] != new_contact:
                _drop_unused_contact(raw, before[2])
            return PushResult(uid, "written", revision)
    except _Outcome as outcome:
        return outcome.result


def _drop_unused_contact(raw, contact_id: int) -> None:
    """The call moved to another contact row (its contact was edited): drop the old row if
    no call uses it any more. A row another push is using (locked) is skipped, never waited
    for; a race the lock does not cover only leaves the row in place."""
    from psycopg import errors as pg

    try:
        with raw.transaction():  # a savepoint
            raw.execute(
                "DELETE FROM contact WHERE id IN (SELECT k.id FROM contact AS k WHERE k.id = %s "
                "AND k.owner = current_user AND NOT EXISTS (SELECT 1 FROM call WHERE call.contact_id = k.id) "
                "FOR UPDATE SKIP LOCKED)",
                (contact_id,),
            )
    except pg.ForeignKeyViolation:
        pass
