"""Full-text search on the team server: the PostgreSQL counterpart of storage/search.py.

One search document per call in ``call_search`` (written by every push, in its
transaction), its ``document`` a tsvector with a GIN index (the texts for snippets come
from the view ``call_search_source``, for the rows shown only). The text search
configuration ``salesdesk.folded`` (schema.py) puts unaccent before the "simple"
dictionary, so case and accents do not matter ("zoe" finds "Zoë"), as locally. Ranked
with ts_rank and the local bm25 column weights (contact, company, wrap-up, the rest),
and, as locally, when more than RANK_WINDOW calls match the newest are shown unranked.

The same interface as storage/search.py (``matching_ids``, ``search``), so
storage/history.py's queries run on the server unchanged.
"""

from __future__ import annotations

from peewee import SQL, NodeList

from salesdesk.core.history import HIGHLIGHT_END, HIGHLIGHT_START
from salesdesk.storage.search import RANK_WINDOW, SNIPPET_COLUMNS, SNIPPET_WORDS, best_snippet, query_words
from salesdesk.team.schema import RANK_WEIGHTS, TS_CONFIG
from salesdesk.team.tables import TeamTables

_SNIPPET_OPTIONS = (
    f'StartSel="{HIGHLIGHT_START}", StopSel="{HIGHLIGHT_END}", MaxWords={SNIPPET_WORDS}, MinWords=5, '
    'ShortWord=1, MaxFragments=1, FragmentDelimiter=" … "'
)
_WHOLE_OPTIONS = f'StartSel="{HIGHLIGHT_START}", StopSel="{HIGHLIGHT_END}", HighlightAll=true'
#: call_search_source's text columns in storage/search.py's column order (SNIPPET_COLUMNS indexes).
_COLUMNS = ("contact", "company", "wrapup", "answers", "objections", "notes")


def tsquery(text: str) -> tuple[str, list[str]] | None:
    """SQL for the tsquery of what the rep typed (every word must occur; the last one may
    be the start of a word) and its parameters; None when there is nothing to look for.

    Whole words go through plainto_tsquery (the server's own parser splits them exactly as
    it split the documents); the word still being typed is one quoted lexeme with ``:*``.
    Nothing the rep types is tsquery syntax."""
    words, prefix = query_words(text)
    if not words:
        return None
    parts, params = [], []
    whole = words[:-1] if prefix else words
    if whole:
        parts.append(f"plainto_tsquery('{TS_CONFIG}', %s)")
        params.append(" ".join(whole))
    if prefix:
        parts.append(f"to_tsquery('{TS_CONFIG}', %s)")
        params.append("'" + words[-1].replace("\\", "\\\\").replace("'", "''") + "':*")
    return " && ".join(parts), params


class TeamSearch:
    """storage/search.py's queries on the server's ``call_search``."""

    def __init__(self, tables: TeamTables):
        self.tables = tables

    def matching_ids(self, text: str):
        """A subquery of the ids of the calls matching ``text`` (for filters), or None."""
        query = tsquery(text)
        if query is None:
            return None
        sql, params = query
        s = self.tables.CallSearch
        return s.select(s.call).where(NodeList((SQL("document @@"), SQL(f"({sql})", params))))

    def search(self, text: str, limit: int = 50) -> tuple[list[tuple[int, str, str, float]], int, bool]:
        """Matches: ([(call id, where, snippet, rank)], number of matches, too many), as
        storage/search.py's ``search``: best first (the rank is negative, lower is better)."""
        query = tsquery(text)
        if query is None:
            return [], 0, False
        sql, params = query
        db = self.tables.database

        def run(statement: str, values: list):
            # Planned for these words every time: psycopg would otherwise prepare a statement
            # run five times, and PostgreSQL's generic plan, blind to the words, may read
            # every document (seconds) where the words' own plan reads fifty.
            return db.connection().execute(statement, values, prepare=False)

        # The tsquery is written out in each statement (not computed once in a CTE), so the
        # planner sees it and estimates how many calls match from the index's statistics.
        with db.atomic():
            # Counting at most RANK_WINDOW + 1 matches: through the index, never by reading
            # (and decompressing) documents one by one, which the planner would pick for a
            # common word because of the LIMIT.
            run("SET LOCAL enable_seqscan = off", [])
            (matches,) = run(
                f"SELECT count(*) FROM (SELECT 1 FROM call_search WHERE document @@ ({sql}) LIMIT %s) AS found",
                [*params, RANK_WINDOW + 1],
            ).fetchone()
        if not matches:
            return [], 0, False
        too_many = matches > RANK_WINDOW
        if too_many:
            matches = RANK_WINDOW
            top = (
                f"SELECT call_id, 0.0::real AS rank FROM call_search WHERE document @@ ({sql}) "
                "ORDER BY call_id DESC LIMIT %s"
            )
        else:
            top = (
                f"SELECT call_id, -ts_rank('{RANK_WEIGHTS}', document, ({sql}), 1) AS rank "
                f"FROM call_search WHERE document @@ ({sql}) ORDER BY rank, call_id DESC LIMIT %s"
            )
            params = [*params, *params]
        snippets = ", ".join(
            f"ts_headline('{TS_CONFIG}', s.{_COLUMNS[column]}, q.query, q.snippet)" for column, _ in SNIPPET_COLUMNS
        )
        # Headlines (the costly part: each parses its text again) only for the rows shown.
        rows = run(
            f"WITH top AS ({top}), q AS (SELECT ({query[0]}) AS query, %s::text AS snippet, %s::text AS whole) "
            f"SELECT top.call_id, top.rank, ts_headline('{TS_CONFIG}', s.contact, q.query, q.whole), "
            f"ts_headline('{TS_CONFIG}', s.company, q.query, q.whole), {snippets} "
            "FROM top JOIN call_search_source AS s ON s.call_id = top.call_id, q",
            [*params, limit, *query[1], _SNIPPET_OPTIONS, _WHOLE_OPTIONS],
        )
        hits = []
        for call_id, rank, contact, company, *column_snippets in rows:
            where, snippet = best_snippet(column_snippets)
            if not where:
                where = "Contact"
                snippet = f"{contact} · {company}" if company else contact
            hits.append((call_id, where, snippet, float(rank)))
        hits.sort(key=lambda hit: (round(hit[3], 9), -hit[0]))
        return hits, matches, too_many
