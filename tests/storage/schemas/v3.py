"""Schema version 3: version 2 plus typed qualification details, the time the current stage
was entered, and the live cues shown on a call (issue 6). Frozen: never edit."""

from __future__ import annotations

import sqlite3

from tests.storage.schemas import v2

VERSION = 3

#: Columns a fresh version 3 database has in its CREATE TABLE. Added by populate(), after
#: the version 2 rows are in: v1/v2's populate() insert positionally into the v2 tables.
ADDED_COLUMNS = [
    'ALTER TABLE "call" ADD COLUMN "stage_entered_at" DATETIME',
    'ALTER TABLE "qualification" ADD COLUMN "budget_min" INTEGER',
    'ALTER TABLE "qualification" ADD COLUMN "budget_max" INTEGER',
    'ALTER TABLE "qualification" ADD COLUMN "budget_currency" VARCHAR(3) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "qualification" ADD COLUMN "decision_date" DATE',
    'ALTER TABLE "qualification" ADD COLUMN "decision_maker" TEXT NOT NULL DEFAULT \'\'',
    'ALTER TABLE "qualification" ADD COLUMN "decision_maker_role" TEXT NOT NULL DEFAULT \'\'',
]

SCHEMA = [
    *v2.SCHEMA,
    'CREATE TABLE "call_cue" ("id" INTEGER NOT NULL PRIMARY KEY, "call_id" INTEGER NOT NULL, "key" TEXT NOT NULL, '
    '"shown_at" DATETIME NOT NULL, "response" TEXT NOT NULL, '
    'FOREIGN KEY ("call_id") REFERENCES "call" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "call_cue_call_id" ON "call_cue" ("call_id")',
    'CREATE UNIQUE INDEX "call_cue_call_id_key" ON "call_cue" ("call_id", "key")',
]


def populate(con: sqlite3.Connection, sample: dict, playbook_json: str) -> None:
    """The version 2 sample, stamped version 3, with typed details, a stage start and a cue."""
    v2.populate(con, sample, playbook_json)
    for statement in ADDED_COLUMNS:
        con.execute(statement)
    con.execute("UPDATE schema_info SET value = '3' WHERE key = 'schema_version'")
    con.execute(
        "UPDATE qualification SET budget_min = 40000, budget_max = 60000, budget_currency = 'EUR', "
        "decision_date = '2024-04-30', decision_maker = 'Marc Ruiz', decision_maker_role = 'COO' WHERE call_id = 2"
    )
    con.execute("UPDATE call SET stage_entered_at = ? WHERE id = 2", (sample["started_at"],))
    con.execute(
        "INSERT INTO call_cue (call_id, key, shown_at, response) VALUES (2, 'price', ?, 'shown')",
        (sample["started_at"],),
    )
