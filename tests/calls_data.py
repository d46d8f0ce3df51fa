"""Calls with everything in them, made through the real store (for export and import tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from salesdesk.core.call import CallState, Contact
from salesdesk.core.playbook import Playbook
from salesdesk.core.qualification import QualificationDetails

#: Text a rep might type that markup languages and spreadsheets would act on.
ODD_TEXTS = {
    "script": "<script>alert('x')</script>",
    "markdown": "*bold* _it_ `code` [link](http://evil.example) ![img](x.png) ~~gone~~ | a | b |",
    "heading": "# heading",
    "list": "- not a list\n1. not numbered\n> not a quote\n---",
    "entity": "&amp; &lt;b&gt; R&D",
    "emoji": "Deal 🎉👍🏽 done",
    "rtl": "שלום עולם and مرحبا بالعالم",
    "override": "abc\u202edcba",
    "formula": '=HYPERLINK("http://evil.example","click")',
}

START = datetime(2024, 5, 2, 12, 3, 4, 123456, tzinfo=UTC)


def add_rich_call(
    store, playbook: Playbook, *, started_at: datetime = START, name: str = "Dana Whitfield"
) -> CallState:
    """A finished call with ticks in two stages, answers, qualification (text and typed), a
    stage start, a live cue, objections and notes. It got as far as closing, then went back
    to discovery, where it ended."""
    call = store.start_call(
        Contact(name, "Northwind Logistics", "dana@northwind.example", "+1 555 0100"), playbook, started_at
    )
    at = started_at + timedelta(minutes=1)
    store.set_tick(call.id, "prospecting", "icp-fit", True, at=at)
    store.set_tick(call.id, "prospecting", "lead-source", True, at=at + timedelta(seconds=30))
    store.set_tick(call.id, "discovery", "pain-in-their-words", True, at=at + timedelta(minutes=5))
    store.set_stage(call.id, "closing", entered_at=at + timedelta(minutes=3))
    store.set_stage(call.id, "discovery", entered_at=at + timedelta(minutes=4))
    store.set_qualification_details(
        call.id, QualificationDetails(40_000, 60_000, "EUR", date(2024, 6, 30), "Marc Ruiz", "COO")
    )
    store.record_cue(call.id, "too-expensive", "accepted")
    store.set_answer(call.id, "pain-points", "Routes planned in spreadsheets\nTwo people full-time")
    store.set_answer(call.id, "impact", ODD_TEXTS["markdown"])
    store.set_qualification(call.id, "need", "Route planning " + ODD_TEXTS["rtl"])
    store.set_qualification(call.id, "budget", ODD_TEXTS["formula"])
    entry = store.log_objection(call.id, "too-expensive", "Too expensive / no budget")
    store.set_objection_handled(entry.id, True)
    store.set_objection_note(entry.id, ODD_TEXTS["script"])
    store.log_objection(call.id, "send-info", "Just send me some information")
    store.save_note(call.id, None, ODD_TEXTS["heading"] + "\n" + ODD_TEXTS["list"], draft=False, at=at)
    store.save_note(call.id, None, ODD_TEXTS["emoji"], draft=False, at=at + timedelta(minutes=3))
    store.save_note(
        call.id, None, ODD_TEXTS["entity"] + " " + ODD_TEXTS["override"], draft=False, at=at + timedelta(minutes=4)
    )
    store.end_call(
        call.id,
        "Meeting booked",
        "Send proposal",
        date(2024, 5, 9),
        ended_at=started_at + timedelta(minutes=23, seconds=7),
    )
    return store.load_call(call.id)


#: Stored times no SalesDesk writes any more, at both ends of what Python can hold.
FAR_TIMES = {"year-9999": "9999-12-31 23:59:59.999999", "year-1": "0001-01-01 00:00:00"}
#: Every stored time of a call and its parts, by table.
TIME_COLUMNS = {
    "call": ("started_at", "ended_at", "stage_entered_at"),
    "note": ("at", "updated_at"),
    "objection_log": ("raised_at",),
    "checklist_tick": ("done_at",),
    "call_cue": ("shown_at",),
}
#: The stored dates, set to the same day.
DATE_COLUMNS = {"call": ("next_step_due",), "qualification": ("decision_date",)}


def store_far_times(data_dir, store, playbook: Playbook) -> dict[str, int]:
    """Calls whose every time is in year 9999 or year 1, written into the SQLite file
    directly (as an old version, another tool or a damaged import could have left them):
    one ended call per end, and an open one in year 1 for the sidebar to resume."""
    import sqlite3

    from salesdesk.storage.paths import database_path

    ids = {}
    for label in (*FAR_TIMES, "open"):
        call = add_rich_call(store, playbook, name=f"Far {label}")
        if label == "open":
            store.reopen_call(call.id)
        ids[label] = call.id
    con = sqlite3.connect(database_path(data_dir))
    for label, call_id in ids.items():
        when = FAR_TIMES.get(label, FAR_TIMES["year-1"])
        for table, columns in TIME_COLUMNS.items():
            key = "id" if table == "call" else "call_id"
            for column in columns:
                sql = f"update {table} set {column} = ? where {key} = ? and {column} is not null"
                con.execute(sql, (when, call_id))
        for table, columns in DATE_COLUMNS.items():
            key = "id" if table == "call" else "call_id"
            for column in columns:
                con.execute(f"update {table} set {column} = ? where {key} = ?", (when[:10], call_id))
    con.commit()
    con.close()
    return ids
