"""Objection triggers found in recognised speech (the spoken-form matcher), on text."""

from __future__ import annotations

import pytest

from salesdesk.core.playbook import Objection
from salesdesk.core.spoken import SpokenCueMatcher, spoken_form


@pytest.fixture(scope="module")
def matcher(playbook) -> SpokenCueMatcher:
    return SpokenCueMatcher(playbook.objections)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("We can't afford it", "we can not afford it"),
        ("We cannot afford it", "we can not afford it"),
        ("It’s, um, too expensive", "it is too expensiv"),
        ("I mean, you know, we're fine", "we are fin"),
        ("It costs 50,000 dollars", "it cost fifty thousand dollar"),
        ("in 2 weeks", "in two week"),
        ("the decision-maker", "decision maker"),
        ("Send me an E-mail.", "send me email"),
        ("It's not a priority", "it is not priority"),
        ("", ""),
    ],
)
def test_spoken_form(text, form):
    assert spoken_form(text) == form


@pytest.mark.parametrize(
    ("heard", "key", "as_heard"),
    [
        # Fillers, contractions and a different word order around the trigger.
        ("Honestly, it's a bit too expensive for us this year.", "too-expensive", "too expensive"),
        ("It's, uh, too expensive.", "too-expensive", "too expensive"),
        # "my" for "our", and one word heard as two, as phone-band recognition writes them.
        ("That's out of my budget, I'm afraid.", "too-expensive", "out of my budget"),
        ("Switching now seems to risk it for us.", "complacency", "risk it"),
        ("It's too, um, expensive.", "too-expensive", "too, um, expensive"),
        ("We cannot afford that right now.", "too-expensive", "cannot afford"),
        ("we can not afford it", "too-expensive", "can not afford"),
        # Another inflection than the trigger's ("costs too much").
        ("It cost too much last time.", "too-expensive", "cost too much"),
        ("I'd need to ask my boss first.", "not-decision-maker", "need to ask my boss"),
        ("I'm not the decision-maker here.", "not-decision-maker", "not the decision-maker"),
        # The recogniser's article for the trigger's.
        ("I'm not a decision maker here, you know.", "not-decision-maker", "not a decision maker"),
        ("It's just not the priority for us.", "complacency", "not the priority"),
        ("Just send me an e-mail.", "get-back-to-you", "send me an e-mail"),
        ("I'll, um, get back to you.", "get-back-to-you", "get back to you"),
        ("We're fine with what we have.", "happy-with-current", "We're fine"),
        ("We are fine with what we have.", "happy-with-current", "We are fine"),
        ("Honestly we're swamped this month.", "bad-timing", "swamped"),
    ],
)
def test_triggers_are_heard_in_their_spoken_forms(matcher, heard, key, as_heard):
    (cue,) = matcher.find(heard)
    assert (cue.key, cue.heard, cue.fuzzy) == (key, as_heard, False)


@pytest.mark.parametrize(
    ("heard", "key", "phrase"),
    [
        # The recogniser's near-misses: one word a letter or two off, not the first one.
        ("Let me circle Mac with the team.", "get-back-to-you", "circle back"),
        ("I'm not the decision taker.", "not-decision-maker", "not the decision maker"),
        ("That's too expansive for us.", "too-expensive", "too expensive"),
        # One extra word inside a phrase.
        ("That is too damn expensive.", "too-expensive", "too expensive"),
        ("I'd have to ask my old boss.", "not-decision-maker", "ask my boss"),
        # Short words phone-band recognition swaps ("is" heard as "in").
        ("Your price in high, compared to the others.", "too-expensive", "price is high"),
        ("Change in hard for a company like ours.", "complacency", "change is hard"),
    ],
)
def test_near_misses_within_the_budget_are_cues(matcher, heard, key, phrase):
    (cue,) = matcher.find(heard)
    assert (cue.key, cue.phrase, cue.fuzzy) == (key, phrase, True)


@pytest.mark.parametrize(
    "heard",
    [
        "The price is right for that.",  # "price is high": two letters off, but other sounds
        "Let's get back to the agenda.",
        "We talked about the risk register.",  # "risky" is a trigger; "risk" is not
        "Next to you is the projector.",
        "The expansion went well last year.",
        "Let's circle the date in the calendar.",
        "The change in hardware went well.",  # "change is hard": a swap, but not the same words
        "It is in high demand this year.",
        "I think it went fine.",
        "Thanks for walking me through it.",
        "Uh, um, hmm.",
        "",
    ],
)
def test_neutral_speech_gives_no_cue(matcher, heard):
    assert matcher.find(heard) == []


def test_short_triggers_are_never_matched_loosely(matcher):
    # "risky" is one short word: "risk" or "frisky" must not count; "next year" is too short
    # for the fuzzy step ("next ear").
    assert matcher.find("that sounds risk free") == []
    assert matcher.find("quite frisky") == []
    assert matcher.find("next ear") == []


def test_the_fuzzy_step_can_be_switched_off(playbook):
    strict = SpokenCueMatcher(playbook.objections, fuzzy=False)
    assert strict.find("Let me circle Mac with the team.") == []
    assert [c.key for c in strict.find("it cost too much")] == ["too-expensive"]


def test_each_objection_once_in_the_order_heard(matcher):
    cues = matcher.find("It's not a priority. Also too expensive, way too expensive, and send me an email.")
    assert [c.key for c in cues] == ["complacency", "too-expensive", "get-back-to-you"]


def test_custom_triggers_with_numbers_and_contractions():
    matcher = SpokenCueMatcher([Objection("later", "Later", triggers=("call me in 2 weeks", "we aren't ready"))])
    assert [c.key for c in matcher.find("Could you call me in two weeks?")] == ["later"]
    assert [c.key for c in matcher.find("We are not ready yet.")] == ["later"]


def test_no_triggers_no_cues():
    matcher = SpokenCueMatcher([Objection("x", "X", ("line",))])
    assert not matcher and matcher.find("too expensive") == []
