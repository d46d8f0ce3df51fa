"""Start-up fast path: read the unfinished call with the ``sqlite3`` driver alone.

A rep reopening SalesDesk mid-call should see the call at once. Importing Peewee (and what
it pulls in: hashlib/OpenSSL, decimal, uuid, socket) costs tens of milliseconds, so the
first paint uses this reader and the app opens the database through ``init_db()`` right
after. This is one of the two places that know the backend is SQLite (with db.py); the SQL
is plain SELECTs. It never writes, and it gives up (``QuickLoadError``) whenever it
cannot be sure: no file, a schema version other than the current one, any driver error.
The result must equal ``CallStore.load_call``; a test holds the two together.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from salesdesk.core.call import CallState, Contact, NoteEntry, ObjectionEntry
from salesdesk.core.playbook import QUALIFICATION_FIELDS, PlaybookError, playbook_from_json
from salesdesk.core.qualification import QualificationDetails
from salesdesk.storage.migrations import SCHEMA_VERSION, parse_schema_version
from salesdesk.storage.paths import database_path
from salesdesk.storage.sqlitefile import check_header, untouched_connection


class QuickLoadError(Exception):
    """The fast path cannot answer; open the database the normal way."""


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def read_open_call(data_dir: Path) -> CallState | None:
    """The unfinished call to resume (None when there is none)."""
    path = database_path(data_dir)
    if not path.is_file():
        raise QuickLoadError("no database yet")
    if not check_header(path).ok:  # damaged or cut short: the normal path says what is wrong
        raise QuickLoadError("the file header is not right")
    try:
        # Untouched: the file may turn out to be another program's (the normal path then
        # says so), and no copy: that would make the first paint wait on the file's size.
        with untouched_connection(path, timeout=0.2, may_copy=False) as con:
            return _read(con)
    except (sqlite3.Error, OSError, ValueError, TypeError, PlaybookError) as exc:
        raise QuickLoadError(str(exc)) from exc


def _read(con: sqlite3.Connection) -> CallState | None:
    row = con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
    if row is None or parse_schema_version(row[0]) != SCHEMA_VERSION:
        raise QuickLoadError("schema version differs: the normal path migrates or refuses")
    row = con.execute(
        "SELECT c.id, c.uid, c.started_at, c.ended_at, c.stage, c.outcome, c.next_step, c.next_step_due, "
        "c.playbook_id, c.stage_entered_at, c.furthest_stage, k.id, k.name, k.company, k.email, k.phone "
        "FROM call AS c JOIN contact AS k ON k.id = c.contact_id "
        "WHERE c.ended_at IS NULL ORDER BY c.started_at DESC, c.id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    call_id, uid, started, ended, stage, outcome, next_step, due, snapshot_id, stage_entered, furthest, *contact = row
    (body,) = con.execute("SELECT body FROM playbook_snapshot WHERE id = ?", (snapshot_id,)).fetchone()
    state = CallState(
        id=call_id,
        uid=uid,
        contact=Contact(name=contact[1], company=contact[2], email=contact[3], phone=contact[4], id=contact[0]),
        playbook=playbook_from_json(body),
        started_at=_moment(started),
        stage=stage,
        ended_at=_moment(ended),
        outcome=outcome,
        next_step=next_step,
        next_step_due=date.fromisoformat(due) if due else None,
        stage_entered_at=_moment(stage_entered),
        furthest_stage=furthest,
    )
    qual = con.execute(
        f"SELECT {', '.join(QUALIFICATION_FIELDS)}, budget_min, budget_max, budget_currency, decision_date, "
        "decision_maker, decision_maker_role FROM qualification WHERE call_id = ?",
        (call_id,),
    ).fetchone()
    if qual is not None:
        count = len(QUALIFICATION_FIELDS)
        state.qualification = dict(zip(QUALIFICATION_FIELDS, qual[:count], strict=True))
        low, high, currency, decision_date, maker, role = qual[count:]
        state.details = QualificationDetails(
            budget_min=low,
            budget_max=high,
            budget_currency=currency,
            decision_date=date.fromisoformat(decision_date) if decision_date else None,
            decision_maker=maker,
            decision_maker_role=role,
        )
    for key, response in con.execute("SELECT key, response FROM call_cue WHERE call_id = ? ORDER BY id", (call_id,)):
        state.cues[key] = response
    for stage_key, item, done_at in con.execute(
        "SELECT stage, item, done_at FROM checklist_tick WHERE call_id = ?", (call_id,)
    ):
        state.ticks[(stage_key, item)] = _moment(done_at)
    for question, answer in con.execute("SELECT question, answer FROM answer WHERE call_id = ?", (call_id,)):
        state.answers[question] = answer
    state.objections = [
        ObjectionEntry(entry_id, key, title, _moment(raised), bool(handled), note)
        for entry_id, key, title, raised, handled, note in con.execute(
            "SELECT id, key, title, raised_at, handled, note FROM objection_log WHERE call_id = ? "
            "ORDER BY raised_at, id",
            (call_id,),
        )
    ]
    state.notes = [
        NoteEntry(note_id, _moment(at), text, bool(draft))
        for note_id, at, text, draft in con.execute(
            "SELECT id, at, text, draft FROM note WHERE call_id = ? ORDER BY at, id", (call_id,)
        )
    ]
    return state
