"""Many calls at once: listing, bulk reading for exports, and importing a calls file.

Exports read each table in a few bulk queries (chunks of call ids), never one query per
call, and read raw rows (``database.execute``) to skip Peewee's per-value conversions; the
datetime helpers accept both what SQLite returns (text) and what PostgreSQL returns
(datetime objects), so nothing here is SQLite-specific.

An import is one transaction: either every new call in the file is stored, or none is.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

from peewee import chunked

from salesdesk.core.call import CallState, Contact, NoteEntry, ObjectionEntry, utcnow
from salesdesk.core.exchange import ImportResult, adopt_playbook
from salesdesk.core.export import CallFilter
from salesdesk.core.playbook import QUALIFICATION_FIELDS, Playbook, playbook_from_json
from salesdesk.storage import models as m
from salesdesk.storage.store import _guarded

#: Ids per ``IN (...)`` list: well below every backend's limit on query parameters.
CHUNK = 500
#: Rows per multi-row INSERT (SQLite allows 32,766 parameters per statement).
INSERT_BATCH = 400


def _moment(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _to_db(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _rows(query) -> list[tuple]:
    """Raw rows of a query: no model instances, no per-value conversion."""
    return list(m.database.execute(query).fetchall())


@dataclass(frozen=True, slots=True)
class CallSummary:
    """One line of a call list."""

    id: int
    uid: str
    started_at: datetime
    ended_at: datetime | None
    name: str
    company: str
    email: str
    outcome: str


@_guarded
def call_summaries(call_filter: CallFilter | None = None, *, newest_first: bool = False) -> list[CallSummary]:
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
    if call_filter.since is not None:
        query = query.where(m.Call.started_at >= _to_db(call_filter.since))
    if call_filter.until is not None:
        query = query.where(m.Call.started_at < _to_db(call_filter.until))
    if newest_first:
        query = query.order_by(m.Call.started_at.desc(), m.Call.id.desc())
    else:
        query = query.order_by(m.Call.started_at, m.Call.id)
    out = []
    # Text filters run here, not in SQL: casefold() matches "élodie" to "Élodie" on any backend.
    for cid, uid, started, ended, name, company, email, outcome in _rows(query):
        if call_filter.matches_text(name, company, email, outcome):
            out.append(CallSummary(cid, uid, _moment(started), _moment(ended), name, company, email, outcome))
    return out


@_guarded
def latest_call_id() -> int | None:
    """The call a "this call" command means when none is running: the most recent one."""
    row = m.Call.select(m.Call.id).order_by(m.Call.started_at.desc(), m.Call.id.desc()).limit(1).tuples().first()
    return row[0] if row else None


@_guarded
def load_calls(call_ids: Sequence[int], playbooks: dict[int, Playbook] | None = None) -> list[CallState]:
    """The calls with these ids, complete, in the order given (unknown ids are left out).

    ``playbooks`` caches parsed snapshots by id across calls (CallStore keeps one too)."""
    playbooks = {} if playbooks is None else playbooks
    calls: dict[int, CallState] = {}
    snapshot_of: dict[int, int] = {}
    for chunk in chunked(call_ids, CHUNK):
        query = (
            m.Call.select(
                m.Call.id,
                m.Call.uid,
                m.Call.playbook,
                m.Call.started_at,
                m.Call.ended_at,
                m.Call.stage,
                m.Call.outcome,
                m.Call.next_step,
                m.Call.next_step_due,
                m.Contact.id,
                m.Contact.name,
                m.Contact.company,
                m.Contact.email,
                m.Contact.phone,
            )
            .join(m.Contact, on=(m.Call.contact == m.Contact.id))
            .where(m.Call.id.in_(chunk))
        )
        for cid, uid, snapshot, started, ended, stage, outcome, step, due, kid, name, company, email, phone in _rows(
            query
        ):
            snapshot_of[cid] = snapshot
            calls[cid] = CallState(
                id=cid,
                uid=uid,
                contact=Contact(name, company, email, phone, id=kid),
                playbook=None,  # type: ignore[arg-type]  # set below, once per snapshot
                started_at=_moment(started),
                stage=stage,
                ended_at=_moment(ended),
                outcome=outcome,
                next_step=step,
                next_step_due=_day(due),
            )
    missing = sorted(set(snapshot_of.values()) - set(playbooks))
    for chunk in chunked(missing, CHUNK):
        query = m.PlaybookSnapshot.select(m.PlaybookSnapshot.id, m.PlaybookSnapshot.body).where(
            m.PlaybookSnapshot.id.in_(chunk)
        )
        for sid, body in _rows(query):
            playbooks[sid] = playbook_from_json(body)
    for cid, call in calls.items():
        call.playbook = playbooks[snapshot_of[cid]]

    ids = list(calls)
    q_columns = [getattr(m.Qualification, name) for name in QUALIFICATION_FIELDS]
    for chunk in chunked(ids, CHUNK):
        for call_id, *values in _rows(
            m.Qualification.select(m.Qualification.call, *q_columns).where(m.Qualification.call.in_(chunk))
        ):
            calls[call_id].qualification = dict(zip(QUALIFICATION_FIELDS, values, strict=True))
        t = m.ChecklistTick
        for call_id, stage, item, done_at in _rows(
            t.select(t.call, t.stage, t.item, t.done_at).where(t.call.in_(chunk))
        ):
            calls[call_id].ticks[(stage, item)] = _moment(done_at)
        a = m.Answer
        for call_id, question, answer in _rows(a.select(a.call, a.question, a.answer).where(a.call.in_(chunk))):
            calls[call_id].answers[question] = answer
        o = m.ObjectionLog
        query = (
            o.select(o.call, o.id, o.key, o.title, o.raised_at, o.handled, o.note)
            .where(o.call.in_(chunk))
            .order_by(o.call, o.raised_at, o.id)
        )
        for call_id, oid, key, title, raised, handled, note in _rows(query):
            calls[call_id].objections.append(ObjectionEntry(oid, key, title, _moment(raised), bool(handled), note))
        n = m.Note
        query = n.select(n.call, n.id, n.at, n.text, n.draft).where(n.call.in_(chunk)).order_by(n.call, n.at, n.id)
        for call_id, nid, at, text, draft in _rows(query):
            calls[call_id].notes.append(NoteEntry(nid, _moment(at), text, bool(draft)))
    return [calls[cid] for cid in call_ids if cid in calls]


def export_calls(call_filter: CallFilter | None = None) -> list[CallState]:
    """Every call matching the filter, oldest first, complete."""
    return load_calls([s.id for s in call_summaries(call_filter)])


# --------------------------------------------------------------------------- import


@_guarded
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

    Every call this stores goes through ``_insert_call``; the new calls' ids are in the result
    order of ``calls`` (skipped ones left out) via ``ImportResult``'s counts.
    """
    with m.database.atomic():
        fresh = _new_calls(calls)
        snapshots = _SnapshotIds()
        contacts = _ContactIds()
        children = _ChildRows()
        now = _to_db(utcnow())
        for done, read in enumerate(fresh, start=1):
            call = adopt_playbook(read, installed)
            call_id = _insert_call(call, contacts.id_for(call.contact), snapshots.id_for(call.playbook), now)
            children.add(call_id, call, now)
            if progress is not None and done % 500 == 0:
                progress(done, len(fresh))
        children.flush()
    return ImportResult(added=len(fresh), skipped=len(calls) - len(fresh))


def _new_calls(calls: Sequence[CallState]) -> list[CallState]:
    """The calls not in the database yet (and not twice in the file)."""
    uids = [c.uid for c in calls if c.uid]
    known_uids: set[str] = set()
    for chunk in chunked(uids, CHUNK):
        known_uids.update(uid for (uid,) in _rows(m.Call.select(m.Call.uid).where(m.Call.uid.in_(chunk))))
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
            known_pairs.update((name, _moment(started)) for name, started in _rows(query))
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


class _SnapshotIds:
    """Playbook snapshot rows by content digest, created when new."""

    def __init__(self) -> None:
        self._by_object: dict[int, int] = {}  # id(playbook) -> row id (installed ones repeat)
        self._by_digest: dict[str, int] = {}
        self._keep: list[Playbook] = []  # keeps id() values valid while cached

    def id_for(self, playbook: Playbook) -> int:
        row_id = self._by_object.get(id(playbook))
        if row_id is not None:
            return row_id
        digest = playbook.digest()
        row_id = self._by_digest.get(digest)
        if row_id is None:
            row = m.PlaybookSnapshot.select(m.PlaybookSnapshot.id).where(m.PlaybookSnapshot.digest == digest).first()
            if row is not None:
                row_id = row.id
            else:
                row_id = m.PlaybookSnapshot.insert(
                    digest=digest,
                    name=playbook.name,
                    version=playbook.version,
                    body=playbook.to_json(),
                    created_at=_to_db(utcnow()),
                ).execute()
            self._by_digest[digest] = row_id
        self._by_object[id(playbook)] = row_id
        self._keep.append(playbook)
        return row_id


class _ContactIds:
    """Contacts by (name, company, email, phone): reuse an identical one, else create it."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, str, str], int] = {}
        query = m.Contact.select(m.Contact.id, m.Contact.name, m.Contact.company, m.Contact.email, m.Contact.phone)
        for cid, *fields in _rows(query.order_by(m.Contact.id)):
            self._ids.setdefault(tuple(fields), cid)

    def id_for(self, contact: Contact) -> int:
        key = (contact.name, contact.company, contact.email, contact.phone)
        cid = self._ids.get(key)
        if cid is None:
            cid = m.Contact.insert(
                name=contact.name,
                company=contact.company,
                email=contact.email,
                phone=contact.phone,
                created_at=_to_db(utcnow()),
            ).execute()
            self._ids[key] = cid
        return cid


def _insert_call(call: CallState, contact_id: int, snapshot_id: int, now: datetime) -> int:
    return m.Call.insert(
        uid=call.uid or str(uuid.uuid4()),
        contact=contact_id,
        playbook=snapshot_id,
        playbook_name=call.playbook.name,
        playbook_version=call.playbook.version,
        started_at=_to_db(call.started_at),
        ended_at=_to_db(call.ended_at) if call.ended_at else None,
        stage=call.stage,
        outcome=call.outcome,
        next_step=call.next_step,
        next_step_due=call.next_step_due,
        updated_at=now,
    ).execute()


class _ChildRows:
    """Rows of the per-call tables, written in multi-row INSERTs."""

    def __init__(self) -> None:
        self.qualification: list[tuple] = []
        self.ticks: list[tuple] = []
        self.answers: list[tuple] = []
        self.objections: list[tuple] = []
        self.notes: list[tuple] = []

    def add(self, call_id: int, call: CallState, now: datetime) -> None:
        self.qualification.append((call_id, *(call.qualification.get(f, "") for f in QUALIFICATION_FIELDS)))
        self.ticks.extend((call_id, stage, item, _to_db(at)) for (stage, item), at in call.ticks.items())
        self.answers.extend((call_id, key, text, now) for key, text in call.answers.items())
        self.objections.extend(
            (
                call_id,
                o.key,
                o.title,
                _to_db(o.raised_at),
                o.handled,
                _to_db(o.raised_at) if o.handled else None,
                o.note,
            )
            for o in call.objections
        )
        self.notes.extend((call_id, _to_db(n.at), n.text, n.draft, now) for n in call.notes)
        if len(self.ticks) + len(self.notes) > 20 * INSERT_BATCH:
            self.flush()

    def flush(self) -> None:
        q_fields = [m.Qualification.call, *(getattr(m.Qualification, f) for f in QUALIFICATION_FIELDS)]
        t, a, o, n = m.ChecklistTick, m.Answer, m.ObjectionLog, m.Note
        for model, fields, rows in (
            (m.Qualification, q_fields, self.qualification),
            (t, [t.call, t.stage, t.item, t.done_at], self.ticks),
            (a, [a.call, a.question, a.answer, a.updated_at], self.answers),
            (o, [o.call, o.key, o.title, o.raised_at, o.handled, o.handled_at, o.note], self.objections),
            (n, [n.call, n.at, n.text, n.draft, n.updated_at], self.notes),
        ):
            for batch in chunked(rows, INSERT_BATCH):
                model.insert_many(batch, fields=fields).execute()
            rows.clear()


@contextmanager
def thread_connection() -> Iterator[None]:
    """For work on a worker thread: Peewee opens a connection per thread on first use; this
    closes the worker's own one afterwards (the UI thread's connection is untouched)."""
    try:
        yield
    finally:
        if not m.database.is_closed():
            m.database.close()
