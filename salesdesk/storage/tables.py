"""The database tables as Peewee models: the current schema. Only salesdesk.storage imports this module.

Datetimes are stored as naive UTC (the store converts), so the same models work on SQLite
and PostgreSQL. Nothing here is SQLite-specific.
"""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Model,
    TextField,
)

database = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaInfo(BaseModel):
    """Key/value facts about the database itself; ``schema_version`` lives here."""

    key = CharField(primary_key=True, max_length=64)
    value = TextField()


class Contact(BaseModel):
    name = TextField(index=True)
    company = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    created_at = DateTimeField()


class PlaybookSnapshot(BaseModel):
    """The exact playbook a call was started with, so the call renders the same forever."""

    digest = CharField(max_length=64, unique=True)
    name = TextField()
    version = TextField()
    body = TextField()  # Playbook.to_json()
    created_at = DateTimeField()


class Call(BaseModel):
    uid = CharField(max_length=36, unique=True)
    contact = ForeignKeyField(Contact, backref="calls", on_delete="RESTRICT")
    playbook = ForeignKeyField(PlaybookSnapshot, on_delete="RESTRICT")
    playbook_name = TextField()
    playbook_version = TextField()
    started_at = DateTimeField(index=True)
    ended_at = DateTimeField(null=True, index=True)
    stage = TextField()
    outcome = TextField(default="")
    next_step = TextField(default="")
    next_step_due = DateField(null=True, index=True)
    updated_at = DateTimeField()
    #: When the current stage was entered (schema 3; null for older calls).
    stage_entered_at = DateTimeField(null=True)
    #: The furthest stage the call reached; ``stage`` is the one it is in (schema 4).
    furthest_stage = TextField(default="")

    class Meta:
        # The insights add up calls by day, outcome and stage reached; this index holds all
        # they read, so they scan it instead of the much wider call rows (schema 2; schema 4
        # counts the furthest stage instead of the current one).
        indexes = ((("started_at", "outcome", "ended_at", "furthest_stage", "playbook"), False),)


class Qualification(BaseModel):
    call = ForeignKeyField(Call, unique=True, backref="qualification", on_delete="CASCADE")
    need = TextField(default="")
    budget = TextField(default="")
    timeline = TextField(default="")
    authority = TextField(default="")
    # Typed details (schema 2). Budget amounts are whole units of budget_currency.
    budget_min = BigIntegerField(null=True)
    budget_max = BigIntegerField(null=True)
    budget_currency = CharField(max_length=3, default="")
    decision_date = DateField(null=True)
    decision_maker = TextField(default="")
    decision_maker_role = TextField(default="")


class ChecklistTick(BaseModel):
    """A ticked checklist item (unticking deletes the row)."""

    call = ForeignKeyField(Call, backref="ticks", on_delete="CASCADE")
    stage = TextField()
    item = TextField()
    done_at = DateTimeField()

    class Meta:
        indexes = ((("call", "stage", "item"), True),)


class Answer(BaseModel):
    call = ForeignKeyField(Call, backref="answers", on_delete="CASCADE")
    question = TextField()
    answer = TextField(default="")
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("call", "question"), True),)


class ObjectionLog(BaseModel):
    call = ForeignKeyField(Call, backref="objections", on_delete="CASCADE")
    key = TextField()
    title = TextField()
    raised_at = DateTimeField()
    handled = BooleanField(default=False)
    handled_at = DateTimeField(null=True)
    note = TextField(default="")


class Note(BaseModel):
    call = ForeignKeyField(Call, backref="notes", on_delete="CASCADE")
    at = DateTimeField()
    text = TextField(default="")
    draft = BooleanField(default=False)
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("call", "at"), False),)


class CallCue(BaseModel):
    """A live cue (an objection spotted in the notes) shown on a call: never shown twice."""

    call = ForeignKeyField(Call, backref="cues", on_delete="CASCADE")
    key = TextField()
    shown_at = DateTimeField()
    response = TextField(default="shown")  # shown, accepted or dismissed

    class Meta:
        indexes = ((("call", "key"), True),)


class FollowupEmail(BaseModel):
    """The call's follow-up e-mail as the rep last left it, and whether it was sent (schema 5)."""

    call = ForeignKeyField(Call, unique=True, backref="followup_email", on_delete="CASCADE")
    template = TextField(default="")
    subject = TextField(default="")
    body = TextField(default="")
    sent_at = DateTimeField(null=True)
    updated_at = DateTimeField()


#: In creation order (parents before children).
ALL_MODELS = (
    SchemaInfo,
    Contact,
    PlaybookSnapshot,
    Call,
    Qualification,
    ChecklistTick,
    Answer,
    ObjectionLog,
    Note,
    CallCue,
    FollowupEmail,
)
