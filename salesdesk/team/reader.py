"""Reading the team's calls on the server with the local query code.

``TeamReader(conn).history`` is storage/history.py's HistoryQueries on the server's tables
(tables.py), with PostgreSQL's date arithmetic (storage/dialect_postgres.py) and full-text
search (search.py): the same pages, filters, follow-ups, last time, insights and search
as the rep's own, over every call of the team that row-level security lets them read.
``load_calls`` reads whole calls (storage/reader.py, the one reader, on the same tables).

Run them inside ``conn.guard()``: a lost server then raises TeamUnavailableError and the
dead connection is dropped (the next query opens a new one).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from salesdesk.core.call import CallState
from salesdesk.storage import dialect_postgres
from salesdesk.storage.snapshots import PlaybookSnapshots
from salesdesk.team.connection import TeamConnection
from salesdesk.team.search import TeamSearch
from salesdesk.team.tables import make_tables


class TeamReader:
    def __init__(self, conn: TeamConnection):
        self.conn = conn
        self.tables = make_tables(conn.db)
        #: The server's playbook snapshots, each parsed once (history and load_calls share them).
        self.snapshots = PlaybookSnapshots(self.tables)

    @functools.cached_property
    def history(self):
        from salesdesk.storage.history import HistoryQueries, QueryBackend

        return HistoryQueries(self.snapshots, QueryBackend(self.tables, dialect_postgres, TeamSearch(self.tables)))

    def call_ids(self, uids: Sequence[str]) -> dict[str, int]:
        c = self.tables.Call
        with self.conn.guard():
            return dict(c.select(c.uid, c.id).where(c.uid.in_(list(uids))).tuples())

    def load_calls(self, uids: Sequence[str]) -> list[CallState]:
        """The calls with these uids as the server has them, in the order given."""
        from salesdesk.storage.reader import load_calls

        ids = self.call_ids(uids)
        with self.conn.guard():
            calls = load_calls([ids[u] for u in uids if u in ids], self.snapshots, tables=self.tables)
        return calls

    def list_calls(self, call_filter=None, *, limit: int | None = None) -> list[tuple]:
        """The team's calls matching the filter, newest first, each ``(ListedCall, owner)``
        (the rep who made it): ``salesdesk calls --team`` and the Team scope of History."""
        from salesdesk.core.filters import CallFilter
        from salesdesk.storage.history import QueryBackend, filter_conditions
        from salesdesk.storage.import_export import ListedCall
        from salesdesk.storage.rows import from_db

        call_filter = call_filter or CallFilter()
        t = self.tables
        backend = QueryBackend(t, dialect_postgres, TeamSearch(t))
        with self.conn.guard():
            query = t.Call.select(
                t.Call.id,
                t.Call.uid,
                t.Call.started_at,
                t.Call.ended_at,
                t.Contact.name,
                t.Contact.company,
                t.Contact.email,
                t.Call.outcome,
                t.Call.owner,
            ).join(t.Contact, on=(t.Call.contact == t.Contact.id))
            conditions = filter_conditions(call_filter, backend)
            if conditions:
                query = query.where(*conditions)
            query = query.order_by(t.Call.started_at.desc(), t.Call.id.desc())
            needs_text = bool(call_filter.contact or call_filter.outcome_contains)
            if limit is not None and not needs_text:
                query = query.limit(max(0, limit))
            out = []
            for cid, uid, started, ended, name, company, email, outcome, owner in query.tuples():
                if call_filter.matches_text(name, company, email, outcome):
                    out.append(
                        (ListedCall(cid, uid, from_db(started), from_db(ended), name, company, email, outcome), owner)
                    )
                    if limit is not None and len(out) >= limit:
                        break
        return out


class TeammateCall:
    """A teammate's call with the same contact (the "Last time" panel)."""

    __slots__ = ("outcome", "owner", "started_at")

    def __init__(self, started_at, owner: str, outcome: str):
        self.started_at, self.owner, self.outcome = started_at, owner, outcome


def teammate_calls(reader: TeamReader, name: str, company: str, email: str, limit: int = 3) -> list[TeammateCall]:
    """Teammates' calls with this contact, newest first: matched by e-mail (case folded)
    when the contact has one, else by name and company."""
    from peewee import SQL, fn

    from salesdesk.storage.rows import from_db

    t = reader.tables
    c, k = t.Call, t.Contact
    if email.strip():
        match = fn.lower(k.email) == email.strip().lower()
    elif name.strip():
        match = (fn.lower(k.name) == name.strip().lower()) & (fn.lower(k.company) == company.strip().lower())
    else:
        return []
    with reader.conn.guard():
        rows = (
            c.select(c.started_at, c.owner, c.outcome)
            .join(k, on=(c.contact == k.id))
            .where(match, c.owner != SQL("current_user"))
            .order_by(c.started_at.desc())
            .limit(limit)
            .tuples()
        )
        return [TeammateCall(from_db(started), owner, outcome) for started, owner, outcome in rows]


class GuardedHistory:
    """``TeamReader.history`` for the GUI's worker threads: every query runs inside
    ``conn.guard()`` and a TeamError (offline, refused) comes out as a StorageError with its
    message, which the background runner hands to the view (the window says so)."""

    def __init__(self, reader: TeamReader):
        self._reader = reader

    def __getattr__(self, name: str):
        from salesdesk.storage.errors import StorageError
        from salesdesk.team.errors import TeamError

        query = getattr(self._reader.history, name)
        if not callable(query):
            return query

        def guarded(*args, **kwargs):
            try:
                with self._reader.conn.guard():
                    return query(*args, **kwargs)
            except TeamError as exc:
                raise StorageError(str(exc)) from exc

        return guarded

    def teammate_calls(self, name: str, company: str, email: str) -> list[TeammateCall]:
        from salesdesk.storage.errors import StorageError
        from salesdesk.team.errors import TeamError

        try:
            return teammate_calls(self._reader, name, company, email)
        except TeamError as exc:
            raise StorageError(str(exc)) from exc
