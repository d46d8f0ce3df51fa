"""The start-up reader returns exactly what the store returns, or steps aside."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.core.qualification import QualificationDetails
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.paths import database_path
from salesdesk.storage.quickload import QuickLoadError, read_open_call


def fill_call(store: CallStore, playbook):
    call = store.start_call(Contact("Zoë Ångström", "Ünïcode AB", "zoe@example.se", "+46 8"), playbook)
    store.set_stage(call.id, "presenting")
    store.set_tick(call.id, "discovery", "impact-sized", True)
    store.set_tick(call.id, "prospecting", "icp-fit", True)
    store.set_answer(call.id, "pain-points", "multi\nline 🙂")
    store.set_qualification(call.id, "timeline", "Q3")
    store.set_qualification_details(
        call.id, QualificationDetails(40_000, None, "EUR", date(2030, 6, 30), "Marc Ruiz", "COO")
    )
    store.record_cue(call.id, "too-expensive", "accepted")
    store.record_cue(call.id, "bad-timing")
    store.set_wrap_up(call.id, "Meeting booked", "Demo for the COO", date(2030, 7, 1))
    entry = store.log_objection(call.id, "too-expensive", "Too expensive")
    store.set_objection_handled(entry.id, True)
    store.log_objection(call.id, "complacency", "Complacency")
    store.save_note(call.id, None, "done", draft=False)
    store.save_note(call.id, None, "typing…", draft=True)
    return call


def test_quick_read_equals_the_store(store: CallStore, playbook, data_dir: Path):
    call = fill_call(store, playbook)
    quick = read_open_call(data_dir)
    assert quick == store.load_call(call.id)
    assert quick.playbook == playbook


def test_ended_calls_are_not_resumed(store: CallStore, playbook, data_dir: Path):
    call = fill_call(store, playbook)
    store.end_call(call.id, "Won", "Kick-off", date(2030, 1, 2))
    assert read_open_call(data_dir) is None


def test_it_steps_aside_when_unsure(data_dir: Path):
    with pytest.raises(QuickLoadError):  # no database yet
        read_open_call(data_dir)
    init_db(data_dir)
    close_db()
    con = sqlite3.connect(database_path(data_dir))
    con.execute("update schema_info set value = '0'")
    con.commit()
    con.close()
    with pytest.raises(QuickLoadError, match="schema version"):
        read_open_call(data_dir)
    database_path(data_dir).write_bytes(b"garbage" * 500)
    with pytest.raises(QuickLoadError):
        read_open_call(data_dir)


def test_reading_does_not_import_peewee(store: CallStore, playbook, data_dir: Path):
    import subprocess

    fill_call(store, playbook)
    code = (
        "import sys; from pathlib import Path; from salesdesk.storage.quickload import read_open_call; "
        f"call = read_open_call(Path({str(data_dir)!r})); print(call.contact.name, 'peewee' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "Zoë Ångström False"
