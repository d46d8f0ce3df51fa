"""The palette's search: forgiving (partial words, typos, synonyms), ranked sensibly, quick."""

from __future__ import annotations

import pytest

from salesdesk.core.search import (
    Entry,
    SearchIndex,
    near_prefix,
    objection_entries,
    playbook_entries,
    query_words,
    ranked_objections,
    words,
)


@pytest.fixture(scope="module")
def index(playbook) -> SearchIndex:
    return SearchIndex(playbook_entries(playbook))


def top(index: SearchIndex, query: str, stage: str = "", n: int = 1) -> list[tuple[str, str]]:
    return [(e.kind, e.title) for e in index.search(query, stage=stage, limit=n)]


def test_words_fold_case_accents_apostrophes_and_hyphens():
    assert words("Can't afford the E-mail Décision") == ["cant", "afford", "the", "e", "mail", "email", "decision"]
    assert query_words("send me an e-mail") == ["send", "me", "an", "email"]


@pytest.mark.parametrize(
    ("typed", "word", "edits", "expected"),
    [
        ("expen", "expensive", 0, True),
        ("expnsive", "expensive", 1, True),  # missing letter
        ("exspensive", "expensive", 1, True),  # extra letter
        ("epxensive", "expensive", 1, True),  # swapped letters
        ("exqensive", "expensive", 1, True),  # wrong letter
        ("exqenzive", "expensive", 1, False),
        ("exqenzive", "expensive", 2, True),
        ("budgetx", "budget", 1, True),
        ("budgetxy", "budget", 1, False),
    ],
)
def test_near_prefix(typed, word, edits, expected):
    assert near_prefix(typed, word, edits) is expected


@pytest.mark.parametrize(
    "query",
    ["too expensive", "expen", "expnsive", "pricey", "costly", "overpriced", "EXPENSIVE", "no budget"],
)
def test_price_objection_is_found_however_it_is_typed(index, query):
    assert top(index, query, stage="discovery") == [("objection", "Too expensive / no budget")]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("boss", "I'm not the decision-maker"),
        ("ask my boss", "I'm not the decision-maker"),
        ("decison", "I'm not the decision-maker"),
        ("send me an e-mail", 'No thanks / "I\'ll get back to you"'),
        ("happy", "We're happy with what we have"),
        ("timing", "Bad timing"),
    ],
)
def test_objections_by_their_words_triggers_and_typos(index, query, title):
    assert top(index, query, stage="discovery")[0] == ("objection", title)


def test_rebuttal_lines_closes_questions_and_checklist_items_are_found(index):
    assert ("line", "Could you introduce me to the person who owns it? I'll keep you in the loop.") in top(
        index, "introduce owns", n=3
    )
    assert top(index, "assumptive")[0] == ("close", "Assumptive close")
    assert top(index, "urgncy")[0] == ("close", "Urgency")
    assert top(index, "peak season rollout", n=1)[0][0] in {"close-line", "question", "checklist"}


def test_the_current_stage_comes_first_among_equal_matches(index, playbook):
    # "pain" is in a discovery checklist item and in a presenting one.
    at_discovery = index.search("pain", stage="discovery", limit=3)
    at_presenting = index.search("pain", stage="presenting", limit=3)
    assert at_discovery[0].stage == "discovery"
    assert at_presenting[0].stage == "presenting"
    # An exact objection title still beats a synonym match in the current stage.
    assert top(index, "budget", stage="qualification")[0] == ("objection", "Too expensive / no budget")


def test_every_word_must_match_unless_nothing_matches_them_all(index):
    results = index.search("expensive boss", limit=50)
    assert results, "falls back to entries matching most words"
    assert all(e.kind for e in results)
    assert index.search("zzzz qqqq") == []


def test_empty_query_lists_the_current_stage_first(index, playbook):
    listed = index.search("", stage="closing", limit=100)
    stage = playbook.stage("closing")
    first = [e.title for e in listed[: len(stage.checklist) + len(stage.questions)]]
    assert first == [i.text for i in stage.checklist] + [q.text for q in stage.questions]
    assert {e.kind for e in listed} >= {"objection", "close"}


def test_commands_are_searchable_and_can_be_hidden():
    index = SearchIndex([Entry("action", "end_call", "End call", "Ctrl+Shift+E"), Entry("action", "x", "Extra")])
    assert [e.key for e in index.search("end cal")] == ["end_call"]
    assert index.search("end call", accept=lambda e: e.key != "end_call") == []


def test_a_thousand_entries_search_quickly():
    import time

    vocabulary = [
        "price",
        "budget",
        "manager",
        "timeline",
        "pilot",
        "rollout",
        "contract",
        "renewal",
        "vendor",
        "security",
        "legal",
    ]
    entries = [
        Entry("line", f"k{n}", f"{vocabulary[n % 11]} {vocabulary[(n * 7) % 11]} line {n} about value", "parent")
        for n in range(1000)
    ]
    index = SearchIndex(entries)
    index.search("x")  # warm up
    start = time.perf_counter()
    for query in ("p", "pr", "pri", "pric", "price", "price b", "price bu", "price budg", "prcie budget"):
        index.search(query, limit=50)
    per_query = (time.perf_counter() - start) / 9
    assert per_query < 0.016, f"{per_query * 1000:.1f} ms per keystroke"


def test_no_thanks_finds_the_no_thanks_objection(index):
    """The seed's fourth objection is "No thanks / I will get back to you"."""
    assert top(index, "no thanks", stage="objections") == [("objection", 'No thanks / "I\'ll get back to you"')]
    assert top(index, "not interested")[0][1].startswith("No thanks")


def test_when_no_entry_has_every_word_the_rarer_word_decides():
    """In the fallback, a word found in many entries ("no") counts for less than a word
    found in one ("thanks"): no entry has both, so the one with "thanks" comes first."""
    index = SearchIndex(
        [
            Entry("objection", "price", "Too expensive / no budget"),
            Entry("objection", "boss", "No, not my decision"),
            Entry("objection", "later", "No time now"),
            Entry("objection", "fine", "Thanks, but we are fine"),
        ]
    )
    assert index.search("no thanks", limit=4)[0].key == "fine"


def test_the_objection_search_uses_the_palette_matcher(playbook):
    index = SearchIndex(objection_entries(playbook))
    assert ranked_objections(index, "expnsive")[0] == "too-expensive"  # a typo
    assert ranked_objections(index, "pricey")[0] == "too-expensive"  # a trigger / synonym
    assert ranked_objections(index, "owns")[0] == "not-decision-maker"  # a word of a rebuttal line
    assert ranked_objections(index, "") == [o.key for o in playbook.objections]  # nothing typed: all
    assert ranked_objections(index, "zzzz") == []
