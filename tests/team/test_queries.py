"""The history, search, follow-up, last-time and insight queries on the team server give
what they give locally, for the same calls: the same query code (storage/history.py) on
PostgreSQL's dialect and full-text search."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from salesdesk.core.call import Contact
from salesdesk.core.calls_file import call_to_dict
from salesdesk.core.filters import CallFilter
from salesdesk.core.history import HIGHLIGHT_START, HistoryColumn, HistorySort
from salesdesk.storage import CallStore
from salesdesk.storage.reader import load_calls
from salesdesk.team.push import push_call
from salesdesk.team.reader import TeamReader
from tests.team.calls import NOW, stored_calls
from tests.team.conftest import TeamServer


@pytest.fixture
def both(team: TeamServer, store: CallStore, playbook):
    """The same 90 calls in the local store and on the server: (local history, team reader)."""
    documents = stored_calls(store, playbook, 90, seed=23)
    with team.connect("alice") as alice:
        for doc in documents:
            push_call(alice, doc, 1, playbook=playbook)
        yield store.history, TeamReader(alice)


def _uids(store_or_reader, ids) -> dict[int, str]:
    tables = getattr(store_or_reader, "tables", None)
    if tables is None:
        from salesdesk.storage import tables
    c = tables.Call
    return dict(c.select(c.id, c.uid).where(c.id.in_(list(ids))).tuples())


def _plain(summary):
    """A call summary without the ids, which each database gives its own."""
    return replace(summary, id=0, contact=replace(summary.contact, id=None))


def _all_pages(history, flt: CallFilter, sort: HistorySort) -> list:
    rows, cursor = [], None
    while True:
        page = history.page(flt, sort, cursor, limit=25)
        rows += [_plain(s) for s in page.rows]
        cursor = page.cursor
        if cursor is None:
            return rows


def test_history_pages_filters_and_counts_are_the_same(both):
    local, reader = both
    team = reader.history
    for column in HistoryColumn:
        for descending in (True, False):
            sort = HistorySort(column, descending)
            assert _all_pages(team, CallFilter(), sort) == _all_pages(local, CallFilter(), sort), sort
    filters = [
        CallFilter(outcome="Won"),
        CallFilter(start=(NOW - timedelta(days=20)).date(), end=NOW.date()),
        CallFilter(text="proposal"),
        CallFilter(text="prop"),  # still typing
        CallFilter(text="security pack", outcome="Meeting booked"),
    ]
    for flt in filters:
        assert team.count(flt) == local.count(flt), flt
        sort = HistorySort(HistoryColumn.STARTED, True)
        assert _all_pages(team, flt, sort) == _all_pages(local, flt, sort), flt
    assert team.outcomes() == local.outcomes()
    assert team.playbook_names() == local.playbook_names()


def _rounded(insights):
    """Averages to the microsecond: the databases add the same seconds in another order."""

    def r(value):
        return None if value is None else round(value, 6)

    periods = [replace(p, average_seconds=r(p.average_seconds)) for p in insights.periods]
    return replace(insights, average_seconds=r(insights.average_seconds), periods=periods)


def test_follow_ups_last_time_and_insights_are_the_same(both, store: CallStore):
    local, reader = both
    team = reader.history
    today = NOW.date()

    def follow_ups(history):
        items, _cursor = history.follow_ups(today, limit=500)
        return [(f.contact.name, f.next_step, f.due, f.outcome, f.called_at) for f in items]

    assert follow_ups(team) == follow_ups(local) != []
    assert _rounded(team.insights(CallFilter())) == _rounded(local.insights(CallFilter()))
    month = CallFilter(start=today - timedelta(days=30), end=today, playbook=local.playbook_names()[0])
    assert _rounded(team.insights(month)) == _rounded(local.insights(month))

    contact = store.contacts()[0]
    t = reader.tables.Contact
    (server_id,) = t.select(t.id).where(t.name == contact.name, t.email == contact.email).tuples().get()
    mine, theirs = local.last_time(contact.id), team.last_time(server_id)
    assert mine is not None
    assert replace(theirs, calls=[_plain(c) for c in theirs.calls]) == replace(
        mine, calls=[_plain(c) for c in mine.calls]
    )


def test_search_finds_the_same_calls(both):
    local, reader = both
    team = reader.history
    for text in ("proposal", "security", "renewal budget", "Zoe", "zoë", "northw", "CFO demo", "xyzzy"):
        mine = {_uids(None, [h.call.id])[h.call.id] for h in local.search(text, limit=200).hits}
        theirs = {_uids(reader, [h.call.id])[h.call.id] for h in team.search(text, limit=200).hits}
        assert theirs == mine, text


def _push_local(team: TeamServer, store: CallStore, playbook, contact: Contact, notes: list[str]):
    call = store.start_call(contact, playbook, started_at=NOW - timedelta(hours=len(notes)))
    for text in notes:
        store.save_note(call.id, None, text, draft=False)
    store.end_call(call.id, "Meeting booked", "", None, ended_at=NOW)
    (state,) = load_calls([call.id])
    with team.connect("alice") as conn:
        push_call(conn, call_to_dict(state), 1, playbook=playbook)
    return call.uid


def test_a_hit_in_the_name_or_company_ranks_first_and_accents_do_not_matter(team: TeamServer, store, playbook):
    in_notes = _push_local(team, store, playbook, Contact("Priya Shah", "Acme"), ["Whitfield said Whitfield twice"])
    in_name = _push_local(team, store, playbook, Contact("Sam Whitfield", "Globex"), ["Pricing talk"])
    in_company = _push_local(team, store, playbook, Contact("Ana Costa", "Whitfield Labs"), ["Intro"])
    zoe = _push_local(team, store, playbook, Contact("Zoë Ångström", "Nordlicht"), ["Called about the Übersicht"])
    with team.connect("bob") as bob:  # a teammate searches alice's calls
        reader = TeamReader(bob)
        search = reader.history.search

        def found(text):
            return [_uids(reader, [h.call.id])[h.call.id] for h in search(text).hits]

        assert found("whitfield") == [in_name, in_company, in_notes]
        assert found("zoe angstrom") == [zoe] == found("ZOË ÅNGSTRÖM") == found("Zoë Ångst")  # last word: a prefix
        assert found("ubersicht") == [zoe]
        hit = search("zoe").hits[0]
        assert hit.where == "Contact" and f"{HIGHLIGHT_START}Zoë" in hit.snippet
        note_hit = search("ubersicht").hits[0]
        assert note_hit.where == "Notes" and f"{HIGHLIGHT_START}Übersicht" in note_hit.snippet


@pytest.mark.parametrize(
    "text", ["'", '"', "\\", "a:*", "!b & (c | d)", "e-mail o'brien", "<->", "':* | '", "100%", "🙂 zoë", "\x00x"]
)
def test_any_text_is_a_safe_query(both, text: str):
    _local, reader = both
    result = reader.history.search(text.replace("\x00", ""))
    assert isinstance(result.hits, list)
    assert reader.history.count(CallFilter(text=text.replace("\x00", ""))) >= 0


def test_very_common_words_show_the_newest_matches(both, monkeypatch):
    _local, reader = both
    import salesdesk.team.search as team_search

    monkeypatch.setattr(team_search, "RANK_WINDOW", 5)
    result = reader.history.search("the", limit=10)
    assert result.too_many and result.matches == 5
    ids = [hit.call.id for hit in result.hits]
    assert ids == sorted(ids, reverse=True) and len(ids) == 10


def test_a_follow_up_date_filter_reads_whole_days(both):
    local, reader = both
    day = date(2026, 3, 1)
    flt = CallFilter(start=day, end=day + timedelta(days=6))
    assert reader.history.count(flt) == local.count(flt)
