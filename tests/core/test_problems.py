"""The playbook and calls-file readers share one problem type (core.problems): a caller can
catch either as a ProblemsError, and both word a value of the wrong type alike."""

from __future__ import annotations

import json

import pytest

from salesdesk.core.calls_file import parse_calls
from salesdesk.core.playbook_check import parse_playbook
from salesdesk.core.problems import ProblemsError


def test_both_readers_raise_the_one_problem_type_with_the_same_words():
    with pytest.raises(ProblemsError) as playbook:
        parse_playbook(
            b'name = "x"\nversion = "1"\ndescription = ["a"]\n[[stages]]\nkey = "a"\ntitle = "A"\n', "p.toml"
        )
    with pytest.raises(ProblemsError) as calls:
        parse_calls(json.dumps({"format": "salesdesk-calls", "version": 1, "calls": "x"}), "c.json")
    assert "description: must be text, not a list" in str(playbook.value)
    assert str(calls.value) == "c.json: calls: must be a list, not text"


@pytest.mark.parametrize("reader", [parse_playbook, parse_calls])
def test_both_readers_refuse_text_that_is_not_utf8_on_its_line(reader):
    with pytest.raises(ProblemsError) as caught:
        reader(b"\n\n\xff", "f")
    assert caught.value.problems[0].line == 3
    assert "UTF-8" in caught.value.problems[0].message
