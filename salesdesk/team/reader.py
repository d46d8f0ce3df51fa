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
