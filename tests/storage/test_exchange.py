"""Bulk reads for exports, and imports: byte-identical round trip, no duplicates, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.core.calls_file import dumps, parse_calls
from salesdesk.core.filters import day_filter
from salesdesk.storage import CallStore, StorageError, close_db, init_db, reader
from salesdesk.storage import import_export as sx
from salesdesk.storage.db import DB_FILENAME
from tests.calls_data import START, add_rich_call


def count_rows(data_dir: Path, table: str) -> int:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


def fill(store, playbook) -> list[int]:
    """Three finished calls and one open call, two of them to the same contact."""
    ids = [add_rich_call(store, playbook, started_at=START + timedelta(days=d)).id for d in (0, 1)]
    ids.append(add_rich_call(store, playbook, started_at=START + timedelta(days=2), name="Élodie Martin").id)
    open_call = store.start_call(Contact("Ana Lima", "Acme"), playbook, START + timedelta(days=3))
    store.save_note(open_call.id, None, "still typing", draft=True)
    return [*ids, open_call.id]


def test_bulk_load_equals_load_call(store: CallStore, playbook):
    ids = fill(store, playbook)
    bulk = reader.load_calls([*reversed(ids), 999])
    assert [c.id for c in bulk] == list(reversed(ids))  # the order asked for; unknown ids left out
    for call in bulk:
        assert call == store.load_call(call.id)


def test_summaries_filter_by_dates_contact_and_outcome(store: CallStore, playbook):
    ids = fill(store, playbook)
    store.end_call(ids[1], "Won", "", None)
    utc = UTC
    assert [s.id for s in sx.list_calls()] == ids
    assert [s.id for s in sx.list_calls(newest_first=True)] == list(reversed(ids))
    assert [s.id for s in sx.list_calls(day_filter(date(2024, 5, 3), date(2024, 5, 4), tz=utc))] == ids[1:3]
    assert [s.id for s in sx.list_calls(day_filter(None, date(2024, 5, 2), tz=utc))] == ids[:1]
    assert [s.id for s in sx.list_calls(day_filter(None, None, contact="ÉLODIE"))] == [ids[2]]
    assert [s.id for s in sx.list_calls(day_filter(None, None, contact="acme"))] == [ids[3]]
    assert [s.id for s in sx.list_calls(day_filter(None, None, outcome="won"))] == [ids[1]]
    assert sx.latest_call_id() == ids[3]


def export_all() -> str:
    return dumps(sx.export_calls())


def test_export_import_export_is_byte_identical(store: CallStore, playbook, tmp_path: Path):
    fill(store, playbook)
    first = export_all()
    close_db()
    for name, installed in (("with-playbook", [playbook]), ("without-playbook", [])):
        init_db(tmp_path / name)
        result = sx.import_calls(parse_calls(first), installed)
        assert (result.added, result.skipped) == (4, 0)
        assert export_all() == first, name
        close_db()
    # With the playbook installed, the imported calls share its one snapshot.
    assert count_rows(tmp_path / "with-playbook", "playbook_snapshot") == 1
    assert count_rows(tmp_path / "without-playbook", "playbook_snapshot") > 1


def test_importing_twice_does_not_duplicate(store: CallStore, playbook):
    fill(store, playbook)
    text = export_all()
    result = sx.import_calls(parse_calls(text), [playbook])  # into the database it came from
    assert (result.added, result.skipped) == (0, 4)
    assert result.describe() == "Imported 0 calls; 4 were already here."
    assert export_all() == text


def test_calls_without_uid_are_matched_by_contact_and_start(store: CallStore, playbook, data_dir: Path):
    data = json.loads(dumps([add_rich_call(store, playbook)]))
    del data["calls"][0]["uid"]
    twin = json.loads(json.dumps(data["calls"][0]))
    twin["started_at"] = "2024-05-02T14:03:04.123456+02:00"  # the same moment, another offset
    later = json.loads(json.dumps(twin))
    later["started_at"], later["ended_at"] = "2024-06-01T10:00:00+00:00", None
    data["calls"] += [twin, later]
    result = sx.import_calls(parse_calls(json.dumps(data)), [playbook])
    assert (result.added, result.skipped) == (1, 2)
    calls = sx.export_calls()
    assert len(calls) == 2 and calls[1].started_at == datetime(2024, 6, 1, 10, tzinfo=UTC)
    assert len(calls[1].uid) == 36 and calls[1].uid != calls[0].uid  # a uid is made for it
    assert count_rows(data_dir, "contact") == 1  # the same contact, reused


def test_a_failure_midway_imports_nothing(store: CallStore, playbook, data_dir: Path, monkeypatch):
    store.start_call(Contact("Already here"), playbook, START)
    calls = [
        replace(c, uid="") for c in parse_calls(dumps([add_rich_call(store, playbook, name=f"P{i}") for i in range(3)]))
    ]
    calls = [replace(c, started_at=c.started_at + timedelta(days=30 + i)) for i, c in enumerate(calls)]
    tables = (
        "call",
        "contact",
        "playbook_snapshot",
        "qualification",
        "checklist_tick",
        "answer",
        "objection_log",
        "note",
    )
    before = {t: count_rows(data_dir, t) for t in tables}
    real_insert = sx.insert_children

    def insert_then_fail(children):
        real_insert(children)  # calls, contacts and every child row are written by now
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sx, "insert_children", insert_then_fail)
    with pytest.raises(StorageError, match="disk I/O error"):
        sx.import_calls(calls, [playbook])
    assert {t: count_rows(data_dir, t) for t in before} == before


def test_an_open_call_and_a_draft_note_survive_the_round_trip(store: CallStore, playbook, tmp_path: Path):
    call = store.start_call(Contact("Ana Lima"), playbook, START)
    store.save_note(call.id, None, "half a thought", draft=True)
    text = export_all()
    assert '"ended_at":null' in text and '"draft":true' in text
    close_db()
    init_db(tmp_path / "other")
    sx.import_calls(parse_calls(text), [playbook])
    (back,) = sx.export_calls()
    assert back.is_open and back.draft_note.text == "half a thought"
    close_db()


def test_a_big_file_imports_in_bulk_queries(store: CallStore, playbook, tmp_path: Path):
    """Many calls go in and come out in a few statements, never one (or more) per call."""
    add_rich_call(store, playbook)
    (one,) = parse_calls(export_all())
    calls = [replace(one, uid="", started_at=one.started_at + timedelta(minutes=i)) for i in range(1200)]
    close_db()
    init_db(tmp_path / "big")
    from salesdesk.storage.tables import database

    statements: list[str] = []
    real = database.obj.execute_sql
    database.obj.execute_sql = lambda sql, params=None: statements.append(sql) or real(sql, params)
    try:
        result = sx.import_calls(calls, [playbook])
        imported = len(statements)
        statements.clear()
        assert len(sx.export_calls()) == 1200
        exported = len(statements)
    finally:
        database.obj.execute_sql = real
    assert result.added == 1200
    assert imported < 30  # rows go in through prepared statements run in bulk (executemany)
    assert exported < 30
    close_db()


def test_the_csv_export_skips_only_what_csv_does_not_show(store: CallStore, playbook):
    from salesdesk.core.export import calls_csv

    fill(store, playbook)
    lean = sx.export_calls(for_csv=True)
    assert all(not call.ticks and not call.answers for call in lean)
    assert calls_csv(lean, UTC) == calls_csv(sx.export_calls(), UTC)


def test_sparse_and_dense_id_lists_read_the_same_calls(store: CallStore, playbook):
    ids = fill(store, playbook)
    for _ in range(120):
        ids.append(store.start_call(Contact("Bulk"), playbook, START).id)
    dense = [ids[0], *ids[4:70], ids[100], ids[-1]]
    # One BETWEEN for the run (the few ids in its gaps are dropped after reading); the id
    # standing alone before it goes in an IN list.
    assert reader.id_batches(dense) == [(ids[4], ids[-1], None), (0, 0, [ids[0]])]
    sparse = ids[::10]
    assert reader.id_batches(sparse) == [(0, 0, sparse)]  # one IN list
    for picks in (dense, sparse, list(reversed(sparse))):
        assert [c.id for c in reader.load_calls(picks)] == picks


def test_imported_calls_are_found_by_full_text_search(store: CallStore, playbook, tmp_path: Path):
    call = store.start_call(Contact("Ingrid Bergström", "Fjord Freight"), playbook)
    store.save_note(call.id, None, "Wants a pilot at the Narvik depot", draft=False)
    text = export_all()
    close_db()
    init_db(tmp_path / "imported")
    sx.import_calls(parse_calls(text), [playbook])
    found = CallStore().history.search("narvik")
    assert [hit.call.contact.name for hit in found.hits] == ["Ingrid Bergström"]
    assert CallStore().history.search("fjord").hits
    close_db()
