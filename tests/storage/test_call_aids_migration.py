"""Schema 3 (typed qualification, stage pacing, live cues) on a database that had schema 2."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from salesdesk.core.call import Contact
from salesdesk.core.qualification import QualificationDetails
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.paths import database_path
from salesdesk.storage.quickload import read_open_call
from tests.storage.schemas import SAMPLE
from tests.storage.test_migrations import build


def test_schema_2_gains_the_call_aids_and_keeps_the_call(data_dir: Path):
    build(database_path(data_dir), 2)
    init_db(data_dir)
    try:
        store = CallStore()
        call = store.load_call(store.open_call_id())
        assert call.qualification == SAMPLE["qualification"]
        assert call.details == QualificationDetails()
        assert call.stage_entered_at is None and call.cues == {}
        # Calls from before stage pacing time their stage from the start of the call.
        started = datetime.fromisoformat(SAMPLE["started_at"]).replace(tzinfo=UTC)
        assert call.stage_seconds(started.replace(minute=started.minute + 5)) == 300

        details = QualificationDetails(40_000, 60_000, "EUR", date(2030, 3, 1), "Marc Ruiz", "COO")
        store.set_qualification_details(call.id, details)
        store.record_cue(call.id, "price")
        store.set_stage(call.id, "discovery")
        again = store.load_call(call.id)
        assert again.details == details and again.cues == {"price": "shown"}
        assert again.stage_entered_at is not None
        assert read_open_call(data_dir) == again
    finally:
        close_db()


def test_an_upgraded_database_has_the_columns_of_a_new_one(tmp_path: Path, playbook):
    def columns(data_dir: Path) -> dict[str, list[str]]:
        con = sqlite3.connect(database_path(data_dir))
        tables = [name for (name,) in con.execute("select name from sqlite_master where type = 'table'")]
        result = {t: sorted(row[1] for row in con.execute(f'pragma table_info("{t}")')) for t in tables}
        con.close()
        return result

    upgraded, fresh = tmp_path / "upgraded", tmp_path / "fresh"
    build(database_path(upgraded), 1)
    init_db(upgraded)
    close_db()
    init_db(fresh)
    CallStore().start_call(Contact("X"), playbook)
    close_db()
    assert columns(upgraded) == columns(fresh)
