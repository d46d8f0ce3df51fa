"""The history, search, follow-up, last-time and insight queries on the team server give
what they give locally, for the same calls: the same query code (storage/history.py) on
PostgreSQL's dialect and full-text search."""

from __future__ import annotations

import json
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


def _answer(history, text: str, limit: int = 200):
    result = history.search(text, limit=limit)
    return result.matches, result.too_many, [(h.call.id, h.where, h.snippet, round(h.rank, 6)) for h in result.hits]


def _watch_newest_first(monkeypatch) -> list:
    """What each newest-first read answered (None: not enough matches, the index decided)."""
    import salesdesk.team.search as team_search

    answers: list = []
    read = team_search._newest_if_too_many

    def watched(*args):
        answers.append(read(*args))
        return answers[-1]

    monkeypatch.setattr(team_search, "_newest_if_too_many", watched)
    return answers


@pytest.mark.parametrize("window", [5, 30])
def test_reading_the_newest_first_and_the_index_give_the_same_answers(both, team: TeamServer, monkeypatch, window):
    """A query the planner expects in many calls is looked for among the newest documents
    first; whether that read answers or the index does, the matches, order, snippets and
    "too many" are the same."""
    import salesdesk.team.search as team_search

    _local, reader = both
    team.admin_sql("ANALYZE salesdesk.call_search")  # the planner's estimates choose the way
    monkeypatch.setattr(team_search, "RANK_WINDOW", window)
    answers = _watch_newest_first(monkeypatch)
    texts = ["the", "proposal", "prop", "security pack", "renewal budget", "pricing", "zoe", "xyzzy"]
    monkeypatch.setattr(team_search, "COMMON_SHARE", 2.0)  # never newest first
    through_index = {text: _answer(reader.history, text, limit=20) for text in texts}
    assert answers == []
    monkeypatch.setattr(team_search, "COMMON_SHARE", 0.0)  # newest first whenever more than RANK_WINDOW are expected
    assert {text: _answer(reader.history, text, limit=20) for text in texts} == through_index
    assert any(rows is not None for rows in answers), "no query was answered by the newest-first read"
    assert any(answer[1] for answer in through_index.values()) and not all(a[1] for a in through_index.values())


def test_a_common_word_the_newest_calls_lack_is_still_counted_and_shown_newest_first(
    team: TeamServer, store, playbook, monkeypatch
):
    import salesdesk.team.search as team_search

    documents = stored_calls(store, playbook, 24, seed=31)
    assert not any("legacy" in json.dumps(doc).lower() for doc in documents)
    older = documents[:12]
    for doc in older:
        doc["notes"][0]["text"] += " Legacy pricing sheet."
    with team.connect("alice") as alice:
        for doc in documents:  # the twelve with the word first: the server's oldest ids
            push_call(alice, doc, 1, playbook=playbook)
        team.admin_sql("ANALYZE salesdesk.call_search")
        monkeypatch.setattr(team_search, "RANK_WINDOW", 5)
        monkeypatch.setattr(team_search, "PROBE_MARGIN", 1.0)  # the 12 newest documents: none has it
        answers = _watch_newest_first(monkeypatch)
        reader = TeamReader(alice)
        result = reader.history.search("legacy", limit=10)
        uids = _uids(reader, [hit.call.id for hit in result.hits])
    assert answers == [None]  # the newest-first read was tried, and found too few
    assert (result.too_many, result.matches) == (True, 5)
    ids = [hit.call.id for hit in result.hits]
    assert ids == sorted(ids, reverse=True)
    assert [uids[i] for i in ids] == [doc["uid"] for doc in reversed(older)][:10]
