-- Schema 1 as created by SalesDesk before the qualification details / stage timing / cues step.
-- Used by tests/storage/test_migrations.py to check the upgrade path.
CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "company" TEXT NOT NULL, "email" TEXT NOT NULL, "phone" TEXT NOT NULL, "created_at" DATETIME NOT NULL);
CREATE INDEX "contact_name" ON "contact" ("name");
CREATE TABLE "playbook_snapshot" ("id" INTEGER NOT NULL PRIMARY KEY, "digest" VARCHAR(64) NOT NULL, "name" TEXT NOT NULL, "version" TEXT NOT NULL, "body" TEXT NOT NULL, "created_at" DATETIME NOT NULL);
CREATE UNIQUE INDEX "playbook_snapshot_digest" ON "playbook_snapshot" ("digest");
CREATE TABLE "call" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "contact_id" INTEGER NOT NULL, "playbook_id" INTEGER NOT NULL, "playbook_name" TEXT NOT NULL, "playbook_version" TEXT NOT NULL, "started_at" DATETIME NOT NULL, "ended_at" DATETIME, "stage" TEXT NOT NULL, "outcome" TEXT NOT NULL, "next_step" TEXT NOT NULL, "next_step_due" DATE, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE RESTRICT, FOREIGN KEY ("playbook_id") REFERENCES "playbook_snapshot" ("id") ON DELETE RESTRICT);
CREATE UNIQUE INDEX "call_uid" ON "call" ("uid");
CREATE INDEX "call_contact_id" ON "call" ("contact_id");
CREATE INDEX "call_playbook_id" ON "call" ("playbook_id");
CREATE INDEX "call_started_at" ON "call" ("started_at");
CREATE INDEX "call_ended_at" ON "call" ("ended_at");
CREATE INDEX "call_next_step_due" ON "call" ("next_step_due");
CREATE TABLE "answer" ("id" INTEGER NOT NULL PRIMARY KEY, "call_id" INTEGER NOT NULL, "question" TEXT NOT NULL, "answer" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("call_id") REFERENCES "call" ("id") ON DELETE CASCADE);
CREATE INDEX "answer_call_id" ON "answer" ("call_id");
CREATE UNIQUE INDEX "answer_call_id_question" ON "answer" ("call_id", "question");
CREATE TABLE "checklist_tick" ("id" INTEGER NOT NULL PRIMARY KEY, "call_id" INTEGER NOT NULL, "stage" TEXT NOT NULL, "item" TEXT NOT NULL, "done_at" DATETIME NOT NULL, FOREIGN KEY ("call_id") REFERENCES "call" ("id") ON DELETE CASCADE);
CREATE INDEX "checklist_tick_call_id" ON "checklist_tick" ("call_id");
CREATE UNIQUE INDEX "checklist_tick_call_id_stage_item" ON "checklist_tick" ("call_id", "stage", "item");
CREATE TABLE "note" ("id" INTEGER NOT NULL PRIMARY KEY, "call_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "text" TEXT NOT NULL, "draft" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("call_id") REFERENCES "call" ("id") ON DELETE CASCADE);
CREATE INDEX "note_call_id" ON "note" ("call_id");
CREATE INDEX "note_call_id_at" ON "note" ("call_id", "at");
CREATE TABLE "objection_log" ("id" INTEGER NOT NULL PRIMARY KEY, "call_id" INTEGER NOT NULL, "key" TEXT NOT NULL, "title" TEXT NOT NULL, "raised_at" DATETIME NOT NULL, "handled" INTEGER NOT NULL, "handled_at" DATETIME, "note" TEXT NOT NULL, FOREIGN KEY ("call_id") REFERENCES "call" ("id") ON DELETE CASCADE);
CREATE INDEX "objection_log_call_id" ON "objection_log" ("call_id");
CREATE TABLE "qualification" ("id" INTEGER NOT NULL PRIMARY KEY, "call_id" INTEGER NOT NULL, "need" TEXT NOT NULL, "budget" TEXT NOT NULL, "timeline" TEXT NOT NULL, "authority" TEXT NOT NULL, FOREIGN KEY ("call_id") REFERENCES "call" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "qualification_call_id" ON "qualification" ("call_id");
CREATE TABLE "schema_info" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
INSERT INTO schema_info (key, value) VALUES ('schema_version', '1');
