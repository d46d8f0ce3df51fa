"""Schema versions and the steps between them.

A new database is created from the current models and stamped with SCHEMA_VERSION. An
older one is brought forward one version at a time: STEPS[n] turns schema n-1 into n, with
``playhouse.migrate`` operations so it runs on SQLite and PostgreSQL alike. Each step runs in
its own transaction together with the new version stamp, so a failed step changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the start-up reader imports SCHEMA_VERSION without Peewee
    from peewee import Database

#: Schema 1: contacts, calls, playbook snapshots, qualification, ticks, answers,
#: objections and notes.
#: Schema 2: the full-text search index (storage/search.py), filled from the calls, and an
#: index over call dates and outcomes for the insights.
#: Schema 3: typed qualification details, when the current stage was entered, live cues.
#: Schema 4: the furthest stage each call reached (``call.furthest_stage``), which the
#: insights index covers instead of the current stage.
#: Schema 5: each call's follow-up e-mail (``followup_email``): its final text and when it was sent.
SCHEMA_VERSION = 5
#: No SalesDesk will come near this many versions: a larger stored number is damage, not
#: a newer SalesDesk.
MAX_SCHEMA_VERSION = 1000

MigrationStep = Callable[["Database"], None]


def parse_schema_version(value: object) -> int | None:
    """The version stored in ``schema_info`` as a number, or None when it is not one any
    SalesDesk writes: the digits of a whole number from 1 to MAX_SCHEMA_VERSION ("3", not
    "3.1", "0", "-1", "03" or "three"). Such a value means the file is damaged or was
    changed by another program: it must not be migrated from, nor called newer."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()) or len(value) > 4:
        return None
    version = int(value)
    if str(version) != value or not 1 <= version <= MAX_SCHEMA_VERSION:
        return None
    return version


def _add_search_index(db: Database) -> None:
    """The full-text index filled from the calls, and the index the insights queries use."""
    from salesdesk.storage import search  # SQLite-only, like the index it creates

    search.rebuild()
    # Spelled out rather than taken from the current model, which later versions change.
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "call_started_at_outcome_ended_at_stage_playbook_id" '
        'ON "call" ("started_at", "outcome", "ended_at", "stage", "playbook_id")'
    )


def _add_call_aids(db: Database) -> None:
    """Typed qualification (budget range and currency, decision date, decision-maker),
    ``call.stage_entered_at`` for stage pacing, and the ``call_cue`` table."""
    from peewee import BigIntegerField, CharField, DateField, DateTimeField, ForeignKeyField, Model, TextField
    from playhouse.migrate import SchemaMigrator
    from playhouse.migrate import migrate as run

    migrator = SchemaMigrator.from_database(db)
    run(
        migrator.add_column("qualification", "budget_min", BigIntegerField(null=True)),
        migrator.add_column("qualification", "budget_max", BigIntegerField(null=True)),
        migrator.add_column("qualification", "budget_currency", CharField(max_length=3, default="")),
        migrator.add_column("qualification", "decision_date", DateField(null=True)),
        migrator.add_column("qualification", "decision_maker", TextField(default="")),
        migrator.add_column("qualification", "decision_maker_role", TextField(default="")),
        migrator.add_column("call", "stage_entered_at", DateTimeField(null=True)),
    )

    # The table as it is at schema 3 (not the current model, which may change later).
    class Call(Model):
        class Meta:
            database = db
            table_name = "call"

    class CallCue(Model):
        call = ForeignKeyField(Call, on_delete="CASCADE")
        key = TextField()
        shown_at = DateTimeField()
        response = TextField(default="shown")

        class Meta:
            database = db
            table_name = "call_cue"
            indexes = ((("call", "key"), True),)

    db.create_tables([CallCue])


def _add_furthest_stage(db: Database) -> None:
    """``call.furthest_stage``, filled with a best guess for the calls stored so far (see
    core.call.estimate_furthest_stage: the current stage, the stages of ticked items and of
    answered questions, in the order of each call's playbook snapshot), and the insights
    index on it in place of the one on the current stage."""
    import json

    from peewee import TextField
    from playhouse.migrate import SchemaMigrator
    from playhouse.migrate import migrate as run

    from salesdesk.core.call import estimate_furthest_stage

    migrator = SchemaMigrator.from_database(db)
    # Spelled out rather than taken from the current model, which later versions may change.
    run(
        migrator.drop_index("call", "call_started_at_outcome_ended_at_stage_playbook_id"),
        migrator.add_column("call", "furthest_stage", TextField(default="")),
        migrator.add_index(
            "call",
            ("started_at", "outcome", "ended_at", "furthest_stage", "playbook_id"),
            name="call_started_at_outcome_ended_at_furthest_stage_playbook_id",
        ),
    )

    playbooks: dict[int, tuple[list[str], dict[str, str]]] = {}
    for snapshot_id, body in db.execute_sql("SELECT id, body FROM playbook_snapshot"):
        try:
            stages = [s for s in json.loads(body).get("stages", []) if isinstance(s, dict)]
            order = [str(s.get("key", "")) for s in stages]
            questions = {
                str(q.get("key", "")): str(s.get("key", ""))
                for s in stages
                for q in s.get("questions", [])
                if isinstance(q, dict)
            }
        except (ValueError, AttributeError, TypeError):  # a snapshot SalesDesk cannot read: no order
            order, questions = [], {}
        playbooks[snapshot_id] = (order, questions)
    ticked: dict[int, list[str]] = {}
    for call_id, stage in db.execute_sql("SELECT DISTINCT call_id, stage FROM checklist_tick"):
        ticked.setdefault(call_id, []).append(stage)
    answered: dict[int, list[str]] = {}
    for call_id, question in db.execute_sql("SELECT call_id, question FROM answer WHERE trim(answer) != ''"):
        answered.setdefault(call_id, []).append(question)
    updates = []
    for call_id, snapshot_id, stage in db.execute_sql("SELECT id, playbook_id, stage FROM call"):
        order, questions = playbooks.get(snapshot_id, ([], {}))
        furthest = estimate_furthest_stage(order, questions, stage, ticked.get(call_id, ()), answered.get(call_id, ()))
        updates.append((furthest, call_id))
    mark = db.param  # the driver's placeholder ("?" on SQLite, "%s" on PostgreSQL)
    db.cursor().executemany(f'UPDATE "call" SET "furthest_stage" = {mark} WHERE "id" = {mark}', updates)


def _add_followup_email(db: Database) -> None:
    """The ``followup_email`` table: a call's follow-up e-mail (template key, subject, body),
    when it was marked as sent (null: not yet) and last changed. Calls stored so far have none."""
    from peewee import DateTimeField, ForeignKeyField, Model, TextField

    # The tables as they are at schema 5 (not the current models, which may change later).
    class Call(Model):
        class Meta:
            database = db
            table_name = "call"

    class FollowupEmail(Model):
        call = ForeignKeyField(Call, unique=True, on_delete="CASCADE")
        template = TextField(default="")
        subject = TextField(default="")
        body = TextField(default="")
        sent_at = DateTimeField(null=True)
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "followup_email"

    db.create_tables([FollowupEmail])


#: version -> step that upgrades a database from version - 1 to version.
STEPS: dict[int, MigrationStep] = {
    2: _add_search_index,
    3: _add_call_aids,
    4: _add_furthest_stage,
    5: _add_followup_email,
}


def migrate(db: Database, from_version: int, on_step: Callable[[int], None]) -> list[int]:
    """Run every step after ``from_version``; ``on_step(v)`` stamps version v in the same transaction."""
    applied = []
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        step = STEPS.get(version)
        if step is None:
            raise RuntimeError(f"no migration step to schema version {version}")
        with db.atomic():
            step(db)
            on_step(version)
        applied.append(version)
    return applied
