"""Schema version 5: version 4 plus each call's follow-up e-mail (issue 16). Frozen: never edit."""

from __future__ import annotations

import sqlite3

from tests.storage.schemas import v4

VERSION = 5

SCHEMA = [
    *v4.SCHEMA,
    'CREATE TABLE "followup_email" ("id" INTEGER NOT NULL PRIMARY KEY, "call_id" INTEGER NOT NULL, '
    '"template" TEXT NOT NULL, "subject" TEXT NOT NULL, "body" TEXT NOT NULL, "sent_at" DATETIME, '
    '"updated_at" DATETIME NOT NULL, FOREIGN KEY ("call_id") REFERENCES "call" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "followup_email_call_id" ON "followup_email" ("call_id")',
]

#: The follow-up e-mail populate() gives the ended call (id 1).
FOLLOWUP = ("meeting-booked", "Our call — next steps", "Hi Bob,\n\nthanks 🙂", "2024-02-01 11:00:00")


def populate(con: sqlite3.Connection, sample: dict, playbook_json: str) -> None:
    """The version 4 sample, stamped version 5, the ended call with a sent follow-up e-mail."""
    v4.populate(con, sample, playbook_json)
    con.execute(
        "INSERT INTO followup_email (call_id, template, subject, body, sent_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)",
        (*FOLLOWUP, FOLLOWUP[3]),
    )
    con.execute("UPDATE schema_info SET value = '5' WHERE key = 'schema_version'")
