"""Pushing calls to the team server: whole calls, in one server transaction.

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

``push_call`` pushes one call; ``push_calls`` a batch (a backlog after a while offline)
in one transaction with the same contract for each of its calls: the batch is written
whole or not at all, so no call in it is ever half-written; each call is written, or
answered "unchanged" or "stale", by its own uid and revision, exactly as alone. The
transaction costs a few round trips and one commit however many calls it holds, where
one call at a time costs them per call.

Retrying is the caller's job (the sync worker), with two exceptions, retried here at once:
a deadlock or serialization failure the server reports, and a connection found dead at
the first statement or lost before the commit was confirmed (once, on a new connection:
if the server is really gone, that fails within the connect timeout). Both are safe
because a push is idempotent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from salesdesk.core.call import CallState
from salesdesk.core.calls_file import FORMAT_NAME, FORMAT_VERSION, CallsFileError, PlaybookMatcher, parse_calls
from salesdesk.core.playbook import Playbook
from salesdesk.storage.rows import CALL_ROW_COLUMNS, CHILD_ROW_COLUMNS, ChildRows, call_row
from salesdesk.team.connection import SCHEMA, TeamConnection
from salesdesk.team.errors import TeamError, TeamPermissionError, TeamSchemaError, TeamUnavailableError
from salesdesk.team.schema import INDEX_DOCUMENT, SCHEMA_LOCK, SCHEMA_VERSION, newer_message

#: Transient server refusals (deadlock, serialization failure) are retried this often.
ATTEMPTS = 3
#: Calls per transaction for a backlog (push_calls): a round trip and a commit for a
#: hundred calls instead of for each, while a batch stays far from the statement timeout
#: (about a second for a hundred calls of ten notes on a busy two-core server).
BATCH_CALLS = 100


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


@dataclass(frozen=True, slots=True)
class PendingCall:
    """A call to push: its JSON (a dict, or its text), its revision, and the playbook it was
    made with if known (see ``push_call``)."""

    document: str | bytes | dict
    revision: int
    playbook: Playbook | None = None


def push_call(
    conn: TeamConnection, call_document: str | bytes | dict, revision: int, *, playbook: Playbook | None = None
) -> PushResult:
    """Write the call to the server as revision ``revision`` (see the module's contract).

    ``playbook``: the playbook the call was made with, if known (the local snapshot). It is
    stored as the call's snapshot when it renders the document exactly as the document
    says (so calls share snapshots, and their digest is the one a published team playbook
    has); otherwise the snapshot rebuilt from the document is stored."""
    return push_calls(conn, [PendingCall(call_document, revision, playbook)])[0]


def push_calls(conn: TeamConnection, calls: Sequence[PendingCall]) -> list[PushResult]:
    """Write these calls to the server in one transaction; their results, in their order.

    Each call as ``push_call`` would write it (written, unchanged or stale by its own uid
    and revision), and the batch whole or not at all. Everything is checked before the
    server is asked: a document that does not read, a revision that is not a whole number
    from 1 or a uid twice in the batch is a TeamError naming the call, and nothing is
    pushed. A uid the server holds for a teammate: TeamPermissionError, nothing written.
    Use batches of about BATCH_CALLS."""
    batch = _prepare(calls)
    from psycopg import errors as pg

    reconnected = False
    for attempt in range(ATTEMPTS):
        try:
            with conn.guard():
                return _push(conn, batch)
        except TeamUnavailableError as exc:
            last = attempt + 1 == ATTEMPTS
            if not last and isinstance(exc.__cause__, pg.DeadlockDetected | pg.SerializationFailure):
                continue
            if not last and not reconnected and conn.db.is_closed():
                reconnected = True  # guard() dropped the dead connection: this opens a new one
                continue
            raise
    raise AssertionError("unreachable")


def check_server(conn: TeamConnection) -> str:
    """The login, once the server is known to have this SalesDesk's team schema
    (TeamSchemaError, before anything is written, when it has not)."""
    with conn.guard(), conn.transaction() as raw:
        cursor = raw.cursor()
        _check_schema(cursor)
        (me,) = cursor.execute("SELECT current_user").fetchone()
    return me


def _prepare(calls: Sequence[PendingCall]) -> list[_CallRows]:
    """The rows of each call, read and checked as an import reads them."""
    matchers: dict[int, tuple[Playbook, PlaybookMatcher]] = {}  # id(playbook) -> it, its matcher
    snapshots: dict[int, tuple[Playbook, tuple]] = {}  # id(playbook) -> it, its snapshot row
    now = datetime.now(UTC).replace(tzinfo=None)
    batch: list[_CallRows] = []
    seen: dict[str, int] = {}
    for index, pending in enumerate(calls):
        where = f" (call {index + 1} of the {len(calls)} in the batch; nothing was pushed)" if len(calls) > 1 else ""
        revision = pending.revision
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
            raise TeamError(f"A revision is a whole number from 1, not {revision!r}{where}.")
        try:
            call = read_call_document(pending.document)
        except TeamError as exc:
            raise TeamError(f"{exc}{where}") from exc
        if call.uid in seen:
            raise TeamError(
                f"The call {call.uid} is in the batch twice (calls {seen[call.uid] + 1} and {index + 1}); "
                "nothing was pushed."
            )
        seen[call.uid] = index
        if pending.playbook is not None:
            known = matchers.get(id(pending.playbook))
            if known is None:
                known = matchers[id(pending.playbook)] = (pending.playbook, PlaybookMatcher([pending.playbook]))
            call = known[1].adopt(call)
        snapshot = snapshots.get(id(call.playbook))
        if snapshot is None:  # digest and JSON once per playbook of the batch, not per call
            snapshot = snapshots[id(call.playbook)] = (call.playbook, _snapshot_row(call.playbook, now))
        batch.append(_CallRows(call, revision, snapshot[1], now))
    return batch


def _snapshot_row(playbook: Playbook, now: datetime) -> tuple:
    return (playbook.digest(), playbook.name, playbook.version, playbook.to_json(), now)


class _Outcome(Exception):  # noqa: N818 (not an error: ends the transaction with a rollback)
    def __init__(self, results: list[PushResult]):
        self.results = results


class _CallRows:
    """The rows of one call, as the local import writes them (storage/rows.py)."""

    def __init__(self, call: CallState, revision: int, snapshot: tuple, now: datetime):
        self.call = call
        self.revision = revision
        self.now = now
        self.snapshot = snapshot
        contact = call.contact
        self.contact_key = (contact.name, contact.company, contact.email, contact.phone)

    def call_values(self, contact_id: int, snapshot_id: int) -> tuple:
        return (*call_row(self.call, self.call.uid, contact_id, snapshot_id, self.now), self.revision)

    def add_children(self, rows: ChildRows, call_id: int) -> None:
        rows.add(call_id, self.call, self.now)


#: The call row's and the per-call tables' columns as the local import writes them
#: (storage/rows.py), so a new local column (with its team schema step) needs no change here.
_CALL_FIELDS = CALL_ROW_COLUMNS
_CALL_UPDATES = ", ".join(f"{column} = EXCLUDED.{column}" for column in _CALL_FIELDS if column != "uid")
*_first_children, _last_child = CHILD_ROW_COLUMNS
_DELETE_CHILDREN = (
    "WITH "
    + ", ".join(f"d{n} AS (DELETE FROM {t} WHERE call_id = ANY(%(ids)s))" for n, t in enumerate(_first_children))
    + f" DELETE FROM {_last_child} WHERE call_id = ANY(%(ids)s)"
)
_INDEX_CALLS = (
    f"INSERT INTO call_search (call_id, document) SELECT call_id, {INDEX_DOCUMENT} FROM call_search_source "
    "WHERE call_id = ANY(%s) ON CONFLICT (call_id) DO UPDATE SET document = EXCLUDED.document"
)


#: The SQL type of each column the push writes, as the server has it (so a column a new
#: team schema step adds needs nothing here): {table: {column: type}}.
_COLUMN_TYPES = (
    "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute AS a "
    "JOIN pg_class AS c ON c.oid = a.attrelid WHERE c.relnamespace = %s::regnamespace AND c.relname = ANY(%s) "
    "AND a.attnum > 0 AND NOT a.attisdropped"
)
_WRITTEN_TABLES = ["playbook_snapshot", "contact", "call", *CHILD_ROW_COLUMNS]


def _column_types(rows: list[tuple]) -> dict[str, dict[str, str]]:
    types: dict[str, dict[str, str]] = {}
    for table, column, sql_type in rows:
        types.setdefault(table, {})[column] = sql_type
    return types


def _insert_rows(cursor, types: dict, table: str, columns: Sequence[str], rows: Sequence[tuple], *, tail: str = ""):
    """One INSERT of all the rows, a typed array per column (unnest): one statement and a
    parameter per column however many rows, where a VALUES list per row costs a statement
    or thousands of parameters (which the driver parses in Python). ``tail``: what
    follows (ON CONFLICT, RETURNING). Returns the cursor (fetch a RETURNING from it)."""
    arrays = [list(values) for values in zip(*rows, strict=True)] if rows else [[] for _ in columns]
    casts = ", ".join(f"%b::{types[table][column]}[]" for column in columns)
    alias = " AS c" if table == "call" else ""
    cursor.execute(f"INSERT INTO {table}{alias} ({', '.join(columns)}) SELECT * FROM unnest({casts}) {tail}", arrays)
    return cursor


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


_EXISTING = "SELECT uid, revision, owner, contact_id FROM call WHERE uid = ANY(%s)"


def _push(conn: TeamConnection, batch: list[_CallRows]) -> list[PushResult]:
    """Few round trips (psycopg's pipeline mode), however many calls: check and look up;
    write the snapshots and contacts; write the calls; write their parts and commit. The
    server's answers decide between them. Rows are written in a fixed order (by uid,
    contact, digest), so two batches of one rep wait for each other instead of deadlocking."""
    results: dict[str, PushResult] = {}
    try:
        with conn.transaction() as raw, raw.pipeline():
            cursor = raw.cursor()
            _check_schema(cursor)
            (me,) = cursor.execute("SELECT current_user").fetchone()
            types = _column_types(raw.execute(_COLUMN_TYPES, (SCHEMA, _WRITTEN_TABLES)).fetchall())
            before = {row[0]: row[1:] for row in cursor.execute(_EXISTING, ([r.call.uid for r in batch],)).fetchall()}
            todo = []
            for rows in batch:
                uid = rows.call.uid
                known = _existing(before.get(uid), uid, rows.revision, me)
                if known is None:
                    todo.append(rows)
                else:
                    results[uid] = known
            if not todo:
                return [results[rows.call.uid] for rows in batch]
            todo.sort(key=lambda rows: rows.call.uid)
            snapshots = {rows.snapshot[0]: rows.snapshot for rows in todo}
            _insert_rows(
                cursor,
                types,
                "playbook_snapshot",
                ("digest", "name", "version", "body", "created_at"),
                [snapshots[digest] for digest in sorted(snapshots)],
                tail="ON CONFLICT (digest) DO NOTHING",
            )
            # After the insert: its own rows, or those another push committed meanwhile. (A
            # cursor of its own: its answer is read after the contacts' statement.)
            snapshot_ids = raw.execute(
                "SELECT digest, id FROM playbook_snapshot WHERE digest = ANY(%s)", (sorted(snapshots),)
            )
            # DO UPDATE (not NOTHING) locks each row until commit, so another push's clean-up
            # of unused contacts cannot remove it under this one; and it returns every row.
            now = todo[0].now
            contact_rows = _insert_rows(
                cursor,
                types,
                "contact",
                ("name", "company", "email", "phone", "created_at"),
                [(*key, now) for key in sorted({rows.contact_key for rows in todo})],
                tail="ON CONFLICT (owner, contact_key) DO UPDATE SET name = EXCLUDED.name "
                "RETURNING name, company, email, phone, id",
            ).fetchall()
            contact_ids = {tuple(row[:4]): row[4] for row in contact_rows}
            snapshot_of = dict(snapshot_ids.fetchall())
            call_rows = _insert_rows(
                cursor,
                types,
                "call",
                (*_CALL_FIELDS, "revision"),
                [rows.call_values(contact_ids[rows.contact_key], snapshot_of[rows.snapshot[0]]) for rows in todo],
                tail=f"ON CONFLICT (uid) DO UPDATE SET {_CALL_UPDATES}, revision = EXCLUDED.revision, "
                "changed_at = now() WHERE c.revision < EXCLUDED.revision RETURNING uid, id, contact_id",
            ).fetchall()
            written = {uid: (call_id, contact_id) for uid, call_id, contact_id in call_rows}
            # A call another push of it wrote meanwhile (a newer or the same revision) is not
            # written by this one: say what the server has, as if this had come second.
            lost = [rows for rows in todo if rows.call.uid not in written]
            if lost:
                after = {row[0]: row[1:] for row in cursor.execute(_EXISTING, ([r.call.uid for r in lost],)).fetchall()}
                for rows in lost:
                    uid = rows.call.uid
                    results[uid] = _existing(after.get(uid), uid, rows.revision, me) or PushResult(
                        uid, "stale", rows.revision
                    )
            if not written:  # nothing of this batch was written: leave no snapshot or contact behind
                raise _Outcome([results[rows.call.uid] for rows in batch])
            ids = [written[rows.call.uid][0] for rows in todo if rows.call.uid in written]
            cursor.execute(_DELETE_CHILDREN, {"ids": ids})
            children = ChildRows()
            for rows in todo:
                if rows.call.uid in written:
                    rows.add_children(children, written[rows.call.uid][0])
            for table, columns in CHILD_ROW_COLUMNS.items():
                child_rows = children.tables[table]
                if child_rows:
                    _insert_rows(cursor, types, table, columns, child_rows)
            cursor.execute(_INDEX_CALLS, (ids,))
            # Contact rows no call may use any more: the old contact of a call whose contact
            # changed (it was edited), and the contact of a call another push won.
            unused = {before[uid][2] for uid in written if uid in before and before[uid][2] != written[uid][1]}
            unused |= {contact_ids[rows.contact_key] for rows in lost}
            if unused:
                _drop_unused_contacts(raw, sorted(unused))
            for rows in todo:
                if rows.call.uid in written:
                    results[rows.call.uid] = PushResult(rows.call.uid, "written", rows.revision)
            return [results[rows.call.uid] for rows in batch]
    except _Outcome as outcome:
        return outcome.results


def _drop_unused_contacts(raw, contact_ids: list[int]) -> None:
    """Drop these contact rows of the rep where no call uses them any more (a call moved to
    another contact row: its contact was edited). A row another push is using (locked) is
    skipped, never waited for; a race the lock does not cover only leaves a row in place."""
    from psycopg import errors as pg

    try:
        with raw.transaction():  # a savepoint
            raw.execute(
                "DELETE FROM contact WHERE id IN (SELECT k.id FROM contact AS k WHERE k.id = ANY(%s) "
                "AND k.owner = current_user AND NOT EXISTS (SELECT 1 FROM call WHERE call.contact_id = k.id) "
                "FOR UPDATE SKIP LOCKED)",
                (contact_ids,),
            )
    except pg.ForeignKeyViolation:
        pass
