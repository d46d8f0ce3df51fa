"""Upgrading a schema-1 database (as shipped before typed qualification) keeps every call."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from salesdesk.core.call import Contact
from salesdesk.core.playbook import default_playbook
from salesdesk.core.qualification import QualificationDetails
from salesdesk.storage import CallStore, close_db, init_db, migrations
from salesdesk.storage.paths import database_path
from salesdesk.storage.quickload import read_open_call

SCHEMA_1 = Path(__file__).with_name("schema_v1.sql")


def make_schema_1_database(data_dir: Path) -> None:
    playbook = default_playbook()
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(database_path(data_dir))
    con.executescript(SCHEMA_1.read_text(encoding="utf-8"))
    con.execute(
        "insert into contact values (1, 'Dana', 'Northwind', '', '', '2030-01-01 09:00:00')",
    )
    con.execute(
        "insert into playbook_snapshot values (1, ?, ?, ?, ?, '2030-01-01 09:00:00')",
        (playbook.digest(), playbook.name, playbook.version, playbook.to_json()),
    )
    con.execute(
        "insert into call values (1, 'uid-1', 1, 1, ?, ?, '2030-01-01 09:00:00', NULL, 'discovery', '', '', NULL, "
        "'2030-01-01 09:10:00')",
        (playbook.name, playbook.version),
    )
    con.execute("insert into qualification values (1, 1, 'Fewer late deliveries', '€40k', 'Q3', 'COO')")
    con.commit()
    con.close()


def test_schema_1_is_upgraded_in_one_step_and_keeps_the_call(data_dir: Path):
    make_schema_1_database(data_dir)
    init_db(data_dir)
    try:
        store = CallStore()
        call = store.load_call(1)
        assert call.qualification == {
            "need": "Fewer late deliveries",
            "budget": "€40k",
            "timeline": "Q3",
            "authority": "COO",
        }
        assert call.details == QualificationDetails()
        assert call.stage_entered_at is None and call.cues == {}
        # Older calls time their stage from the start of the call.
        assert call.stage_seconds(datetime.fromisoformat("2030-01-01T09:05:00+00:00")) == 300

        # The new columns and table work on the upgraded file.
        details = QualificationDetails(40_000, 60_000, "EUR", date(2030, 3, 1), "Marc Ruiz", "COO")
        store.set_qualification_details(1, details)
        store.record_cue(1, "too-expensive")
        store.set_stage(1, "presenting")
        again = store.load_call(1)
        assert again.details == details and again.cues == {"too-expensive": "shown"}
        assert again.stage_entered_at is not None
        assert read_open_call(data_dir) == again
    finally:
        close_db()
    con = sqlite3.connect(database_path(data_dir))
    assert con.execute("select value from schema_info").fetchone() == (str(migrations.SCHEMA_VERSION),)
    con.close()


def test_a_new_database_has_the_same_columns_as_an_upgraded_one(tmp_path: Path, playbook):
    def columns(data_dir: Path) -> dict[str, list[str]]:
        con = sqlite3.connect(database_path(data_dir))
        tables = [name for (name,) in con.execute("select name from sqlite_master where type = 'table'")]
        result = {t: sorted(row[1] for row in con.execute(f'pragma table_info("{t}")')) for t in tables}
        con.close()
        return result

    upgraded, fresh = tmp_path / "upgraded", tmp_path / "fresh"
    make_schema_1_database(upgraded)
    init_db(upgraded)
    close_db()
    init_db(fresh)
    CallStore().start_call(Contact("X"), playbook)
    close_db()
    assert columns(upgraded) == columns(fresh)
