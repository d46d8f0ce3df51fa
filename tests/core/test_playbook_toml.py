"""Writing playbooks: load -> write -> load gives the same playbook, the text reads well, and a
file is replaced whole or not at all."""

from __future__ import annotations

import os
import re
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesdesk.core.files import write_atomically
from salesdesk.core.playbook import (
    QUALIFICATION_FIELDS,
    ChecklistItem,
    Close,
    Objection,
    Playbook,
    Question,
    Stage,
    builtin_playbook_paths,
)
from salesdesk.core.playbook_check import load_playbook, parse_playbook
from salesdesk.core.playbook_toml import HEADER, checked_dump, dump_playbook, save_playbook, toml_string


@pytest.mark.parametrize("path", builtin_playbook_paths(), ids=lambda p: p.name)
def test_builtin_playbooks_survive_a_round_trip(path: Path):
    playbook = load_playbook(path)
    again = parse_playbook(dump_playbook(playbook))
    assert again == playbook
    assert again.digest() == playbook.digest()


def test_written_text_is_laid_out_for_people(playbook):
    text = dump_playbook(playbook)
    assert text.startswith(HEADER)
    assert "comments added by hand are not kept" in HEADER
    lines = text.splitlines()
    assert 'name = "Eight-step sales call"' in lines
    assert lines.count("[[stages]]") == 8
    assert "[[stages.checklist]]" in lines and "[[objections]]" in lines and "[[closes]]" in lines
    # Lists of lines are one entry per line; text is not escaped beyond what TOML needs.
    rebuttals = lines.index("rebuttals = [", lines.index('key = "too-expensive"'))
    assert lines[rebuttals + 1] == '  "Expensive next to what? Help me understand what you\'re comparing us with.",'

    assert "\\u" not in text


def test_strings_need_only_the_escapes_toml_requires():
    assert toml_string('Say "hi"\\') == '"Say \\"hi\\"\\\\"'
    assert toml_string("Café – 10 €") == '"Café – 10 €"'
    assert toml_string("tab\there\x07") == '"tab\\there\\u0007"'
    assert toml_string("two\nlines") == '"""\ntwo\nlines"""'
    for text in ['Say "hi"\\', "tab\there\x07", "two\nlines", 'end quote"\n"""x"""', "\r\n"]:
        assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


# Text a rep might type, including quotes, backslashes, control characters, and any letter.
_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), include_characters=string.printable), max_size=40
).map(str.strip)
_required = _text.filter(bool)
_key = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)
_lines = st.lists(_required, max_size=3).map(tuple)
#: A version within the validator's bounds (no number in it over 12 digits).
_version = _required.filter(lambda text: not re.search(r"\d{13}", text))


@st.composite
def playbooks(draw) -> Playbook:
    def keys(count: int) -> list[str]:
        return draw(st.lists(_key, min_size=count, max_size=count, unique=True))

    n_stages = draw(st.integers(1, 3))
    items_per_stage = [draw(st.integers(0, 2)) for _ in range(n_stages)]
    questions_per_stage = [draw(st.integers(0, 2)) for _ in range(n_stages)]
    item_keys = iter(keys(sum(items_per_stage)))
    question_keys = iter(keys(sum(questions_per_stage)))
    stages = tuple(
        Stage(
            key,
            draw(_required),
            draw(_text),
            draw(st.none() | st.integers(1, 500)),
            tuple(ChecklistItem(next(item_keys), draw(_required)) for _ in range(items_per_stage[i])),
            tuple(Question(next(question_keys), draw(_required), draw(_text)) for _ in range(questions_per_stage[i])),
        )
        for i, key in enumerate(keys(n_stages))
    )
    objections = tuple(
        Objection(key, draw(_required), draw(_lines), draw(_text), tuple(t.lower() for t in draw(_lines)))
        for key in keys(draw(st.integers(0, 2)))
    )
    closes = tuple(Close(key, draw(_required), draw(_text), draw(_lines)) for key in keys(draw(st.integers(0, 2))))
    qualification = {name: prompt for name in QUALIFICATION_FIELDS if (prompt := draw(_text))}
    return Playbook(
        name=draw(_required),
        version=draw(_version),
        stages=stages,
        objections=objections,
        closes=closes,
        language=draw(_required),
        description=draw(_text | st.just('First paragraph.\n\nSecond, with a \\ and a "quote".')),
        qualification=qualification,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(playbooks())
def test_any_playbook_reads_back_equal(playbook: Playbook):
    assert parse_playbook(dump_playbook(playbook)) == playbook


def test_save_replaces_the_file_whole(tmp_path: Path, playbook, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "team" / "playbook.toml"
    save_playbook(playbook, target)
    assert load_playbook(target) == playbook
    before = target.read_bytes()

    # The rename fails (disk full, a virus scanner...): the old file is intact, no temp file left.
    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"half a playbook")
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["playbook.toml"]


def test_exported_files_are_readable_by_others_and_saved_ones_are_private(tmp_path: Path, playbook):
    """An export is for sharing (the usual permissions); a playbook saved into the data
    folder is the rep's, like everything there (user-only, in a user-only folder)."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "shared.toml", checked_dump(playbook).encode(), shared=True)
        save_playbook(playbook, tmp_path / "playbooks" / "mine.toml")
    finally:
        os.umask(old)
    assert (tmp_path / "shared.toml").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "playbooks" / "mine.toml").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "playbooks").stat().st_mode & 0o777 == 0o700
