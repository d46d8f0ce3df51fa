"""A database of every schema version SalesDesk ever wrote opens today with all its data.

The old databases are built from the frozen definitions in tests/storage/schemas (the SQL
each version created, never edited), filled with the same sample, then opened with
init_db, which migrates them. Then: every value of every old row is still in the same
table and column, and the store reads the sample back as a rep would see it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from salesdesk.storage import CallStore, close_db, init_db, migrations
from salesdesk.storage.backup import list_backups
from salesdesk.storage.paths import database_path
from tests.storage.schemas import FROZEN, PLAYBOOK_JSON, SAMPLE, TRANSFORMED_COLUMNS


def build(path: Path, version: int) -> None:
    module = FROZEN[version]
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        with con:
            for statement in module.SCHEMA:
                con.execute(statement)
            module.populate(con, SAMPLE, PLAYBOOK_JSON)
    finally:
        con.close()


def table_rows(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out = {}
        for table in tables:
            cursor = con.execute(f'SELECT * FROM "{table}"')
            out[table] = ([c[0] for c in cursor.description], cursor.fetchall())
        return out
    finally:
        con.close()


def schema_shape(path: Path) -> set[tuple]:
    """Tables with their columns (name, type, not null, pk) and indexes with their columns."""
    con = sqlite3.connect(path)
    try:
        shape = set()
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            columns = tuple((r[1], r[2].upper(), r[3], r[5]) for r in con.execute(f'PRAGMA table_info("{table}")'))
            shape.add(("table", table, columns))
            for index in con.execute(f'PRAGMA index_list("{table}")'):
                cols = tuple(r[2] for r in con.execute(f'PRAGMA index_info("{index[1]}")'))
                shape.add(("index", table, index[1], bool(index[2]), cols))
            fks = tuple(sorted((*r[2:5], r[6]) for r in con.execute(f'PRAGMA foreign_key_list("{table}")')))
            shape.add(("fks", table, fks))
        return shape
    finally:
        con.close()


def test_every_schema_version_has_a_frozen_definition():
    missing = [v for v in range(1, migrations.SCHEMA_VERSION + 1) if v not in FROZEN]
    assert not missing, (
        f"No frozen schema for version(s) {missing}: add tests/storage/schemas/v<N>.py (the SQL a fresh "
        "database of that version has, and populate()) and list it in FROZEN, so its migration is tested."
    )
    assert all(v == FROZEN[v].VERSION for v in FROZEN)


def test_the_frozen_current_schema_is_exactly_what_init_db_creates(tmp_path: Path):
    """Changing models.py without a new schema version (and migration) fails here."""
    frozen = tmp_path / "frozen.sqlite3"
    build(frozen, migrations.SCHEMA_VERSION)
    fresh_dir = tmp_path / "fresh"
    init_db(fresh_dir)
    close_db()
    assert schema_shape(database_path(fresh_dir)) == schema_shape(frozen)


@pytest.mark.parametrize("version", sorted(FROZEN))
def test_a_database_of_every_version_opens_with_all_its_data(version: int, data_dir: Path):
    path = database_path(data_dir)
    build(path, version)
    before = table_rows(path)

    init_db(data_dir)
    store = CallStore()
    try:
        check_sample_reads_back(store)
    finally:
        close_db()

    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone() == (
        str(migrations.SCHEMA_VERSION),
    )
    con.close()
    after = table_rows(path)
    for table, (columns, rows) in before.items():
        assert table in after, f"table {table} of schema {version} is gone after migrating"
        new_columns, new_rows = after[table]
        shared = [c for c in columns if c in new_columns and f"{table}.{c}" not in TRANSFORMED_COLUMNS]
        dropped = [c for c in columns if c not in new_columns and f"{table}.{c}" not in TRANSFORMED_COLUMNS]
        assert not dropped, (
            f"{table}: columns {dropped} of schema {version} are gone (list them in TRANSFORMED_COLUMNS?)"
        )
        old = Counter(tuple(row[columns.index(c)] for c in shared) for row in rows)
        new = Counter(tuple(row[new_columns.index(c)] for c in shared) for row in new_rows)
        assert not old - new, f"{table}: rows of schema {version} lost or changed: {old - new}"

    backups = list_backups(data_dir)
    if version < migrations.SCHEMA_VERSION:
        assert [b.reason for b in backups] == [f"before-v{migrations.SCHEMA_VERSION}"]
        assert table_rows(backups[0].path) == before  # the backup is the database as it was
    else:
        assert backups == []  # nothing to migrate, nothing to back up


def check_sample_reads_back(store: CallStore) -> None:
    call_id = store.open_call_id()
    assert call_id is not None
    call = store.load_call(call_id)
    name, company, email, phone = SAMPLE["open_contact"]
    assert (call.contact.name, call.contact.company, call.contact.email, call.contact.phone) == (
        name,
        company,
        email,
        phone,
    )
    assert call.playbook.name == "Frozen test playbook"
    assert call.stage == SAMPLE["stage"]
    assert call.furthest_stage == SAMPLE["stage"]  # no tick or answer beyond it
    assert call.started_at == datetime.fromisoformat(SAMPLE["started_at"]).replace(tzinfo=UTC)
    assert set(call.ticks) == set(SAMPLE["ticks"])
    assert call.answers == SAMPLE["answers"]
    assert call.qualification == SAMPLE["qualification"]
    key, title, handled, note = SAMPLE["objection"]
    assert [(o.key, o.title, o.handled, o.note) for o in call.objections] == [(key, title, handled, note)]
    assert [(n.text, n.draft) for n in call.notes] == [(text, draft) for _at, text, draft in SAMPLE["notes"]]

    recent = store.recent_calls()
    assert [(r[2], r[4]) for r in recent] == [(name, ""), (SAMPLE["ended_contact"][0], SAMPLE["outcome"])]
    ended = store.load_call(recent[1][0])
    assert ended.ended_at == datetime.fromisoformat(SAMPLE["ended_at"]).replace(tzinfo=UTC)
    assert (ended.next_step, ended.next_step_due) == (SAMPLE["next_step"], date.fromisoformat(SAMPLE["next_step_due"]))
    assert (ended.stage, ended.furthest_stage) == ("opening", "opening")


def test_the_check_catches_a_migration_that_loses_data(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """The harness itself, before a real version 2 exists: a fake step that adds a column
    passes the data check; one that drops rows does not."""
    from playhouse.migrate import SqliteMigrator, migrate

    from salesdesk.storage import tables as m

    def add_column(db):
        from peewee import TextField

        migrate(SqliteMigrator(db).add_column("contact", "title", TextField(default="")))

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.STEPS, 2, add_column)
    path = database_path(data_dir)
    build(path, 1)
    before = table_rows(path)
    init_db(data_dir)
    close_db()
    after = table_rows(path)
    assert "title" in after["contact"][0]
    assert [r[:6] for r in after["contact"][1]] == before["contact"][1]
    assert [b.reason for b in list_backups(data_dir)] == ["before-v2"]

    def lose_notes(db):
        m.Note.delete().where(m.Note.draft == True).execute()  # noqa: E712 (Peewee expression)

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(migrations.STEPS, 3, lose_notes)
    init_db(data_dir)
    close_db()
    old = Counter(before["note"][1])
    new = Counter(table_rows(path)["note"][1])
    assert old - new  # what test_a_database_of_every_version_opens_with_all_its_data would flag
