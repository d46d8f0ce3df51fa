"""Full-text search: ranked, highlighted, and kept in step with every write the store makes."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.core.history import HIGHLIGHT_END, HIGHLIGHT_START
from salesdesk.storage import CallStore, close_db, init_db, migrations, search
from salesdesk.storage.db import DB_FILENAME


def found(store: CallStore, text: str) -> list[int]:
    return [hit.call.id for hit in store.history.search(text).hits]


def marked(word: str) -> str:
    return f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}"


def test_every_searchable_write_updates_the_index(store: CallStore, playbook):
    call = store.start_call(Contact("Dana Whitfield", "Northwind Logistics"), playbook)
    other = store.start_call(Contact("Sam Okafor", "Bluepeak"), playbook)
    assert found(store, "whitfield") == [call.id]
    assert found(store, "northwind") == [call.id]

    note = store.save_note(call.id, None, "They run everything on spreadsheets", draft=True)
    assert found(store, "spreadsheets") == [call.id]  # a draft is searchable while typed
    store.save_note(call.id, note.id, "They moved to Airtable last spring", draft=False)
    assert found(store, "airtable") == [call.id]
    assert found(store, "spreadsheets") == []  # the old text is gone from the index
    store.delete_note(note.id)
    assert found(store, "airtable") == []

    store.set_answer(call.id, "pain-points", "Month-end close takes nine days")
    store.set_qualification(other.id, "budget", "Forty thousand approved")
    entry = store.log_objection(other.id, "too-expensive", "Too expensive / no budget")
    store.set_objection_note(entry.id, "Compared us with Pipedrive")
    assert found(store, "nine days") == [call.id]
    assert found(store, "forty thousand") == [other.id]
    assert found(store, "pipedrive") == [other.id]
    assert found(store, "expensive") == [other.id]  # the objection's title too
    store.set_answer(call.id, "pain-points", "")
    assert found(store, "nine") == []

    store.end_call(call.id, "Proposal sent", "Send the security pack", date(2030, 1, 2))
    assert found(store, "security pack") == [call.id]
    store.set_wrap_up(call.id, "Won", "Kick-off workshop", None)
    assert found(store, "security") == [] and found(store, "workshop") == [call.id]

    store.save_contact(Contact("Dana Whitfield-Ames", "Northwind Freight", id=call.contact.id))
    assert found(store, "freight") == [call.id] and found(store, "logistics") == []


def test_hits_are_ranked_and_highlighted(store: CallStore, playbook):
    named = store.start_call(Contact("Priya Forecast"), playbook)  # the word is her name
    noted = store.start_call(Contact("Tom"), playbook)
    store.save_note(noted.id, None, "Asked about the forecast view and the quarterly forecast", draft=False)
    result = store.history.search("forecast")
    assert [hit.call.id for hit in result.hits] == [named.id, noted.id]  # a name outranks a note
    assert (result.matches, result.too_many) == (2, False)
    assert result.hits[0].where == "Contact" and marked("Forecast") in result.hits[0].snippet
    note_hit = result.hits[1]
    assert note_hit.where == "Notes"
    assert marked("forecast") in note_hit.snippet and note_hit.snippet.count(HIGHLIGHT_START) == 2
    assert note_hit.call.contact.name == "Tom"
    # Typing: the last word is a prefix; accents and case do not matter.
    assert found(store, "quart") == [noted.id]
    assert found(store, "quart ") == []  # a finished word must match whole
    zoe = store.start_call(Contact("Zoë Ångström"), playbook)
    assert found(store, "zoe angstrom") == [zoe.id]


@pytest.mark.parametrize(
    "text", ['"', "c++", "AND", "NOT x", "a OR b", "(", "*", "-", "NEAR(a b)", "col:x", "'; drop table call; --", "  "]
)
def test_any_text_is_a_safe_query(store: CallStore, playbook, text: str):
    call = store.start_call(Contact("Kim"), playbook)
    store.save_note(call.id, None, "c++ and C# devs; NOT happy; col:x", draft=False)
    result = store.history.search(text)  # no syntax error, whatever was typed
    assert all(hit.call.id == call.id for hit in result.hits)


def test_very_common_words_show_the_newest_matches(store: CallStore, playbook, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    calls = [store.start_call(Contact(f"Rep {n}"), playbook) for n in range(5)]
    for call in calls:
        store.save_note(call.id, None, "budget talk", draft=False)
    store.save_note(calls[0].id, None, "budget budget budget", draft=False)  # the best match, but old
    result = store.history.search("budget", limit=2)
    assert result.too_many and result.matches == 3
    assert [hit.call.id for hit in result.hits] == [calls[4].id, calls[3].id]  # the newest first
    assert all(hit.where == "Notes" and marked("budget") in hit.snippet for hit in result.hits)
    ranked = store.history.search("rep 1")
    assert not ranked.too_many and [hit.call.id for hit in ranked.hits] == [calls[1].id]
    monkeypatch.setattr(search, "RANK_WINDOW", 5)
    result = store.history.search("budget")
    assert not result.too_many and result.matches == 5
    assert result.hits[0].call.id == calls[0].id  # few enough: ranked again


def test_the_migration_builds_the_index_from_existing_calls(data_dir: Path):
    from tests.storage.test_migrations import build

    build(data_dir / DB_FILENAME, 1)  # a schema-1 database: no index yet
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("UPDATE note SET text = 'Renewal in October' WHERE id = (SELECT min(id) FROM note)")
    (call_id,) = con.execute("SELECT call_id FROM note WHERE text = 'Renewal in October'").fetchone()
    con.commit()
    con.close()

    init_db(data_dir)  # migrates to the current version through step 2
    assert found(CallStore(), "october") == [call_id]
    close_db()
    con = sqlite3.connect(data_dir / DB_FILENAME)
    assert con.execute("select value from schema_info where key = 'schema_version'").fetchone() == (
        str(migrations.SCHEMA_VERSION),
    )
    indexes = {name for (name,) in con.execute("select name from sqlite_master where type = 'index'")}
    # Step 2 made it on the stage; step 4 moved it to the furthest stage reached.
    assert "call_started_at_outcome_ended_at_furthest_stage_playbook_id" in indexes
    con.close()


def test_rebuild_restores_a_damaged_index(store: CallStore, playbook):
    call = store.start_call(Contact("Dana"), playbook)
    store.save_note(call.id, None, "Renewal in October", draft=False)
    from salesdesk.storage.tables import database

    database.execute_sql("delete from call_search")
    assert found(store, "october") == []
    assert search.rebuild() == 1
    assert found(store, "october") == [call.id]


def test_match_expression_quotes_every_word():
    assert search.match_expression("") is None
    assert search.match_expression(" - ") is None
    assert search.match_expression('say "hi') == '"say" """hi"*'
    assert search.match_expression("budget cfo ") == '"budget" "cfo"'
    assert search.match_expression("a") == '"a"'  # one letter: too short to be a prefix
