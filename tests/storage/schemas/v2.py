"""Schema version 2: version 1 plus the full-text search index (issue 4). Frozen: never edit."""

from __future__ import annotations

import sqlite3

from tests.storage.schemas import v1

VERSION = 2

SCHEMA = [
    *v1.SCHEMA,  # v1 is frozen too, so this is v2's own list of its tables
    'CREATE INDEX "call_started_at_outcome_ended_at_stage_playbook_id" ON "call" '
    '("started_at", "outcome", "ended_at", "stage", "playbook_id")',
    'CREATE VIRTUAL TABLE "call_search" USING fts5 ("contact", "company", "wrapup", "answers", "objections", '
    '"notes", prefix=\'2 3\', tokenize="unicode61 remove_diacritics 2")',
]

# The search document of a call as version 2 built it.
_DOCUMENTS = """
INSERT INTO call_search (rowid, contact, company, wrapup, answers, objections, notes)
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


def populate(con: sqlite3.Connection, sample: dict, playbook_json: str) -> None:
    """The version 1 sample, stamped version 2, with its search documents."""
    v1.populate(con, sample, playbook_json)
    con.execute("UPDATE schema_info SET value = '2' WHERE key = 'schema_version'")
    con.execute("INSERT INTO call_search (call_search, rank) VALUES ('rank', 'bm25(8.0, 6.0, 3.0, 1.0, 1.0, 1.0)')")
    con.execute(_DOCUMENTS)
