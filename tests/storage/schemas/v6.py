# ruff: noqa: E501 (frozen SQL, one statement a line)
"""Schema version 6: version 5 plus the team outbox (issue 15): a revision per call that
triggers raise with every change of the call, and the revision the team server has.
Frozen: never edit."""

from __future__ import annotations

import sqlite3

from tests.storage.schemas import v5

VERSION = 6

#: Made by populate(), after the version 5 rows are in (the triggers would otherwise count
#: the sample's own inserts): the table, its index and triggers of a fresh version 6 database.
ADDED = [
    'CREATE TABLE "team_outbox" ("call_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "call" ("id") ON DELETE CASCADE, "revision" INTEGER NOT NULL, "pushed" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "team_outbox_pending" ON "team_outbox" ("call_id") WHERE "revision" > "pushed"',
    'CREATE TRIGGER "team_outbox_call_added" AFTER INSERT ON "call" BEGIN INSERT INTO "team_outbox" ("call_id", "revision", "pushed") VALUES (NEW."id", 1, 0); END',
    'CREATE TRIGGER "team_outbox_call_changed" AFTER UPDATE ON "call" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.id; END',
    'CREATE TRIGGER "team_outbox_contact_changed" AFTER UPDATE ON "contact" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" IN (SELECT "id" FROM "call" WHERE "contact_id" = NEW."id"); END',
    'CREATE TRIGGER "team_outbox_qualification_added" AFTER INSERT ON "qualification" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_qualification_changed" AFTER UPDATE ON "qualification" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id AND OLD.call_id != NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_qualification_removed" AFTER DELETE ON "qualification" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id; END',
    'CREATE TRIGGER "team_outbox_checklist_tick_added" AFTER INSERT ON "checklist_tick" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_checklist_tick_changed" AFTER UPDATE ON "checklist_tick" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id AND OLD.call_id != NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_checklist_tick_removed" AFTER DELETE ON "checklist_tick" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id; END',
    'CREATE TRIGGER "team_outbox_answer_added" AFTER INSERT ON "answer" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_answer_changed" AFTER UPDATE ON "answer" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id AND OLD.call_id != NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_answer_removed" AFTER DELETE ON "answer" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id; END',
    'CREATE TRIGGER "team_outbox_objection_log_added" AFTER INSERT ON "objection_log" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_objection_log_changed" AFTER UPDATE ON "objection_log" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id AND OLD.call_id != NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_objection_log_removed" AFTER DELETE ON "objection_log" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id; END',
    'CREATE TRIGGER "team_outbox_note_added" AFTER INSERT ON "note" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_note_changed" AFTER UPDATE ON "note" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id AND OLD.call_id != NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_note_removed" AFTER DELETE ON "note" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id; END',
    'CREATE TRIGGER "team_outbox_call_cue_added" AFTER INSERT ON "call_cue" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_call_cue_changed" AFTER UPDATE ON "call_cue" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id AND OLD.call_id != NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_call_cue_removed" AFTER DELETE ON "call_cue" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id; END',
    'CREATE TRIGGER "team_outbox_followup_email_added" AFTER INSERT ON "followup_email" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_followup_email_changed" AFTER UPDATE ON "followup_email" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = NEW.call_id; UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id AND OLD.call_id != NEW.call_id; END',
    'CREATE TRIGGER "team_outbox_followup_email_removed" AFTER DELETE ON "followup_email" BEGIN UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = OLD.call_id; END',
]

SCHEMA = list(v5.SCHEMA)


def populate(con: sqlite3.Connection, sample: dict, playbook_json: str) -> None:
    """The version 5 sample, stamped version 6, every call pending at revision 1."""
    v5.populate(con, sample, playbook_json)
    for statement in ADDED:
        con.execute(statement)
    con.execute('INSERT INTO "team_outbox" ("call_id", "revision", "pushed") SELECT "id", 1, 0 FROM "call"')
    con.execute("UPDATE schema_info SET value = '6' WHERE key = 'schema_version'")
