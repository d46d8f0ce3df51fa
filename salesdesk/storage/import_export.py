"""Many calls at once: listing, reading for exports, and importing a calls file.

Exports list the calls a filter takes and read them whole with the one reader (reader.py);
an import writes every new call of a file in one transaction, its rows made by rows.py,
so either every new call in the file is stored, or none is. Nothing here is
SQLite-specific.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from peewee import chunked

from salesdesk.core.call import CallState, Contact, utcnow
from salesdesk.core.calls_file import ImportResult, PlaybookMatcher, gc_paused
from salesdesk.core.filters import CallFilter
from salesdesk.core.playbook import Playbook
from salesdesk.storage import search
from salesdesk.storage import tables as m
from salesdesk.storage.guard import guarded
from salesdesk.storage.history import filter_conditions
from salesdesk.storage.reader import CHUNK, load_calls, raw_rows
from salesdesk.storage.rows import CALL_ROW_COLUMNS, CHILD_ROW_COLUMNS, ChildRows, call_row, from_db, to_db
from salesdesk.storage.snapshots import PlaybookSnapshots


@dataclass(frozen=True, slots=True)
class ListedCall:
    """One line of a call list (`salesdesk calls`, the calls an export takes): no playbook read;
    the History's rows are core.history.CallSummary."""

    id: int
    uid: str
    started_at: datetime
    ended_at: datetime | None
    name: str
    company: str
    email: str
    outcome: str


@guarded
def list_calls(call_filter: CallFilter | None = None, *, newest_first: bool = False) -> list[ListedCall]:
    """Calls matching the filter, in order of their start (oldest first unless asked)."""
    call_filter = call_filter or CallFilter()
    query = m.Call.select(
        m.Call.id,
        m.Call.uid,
        m.Call.started_at,
        m.Call.ended_at,
        m.Contact.name,
        m.Contact.company,
        m.Contact.email,
        m.Call.outcome,
    ).join(m.Contact, on=(m.Call.contact == m.Contact.id))
    conditions = filter_conditions(call_filter)
    if conditions:
        query = query.where(*conditions)
    if newest_first:
        query = query.order_by(m.Call.started_at.desc(), m.Call.id.desc())
    else:
        query = query.order_by(m.Call.started_at, m.Call.id)
    out = []
    # The parts of a contact or an outcome are matched here, not in SQL (CallFilter.matches_text).
    for cid, uid, started, ended, name, company, email, outcome in raw_rows(query):
        if call_filter.matches_text(name, company, email, outcome):
            out.append(ListedCall(cid, uid, from_db(started), from_db(ended), name, company, email, outcome))
    return out


@guarded
def latest_call_id() -> int | None:
    """The call a "this call" command means when none is running: the most recent one."""
    row = m.Call.select(m.Call.id).order_by(m.Call.started_at.desc(), m.Call.id.desc()).limit(1).tuples().first()
    return row[0] if row else None


def export_calls(call_filter: CallFilter | None = None, *, for_csv: bool = False) -> list[CallState]:
    """Every call matching the filter, oldest first, complete (``for_csv``: without the
    checklist ticks and answers, which a CSV row does not show)."""
    return load_calls([s.id for s in list_calls(call_filter)], checklist_and_answers=not for_csv)


# --------------------------------------------------------------------------- import


@guarded
def import_calls(
    calls: Sequence[CallState],
    installed: Sequence[Playbook] = (),
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Store the calls read from a calls file, in ONE transaction.

    A call already here is skipped: same ``uid``, or, for a call without one, same contact
    name and start. Each new call keeps its uid (a new one is made when the file has none).
    Its playbook snapshot is an ``installed`` playbook when that renders it identically,
    else the snapshot rebuilt from the file. Contacts are matched on all their fields.
    The rows are written by ``_insert_calls`` (calls) and ``_insert_children`` (the rest),
    then indexed for full-text search in the same transaction.
    """
    with gc_paused(), m.database.atomic():
        fresh = _new_calls(calls)
        snapshots = PlaybookSnapshots(one_transaction=True)
        contacts = _ContactIds()
        now = to_db(utcnow())
        contacts.create_missing([call.contact for call in fresh], now)
        matcher = PlaybookMatcher(installed)
        rows = []
        for done, read in enumerate(fresh, start=1):
            call = matcher.adopt(read)
            rows.append((call, contacts.id_for(call.contact), snapshots.id_for(call.playbook)))
            if progress is not None and done % 1000 == 0:
                progress(done, len(fresh))
        ids = _insert_calls(rows, now)
        children = ChildRows()
        for (call, _contact, _snapshot), call_id in zip(rows, ids, strict=True):
            children.add(call_id, call, now)
        insert_children(children)
        search.index_calls(ids)  # imported calls are found by search like any other
    return ImportResult(added=len(fresh), skipped=len(calls) - len(fresh))


def _insert_many(model, fields: list, rows: list[tuple]) -> None:
    """A prepared INSERT run once per row by the driver (executemany): Peewee builds the SQL
    once, in the backend's own dialect, instead of once per row."""
    if not rows:
        return
    sql, _params = model.insert_many([(None,) * len(fields)], fields=fields).sql()
    cursor = m.database.cursor()
    for batch in chunked(rows, 5000):
        cursor.executemany(sql, batch)


def _new_calls(calls: Sequence[CallState]) -> list[CallState]:
    """The calls not in the database yet (and not twice in the file)."""
    uids = [c.uid for c in calls if c.uid]
    known_uids: set[str] = set()
    for chunk in chunked(uids, CHUNK):
        known_uids.update(uid for (uid,) in raw_rows(m.Call.select(m.Call.uid).where(m.Call.uid.in_(chunk))))
    known_pairs: set[tuple[str, datetime]] = set()
    without_uid = [c for c in calls if not c.uid]
    if without_uid:
        names = sorted({c.contact.name for c in without_uid})
        for chunk in chunked(names, CHUNK):
            query = (
                m.Call.select(m.Contact.name, m.Call.started_at)
                .join(m.Contact, on=(m.Call.contact == m.Contact.id))
                .where(m.Contact.name.in_(chunk))
            )
            known_pairs.update((name, from_db(started)) for name, started in raw_rows(query))
    fresh = []
    for call in calls:
        if call.uid:
            if call.uid in known_uids:
                continue
            known_uids.add(call.uid)
        else:
            pair = (call.contact.name, call.started_at)
            if pair in known_pairs:
                continue
            known_pairs.add(pair)
        fresh.append(call)
    return fresh


class _ContactIds:
    """Contacts by (name, company, email, phone): an identical one is reused, the others are
    created together (``create_missing``) and read back by those four fields."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, str, str], int] = {}
        c = m.Contact
        self._last_id = 0
        for cid, *fields in raw_rows(c.select(c.id, c.name, c.company, c.email, c.phone).order_by(c.id)):
            self._ids.setdefault(tuple(fields), cid)
            self._last_id = cid

    def create_missing(self, contacts: Sequence[Contact], now: datetime) -> None:
        new = {(k.name, k.company, k.email, k.phone) for k in contacts} - set(self._ids)
        if not new:
            return
        c = m.Contact
        _insert_many(c, [c.name, c.company, c.email, c.phone, c.created_at], [(*key, now) for key in sorted(new)])
        query = c.select(c.id, c.name, c.company, c.email, c.phone).where(c.id > self._last_id).order_by(c.id)
        for cid, *fields in raw_rows(query):
            self._ids.setdefault(tuple(fields), cid)

    def id_for(self, contact: Contact) -> int:
        return self._ids[(contact.name, contact.company, contact.email, contact.phone)]


def call_row_fields() -> list:
    """The local call table's fields of a new call row (rows.CALL_ROW_COLUMNS)."""
    return [m.Call._meta.columns[name] for name in CALL_ROW_COLUMNS]


def _insert_calls(rows: list[tuple[CallState, int, int]], now: datetime) -> list[int]:
    """Insert the call rows; returns their ids, in order."""
    uids = [call.uid or str(uuid.uuid4()) for call, _contact, _snapshot in rows]
    c = m.Call
    fields = call_row_fields()
    values = [
        call_row(call, uid, contact_id, snapshot_id, now)
        for uid, (call, contact_id, snapshot_id) in zip(uids, rows, strict=True)
    ]
    _insert_many(c, fields, values)
    ids: dict[str, int] = {}
    for chunk in chunked(uids, CHUNK):
        ids.update((uid, cid) for uid, cid in raw_rows(c.select(c.uid, c.id).where(c.uid.in_(chunk))))
    return [ids[uid] for uid in uids]


#: The local tables by SQL name.
_TABLES = {model._meta.table_name: model for model in m.ALL_MODELS}


def insert_children(children: ChildRows) -> None:
    """Write the per-call rows gathered in ``children`` (and clear it)."""
    for table, columns in CHILD_ROW_COLUMNS.items():
        model = _TABLES[table]
        _insert_many(model, [model._meta.columns[name] for name in columns], children.tables[table])
    children.clear()


@contextmanager
def thread_connection() -> Iterator[None]:
    """For work on a worker thread: Peewee opens a connection per thread on first use; this
    closes the worker's own one afterwards (the UI thread's connection is untouched)."""
    try:
        yield
    finally:
        if not m.database.is_closed():
            m.database.close()
