"""Queries over past calls: history pages, follow-ups, "last time", insights, search.

Every query here is bounded or aggregated in SQL (keyset pages, LIMITs, GROUP BY), so none
of them hands all calls to Python; the slow ones are meant to run off the UI thread. Plain
Peewee, backend-neutral: date arithmetic comes from ``dialect`` and full-text search from
``search`` (the two SQLite-specific modules). The team server runs the same queries with its
own models, dialect and search (a ``QueryBackend``: salesdesk/team/reader.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import ModuleType
from typing import Any, NamedTuple

from peewee import SQL, Case, Tuple, fn

from salesdesk.core.filters import CallFilter
from salesdesk.core.history import (
    CallSummary,
    DayCount,
    FollowUp,
    HistoryColumn,
    HistoryPage,
    HistorySort,
    Insights,
    LastTime,
    ObjectionCount,
    PastAnswer,
    PastObjection,
    SearchHit,
    SearchResult,
    StageCount,
    summarise,
)
from salesdesk.core.playbook import QUALIFICATION_FIELDS
from salesdesk.core.qualification import format_budget
from salesdesk.storage import dialect, search
from salesdesk.storage import tables as m
from salesdesk.storage.guard import guarded
from salesdesk.storage.rows import contact_from_row, from_db, to_db
from salesdesk.storage.snapshots import PlaybookSnapshots

PAGE_SIZE = 200
#: The history sorts rows without a due date after all others (ascending).
_NO_DUE = date(9999, 12, 31)
LAST_TIME_CALLS = 3
#: Answers to playbook questions in "last time", after the (at most four) qualification facts.
LAST_TIME_ANSWERS = 6
TOP_OBJECTIONS = 8


class QueryBackend(NamedTuple):
    """What the queries run on: the models (storage.tables, or the same names and fields
    elsewhere), the date arithmetic (a ``dialect`` module) and the full-text search (with
    ``matching_ids`` and ``search`` as storage/search.py)."""

    models: Any
    dialect: ModuleType
    search: Any


LOCAL = QueryBackend(m, dialect, search)


def filter_conditions(flt: CallFilter, backend: QueryBackend = LOCAL) -> list:
    """The SQL conditions of ``flt`` on ``backend``'s calls: every query that takes a filter
    (history pages, counts, insights, the exports' call list) uses these. ``contact`` and
    ``outcome_contains`` are not among them: ``CallFilter.matches_text`` checks those on the
    rows (folding case beyond ASCII, which SQL does not do)."""
    m, _dialect, search = backend
    c = m.Call
    conditions = []
    if flt.text.strip():
        ids = search.matching_ids(flt.text)
        if ids is not None:
            conditions.append(c.id.in_(ids))
    if flt.outcome is not None:
        conditions.append(c.outcome == flt.outcome)
    if flt.since is not None:
        conditions.append(c.started_at >= to_db(flt.since))
    if flt.until is not None:
        conditions.append(c.started_at < to_db(flt.until))
    if flt.playbook is not None:
        conditions.append(c.playbook_name == flt.playbook)
    return conditions


class HistoryQueries:
    """Read-only queries about past calls. Obtain it as ``CallStore.history``.

    ``snapshots`` names stages and questions (the playbook of each call's snapshot, read
    from the backend's tables); ``backend`` the models, dialect and search to use. Each
    method first takes what it uses from the backend (``m = self._backend.models``), so its
    body reads as it would with the local modules."""

    def __init__(self, snapshots: PlaybookSnapshots, backend: QueryBackend = LOCAL):
        self._snapshots = snapshots
        self._backend = backend

    # ------------------------------------------------------------------ helpers

    def _stage_title(self, snapshot_id: int, key: str) -> str:
        stage = self._snapshots.playbook(snapshot_id).stage(key)
        return stage.title if stage else key

    def _summary(self, row) -> CallSummary:
        (
            call_id,
            started,
            ended,
            stage,
            outcome,
            next_step,
            due,
            playbook_id,
            playbook_name,
            contact_id,
            name,
            company,
            email,
            phone,
            reached,
            *_rest,
        ) = row
        return CallSummary(
            id=call_id,
            started_at=from_db(started),
            ended_at=from_db(ended),
            contact=contact_from_row((contact_id, name, company, email, phone)),
            stage=stage,
            stage_title=self._stage_title(playbook_id, stage),
            outcome=outcome,
            next_step=next_step,
            next_step_due=due,
            playbook_name=playbook_name,
            reached_stage=reached,
            reached_title=self._stage_title(playbook_id, reached),
        )

    def _summary_columns(self) -> list:
        m = self._backend.models
        c, k = m.Call, m.Contact
        return [
            c.id,
            c.started_at,
            c.ended_at,
            c.stage,
            c.outcome,
            c.next_step,
            c.next_step_due,
            c.playbook,
            c.playbook_name,
            k.id,
            k.name,
            k.company,
            k.email,
            k.phone,
            c.furthest_stage,
        ]

    def _conditions(self, flt: CallFilter) -> list:
        if flt.contact or flt.outcome_contains:
            # Pages, counts and aggregates are made in SQL; those parts are matched on rows.
            raise ValueError("the history finds contacts and outcomes by words (text) or the exact outcome")
        return filter_conditions(flt, self._backend)

    def _sort_key(self, column: HistoryColumn):
        m, dialect, _search = self._backend
        c, k = m.Call, m.Contact
        return {
            HistoryColumn.STARTED: c.started_at,
            HistoryColumn.CONTACT: fn.LOWER(k.name),
            HistoryColumn.COMPANY: fn.LOWER(k.company),
            HistoryColumn.DURATION: fn.COALESCE(dialect.seconds_between(c.started_at, c.ended_at), -1),
            HistoryColumn.STAGE: c.furthest_stage,
            HistoryColumn.OUTCOME: fn.LOWER(c.outcome),
            HistoryColumn.NEXT_STEP: fn.LOWER(c.next_step),
            HistoryColumn.DUE: fn.COALESCE(c.next_step_due, _NO_DUE),
        }[column]

    # ------------------------------------------------------------------ history

    @guarded
    def page(
        self,
        flt: CallFilter | None = None,
        sort: HistorySort | None = None,
        cursor: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> HistoryPage:
        """The next ``limit`` calls after ``cursor`` (keyset paging: each page costs the same,
        however deep, and calls added meanwhile do not shift the pages)."""
        m = self._backend.models
        c = m.Call
        flt, sort = flt or CallFilter(), sort or HistorySort()
        key = self._sort_key(sort.column)
        query = (
            c.select(*self._summary_columns(), key.alias("sort_key"))
            .join(m.Contact, on=(c.contact == m.Contact.id))
            .limit(limit)
            .tuples()
        )
        conditions = self._conditions(flt)
        if cursor is not None:
            after = Tuple(key, c.id)
            last = Tuple(*cursor)
            conditions.append(after < last if sort.descending else after > last)
        if conditions:
            query = query.where(*conditions)
        order = (key.desc(), c.id.desc()) if sort.descending else (key.asc(), c.id.asc())
        query = query.order_by(*order)
        rows = list(query)
        summaries = [self._summary(row) for row in rows]
        next_cursor = None
        if len(rows) == limit:
            last_row = rows[-1]
            next_cursor = (last_row[-1], last_row[0])
        return HistoryPage(summaries, next_cursor)

    @guarded
    def count(self, flt: CallFilter | None = None) -> int:
        m = self._backend.models
        query = m.Call.select()
        conditions = self._conditions(flt or CallFilter())
        if conditions:
            query = query.where(*conditions)
        return query.count()

    @guarded
    def outcomes(self) -> list[str]:
        """Outcomes recorded so far, most frequent first."""
        m = self._backend.models
        c = m.Call
        query = (
            c.select(c.outcome)
            .where(c.outcome != "")
            .group_by(c.outcome)
            .order_by(fn.COUNT(c.id).desc(), c.outcome)
            .tuples()
        )
        return [outcome for (outcome,) in query]

    @guarded
    def playbook_names(self) -> list[str]:
        m = self._backend.models
        s = m.PlaybookSnapshot
        return [name for (name,) in s.select(s.name).distinct().order_by(s.name).tuples()]

    @guarded
    def summaries(self, call_ids: Iterable[int]) -> dict[int, CallSummary]:
        m = self._backend.models
        ids = list(call_ids)
        if not ids:
            return {}
        query = (
            m.Call.select(*self._summary_columns())
            .join(m.Contact, on=(m.Call.contact == m.Contact.id))
            .where(m.Call.id.in_(ids))
            .tuples()
        )
        return {row[0]: self._summary(row) for row in query}

    # ------------------------------------------------------------------ search

    @guarded
    def search(self, text: str, limit: int = 50) -> SearchResult:
        """Calls whose words match ``text``, best first, with highlighted snippets."""
        hits, matches, too_many = self._backend.search.search(text, limit)
        calls = self.summaries(hit[0] for hit in hits)
        return SearchResult(
            hits=[
                SearchHit(calls[call_id], where, snippet, rank)
                for call_id, where, snippet, rank in hits
                if call_id in calls
            ],
            too_many=too_many,
            matches=matches,
        )

    # ------------------------------------------------------------------ follow-ups

    @guarded
    def follow_ups(self, today: date, cursor: tuple | None = None, limit: int = PAGE_SIZE):
        """Next steps due on or before ``today`` whose contact has not been called since.

        Newest due date first (today's, then the most recently missed): those are the ones
        still worth a call, and the query stops as soon as it has a page of them."""
        m = self._backend.models
        c, later = m.Call, m.Call.alias("later")
        called_since = later.select(SQL("1")).where((later.contact == c.contact) & (later.started_at > c.started_at))
        query = (
            c.select(
                c.id,
                c.next_step,
                c.next_step_due,
                c.outcome,
                c.started_at,
                m.Contact.id,
                m.Contact.name,
                m.Contact.company,
                m.Contact.email,
                m.Contact.phone,
            )
            .join(m.Contact, on=(c.contact == m.Contact.id))
            .where(
                c.ended_at.is_null(False),
                c.next_step_due.is_null(False),
                c.next_step_due <= today,
                ~fn.EXISTS(called_since),
            )
            .order_by(c.next_step_due.desc(), c.id.desc())
            .limit(limit)
            .tuples()
        )
        if cursor is not None:
            query = query.where(Tuple(c.next_step_due, c.id) < Tuple(*cursor))
        items = [
            FollowUp(
                call_id=call_id,
                contact=contact_from_row((contact_id, name, company, email, phone)),
                next_step=next_step,
                due=due,
                outcome=outcome,
                called_at=from_db(started),
            )
            for call_id, next_step, due, outcome, started, contact_id, name, company, email, phone in query
        ]
        next_cursor = (items[-1].due, items[-1].call_id) if len(items) == limit else None
        return items, next_cursor

    # ------------------------------------------------------------------ last time

    @guarded
    def last_time(self, contact_id: int, before_call_id: int | None = None) -> LastTime | None:
        """The contact's calls before ``before_call_id`` (all of them when None), summarised."""
        m = self._backend.models
        c = m.Call
        conditions = [c.contact == contact_id]
        if before_call_id is not None:
            current = c.select(c.started_at).where(c.id == before_call_id).tuples().first()
            if current is not None:
                conditions.append(c.started_at < current[0])
            conditions.append(c.id != before_call_id)
        total = c.select().where(*conditions).count()
        if not total:
            return None
        recent = (
            c.select(*self._summary_columns())
            .join(m.Contact, on=(c.contact == m.Contact.id))
            .where(*conditions)
            .order_by(c.started_at.desc(), c.id.desc())
            .limit(LAST_TIME_CALLS)
            .tuples()
        )
        calls = [self._summary(row) for row in recent]

        o = m.ObjectionLog
        seen: set[str] = set()
        open_objections = []
        for key, title, note, handled, raised in (
            o.select(o.key, o.title, o.note, o.handled, o.raised_at)
            .join(c, on=(o.call == c.id))
            .where(*conditions)
            .order_by(o.raised_at.desc(), o.id.desc())
            .tuples()
        ):
            if key in seen:
                continue
            seen.add(key)
            if not handled:
                open_objections.append(PastObjection(title, note, from_db(raised)))

        # Each qualification fact from the latest call that has it: the typed fact (budget
        # range, decision date, decision-maker) and the rep's words, stored by field key.
        facts: dict[str, str] = {}
        q = m.Qualification
        typed_columns = (q.budget_min, q.budget_max, q.budget_currency, q.decision_date, q.decision_maker)
        for row in (
            q.select(*(getattr(q, name) for name in QUALIFICATION_FIELDS), *typed_columns, q.decision_maker_role)
            .join(c, on=(q.call == c.id))
            .where(*conditions)
            .order_by(c.started_at.desc())
            .tuples()
        ):
            texts = dict(zip(QUALIFICATION_FIELDS, row, strict=False))
            low, high, currency, decision_date, maker, role = row[len(QUALIFICATION_FIELDS) :]
            typed = {
                "budget": format_budget(low, high, currency),
                "timeline": decision_date.isoformat() if decision_date else "",
                "authority": f"{maker.strip()} ({role.strip()})" if maker.strip() and role.strip() else maker.strip(),
            }
            for name in QUALIFICATION_FIELDS:
                parts = [part for part in (typed.get(name, ""), texts[name].strip()) if part]
                if parts and name not in facts:
                    facts[name] = " · ".join(parts)
            if len(facts) == len(QUALIFICATION_FIELDS):
                break
        answers = [PastAnswer("", facts[name], name) for name in QUALIFICATION_FIELDS if name in facts]
        filled: set[str] = set()
        a = m.Answer
        for question, answer, snapshot_id in (
            a.select(a.question, a.answer, c.playbook)
            .join(c, on=(a.call == c.id))
            .where(*conditions, a.answer != "")
            .order_by(c.started_at.desc(), a.updated_at.desc(), a.question)  # ties: the same on every backend
            .tuples()
        ):
            if len(filled) >= LAST_TIME_ANSWERS:
                break
            if question in filled or not answer.strip():
                continue
            filled.add(question)
            answers.append(PastAnswer(self._question_text(snapshot_id, question), answer.strip()))
        return LastTime(calls=calls, total=total, open_objections=open_objections, answers=answers)

    def _question_text(self, snapshot_id: int, key: str) -> str:
        for stage in self._snapshots.playbook(snapshot_id).stages:
            for question in stage.questions:
                if question.key == key:
                    return question.text
        return key

    # ------------------------------------------------------------------ insights

    @guarded
    def insights(self, flt: CallFilter | None = None) -> Insights:
        """Aggregates for the charts; SQL does the counting, Python only cuts periods."""
        m, dialect, _search = self._backend
        c = m.Call
        flt = flt or CallFilter()
        conditions = self._conditions(flt)
        day = dialect.day_of(c.started_at)
        seconds = dialect.seconds_between(c.started_at, c.ended_at)
        query = c.select(day, c.outcome, fn.COUNT(c.id), fn.COUNT(c.ended_at), fn.SUM(seconds)).group_by(day, c.outcome)
        if conditions:
            query = query.where(*conditions)
        days = [
            DayCount(dialect.to_date(d), outcome, calls, ended, float(total or 0))
            for d, outcome, calls, ended, total in query.tuples()
        ]

        o = m.ObjectionLog
        raised = fn.COUNT(o.id)
        objection_query = (
            o.select(o.key, fn.MAX(o.title), raised, fn.SUM(Case(None, [(o.handled, 1)], 0)))
            .join(c, on=(o.call == c.id))
            .group_by(o.key)
            .order_by(raised.desc(), o.key)
            .limit(TOP_OBJECTIONS)
        )
        if conditions:
            objection_query = objection_query.where(*conditions)
        objections = [
            ObjectionCount(key, title, count, int(handled or 0))
            for key, title, count, handled in objection_query.tuples()
        ]

        # How far the ended calls got: the furthest stage each reached, not the one it ended
        # in (a rep who steps back from closing to objections still got to closing).
        stage_query = c.select(c.playbook, c.furthest_stage, fn.COUNT(c.id)).where(
            *conditions, c.ended_at.is_null(False)
        )
        stages: dict[str, list] = {}  # key -> [title, order, count, newest snapshot]
        # Stage first: no index leads with the playbook then, so SQLite scans the narrow
        # covering index instead of visiting every call row through call_playbook_id.
        for snapshot_id, key, count in stage_query.group_by(c.furthest_stage, c.playbook).tuples():
            playbook = self._snapshots.playbook(snapshot_id)
            index = playbook.stage_index(key)
            title = playbook.stages[index].title if index >= 0 else key
            entry = stages.setdefault(key, [title, index if index >= 0 else 999, 0, snapshot_id])
            entry[2] += count
            if snapshot_id > entry[3]:  # the newest playbook names it
                entry[0], entry[3] = title, snapshot_id
        stop_stages = [
            StageCount(key, title, count)
            for key, (title, _order, count, _snap) in sorted(stages.items(), key=lambda kv: (kv[1][1], kv[0]))
        ]
        return summarise(days, objections, stop_stages, flt.start, flt.end)
