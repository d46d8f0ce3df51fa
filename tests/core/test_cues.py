"""Trigger phrases in typed notes point at objections."""

from __future__ import annotations

import pytest

from salesdesk.core.cues import CueMatcher
from salesdesk.core.playbook import Objection


@pytest.fixture(scope="module")
def matcher(playbook) -> CueMatcher:
    return CueMatcher(playbook.objections)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("They think it's too expensive.", "too-expensive"),
        ("NO   budget this year", "too-expensive"),
        ("can’t afford it (curly apostrophe)", "too-expensive"),
        ("cant afford it", "too-expensive"),
        ("I need to ask my boss first", "not-decision-maker"),
        ("she is not the decision-maker", "not-decision-maker"),
        ("just send me an e-mail", "get-back-to-you"),
        ("Send me an email", "get-back-to-you"),
        ("too\nexpensive across lines", "too-expensive"),
    ],
)
def test_triggers_are_found_in_notes(matcher, text, key):
    assert [cue.key for cue in matcher.find(text)] == [key]


@pytest.mark.parametrize("text", ["expensiveness", "nobudget", "the price is right", ""])
def test_only_whole_phrases_count(matcher, text):
    assert matcher.find(text) == []


def test_the_longer_trigger_wins(matcher):
    (cue,) = matcher.find("I need to ask my boss")
    assert cue.phrase == "need to ask my boss" and (cue.start, cue.end) == (2, 21)


def test_only_the_edited_region_is_looked_at(matcher):
    text = "too expensive " + "and then some more words " * 40 + "send me an email"
    edit = len(text) - 1
    assert [c.key for c in matcher.find(text, edit, len(text))] == ["get-back-to-you"]
    assert [c.key for c in matcher.find(text, 0, 3)] == ["too-expensive"]


def test_a_playbook_without_triggers_finds_nothing():
    matcher = CueMatcher([Objection("x", "X", ("line",))])
    assert not matcher and matcher.find("too expensive") == []
