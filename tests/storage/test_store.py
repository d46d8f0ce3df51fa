"""Storage: schema set-up, every write, reloading, and clear errors for bad database files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from salesdesk.core.call import Contact, utcnow
from salesdesk.core.playbook import ChecklistItem
from salesdesk.storage import (
    CallStore,
    DamagedDatabaseError,
    NewerSchemaError,
    StorageError,
    UnknownCallError,
    close_db,
    init_db,
    migrations,
)
from salesdesk.storage.db import DB_FILENAME


def test_new_database_has_schema_version_wal_and_foreign_keys(store, data_dir: Path):
    con = sqlite3.connect(data_dir / DB_FILENAME)
    assert con.execute("select value from schema_info where key='schema_version'").fetchone() == (
        str(migrations.SCHEMA_VERSION),
    )
    assert con.execute("pragma journal_mode").fetchone() == ("wal",)
    con.close()
    from salesdesk.storage.tables import database

    assert database.execute_sql("pragma foreign_keys").fetchone() == (1,)


def test_a_call_round_trips_through_the_database(store: CallStore, playbook, data_dir: Path):
    call = store.start_call(Contact("Ana Lima", "Acme", "ana@acme.example", "+55 11 5555"), playbook)
    assert store.open_call_id() == call.id
    store.set_stage(call.id, "discovery")
    ticked_at = store.set_tick(call.id, "discovery", "pain-in-their-words", True)
    store.set_tick(call.id, "discovery", "impact-sized", True)
    store.set_tick(call.id, "discovery", "impact-sized", False)
    store.set_answer(call.id, "pain-points", "Too many spreadsheets")
    store.set_answer(call.id, "pain-points", "Too many spreadsheets 🙈 and \u202eRTL")
    store.set_qualification(call.id, "budget", "€50k")
    entry = store.log_objection(call.id, "too-expensive", "Too expensive / no budget")
    store.set_objection_handled(entry.id, True)
    store.set_objection_note(entry.id, "<script>alert(1)</script>")
    note = store.save_note(call.id, None, "draft text", draft=True)
    store.save_note(call.id, note.id, "final text", draft=False)
    store.save_note(call.id, None, "still typing", draft=True)
    close_db()

    init_db(data_dir)
    loaded = CallStore().load_call(call.id)
    assert loaded.contact == Contact("Ana Lima", "Acme", "ana@acme.example", "+55 11 5555", id=call.contact.id)
    assert loaded.stage == "discovery"
    assert loaded.ticks == {("discovery", "pain-in-their-words"): ticked_at}
    assert loaded.answers == {"pain-points": "Too many spreadsheets 🙈 and \u202eRTL"}
    assert loaded.qualification == {"need": "", "budget": "€50k", "timeline": "", "authority": ""}
    (objection,) = loaded.objections
    assert (objection.key, objection.handled, objection.note) == ("too-expensive", True, "<script>alert(1)</script>")
    assert [(n.text, n.draft) for n in loaded.notes] == [("final text", False), ("still typing", True)]
    assert loaded.started_at.tzinfo is not None
    close_db()


def test_ending_a_call_stores_the_wrap_up(store: CallStore, playbook):
    call = store.start_call(Contact("Ben"), playbook)
    due = date.today() + timedelta(days=3)
    store.end_call(call.id, " Meeting booked ", "Demo with CFO", due)
    assert store.open_call_id() is None
    loaded = store.load_call(call.id)
    assert (loaded.outcome, loaded.next_step, loaded.next_step_due) == ("Meeting booked", "Demo with CFO", due)
    assert loaded.ended_at is not None and not loaded.is_open


def test_open_call_is_the_latest_unfinished_one(store: CallStore, playbook):
    first = store.start_call(Contact("A"), playbook, started_at=utcnow() - timedelta(hours=2))
    second = store.start_call(Contact("B"), playbook)
    assert store.open_call_id() == second.id
    store.end_call(second.id, "Won", "", None)
    assert store.open_call_id() == first.id


def test_a_call_keeps_rendering_with_its_own_playbook_version(store: CallStore, playbook):
    call = store.start_call(Contact("Cy"), playbook)
    discovery = playbook.stage("discovery")
    reworded = replace(discovery, checklist=(ChecklistItem("pain-in-their-words", "Reworded!"),))
    newer = replace(
        playbook, version="2.0", stages=tuple(reworded if s.key == "discovery" else s for s in playbook.stages)
    )
    later = store.start_call(Contact("Di"), newer)
    assert CallStore().load_call(call.id).playbook == playbook
    assert CallStore().load_call(later.id).playbook.stage("discovery").checklist[0].text == "Reworded!"


def test_known_contacts_are_reused_and_listed_most_recent_first(store: CallStore, playbook):
    old = store.start_call(Contact("Old Friend", "OldCo"), playbook, started_at=utcnow() - timedelta(days=9))
    store.start_call(Contact("New Lead"), playbook)
    store.start_call(Contact("Old Friend", "NewCo", id=old.contact.id), playbook)
    contacts = store.contacts()
    assert [c.name for c in contacts] == ["Old Friend", "New Lead"]
    assert contacts[0].company == "NewCo"


def test_contact_needs_a_name(store: CallStore, playbook):
    with pytest.raises(ValueError, match="needs a name"):
        store.start_call(Contact("   "), playbook)


def test_unknown_call_is_a_clear_error(store: CallStore):
    with pytest.raises(UnknownCallError, match="no call with id 42"):
        store.load_call(42)
    with pytest.raises(UnknownCallError):
        store.set_stage(42, "x")


def test_deleting_a_call_cascades(store: CallStore, playbook):
    from salesdesk.storage import tables as m

    call = store.start_call(Contact("E"), playbook)
    store.set_tick(call.id, "prospecting", "icp-fit", True)
    store.save_note(call.id, None, "n", draft=False)
    m.Call.delete().where(m.Call.id == call.id).execute()
    assert m.ChecklistTick.select().count() == 0 and m.Note.select().count() == 0


# --------------------------------------------------------------------------- bad database files


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path):
    init_db(data_dir)
    close_db()
    path = data_dir / DB_FILENAME
    con = sqlite3.connect(path)
    con.execute("update schema_info set value='999' where key='schema_version'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer SalesDesk"):
        init_db(data_dir)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gets_a_clear_message(data_dir: Path):
    data_dir.mkdir(parents=True)
    (data_dir / DB_FILENAME).write_bytes(b"this is a shopping list, not a database\n" * 100)
    with pytest.raises(DamagedDatabaseError, match="is not a database file at all") as caught:
        init_db(data_dir)
    assert caught.value.kind == "not-sqlite"


def test_a_foreign_sqlite_database_is_not_taken_over(data_dir: Path):
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("create table recipes (name text)")
    con.commit()
    con.close()
    with pytest.raises(DamagedDatabaseError, match="an SQLite database, but not a SalesDesk one") as caught:
        init_db(data_dir)
    assert caught.value.kind == "foreign"


def test_data_folder_that_cannot_be_created(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Cannot create the data folder"):
        init_db(blocker / "data")


def test_migration_steps_run_in_order_and_stamp_each_version(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from salesdesk.storage import tables as m

    init_db(data_dir)
    previous = str(migrations.SCHEMA_VERSION - 1)
    m.SchemaInfo.update(value=previous).where(m.SchemaInfo.key == "schema_version").execute()
    close_db()
    ran: list[int] = []

    def step(db):
        ran.append(int(m.SchemaInfo.get_by_id("schema_version").value) + 1)
        db.execute_sql("create table migration_probe (x integer)")

    monkeypatch.setitem(migrations.STEPS, migrations.SCHEMA_VERSION, step)
    init_db(data_dir)
    assert ran == [migrations.SCHEMA_VERSION]
    assert m.SchemaInfo.get_by_id("schema_version").value == str(migrations.SCHEMA_VERSION)
    assert m.database.table_exists("migration_probe")
    close_db()


def test_a_failing_migration_changes_nothing(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from salesdesk.storage import tables as m

    init_db(data_dir)
    previous = str(migrations.SCHEMA_VERSION - 1)
    m.SchemaInfo.update(value=previous).where(m.SchemaInfo.key == "schema_version").execute()
    close_db()

    def broken_step(db):
        db.execute_sql("create table half_done (x integer)")
        raise sqlite3.OperationalError("step failed on purpose")

    monkeypatch.setitem(migrations.STEPS, migrations.SCHEMA_VERSION, broken_step)
    with pytest.raises(StorageError, match="step failed on purpose"):
        init_db(data_dir)
    con = sqlite3.connect(data_dir / DB_FILENAME)
    assert con.execute("select value from schema_info").fetchone() == (str(migrations.SCHEMA_VERSION - 1),)
    assert con.execute("select count(*) from sqlite_master where name='half_done'").fetchone() == (0,)
    con.close()


def test_objection_entries_are_removed_merged_and_put_back(store: CallStore, playbook, data_dir: Path):
    """A rep corrects the log: the changes reach the search index, and undo restores every
    column as it was (handled_at included)."""

    def rows() -> list[tuple]:
        con = sqlite3.connect(data_dir / DB_FILENAME)
        try:
            return con.execute(
                "select key, title, raised_at, handled, handled_at, note from objection_log order by raised_at, id"
            ).fetchall()
        finally:
            con.close()

    def found(text: str) -> list[int]:
        return [hit.call.id for hit in store.history.search(text).hits]

    call = store.start_call(Contact("Dana"), playbook)
    first = store.log_objection(call.id, "too-expensive", "Too expensive / no budget", handled=True)
    store.set_objection_note(first.id, "compared with Zoho")
    second = store.log_objection(call.id, "too-expensive", "Too expensive / no budget")
    store.set_objection_note(second.id, "wants a discount")
    timing = store.log_objection(call.id, "bad-timing", "Bad timing")
    store.set_objection_note(timing.id, "mentioned Rotterdam")
    first, second, timing = store.load_call(call.id).objections  # as the sidebar holds them
    before = rows()
    assert found("rotterdam") == [call.id]

    handled_at = store.delete_objections(call.id, [timing.id])
    assert [r[0] for r in rows()] == ["too-expensive", "too-expensive"]
    assert found("rotterdam") == []  # the removal reaches the search index
    other = store.start_call(Contact("Sam"), playbook)
    assert store.delete_objections(other.id, [first.id]) == {}  # never another call's entry
    (back,) = store.restore_objections(call.id, [(timing, handled_at[timing.id])])
    assert rows() == before and found("rotterdam") == [call.id]
    timing.id = back

    merged = replace(first, handled=True, note="compared with Zoho; wants a discount")
    handled_at = store.merge_objections(call.id, merged, [second.id])
    assert rows()[0][3:] == (1, before[0][4], "compared with Zoho; wants a discount")
    assert len(rows()) == 2 and found("discount") == [call.id]
    assert [(o.key, o.note) for o in store.load_call(call.id).objections] == [
        ("too-expensive", "compared with Zoho; wants a discount"),
        ("bad-timing", "mentioned Rotterdam"),
    ]
    store.restore_objections(call.id, [(second, handled_at[second.id])], (first, handled_at[first.id]))
    assert rows() == before
    with pytest.raises(UnknownCallError):
        store.merge_objections(other.id, merged, [])
