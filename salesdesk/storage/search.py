"""Full-text search over calls. SQLITE-SPECIFIC: SQLite's FTS5 extension.

One search document per call (rowid = call id) holds the contact's name and company, the
wrap-up (outcome and next step), the answers (discovery questions and qualification), the
objections raised (title and note) and the notes. The index is kept in step with the data by
the storage layer itself: every CallStore method that changes searchable text calls
``index_calls`` (or ``index_contact``) in the same transaction. There are no SQL triggers,
so the same store can later run on PostgreSQL with a tsvector module in place of this one.

Code that writes calls without CallStore (bulk loading, an import) must call
``index_calls(ids)`` for the calls it wrote, or ``rebuild()`` after a large load.
"""

from __future__ import annotations

from collections.abc import Iterable

from peewee import Database
from playhouse.sqlite_ext import FTS5Model, SearchField

from salesdesk.core.history import HIGHLIGHT_END, HIGHLIGHT_START
from salesdesk.storage import tables as m

TABLE = "call_search"

#: Column weights for bm25: a hit in the contact or company counts most, then the wrap-up.
WEIGHTS = (8.0, 6.0, 3.0, 1.0, 1.0, 1.0)

#: Ranking is not free: bm25 first walks every call that contains each word (to weigh how
#: rare it is), then scores each match. For a word found in tens of thousands of calls that
#: takes a good part of a second, while the rep is still typing. So when more calls than this
#: match, the newest matches are shown instead (FTS5 reads them in rowid order and stops),
#: the result says so, and one more word brings the ranking back.
RANK_WINDOW = 2000

#: Words shown around a match in a snippet.
SNIPPET_WORDS = 14

#: (column index, what the rep calls it), in the order snippets are preferred on a tie.
SNIPPET_COLUMNS = ((5, "Notes"), (3, "Answers"), (4, "Objections"), (2, "Wrap-up"))


class CallSearch(FTS5Model):
    """The search document of one call (rowid = call id)."""

    contact = SearchField()
    company = SearchField()
    wrapup = SearchField()
    answers = SearchField()
    objections = SearchField()
    notes = SearchField()

    class Meta:
        database = m.database
        table_name = TABLE
        # remove_diacritics 2: "Zoe" finds "Zoë". The prefix indexes make typing-as-you-go
        # queries ("prop" -> proposal) as fast as whole words.
        options = {"tokenize": "unicode61 remove_diacritics 2", "prefix": "2 3"}  # noqa: RUF012 (Peewee reads it)


# One SELECT builds the search document of each call; rebuilds and single updates share it.
_DOCUMENT_SELECT = """
SELECT c.id, k.name, k.company,
       c.outcome || char(10) || c.next_step,
       coalesce((SELECT group_concat(a.answer, char(10)) FROM answer AS a
                 WHERE a.call_id = c.id AND a.answer != ''), '')
         || char(10) ||
       coalesce((SELECT q.need || char(10) || q.budget || char(10) || q.timeline || char(10) || q.authority
                 FROM qualification AS q WHERE q.call_id = c.id), ''),
       coalesce((SELECT group_concat(o.title || ': ' || o.note, char(10)) FROM objection_log AS o
                 WHERE o.call_id = c.id), ''),
       coalesce((SELECT group_concat(n.text, char(10)) FROM note AS n WHERE n.call_id = c.id), '')
FROM call AS c JOIN contact AS k ON k.id = c.contact_id
"""
_INSERT = f"INSERT INTO {TABLE} (rowid, contact, company, wrapup, answers, objections, notes) "

#: SQLite's default limit on bound parameters is 999 on older builds.
_CHUNK = 500


def _db() -> Database:
    return m.database


def create_index() -> None:
    """Create the (empty) index table with its ranking function."""
    CallSearch.create_table()
    weights = ", ".join(str(w) for w in WEIGHTS)
    _db().execute_sql(f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('rank', 'bm25({weights})')")


def rebuild() -> int:
    """Throw the index away and build it again from the calls. Returns the number of calls."""
    db = _db()
    with db.atomic():
        CallSearch.drop_table(safe=True)
        create_index()
        db.execute_sql(_INSERT + _DOCUMENT_SELECT)
        # Merge the index into one segment: queries read fewer b-trees afterwards.
        db.execute_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")
        (count,) = db.execute_sql(f"SELECT count(*) FROM {TABLE}").fetchone()
    return count


def index_calls(call_ids: Iterable[int | None]) -> None:
    """Bring the search documents of these calls up to date (and drop those of deleted calls).

    Call it in the same transaction as the change, after the change. None ids are skipped."""
    ids = sorted({int(i) for i in call_ids if i is not None})
    db = _db()
    with db.atomic():
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            db.execute_sql(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", chunk)
            db.execute_sql(_INSERT + _DOCUMENT_SELECT + f" WHERE c.id IN ({marks})", chunk)


def index_contact(contact_id: int) -> None:
    """The contact's name or company changed: update all of their calls."""
    ids = [row[0] for row in _db().execute_sql("SELECT id FROM call WHERE contact_id = ?", (contact_id,))]
    index_calls(ids)


def call_of_note(note_id: int) -> int | None:
    row = _db().execute_sql("SELECT call_id FROM note WHERE id = ?", (note_id,)).fetchone()
    return row[0] if row else None


def call_of_objection(entry_id: int) -> int | None:
    row = _db().execute_sql("SELECT call_id FROM objection_log WHERE id = ?", (entry_id,)).fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------- queries


def query_words(text: str) -> tuple[list[str], bool]:
    """The words of what the rep typed, and whether the last one is a prefix: they are still
    typing it (no space after it yet, and it has at least two letters or digits)."""
    words = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    still_typing = bool(words) and not text[-1:].isspace() and sum(ch.isalnum() for ch in words[-1]) >= 2
    return words, still_typing


def match_expression(text: str) -> str | None:
    """The FTS5 query for what the rep typed: every word must occur, the last one may be the
    start of a word (they are still typing it). Each word is quoted, so punctuation and FTS
    operators in the text are just text. None when there is nothing to search for."""
    words, prefix = query_words(text)
    if not words:
        return None
    terms = ['"' + w.replace('"', '""') + '"' for w in words]
    if prefix:
        terms[-1] += "*"
    return " ".join(terms)


def matching_ids(text: str):
    """A subquery of the ids of the calls matching ``text`` (for filters), or None."""
    expression = match_expression(text)
    if expression is None:
        return None
    return CallSearch.select(CallSearch.rowid).where(CallSearch.match(expression))


def search(text: str, limit: int = 50) -> tuple[list[tuple[int, str, str, float]], int, bool]:
    """Matches: ([(call id, where, snippet, rank)], number of matches, too many).

    Best first (bm25, ties: newest call first); when more than RANK_WINDOW calls match
    ("too many", the count is then RANK_WINDOW), the newest first, unranked (rank 0)."""
    expression = match_expression(text)
    if expression is None:
        return [], 0, False
    db = _db()
    # Is there a match beyond the RANK_WINDOW newest? (FTS5 walks rowids backwards and stops.)
    beyond = db.execute_sql(
        f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (expression, RANK_WINDOW),
    ).fetchone()
    too_many = beyond is not None
    if too_many:
        matches = RANK_WINDOW
    else:
        (matches,) = db.execute_sql(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH ?", (expression,)).fetchone()
        if not matches:
            return [], 0, False
    start, end = HIGHLIGHT_START, HIGHLIGHT_END
    snippets = ", ".join(
        f"snippet({TABLE}, {column}, '{start}', '{end}', '…', {SNIPPET_WORDS})" for column, _ in SNIPPET_COLUMNS
    )
    rank = "0.0" if too_many else "rank"
    sql = (
        f"SELECT rowid, {rank}, highlight({TABLE}, 0, '{start}', '{end}'), highlight({TABLE}, 1, '{start}', '{end}'), "
        f"{snippets} FROM {TABLE} WHERE {TABLE} MATCH ?"
    )
    # ORDER BY rank (not bm25(...)) lets FTS5 sort first and build snippets for the LIMIT rows
    # only; ORDER BY rowid DESC reads the newest matches and stops at the LIMIT.
    sql += " ORDER BY rowid DESC LIMIT ?" if too_many else " ORDER BY rank LIMIT ?"
    params: list = [expression, limit]
    hits = []
    for call_id, rank, contact, company, *column_snippets in db.execute_sql(sql, params):
        where, snippet = best_snippet(column_snippets)
        if not where:
            where = "Contact"
            snippet = f"{contact} · {company}" if company else contact
        hits.append((call_id, where, snippet, rank))
    hits.sort(key=lambda hit: (round(hit[3], 9), -hit[0]))
    return hits, matches, too_many


def best_snippet(snippets: list[str]) -> tuple[str, str]:
    best = ("", "")
    best_count = 0
    for (_column, name), snippet in zip(SNIPPET_COLUMNS, snippets, strict=True):
        count = (snippet or "").count(HIGHLIGHT_START)
        if count > best_count:
            best, best_count = (name, snippet), count
    return best
