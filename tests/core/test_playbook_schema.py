"""The JSON Schema that ships for editors: the built-in playbooks pass, broken ones do not, and
it agrees with SalesDesk's own validator on those examples."""

from __future__ import annotations

import json
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from salesdesk.core.playbook import PlaybookError, builtin_playbook_paths
from salesdesk.core.playbook_check import parse_playbook

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((files("salesdesk.resources") / "playbook.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", builtin_playbook_paths(), ids=lambda p: p.name)
def test_builtin_playbooks_match_the_schema(validator, path: Path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []


GOOD = {"name": "Tiny", "version": "1", "stages": [{"key": "open", "title": "Open"}]}
BROKEN = {
    "missing name": {"version": "1", "stages": GOOD["stages"]},
    "empty stage list": {**GOOD, "stages": []},
    "empty title": {**GOOD, "stages": [{"key": "open", "title": "  "}]},
    "bad key": {**GOOD, "stages": [{"key": "Open Call", "title": "Open"}]},
    "minutes as text": {**GOOD, "stages": [{"key": "open", "title": "Open", "minutes": "ten"}]},
    "zero minutes": {**GOOD, "stages": [{"key": "open", "title": "Open", "minutes": 0}]},
    "rebuttals as text": {**GOOD, "objections": [{"key": "p", "title": "P", "rebuttals": "say this"}]},
    "rebuttals missing": {**GOOD, "objections": [{"key": "p", "title": "P"}]},
    "unknown field": {**GOOD, "stages": [{"key": "open", "titel": "Open"}]},
    "unknown qualification": {**GOOD, "qualification": {"champion": "Who?"}},
    "newer format": {**GOOD, "format": 2},
    "version true": {**GOOD, "version": True},
    "e-mail without a body": {**GOOD, "emails": [{"key": "recap", "title": "Recap", "subject": "Hi"}]},
    "e-mail outcomes as text": {
        **GOOD,
        "emails": [{"key": "recap", "title": "Recap", "subject": "Hi", "body": "B", "outcomes": "Won"}],
    },
    "e-mail subject of two lines": {**GOOD, "emails": [{"key": "r", "title": "R", "subject": "a\nb", "body": "B"}]},
    "unknown e-mail field": {**GOOD, "emails": [{"key": "r", "title": "R", "subject": "S", "body": "B", "to": "x"}]},
    "format zero": {**GOOD, "format": 0},
    "minutes past the bound": {**GOOD, "stages": [{"key": "open", "title": "Open", "minutes": 99999999999999999999}]},
    "version number negative": {**GOOD, "version": -1},
    "version number huge": {**GOOD, "version": 10**12},
    "version text too long": {**GOOD, "version": "1" * 41},
    "version with a 13-digit number": {**GOOD, "version": "v1234567890123"},
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_schema_rejects_broken_playbooks(validator, case: str):
    data = BROKEN[case]
    assert list(validator.iter_errors(data)), case
    # SalesDesk's validator says no to the same file.
    text = _to_toml(data)
    with pytest.raises(PlaybookError):
        parse_playbook(text)


def test_the_schema_accepts_the_smallest_playbook(validator):
    assert list(validator.iter_errors(GOOD)) == []
    parse_playbook(_to_toml(GOOD))


def _to_toml(data: dict) -> str:
    """Just enough TOML for these flat examples (inline tables keep it short)."""

    def value(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str | int):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "{" + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + "}"

    return "\n".join(f"{k} = {value(v)}" for k, v in data.items()) + "\n"
