"""Peewee models of the team tables, for reading them with the local query code.

The same class and field names as salesdesk/storage/tables.py, so storage/history.py and
storage/exchange.py's bulk reader run unchanged on the server (given these models), plus
the server's own columns (owner, revision, changed_at). The tables themselves are made by
the versioned SQL in schema.py, never from these models. Each connection gets its own
model classes (``make_tables``), so two servers (or two logins) never share a binding.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Model,
    TextField,
)

from salesdesk.team.connection import SCHEMA


@dataclass(frozen=True)
class TeamTables:
    database: Database
    Contact: type[Model]
    PlaybookSnapshot: type[Model]
    Call: type[Model]
    Qualification: type[Model]
    ChecklistTick: type[Model]
    Answer: type[Model]
    ObjectionLog: type[Model]
    Note: type[Model]
    CallCue: type[Model]
    CallSearch: type[Model]
    TeamPlaybook: type[Model]


def make_tables(db: Database) -> TeamTables:
    class Base(Model):
        id = BigIntegerField(primary_key=True)

        class Meta:
            database = db
            schema = SCHEMA
            legacy_table_names = False

    class Contact(Base):
        owner = TextField()
        name = TextField()
        company = TextField()
        email = TextField()
        phone = TextField()
        created_at = DateTimeField()

    class PlaybookSnapshot(Base):
        digest = CharField()
        name = TextField()
        version = TextField()
        body = TextField()
        created_at = DateTimeField()
        owner = TextField()

    class Call(Base):
        uid = CharField()
        owner = TextField()
        revision = BigIntegerField()
        changed_at = DateTimeField()
        contact = ForeignKeyField(Contact, backref="calls")
        playbook = ForeignKeyField(PlaybookSnapshot)
        playbook_name = TextField()
        playbook_version = TextField()
        started_at = DateTimeField()
        ended_at = DateTimeField(null=True)
        stage = TextField()
        outcome = TextField()
        next_step = TextField()
        next_step_due = DateField(null=True)
        updated_at = DateTimeField()
        stage_entered_at = DateTimeField(null=True)
        furthest_stage = TextField()

    class Child(Base):
        call = ForeignKeyField(Call)
        owner = TextField()

    class Qualification(Child):
        need = TextField()
        budget = TextField()
        timeline = TextField()
        authority = TextField()
        budget_min = BigIntegerField(null=True)
        budget_max = BigIntegerField(null=True)
        budget_currency = CharField()
        decision_date = DateField(null=True)
        decision_maker = TextField()
        decision_maker_role = TextField()

    class ChecklistTick(Child):
        stage = TextField()
        item = TextField()
        done_at = DateTimeField()

    class Answer(Child):
        question = TextField()
        answer = TextField()
        updated_at = DateTimeField()

    class ObjectionLog(Child):
        key = TextField()
        title = TextField()
        raised_at = DateTimeField()
        handled = BooleanField()
        handled_at = DateTimeField(null=True)
        note = TextField()

    class Note(Child):
        at = DateTimeField()
        text = TextField()
        draft = BooleanField()
        updated_at = DateTimeField()

    class CallCue(Child):
        key = TextField()
        shown_at = DateTimeField()
        response = TextField()

    class CallSearch(Model):
        call = ForeignKeyField(Call, primary_key=True)
        owner = TextField()

        class Meta:
            database = db
            schema = SCHEMA
            table_name = "call_search"

    class TeamPlaybook(Base):
        digest = CharField()
        name = TextField()
        version = TextField()
        body = TextField()
        published_by = TextField()
        published_at = DateTimeField()

    return TeamTables(
        db,
        Contact,
        PlaybookSnapshot,
        Call,
        Qualification,
        ChecklistTick,
        Answer,
        ObjectionLog,
        Note,
        CallCue,
        CallSearch,
        TeamPlaybook,
    )
