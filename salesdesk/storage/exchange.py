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
from salesdesk.core.exchange import ImportResult, PlaybookMatcher, gc_paused
from salesdesk.core.export import CallFilter
from salesdesk.core.playbook import QUALIFICATION_FIELDS, Playbook, playbook_from_json
from salesdesk.core.qualification import QualificationDetails
from salesdesk.storage import search
from salesdesk.storage import tables as m
from salesdesk.storage.store import _guarded

#: The typed qualification columns, in QualificationDetails' field order.
DETAIL_FIELDS = (
    "budget_min",
    "budget_max",
    "budget_currency",
    "decision_date",
    "decision_maker",
    "decision_maker_role",
)

#: The typed qualification columns, in QualificationDetails' field order.
DETAIL_FIELDS = (
    "budget_min",
    "budget_max",
    "budget_currency",
    "decision_date",
    "decision_maker",
    "decision_maker_role",
)

#: Ids per ``IN (...)`` list: well below every backend's limit on query parameters.
CHUNK = 500
#: A run of at least this many ids filling half its range is read with one BETWEEN.
DENSE_RUN = 50


def _moment(value: datetime | str | None) -> datetime | None:
    """A stored (naive UTC) time as an aware one: text from SQLite, a datetime from others."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")  # one C call; the value has no offset
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _to_db(moment: datetime) -> datetime:
    """Aware -> naive UTC, the storage convention."""
    return (moment if moment.tzinfo is UTC else moment.astimezone(UTC)).replace(tzinfo=None)


def _rows(query) -> list[tuple]:
    """Raw rows of a query (on its models' database): no model instances, no per-value conversion."""
    return list(query.model._meta.database.execute(query).fetchall())


def _id_batches(ids: Sequence[int]) -> list[tuple[int, int, list[int] | None]]:
    """How to fetch the rows of these calls in few queries: ``(low, high, None)`` for a run of
    ids that fills at least half of its range (one BETWEEN; the few rows not wanted are
    dropped in Python), ``(0, 0, ids)`` for the scattered rest (IN lists of CHUNK ids)."""
    ordered = sorted(set(ids))
    dense: list[tuple[int, int, list[int] | None]] = []
    scattered: list[int] = []
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and ordered[end] - ordered[start] < 2 * (end - start + 1):
            end += 1
        if end - start >= DENSE_RUN:
            dense.append((ordered[start], ordered[end - 1], None))
            start = end
        else:
            scattered.append(ordered[start])
            start += 1
    return dense + [(0, 0, chunk) for chunk in chunked(scattered, CHUNK)]


def _where_call(column, batch: tuple[int, int, list[int] | None]):
    low, high, listed = batch
    return column.in_(listed) if listed is not None else column.between(low, high)


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
def load_calls(
    call_ids: Sequence[int],
    playbooks: dict[int, Playbook] | None = None,
    *,
    checklist_and_answers: bool = True,
    tables=None,
) -> list[CallState]:
    """The calls with these ids, complete, in the order given (unknown ids are left out).

    Each table is read in a few queries (id ranges where the ids are dense, IN lists where
    they are sparse), never one query per call. ``playbooks`` caches parsed snapshots by id.
    ``checklist_and_answers=False`` leaves ticks and answers empty, for a CSV export, which
    has no column for them (they are most of the rows). ``tables``: other models with the
    same names and fields (the team server's, salesdesk/team/tables.py); the local ones
    by default."""
    with gc_paused():
        return _load_calls(call_ids, {} if playbooks is None else playbooks, checklist_and_answers, tables or m)


def _load_calls(
    call_ids: Sequence[int], playbooks: dict[int, Playbook], checklist_and_answers: bool, m=m
) -> list[CallState]:
    wanted = set(call_ids)
    calls: dict[int, CallState] = {}
    snapshot_of: dict[int, int] = {}
    batches = _id_batches(call_ids)
    for batch in batches:
        query = (
            m.Call.select(
                m.Call.id,
                m.Call.uid,
                m.Call.playbook,
                m.Call.started_at,
                m.Call.ended_at,
                m.Call.stage,
                m.Call.stage_entered_at,
                m.Call.furthest_stage,
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
            .where(_where_call(m.Call.id, batch))
        )
        for row in _rows(query):
            cid, uid, snapshot, started, ended, stage, entered, furthest, outcome, step, due, kid, *contact = row
            name, company, email, phone = contact
            if cid not in wanted:
                continue
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
                stage_entered_at=_moment(entered),
                furthest_stage=furthest,
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

    q_columns = [getattr(m.Qualification, name) for name in (*QUALIFICATION_FIELDS, *DETAIL_FIELDS)]
    t, a, o, n, cue = m.ChecklistTick, m.Answer, m.ObjectionLog, m.Note, m.CallCue
    texts = len(QUALIFICATION_FIELDS)
    for batch in batches:
        query = m.Qualification.select(m.Qualification.call, *q_columns)
        for call_id, *values in _rows(query.where(_where_call(m.Qualification.call, batch))):
            if call_id in calls:
                calls[call_id].qualification = dict(zip(QUALIFICATION_FIELDS, values[:texts], strict=True))
                details = dict(zip(DETAIL_FIELDS, values[texts:], strict=True))
                details["decision_date"] = _day(details["decision_date"])
                calls[call_id].details = QualificationDetails(**details)
        for call_id, key, response in _rows(
            cue.select(cue.call, cue.key, cue.response).where(_where_call(cue.call, batch))
        ):
            if call_id in calls:
                calls[call_id].cues[key] = response
        if checklist_and_answers:
            query = t.select(t.call, t.stage, t.item, t.done_at).where(_where_call(t.call, batch))
            for call_id, stage, item, done_at in _rows(query):
                if call_id in calls:
                    calls[call_id].ticks[(stage, item)] = _moment(done_at)
            query = a.select(a.call, a.question, a.answer).where(_where_call(a.call, batch))
            for call_id, question, answer in _rows(query):
                if call_id in calls:
                    calls[call_id].answers[question] = answer
        query = (
            o.select(o.call, o.id, o.key, o.title, o.raised_at, o.handled, o.note)
            .where(_where_call(o.call, batch))
            .order_by(o.call, o.raised_at, o.id)
        )
        for call_id, oid, key, title, raised, handled, note in _rows(query):
            if call_id in calls:
                calls[call_id].objections.append(ObjectionEntry(oid, key, title, _moment(raised), bool(handled), note))
        query = (
            n.select(n.call, n.id, n.at, n.text, n.draft).where(_where_call(n.call, batch)).order_by(n.call, n.at, n.id)
        )
        for call_id, nid, at, text, draft in _rows(query):
            if call_id in calls:
                calls[call_id].notes.append(NoteEntry(nid, _moment(at), text, bool(draft)))
    return [calls[cid] for cid in call_ids if cid in calls]


def export_calls(call_filter: CallFilter | None = None, *, for_csv: bool = False) -> list[CallState]:
    """Every call matching the filter, oldest first, complete (``for_csv``: without the
    checklist ticks and answers, which a CSV row does not show)."""
    return load_calls([s.id for s in call_summaries(call_filter)], checklist_and_answers=not for_csv)


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
    The rows are written by ``_insert_calls`` (calls) and ``_ChildRows.flush`` (the rest),
    then indexed for full-text search in the same transaction.
    """
    with gc_paused(), m.database.atomic():
        fresh = _new_calls(calls)
        snapshots = _SnapshotIds()
        contacts = _ContactIds()
        now = _to_db(utcnow())
        contacts.create_missing([call.contact for call in fresh], now)
        matcher = PlaybookMatcher(installed)
        rows = []
        for done, read in enumerate(fresh, start=1):
            call = matcher.adopt(read)
            rows.append((call, contacts.id_for(call.contact), snapshots.id_for(call.playbook)))
            if progress is not None and done % 1000 == 0:
                progress(done, len(fresh))
        ids = _insert_calls(rows, now)
        children = _ChildRows()
        for (call, _contact, _snapshot), call_id in zip(rows, ids, strict=True):
            children.add(call_id, call, now)
        children.flush()
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
    """Contacts by (name, company, email, phone): an identical one is reused, the others are
    created together (``create_missing``) and read back by those four fields."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, str, str], int] = {}
        c = m.Contact
        self._last_id = 0
        for cid, *fields in _rows(c.select(c.id, c.name, c.company, c.email, c.phone).order_by(c.id)):
            self._ids.setdefault(tuple(fields), cid)
            self._last_id = cid

    def create_missing(self, contacts: Sequence[Contact], now: datetime) -> None:
        new = {(k.name, k.company, k.email, k.phone) for k in contacts} - set(self._ids)
        if not new:
            return
        c = m.Contact
        _insert_many(c, [c.name, c.company, c.email, c.phone, c.created_at], [(*key, now) for key in sorted(new)])
        query = c.select(c.id, c.name, c.company, c.email, c.phone).where(c.id > self._last_id).order_by(c.id)
        for cid, *fields in _rows(query):
            self._ids.setdefault(tuple(fields), cid)

    def id_for(self, contact: Contact) -> int:
        return self._ids[(contact.name, contact.company, contact.email, contact.phone)]


def call_row_fields() -> list:
    """The columns of a new call row, in the order ``call_row`` gives their values."""
    c = m.Call
    return [
        c.uid,
        c.contact,
        c.playbook,
        c.playbook_name,
        c.playbook_version,
        c.started_at,
        c.ended_at,
        c.stage,
        c.outcome,
        c.next_step,
        c.next_step_due,
        c.stage_entered_at,
        c.furthest_stage,
        c.updated_at,
    ]


def call_row(call: CallState, uid: str, contact_id: int, snapshot_id: int, updated: datetime) -> tuple:
    """The values of a new call row (``call_row_fields``), in storage form."""
    return (
        uid,
        contact_id,
        snapshot_id,
        call.playbook.name,
        call.playbook.version,
        _to_db(call.started_at),
        _to_db(call.ended_at) if call.ended_at else None,
        call.stage,
        call.outcome,
        call.next_step,
        call.next_step_due,
        _to_db(call.stage_entered_at) if call.stage_entered_at else None,
        call.reached_stage_key,
        updated,
    )


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
        ids.update((uid, cid) for uid, cid in _rows(c.select(c.uid, c.id).where(c.uid.in_(chunk))))
    return [ids[uid] for uid in uids]


class _ChildRows:
    """Rows of the per-call tables, written in multi-row INSERTs."""

    def __init__(self) -> None:
        self.qualification: list[tuple] = []
        self.ticks: list[tuple] = []
        self.answers: list[tuple] = []
        self.objections: list[tuple] = []
        self.notes: list[tuple] = []
        self.cues: list[tuple] = []

    def add(self, call_id: int, call: CallState, now: datetime) -> None:
        details = (getattr(call.details, f) for f in DETAIL_FIELDS)
        self.qualification.append((call_id, *(call.qualification.get(f, "") for f in QUALIFICATION_FIELDS), *details))
        # When a cue was shown is not in the file; the call's start stands in for it.
        self.cues.extend((call_id, key, _to_db(call.started_at), response) for key, response in call.cues.items())
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

    def flush(self) -> None:
        q_fields = [
            m.Qualification.call,
            *(getattr(m.Qualification, f) for f in (*QUALIFICATION_FIELDS, *DETAIL_FIELDS)),
        ]
        t, a, o, n, cue = m.ChecklistTick, m.Answer, m.ObjectionLog, m.Note, m.CallCue
        for model, fields, rows in (
            (m.Qualification, q_fields, self.qualification),
            (t, [t.call, t.stage, t.item, t.done_at], self.ticks),
            (a, [a.call, a.question, a.answer, a.updated_at], self.answers),
            (o, [o.call, o.key, o.title, o.raised_at, o.handled, o.handled_at, o.note], self.objections),
            (n, [n.call, n.at, n.text, n.draft, n.updated_at], self.notes),
            (cue, [cue.call, cue.key, cue.shown_at, cue.response], self.cues),
        ):
            _insert_many(model, fields, rows)
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
