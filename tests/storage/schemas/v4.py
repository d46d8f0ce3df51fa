"""Schema version 4: version 3 plus the furthest stage each call reached, and the insights
index on it in place of the one on the current stage (issue 12). Frozen: never edit."""

from __future__ import annotations

import sqlite3

from tests.storage.schemas import v3

VERSION = 4

_OLD_INSIGHTS_INDEX = "call_started_at_outcome_ended_at_stage_playbook_id"

#: Made by populate(), after the version 3 rows are in (v1's populate() inserts positionally
#: into the call table): the column a fresh version 4 database has last in "call", and the
#: index on it.
ADDED = [
    'ALTER TABLE "call" ADD COLUMN "furthest_stage" TEXT NOT NULL DEFAULT \'\'',
    'CREATE INDEX "call_started_at_outcome_ended_at_furthest_stage_playbook_id" ON "call" '
    '("started_at", "outcome", "ended_at", "furthest_stage", "playbook_id")',
]

SCHEMA = [statement for statement in v3.SCHEMA if _OLD_INSIGHTS_INDEX not in statement]


def populate(con: sqlite3.Connection, sample: dict, playbook_json: str) -> None:
    """The version 3 sample, stamped version 4, each call's furthest stage the one it is in."""
    v3.populate(con, sample, playbook_json)
    for statement in ADDED:
        con.execute(statement)
    con.execute("UPDATE schema_info SET value = '4' WHERE key = 'schema_version'")
    con.execute('UPDATE "call" SET furthest_stage = stage')
