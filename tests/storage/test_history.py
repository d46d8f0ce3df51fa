"""Queries over past calls: history pages, filters, follow-ups, last time, insights; the bulk
loader and the sample generator."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.core.filters import CallFilter, local_day_start
from salesdesk.core.history import HistoryColumn, HistorySort
from salesdesk.devtools import bulk_insert
from salesdesk.devtools.sample_calls import NOTES_PER_CALL, sample_calls
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.db import DB_FILENAME
from salesdesk.storage.rows import to_db

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=UTC)


def call_at(store: CallStore, playbook, contact: Contact, started: datetime, minutes: float, outcome: str, **wrap):  # noqa: PLR0917
    call = store.start_call(contact, playbook, started_at=started)
    store.end_call(
        call.id,
        outcome,
        wrap.get("next_step", ""),
        wrap.get("due"),
        ended_at=started + timedelta(minutes=minutes),
    )
    return call


@pytest.fixture
def sampled(store: CallStore, playbook) -> list[int]:
    return bulk_insert.insert_calls(store, sample_calls(120, playbook, seed=7, days=60, now=NOW))


# --------------------------------------------------------------------------- bulk loading


def test_sample_calls_load_in_bulk_with_ten_notes_each(store: CallStore, playbook, data_dir: Path, sampled):
    assert len(sampled) == 120 == len(set(sampled))
    con = sqlite3.connect(data_dir / DB_FILENAME)
    assert con.execute("select count(*) from note").fetchone() == (120 * NOTES_PER_CALL,)
    assert con.execute("select count(*) from call where ended_at is null").fetchone() == (0,)
    (contacts,) = con.execute("select count(*) from contact").fetchone()
    assert 1 < contacts < 120  # contacts are called more than once
    con.close()
    # What bulk loading wrote reads back like any call the store wrote.
    call = store.load_call(sampled[-1])
    assert len(call.notes) == NOTES_PER_CALL and call.outcome and call.ended_at > call.started_at
    assert call.notes == sorted(call.notes, key=lambda n: n.at)
    # The same seed gives the same calls.
    again = [c.notes[0].text for c in sample_calls(5, playbook, seed=7, days=60, now=NOW)]
    assert again == [c.notes[0].text for c in sample_calls(5, playbook, seed=7, days=60, now=NOW)]


def test_bulk_loading_indexes_its_calls_like_a_rebuild(store: CallStore, playbook, data_dir: Path, sampled):
    from salesdesk.storage import search

    def documents():
        con = sqlite3.connect(data_dir / DB_FILENAME)
        try:
            return con.execute("select rowid, * from call_search order by rowid").fetchall()
        finally:
            con.close()

    incremental = documents()
    assert len(incremental) == 120
    assert search.rebuild() == 120
    assert documents() == incremental


# --------------------------------------------------------------------------- history pages


def page_through(store: CallStore, flt=None, sort=None, size=17):
    ids, cursor = [], None
    while True:
        page = store.history.page(flt, sort, cursor, limit=size)
        ids += [row.id for row in page.rows]
        if page.cursor is None:
            return ids
        cursor = page.cursor


@pytest.mark.parametrize("column", list(HistoryColumn))
@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_list_every_call_once_in_order(store: CallStore, sampled, column, descending):
    ids = page_through(store, sort=HistorySort(column, descending))
    assert sorted(ids) == sorted(sampled)
    rows = store.history.summaries(ids)
    keys = [sort_key(rows[i], column) for i in ids]
    assert keys == sorted(keys, reverse=descending)


def sort_key(row, column: HistoryColumn):
    ascii_lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # SQL LOWER()
    value = {
        HistoryColumn.STARTED: row.started_at,
        HistoryColumn.CONTACT: row.contact.name.translate(ascii_lower),
        HistoryColumn.COMPANY: row.contact.company.translate(ascii_lower),
        HistoryColumn.DURATION: round(row.duration_seconds or -1, 3),
        HistoryColumn.STAGE: row.reached_stage,
        HistoryColumn.OUTCOME: row.outcome.translate(ascii_lower),
        HistoryColumn.NEXT_STEP: row.next_step.translate(ascii_lower),
        HistoryColumn.DUE: row.next_step_due or date.max,
    }[column]
    return (value, row.id)


def test_newest_first_by_default_and_the_running_call_included(store: CallStore, playbook, sampled):
    running = store.start_call(Contact("Rita Running"), playbook)
    first = store.history.page(limit=3).rows
    assert first[0].id == running.id and first[0].is_open and first[0].duration_seconds is None
    assert first[1].started_at >= first[2].started_at
    assert first[1].stage_title == playbook.stage(first[1].stage).title


def test_filters_by_words_outcome_dates_and_playbook(store: CallStore, playbook):
    dana = Contact("Dana Whitfield", "Northwind Logistics")
    sam = Contact("Sam Okafor", "Bluepeak Foods")
    a = call_at(store, playbook, dana, NOW - timedelta(days=10), 20, "Won")
    b = call_at(store, playbook, sam, NOW - timedelta(days=3), 5, "Lost")
    c = store.start_call(sam, playbook, started_at=NOW - timedelta(days=1))
    store.save_note(c.id, None, "Wants the pricing sheet for the warehouse team", draft=False)
    h = store.history

    def ids(**kwargs):
        flt = CallFilter(**kwargs)
        found = page_through(store, flt)
        assert store.history.count(flt) == len(found)
        return set(found)

    assert ids() == {a.id, b.id, c.id}
    assert ids(text="northwind") == {a.id}
    assert ids(text="okaf") == {b.id, c.id}  # the word being typed is a prefix
    assert ids(text="pricing warehouse") == {c.id}  # notes count, every word must match
    assert ids(text="pricing northwind") == set()
    assert ids(outcome="Lost") == {b.id}
    assert ids(outcome="") == {c.id}  # no outcome: still running
    days = [(NOW - timedelta(days=n)).astimezone().date() for n in (10, 3, 1)]
    assert ids(start=days[1]) == {b.id, c.id}
    assert ids(start=days[0], end=days[1]) == {a.id, b.id}  # both ends included
    assert ids(end=days[0] - timedelta(days=1)) == set()
    assert ids(playbook=playbook.name) == {a.id, b.id, c.id}
    assert ids(playbook="Someone else's") == set()
    assert h.outcomes() == ["Lost", "Won"]  # most frequent first, then by name
    assert h.playbook_names() == [playbook.name]


def test_local_day_start_is_local_midnight_in_utc():
    moment = to_db(local_day_start(date(2026, 7, 1)))  # as the queries compare it with stored times
    assert moment.tzinfo is None
    assert moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None) == datetime(2026, 7, 1)


# --------------------------------------------------------------------------- follow-ups


def test_follow_ups_are_due_steps_whose_contact_was_not_called_since(store: CallStore, playbook):
    today = date(2026, 3, 16)
    people = [store.save_contact(Contact(f"Person {n}")) for n in range(6)]
    due_today = call_at(
        store, playbook, people[0], NOW - timedelta(days=2), 10, "Proposal sent", next_step="Send proposal", due=today
    )
    overdue = call_at(
        store,
        playbook,
        people[1],
        NOW - timedelta(days=9),
        10,
        "Not now",
        next_step="Check in",
        due=today - timedelta(days=4),
    )
    call_at(
        store,
        playbook,
        people[2],
        NOW - timedelta(days=2),
        10,
        "Meeting booked",
        next_step="Demo",
        due=today + timedelta(days=1),
    )  # not due yet
    call_at(
        store,
        playbook,
        people[3],
        NOW - timedelta(days=9),
        10,
        "Not now",
        next_step="Call back",
        due=today - timedelta(days=2),
    )
    call_at(store, playbook, people[3], NOW - timedelta(days=1), 10, "Won")  # ...and was called since
    call_at(store, playbook, people[4], NOW - timedelta(days=9), 10, "Lost")  # no next step
    no_text = call_at(
        store, playbook, people[5], NOW - timedelta(days=5), 10, "Not now", due=today - timedelta(days=1)
    )  # a date without words counts
    items, cursor = store.history.follow_ups(today)
    assert [i.call_id for i in items] == [due_today.id, no_text.id, overdue.id]  # the newest due first
    assert cursor is None
    assert items[0].contact.name == "Person 0" and items[0].next_step == "Send proposal"
    assert [i.days_overdue(today) for i in items] == [0, 1, 4]
    first, cursor = store.history.follow_ups(today, limit=2)
    rest, end = store.history.follow_ups(today, cursor, limit=2)
    assert [i.call_id for i in first + rest] == [i.call_id for i in items] and end is None
    # Starting the follow-up call takes it off the list.
    store.start_call(items[0].contact, playbook)
    assert [i.call_id for i in store.history.follow_ups(today)[0]] == [no_text.id, overdue.id]


# --------------------------------------------------------------------------- last time


def test_last_time_summarises_the_contacts_earlier_calls(store: CallStore, playbook):
    dana = store.save_contact(Contact("Dana Whitfield", "Northwind"))
    first = store.start_call(dana, playbook, started_at=NOW - timedelta(days=30))
    store.set_qualification(first.id, "budget", "€40k")
    store.set_answer(first.id, "pain-points", "Spreadsheets everywhere")
    price = store.log_objection(first.id, "too-expensive", "Too expensive / no budget")
    store.set_objection_note(price.id, "compared with Zoho")
    store.log_objection(first.id, "bad-timing", "Bad timing")
    store.end_call(first.id, "Not now", "Call in March", date(2026, 3, 1), ended_at=NOW - timedelta(days=30))
    second = store.start_call(dana, playbook, started_at=NOW - timedelta(days=7))
    store.set_qualification(second.id, "budget", "€55k after the board meeting")
    store.set_answer(second.id, "pain-points", "")
    store.log_objection(second.id, "bad-timing", "Bad timing", handled=True)
    store.end_call(second.id, "Proposal sent", "Send proposal", date(2026, 3, 10), ended_at=NOW - timedelta(days=7))
    current = store.start_call(dana, playbook)
    store.start_call(Contact("Someone Else"), playbook)

    last = store.history.last_time(dana.id, current.id)
    assert last.total == 2
    assert [c.id for c in last.calls] == [second.id, first.id]
    assert (last.calls[0].outcome, last.calls[0].next_step) == ("Proposal sent", "Send proposal")
    # "Too expensive" was never handled; "Bad timing" was handled on the later call.
    assert [(o.title, o.note) for o in last.open_objections] == [("Too expensive / no budget", "compared with Zoho")]
    answers = {a.field or a.question: a.answer for a in last.answers}
    assert answers["budget"] == "€55k after the board meeting"  # the latest one
    question = next(q.text for s in playbook.stages for q in s.questions if q.key == "pain-points")
    assert answers[question] == "Spreadsheets everywhere"  # an emptied answer does not hide an older one
    assert store.history.last_time(dana.id, first.id) is None  # nothing before the first call
    assert store.history.last_time(store.save_contact(Contact("New Person")).id) is None


def test_last_time_gives_the_qualification_facts_first_by_key(store: CallStore, playbook):
    """Who signs (and the rest of qualification) comes before any answer, whatever was
    answered; the fields are named by key (the UI names them in its language)."""
    from salesdesk.core.qualification import QualificationDetails

    dana = store.save_contact(Contact("Dana Whitfield"))
    older = store.start_call(dana, playbook, started_at=NOW - timedelta(days=30))
    store.set_qualification(older.id, "authority", "COO signs")
    store.set_qualification(older.id, "need", "Fewer late deliveries")
    for key in ("pain-points", "impact", "blockers", "failed-before"):
        store.set_answer(older.id, key, f"answer to {key}")
    store.end_call(older.id, "Not now", "", None, ended_at=NOW - timedelta(days=30))
    newer = store.start_call(dana, playbook, started_at=NOW - timedelta(days=3))
    store.set_qualification_details(
        newer.id, QualificationDetails(40_000, 60_000, "EUR", date(2026, 4, 30), "Marc Ruiz", "COO")
    )
    store.set_answer(newer.id, "ideal-solution", "One screen for dispatch")
    store.end_call(newer.id, "Proposal sent", "", None, ended_at=NOW - timedelta(days=3))

    last = store.history.last_time(dana.id)
    facts = [(a.field, a.answer) for a in last.answers if a.field]
    assert facts == [
        ("need", "Fewer late deliveries"),
        ("budget", "€40,000–60,000"),
        ("timeline", "2026-04-30"),
        ("authority", "Marc Ruiz (COO)"),  # the typed decision-maker of the newer call
    ]
    assert last.answers[: len(facts)] == [a for a in last.answers if a.field]  # facts first
    assert all(not a.question for a in last.answers if a.field)
    assert last.answers[len(facts)].question == playbook.stage("discovery").questions[4].text


# --------------------------------------------------------------------------- insights


def test_insights_count_outcomes_objections_stages_and_lengths(store: CallStore, playbook):
    dana, sam = store.save_contact(Contact("Dana")), store.save_contact(Contact("Sam"))
    monday = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    a = call_at(store, playbook, dana, monday, 10, "Won")
    b = call_at(store, playbook, sam, monday + timedelta(days=1), 20, "Won")
    c = call_at(store, playbook, sam, monday + timedelta(days=8), 30, "Lost")
    store.set_stage(c.id, "discovery")
    store.start_call(dana, playbook, started_at=monday + timedelta(days=9))  # running: no length, no stop
    for call, key, handled in ((a, "too-expensive", True), (b, "too-expensive", False), (c, "bad-timing", False)):
        store.log_objection(call.id, key, playbook.objection(key).title, handled=handled)
    store.log_objection(c.id, "too-expensive", "Too expensive / no budget", handled=True)

    flt = CallFilter(start=date(2026, 3, 1), end=date(2026, 3, 14))
    insights = store.history.insights(flt)
    assert (insights.calls, insights.ended_calls) == (4, 3)
    assert insights.average_seconds == pytest.approx(20 * 60, abs=1)
    assert insights.period == "week"
    assert [(w.isoformat(), n) for w, n in insights.weeks] == [("2026-02-23", 0), ("2026-03-02", 2), ("2026-03-09", 2)]
    week_two = insights.periods[-1]
    assert week_two.outcomes == {"Lost": 1, "(none)": 1} and week_two.average_seconds == pytest.approx(1800, abs=1)
    assert insights.outcome_names[:1] == ["Won"]
    price, timing = insights.objections
    assert (price.key, price.raised, price.handled) == ("too-expensive", 3, 2)
    assert (timing.key, timing.raised, timing.handled) == ("bad-timing", 1, 0)
    stops = {s.key: s.calls for s in insights.stop_stages}
    assert stops == {playbook.stages[0].key: 2, "discovery": 1}
    assert [s.key for s in insights.stop_stages] == [playbook.stages[0].key, "discovery"]  # playbook order
    assert store.history.insights(CallFilter(playbook="Other")).calls == 0
    long_range = store.history.insights(CallFilter(start=date(2025, 1, 1), end=date(2026, 3, 31)))
    assert long_range.period == "month" and long_range.periods[-1].calls == 4


def test_queries_survive_a_reopened_database(store: CallStore, playbook, data_dir: Path, sampled):
    before = store.history.page(limit=5).rows
    close_db()
    init_db(data_dir)
    assert CallStore().history.page(limit=5).rows == before
