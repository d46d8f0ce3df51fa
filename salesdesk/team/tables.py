"""Peewee models of the team tables, for reading them with the local query code.

Made from the local tables (storage/tables.py), so storage/history.py and the one reader
(storage/reader.py) run unchanged on the server and a local column reaches them without a
change here: each local table's fields (but ``id``, which is a 64-bit identity on the
server), the server's own columns (``owner`` on every row, ``revision`` and ``changed_at``
on a call), and the two tables only the server has. The tables themselves are made by the
versioned SQL in schema.py, never from these models (so no indexes or constraints here).
Each connection gets its own model classes (``make_tables``), so two servers (or two
logins) never share a binding.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import (
    BigIntegerField,
    CharField,
    Database,
    DateTimeField,
    Field,
    ForeignKeyField,
    Model,
    TextField,
)

from salesdesk.storage import tables as local
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
    FollowupEmail: type[Model]
    CallSearch: type[Model]
    TeamPlaybook: type[Model]


#: The local tables the server holds too (schema_info is each database's own).
SHARED_TABLES = tuple(model for model in local.ALL_MODELS if model is not local.SchemaInfo)
#: Columns the server adds to a local table, beyond ``owner`` (which every row has).
SERVER_COLUMNS: dict[str, dict[str, type[Field]]] = {
    "Call": {"revision": BigIntegerField, "changed_at": DateTimeField},
}


def _server_field(field: Field, made: dict[type[Model], type[Model]]) -> Field:
    """A field of a local table, for the server's table of the same name: the same type and
    column, and a foreign key points at the server's table."""
    if isinstance(field, ForeignKeyField):
        return ForeignKeyField(made[field.rel_model], backref=field.backref, column_name=field.column_name)
    return type(field)(null=field.null, column_name=field.column_name)


def make_tables(db: Database) -> TeamTables:
    class Base(Model):
        id = BigIntegerField(primary_key=True)

        class Meta:
            database = db
            schema = SCHEMA
            legacy_table_names = False

    made: dict[type[Model], type[Model]] = {}
    for model in SHARED_TABLES:  # parents before children, so foreign keys find their table
        name = model.__name__
        fields = {
            field_name: _server_field(field, made)
            for field_name, field in model._meta.fields.items()
            if field_name != "id"
        }
        fields["owner"] = TextField()
        fields.update({column: kind() for column, kind in SERVER_COLUMNS.get(name, {}).items()})
        made[model] = type(name, (Base,), {"__module__": __name__, "__qualname__": name, **fields})
    team = {model.__name__: table for model, table in made.items()}

    class CallSearch(Model):
        call = ForeignKeyField(team["Call"], primary_key=True)
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

    return TeamTables(db, **team, CallSearch=CallSearch, TeamPlaybook=TeamPlaybook)
