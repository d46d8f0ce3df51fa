"""The team outbox: which calls have changed since the team server last had them.

``team_outbox`` holds a row per call: ``revision``, raised by every change to the call, and
``pushed``, the revision the team server confirmed. A call is pending while revision >
pushed. SQLite triggers raise the revision in the same statement, so in the same
transaction, as every change of the call or of any of its rows, however it is made (the
store, an import, a tidy-up, another process): nothing can change a call without marking
it. It exists and counts with team mode off too (a rep who joins later pushes what is
there); nothing reads it then. The sync worker (salesdesk/team/sync.py) reads pending
calls with their revisions in one read transaction, so a document never runs ahead of the
revision it is pushed with.
"""

from __future__ import annotations

from collections.abc import Sequence

from salesdesk.core.call import CallState
from salesdesk.storage import tables as m
from salesdesk.storage.guard import guarded
from salesdesk.storage.reader import load_calls
from salesdesk.storage.snapshots import PlaybookSnapshots

#: The per-call tables whose rows are part of a call's team document (storage/rows.py).
_CALL_PARTS = ("qualification", "checklist_tick", "answer", "objection_log", "note", "call_cue", "followup_email")

_BUMP = 'UPDATE "team_outbox" SET "revision" = "revision" + 1 WHERE "call_id" = {}'


def schema_statements() -> list[str]:
    """The table, its index of pending calls and the triggers (SQLite), as schema 6 made them."""
    statements = [
        'CREATE TABLE "team_outbox" ("call_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "call" ("id") '
        'ON DELETE CASCADE, "revision" INTEGER NOT NULL, "pushed" INTEGER NOT NULL DEFAULT 0)',
        'CREATE INDEX "team_outbox_pending" ON "team_outbox" ("call_id") WHERE "revision" > "pushed"',
        'CREATE TRIGGER "team_outbox_call_added" AFTER INSERT ON "call" BEGIN '
        'INSERT INTO "team_outbox" ("call_id", "revision", "pushed") VALUES (NEW."id", 1, 0); END',
        f'CREATE TRIGGER "team_outbox_call_changed" AFTER UPDATE ON "call" BEGIN {_BUMP.format("NEW.id")}; END',
        'CREATE TRIGGER "team_outbox_contact_changed" AFTER UPDATE ON "contact" BEGIN '
        'UPDATE "team_outbox" SET "revision" = "revision" + 1 '
        'WHERE "call_id" IN (SELECT "id" FROM "call" WHERE "contact_id" = NEW."id"); END',
    ]
    for table in _CALL_PARTS:
        statements += [
            f'CREATE TRIGGER "team_outbox_{table}_added" AFTER INSERT ON "{table}" BEGIN '
            f"{_BUMP.format('NEW.call_id')}; END",
            f'CREATE TRIGGER "team_outbox_{table}_changed" AFTER UPDATE ON "{table}" BEGIN '
            f"{_BUMP.format('NEW.call_id')}; {_BUMP.format('OLD.call_id')} AND OLD.call_id != NEW.call_id; END",
            f'CREATE TRIGGER "team_outbox_{table}_removed" AFTER DELETE ON "{table}" BEGIN '
            f"{_BUMP.format('OLD.call_id')}; END",
        ]
    return statements


def create(db) -> None:
    """Make the outbox in a database that has none (a new one, or the schema 6 step)."""
    for statement in schema_statements():
        db.execute_sql(statement)


@guarded
def pending_count() -> int:
    return m.database.execute_sql('SELECT count(*) FROM "team_outbox" WHERE "revision" > "pushed"').fetchone()[0]


@guarded
def pending_calls(limit: int, snapshots: PlaybookSnapshots | None = None) -> list[tuple[CallState, int]]:
    """Up to ``limit`` pending calls, newest first, each with the revision it has now (read
    together in one transaction: the document is exactly that revision's)."""
    with m.database.atomic():
        rows = m.database.execute_sql(
            'SELECT "call_id", "revision" FROM "team_outbox" WHERE "revision" > "pushed" '
            'ORDER BY "call_id" DESC LIMIT ?',
            (limit,),
        ).fetchall()
        revisions = dict(rows)
        calls = load_calls([call_id for call_id, _revision in rows], snapshots)
    return [(call, revisions[call.id]) for call in calls]


@guarded
def mark_pushed(pushed: Sequence[tuple[int, int]]) -> None:
    """The server has these (call id, revision): a call changed since stays pending."""
    with m.database.atomic():
        m.database.cursor().executemany(
            'UPDATE "team_outbox" SET "pushed" = ?2 WHERE "call_id" = ?1 AND "pushed" < ?2', list(pushed)
        )


@guarded
def move_past(call_id: int, server_revision: int) -> int:
    """The server has a newer revision of this call than this laptop (a restored backup,
    the rep's second laptop): the call's revision goes past it, so the next push wins."""
    with m.database.atomic():
        m.database.execute_sql(
            'UPDATE "team_outbox" SET "revision" = max("revision", ?) WHERE "call_id" = ?',
            (server_revision + 1, call_id),
        )
        return m.database.execute_sql(
            'SELECT "revision" FROM "team_outbox" WHERE "call_id" = ?', (call_id,)
        ).fetchone()[0]


@guarded
def forget_pushes() -> None:
    """Every call pending again (after leaving a team: another team has none of them)."""
    with m.database.atomic():
        m.database.execute_sql('UPDATE "team_outbox" SET "pushed" = 0')
