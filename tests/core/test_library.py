"""Several playbooks: built-in ones, the rep's own (which can stand in for a built-in), the
chosen default, and importing files all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesdesk.core.library import PlaybookConflictError, import_playbook, load_library, new_playbook_path
from salesdesk.core.playbook import PlaybookError
from salesdesk.core.playbook_check import load_playbook
from salesdesk.core.playbook_toml import save_playbook

TEAM = """\
# Our team's demo call
name = "Team demo"
version = "2"

[[stages]]
key = "demo"
title = "Demo"
"""


def test_two_builtin_playbooks_ship(tmp_path: Path):
    library = load_library(tmp_path / "none")
    assert [p.name for p in library.playbooks] == ["Eight-step sales call", "Renewal and growth review"]
    assert all(library.is_builtin(p) for p in library.playbooks)
    renewal = library.playbooks[1]
    # The second one shows more of the format than the first.
    assert any(q.hint for s in renewal.stages for q in s.questions)
    assert any(s.minutes is None for s in renewal.stages)
    assert any(not s.checklist for s in renewal.stages)
    assert "\n" in renewal.description


def test_the_default_is_the_chosen_name(tmp_path: Path):
    assert load_library(tmp_path, default_name="Renewal and growth review").default.name == "Renewal and growth review"
    assert load_library(tmp_path, default_name="Gone").default.name == "Eight-step sales call"


def test_a_users_version_of_a_builtin_takes_its_place(tmp_path: Path, playbook):
    user_dir = tmp_path / "playbooks"
    mine = type(playbook)(**{**{f: getattr(playbook, f) for f in playbook.__dataclass_fields__}, "version": "2.1"})
    save_playbook(mine, user_dir / "eight.toml")
    library = load_library(user_dir)
    assert [p.label for p in library.playbooks] == [
        "Eight-step sales call (v2.1)",
        "Renewal and growth review (v1.0)",
    ]
    assert library.is_user_file(library.playbooks[0])
    assert [p.version for p in library.shadowed] == ["2.0"]
    assert library.builtin_named("Eight-step sales call").version == "2.0"


def test_lookup_by_name_label_or_file(tmp_path: Path):
    user_dir = tmp_path / "playbooks"
    user_dir.mkdir()
    (user_dir / "team.toml").write_text(TEAM, encoding="utf-8")
    library = load_library(user_dir)
    assert [p.name for p in library.lookup("team demo")] == ["Team demo"]
    assert [p.name for p in library.lookup("Team demo (v2)")] == ["Team demo"]
    assert [p.name for p in library.lookup("team.toml")] == ["Team demo"]
    assert [p.name for p in library.lookup("renewal")] == ["Renewal and growth review"]
    assert library.lookup("nothing") == []
    # A part of the name, in any case; a part that several names share gives them all.
    assert [p.name for p in library.lookup("GROWTH")] == ["Renewal and growth review"]
    assert [p.name for p in library.lookup(" demo ")] == ["Team demo"]
    assert [p.name for p in library.lookup("e")] == ["Eight-step sales call", "Renewal and growth review", "Team demo"]
    assert library.lookup("") == []


def test_import_copies_the_file_as_it_is(tmp_path: Path):
    source = tmp_path / "team.toml"
    source.write_text(TEAM, encoding="utf-8")
    user_dir = tmp_path / "data" / "playbooks"
    result = import_playbook(source, user_dir)
    assert result.path == user_dir / "team-demo.toml"
    assert result.path.read_bytes() == source.read_bytes()  # comments kept
    assert result.replaced is None and result.shadows is None
    with pytest.raises(PlaybookConflictError, match="already have a playbook called 'Team demo'"):
        import_playbook(source, user_dir)
    source.write_text(TEAM.replace('"2"', '"3"'), encoding="utf-8")
    again = import_playbook(source, user_dir, replace=True)
    assert again.path == result.path and again.replaced.version == "2"
    assert load_playbook(result.path).version == "3"


BROKEN = {
    "bad syntax": ('name = "x"\nversion = "1"\n[[stages]\n', ["broken.toml:3: not valid TOML"]),
    "missing fields": (
        '[[stages]]\nkey = "a"\n',
        ["broken.toml:1: name: is missing", "broken.toml:1: version: is missing", "broken.toml:1: stages[0].title"],
    ),
    "duplicate keys": (
        TEAM + '\n[[stages]]\nkey = "demo"\ntitle = "Again"\n',
        ["broken.toml:10: stages[1].key: duplicate key 'demo' (also used at stages[0])"],
    ),
    "empty stage list": (
        'name = "x"\nversion = "1"\nstages = []\n',
        ["broken.toml:3: stages: needs at least one stage"],
    ),
    "wrong types": (
        'name = "x"\nversion = true\n[[stages]]\nkey = "a"\ntitle = "A"\nminutes = "ten"\n'
        '[[objections]]\nkey = "o"\ntitle = "O"\nrebuttals = "say this"\n',
        [
            "broken.toml:2: version: must be text, not true/false",
            "broken.toml:6: stages[0].minutes: must be a positive whole number of minutes",
            "broken.toml:10: objections[0].rebuttals: must be a list of text, not text",
        ],
    ),
    "unknown field": (TEAM.replace('title = "Demo"', 'titel = "Demo"'), ["broken.toml:7: stages[0].titel: unknown"]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_never_imported(tmp_path: Path, case: str):
    text, expected = BROKEN[case]
    source = tmp_path / "broken.toml"
    source.write_text(text, encoding="utf-8")
    user_dir = tmp_path / "playbooks"
    with pytest.raises(PlaybookError) as info:
        import_playbook(source, user_dir)
    described = [p.describe("broken.toml") for p in info.value.problems]
    for start in expected:
        assert any(line.startswith(start) for line in described), (start, described)
    assert not user_dir.exists() or not list(user_dir.iterdir())


def test_new_file_names_do_not_overwrite(tmp_path: Path):
    (tmp_path / "team-demo.toml").write_text("x", encoding="utf-8")
    assert new_playbook_path(tmp_path, "Team demo").name == "team-demo-2.toml"
    assert new_playbook_path(tmp_path, "Ärger!").name == "arger.toml"
