"""The pipeline's pieces that need no audio: the trigger prompt, the triggers command."""

from __future__ import annotations

import pytest

from salesdesk.core.playbook import Objection


def test_the_prompt_lists_each_trigger_once_within_a_budget(model_dir):
    from salesdesk.listen.pipeline import PROMPT_WORDS, trigger_prompt

    objections = [
        Objection("a", "A", triggers=("too expensive", "no budget")),
        Objection("b", "B", triggers=("no budget", " ")),
    ]
    assert trigger_prompt(objections) == "too expensive, no budget."
    assert trigger_prompt([Objection("x", "X", ("line",))]) is None
    many = [Objection(f"o{n}", "O", triggers=(f"phrase number {n}",)) for n in range(200)]
    prompt = trigger_prompt(many)
    assert len(prompt.split()) <= PROMPT_WORDS
    assert prompt.startswith("phrase number 0, phrase number 1,")


def test_a_bad_triggers_command_is_refused(model_dir):
    from salesdesk.listen.pipeline import objections_from

    assert objections_from([{"key": "k", "triggers": ["a b"]}]) == [Objection("k", "k", triggers=("a b",))]
    with pytest.raises(ValueError, match="an objection needs a key"):
        objections_from([{"triggers": ["x"]}])
    with pytest.raises(ValueError, match="k: triggers must be a list of text"):
        objections_from([{"key": "k", "triggers": "too expensive"}])
