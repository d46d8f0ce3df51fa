"""Full-text search on the team server: the PostgreSQL counterpart of storage/search.py.

One search document per call in ``call_search`` (written by every push, in its
transaction), its ``document`` a tsvector with a GIN index (the texts for snippets come
from the view ``call_search_source``, for the rows shown only). The text search
configuration ``salesdesk.folded`` (schema.py) puts unaccent before the "simple"
dictionary, so case and accents do not matter ("zoe" finds "Zoë"), as locally. Ranked
with ts_rank and the local bm25 column weights (contact, company, wrap-up, the rest),
and, as locally, when more than RANK_WINDOW calls match the newest are shown unranked.

Where the time goes: a GIN index answers "which calls contain this word" by decoding
every call that does (0.1 µs each: 10 to 15 ms for a word in nearly all of 100,000 calls,
before a single row is read), and it cannot stop early. Reading documents newest first
stops after RANK_WINDOW + 1 matches, which is quick for a word most calls contain and
ruinous for a rare one (every document read, for nothing). So each search asks the
planner first how many calls it expects to match (its statistics of the index's words):
a common word is looked for among a bounded number of the newest documents; anything
else, or a common word the newest calls lack after all, goes through the index. Either
way the answer is exact, and the snippets are made in the same statement, for the rows
shown only (ts_headline parses each text again: the costly part).

The same interface as storage/search.py (``matching_ids``, ``search``), so
storage/history.py's queries run on the server unchanged.
"""

from __future__ import annotations

import json
import math

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


#: A query the planner expects in at least this share of the calls is looked for among the
#: newest documents first. Below it the index is quicker (measured on 100,000 calls: at 15%
#: both take about 10 ms; at 50% the index 15 ms, the newest-first read 3 ms).
COMMON_SHARE = 0.15
#: How many of the newest documents that read may take: this many times as many as should
#: hold RANK_WINDOW + 1 matches (or the page, if longer) at the expected share. It bounds the cost of a wrong guess
#: (words that are common apart and rare together, or a word the newest calls lack): at
#: most 2 / COMMON_SHARE * RANK_WINDOW documents (27,000, about 20 ms), then the index.
PROBE_MARGIN = 2.0


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
        # Every statement is planned for these words (prepare=False): psycopg would otherwise
        # prepare a statement run five times, and PostgreSQL's generic plan, blind to the
        # words, may read every document (seconds) where the words' own plan reads fifty.
        # The tsquery is written out in each statement (not computed once in a CTE), so the
        # planner sees it and estimates how many calls match from the index's statistics.
        raw = self.tables.database.connection()
        # One read-only transaction, its settings sent with the first statement (a pipeline).
        # No parallel workers: starting them costs more than any of these statements, even
        # for a part of the plan that never runs. No sequential scans: see _through_index.
        with raw.pipeline(), raw.transaction():
            raw.execute("SET LOCAL max_parallel_workers_per_gather = 0", prepare=False)
            raw.execute("SET LOCAL enable_seqscan = off", prepare=False)
            window = _newest_window(raw, query, limit)
            rows = _newest_if_too_many(raw, query, window, limit) if window else None
            if rows is None:
                rows = _through_index(raw, query, limit)
        matches = rows[0][0]
        if not matches:
            return [], 0, False
        too_many = matches > RANK_WINDOW
        hits = []
        for _matches, call_id, rank, contact, company, *column_snippets in rows:
            if call_id is None:  # the row that only carries the count (nothing shown)
                continue
            where, snippet = best_snippet(column_snippets)
            if not where:
                where = "Contact"
                snippet = f"{contact} · {company}" if company else contact
            hits.append((call_id, where, snippet, float(rank)))
        hits.sort(key=lambda hit: (round(hit[3], 9), -hit[0]))
        return hits, min(matches, RANK_WINDOW), too_many


def _plan_rows(cursor) -> float:
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def _newest_window(raw, query: tuple[str, list[str]], limit: int) -> int:
    """How many of the newest documents to read for ``query`` first: 0 unless the planner
    expects it in at least COMMON_SHARE of the calls (two plans, sent with the start of the
    transaction)."""
    sql, params = query
    matching = raw.execute(
        f"EXPLAIN (FORMAT JSON) SELECT FROM call_search WHERE document @@ ({sql})", params, prepare=False
    )
    every = raw.execute("EXPLAIN (FORMAT JSON) SELECT FROM call_search", prepare=False)
    expected, total = _plan_rows(matching), _plan_rows(every)
    if total < 1 or expected <= RANK_WINDOW or expected < COMMON_SHARE * total:
        return 0
    return math.ceil(PROBE_MARGIN * max(RANK_WINDOW + 1, limit) * total / expected)


def _headlines(top: str) -> str:
    """The select list and joins that add each shown row's highlights and snippets to the
    CTE ``top`` (call_id, rank); parameters: the tsquery's, then the two option strings."""
    snippets = ", ".join(
        f"ts_headline('{TS_CONFIG}', s.{_COLUMNS[column]}, q.query, q.snippet)" for column, _ in SNIPPET_COLUMNS
    )
    return (
        f"SELECT {top}.call_id, {top}.rank, ts_headline('{TS_CONFIG}', s.contact, q.query, q.whole), "
        f"ts_headline('{TS_CONFIG}', s.company, q.query, q.whole), {snippets} "
        f"FROM {top} JOIN call_search_source AS s ON s.call_id = {top}.call_id, q"
    )


def _options_cte(sql: str) -> str:
    return f"q AS (SELECT ({sql}) AS query, %s::text AS snippet, %s::text AS whole)"


def _newest_if_too_many(raw, query: tuple[str, list[str]], window: int, limit: int) -> list[tuple] | None:
    """The rows to show when the ``window`` newest documents hold more than RANK_WINDOW
    matches (so all of them do: the newest are shown, unranked) and the whole page; None
    when they hold fewer (no snippets are made then)."""
    sql, params = query
    needed = max(RANK_WINDOW + 1, limit)
    statement = (
        f"WITH found AS MATERIALIZED (SELECT call_id FROM "
        f"(SELECT call_id, document FROM call_search ORDER BY call_id DESC LIMIT %s) AS newest "
        f"WHERE document @@ ({sql}) ORDER BY call_id DESC LIMIT %s), "
        "counted AS (SELECT count(*) AS matches FROM found), "
        "top AS (SELECT call_id, 0.0::real AS rank FROM found WHERE (SELECT matches FROM counted) >= %s "
        "ORDER BY call_id DESC LIMIT %s), "
        f"{_options_cte(sql)} "
        f"SELECT counted.matches, shown.* FROM counted LEFT JOIN ({_headlines('top')}) AS shown ON true"
    )
    values = [window, *params, needed, needed, limit, *params, _SNIPPET_OPTIONS, _WHOLE_OPTIONS]
    rows = raw.execute(statement, values, prepare=False).fetchall()
    return rows if rows[0][0] >= needed else None


def _through_index(raw, query: tuple[str, list[str]], limit: int) -> list[tuple]:
    """The rows to show, found through the GIN index: at most RANK_WINDOW + 1 matches
    counted, then the best ``limit`` ranked, or the newest unranked when there are more."""
    sql, params = query
    statement = (
        # Counting through the index, never by reading documents one by one, which the
        # planner would pick for a common word because of the LIMIT (hence enable_seqscan
        # off): that is the newest-first read, bounded, which was tried if it could help.
        # The count reads no row of the table, only the index and the visibility map.
        f"WITH counted AS MATERIALIZED (SELECT count(*) AS matches FROM "
        f"(SELECT FROM call_search WHERE document @@ ({sql}) LIMIT %s) AS found), "
        # Only one of the two runs (the other's condition is false before it starts).
        "top AS ("
        f"(SELECT call_id, 0.0::real AS rank FROM call_search WHERE document @@ ({sql}) "
        "AND (SELECT matches FROM counted) > %s ORDER BY call_id DESC LIMIT %s) UNION ALL "
        f"(SELECT call_id, -ts_rank('{RANK_WEIGHTS}', document, ({sql}), 1) AS rank FROM call_search "
        f"WHERE document @@ ({sql}) AND (SELECT matches FROM counted) <= %s ORDER BY rank, call_id DESC LIMIT %s)), "
        f"{_options_cte(sql)} "
        f"SELECT counted.matches, shown.* FROM counted LEFT JOIN ({_headlines('top')}) AS shown ON true"
    )
    values = [
        *params,
        RANK_WINDOW + 1,
        *params,
        RANK_WINDOW,
        limit,
        *params,
        *params,
        RANK_WINDOW,
        limit,
        *params,
        _SNIPPET_OPTIONS,
        _WHOLE_OPTIONS,
    ]
    return raw.execute(statement, values, prepare=False).fetchall()
