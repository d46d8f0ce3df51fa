"""Hostile input: arbitrary text through every path that stores or shows it, and playbook
files built to hurt the parser. Nothing crashes, nothing is lost, markup stays text.

The sidebar's side of it is in tests/ui/test_hostile_ui.py; export and import have their
own module, tests/test_hostile_exchange.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from salesdesk.core import files
from salesdesk.core.call import Contact, NoteEntry, utcnow
from salesdesk.core.library import load_library
from salesdesk.core.playbook import MAX_PLAYBOOK_BYTES, PlaybookError, builtin_playbook_paths
from salesdesk.core.playbook_check import (
    MAX_NESTING,
    load_playbook,
    parse_playbook,
    playbook_from_dict,
    playbook_from_json,
)
from salesdesk.storage import CallStore
from salesdesk.storage.quickload import read_open_call
from tests.helpers.hostile import ANY_CHAR, LONG_TEXT, TEXT

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# --------------------------------------------------------------------------- storage


@SETTINGS
@given(name=TEXT, company=TEXT, email=TEXT, phone=TEXT)
def test_contact_fields_round_trip(store: CallStore, playbook, name, company, email, phone):  # noqa: PLR0917
    contact = Contact(name, company, email, phone)
    if not name.strip():
        with pytest.raises(ValueError, match="needs a name"):
            store.start_call(contact, playbook)
        return
    call = store.start_call(contact, playbook)
    loaded = store.load_call(call.id).contact
    assert (loaded.name, loaded.company, loaded.email, loaded.phone) == tuple(
        v.strip() for v in (name, company, email, phone)
    )


@SETTINGS
@given(answer=TEXT, note=TEXT, draft=TEXT, qualification=TEXT, objection_note=TEXT)
def test_answers_notes_and_qualification_round_trip_exactly(  # noqa: PLR0917
    store: CallStore, playbook, data_dir: Path, answer, note, draft, qualification, objection_note
):
    call = store.start_call(Contact("Hostile"), playbook)
    store.set_answer(call.id, "pain-points", answer)
    store.save_note(call.id, None, note, draft=False)
    store.save_note(call.id, None, draft, draft=True)
    store.set_qualification(call.id, "budget", qualification)
    entry = store.log_objection(call.id, "too-expensive", "Too expensive")
    store.set_objection_note(entry.id, objection_note)
    loaded = store.load_call(call.id)
    assert loaded.answers == {"pain-points": answer}
    assert [(n.text, n.draft) for n in loaded.notes] == [(note, False), (draft, True)]
    assert loaded.qualification["budget"] == qualification
    assert loaded.objections[0].note == objection_note
    assert read_open_call(data_dir) == loaded  # the start-up reader agrees to the byte


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=LONG_TEXT)
def test_very_long_notes_and_answers_are_kept_whole(store: CallStore, playbook, text):
    call = store.start_call(Contact("Long"), playbook)
    store.save_note(call.id, None, text, draft=False)
    store.set_answer(call.id, "impact", text)
    loaded = store.load_call(call.id)
    assert loaded.notes[0].text == text and loaded.answers["impact"] == text


# --------------------------------------------------------------------------- what the sidebar shows


@SETTINGS
@given(texts=st.lists(TEXT, max_size=8))
def test_the_notes_model_returns_text_untouched(qapp, texts):
    """Edited as stored; shown as stored, bidi-isolated (core.bidi: the same text for
    anything without right-to-left letters or directional controls)."""
    from salesdesk.core.bidi import isolate
    from salesdesk.ui.sidebar.item_models import NotesModel

    model = NotesModel()
    now = utcnow()
    model.set_items([NoteEntry(i + 1, now, text, False) for i, text in enumerate(texts)])
    assert [model.index(r, 0).data().split("  ", 1)[1] for r in range(model.rowCount())] == [isolate(t) for t in texts]
    assert [model.index(r, 0).data(Qt.ItemDataRole.EditRole) for r in range(model.rowCount())] == texts


# --------------------------------------------------------------------------- playbooks


@settings(max_examples=200, deadline=None)
@given(text=st.text(ANY_CHAR, max_size=2000))
def test_any_text_as_a_playbook_is_a_playbook_or_a_playbook_error(text):
    try:
        parse_playbook(text)
    except PlaybookError as exc:
        assert exc.problems and str(exc)


DEFAULT_TOML = builtin_playbook_paths()[0].read_text(encoding="utf-8")


@settings(max_examples=200, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(DEFAULT_TOML)), st.integers(0, 40), st.text(ANY_CHAR, max_size=30)), max_size=6
    )
)
def test_a_damaged_real_playbook_never_crashes_the_parser(edits):
    text = DEFAULT_TOML
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut :]
    try:
        parse_playbook(text.encode("utf-8", "surrogatepass"), "team.toml")
    except PlaybookError as exc:
        assert all(p.describe("team.toml").startswith("team.toml") for p in exc.problems)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=30,
)
PLAYBOOK_KEYS = st.sampled_from(
    ["format", "name", "version", "stages", "objections", "closes", "qualification", "key", "title", "checklist"]
)


@settings(max_examples=100, deadline=None)
@given(data=st.dictionaries(PLAYBOOK_KEYS | TEXT, JSON_VALUES, max_size=8))
def test_any_data_as_a_playbook_is_a_playbook_or_a_playbook_error(data):
    try:
        playbook_from_dict(data)
    except PlaybookError as exc:
        assert exc.problems


KEY = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
PROSE = TEXT.filter(lambda t: t.strip())
#: A version is prose too, within its bounds (40 characters, numbers of 12 digits at most).
VERSION = st.text(ANY_CHAR, max_size=40).filter(lambda t: t.strip() and not re.search(r"\d{13}", t))


@st.composite
def playbooks(draw):
    keys = draw(st.lists(KEY, min_size=4, max_size=4, unique=True))
    return {
        "format": 1,
        "name": draw(PROSE),
        "version": draw(VERSION),
        "description": draw(TEXT),
        "stages": [
            {
                "key": keys[0],
                "title": draw(PROSE),
                "goal": draw(TEXT),
                "checklist": [{"key": keys[1], "text": draw(PROSE)}],
                "questions": [{"key": keys[2], "text": draw(PROSE), "hint": draw(TEXT)}],
            }
        ],
        "objections": [{"key": keys[3], "title": draw(PROSE), "rebuttals": [draw(PROSE)], "why": draw(TEXT)}],
    }


@settings(max_examples=100, deadline=None)
@given(data=playbooks())
def test_a_playbook_with_hostile_prose_survives_its_snapshot(data):
    """The snapshot a call keeps of its playbook (JSON, stored in the database) gives back
    the same playbook, whatever the prose holds."""
    playbook = playbook_from_dict(data)
    assert playbook_from_json(playbook.to_json()) == playbook
    assert playbook.stages[0].title == data["stages"][0]["title"].strip()


# --------------------------------------------------------------------------- huge and deep files


def test_a_huge_playbook_file_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:  # 300 MB, sparse: no disk space used
        handle.truncate(300 * 1024 * 1024)

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "read_text", no_reading)
    monkeypatch.setattr(files, "read_up_to", no_reading)  # the shared reader's reading
    with pytest.raises(PlaybookError, match=r"huge.toml: file is 314,572,800 bytes; a playbook may be at most"):
        load_playbook(huge)


def test_a_huge_playbook_among_the_reps_files_does_not_stop_the_app(tmp_path: Path):
    folder = tmp_path / "playbooks"
    folder.mkdir()
    with (folder / "huge.toml").open("wb") as handle:
        handle.truncate(MAX_PLAYBOOK_BYTES + 1)
    library = load_library(folder)
    assert library.default is not None and library.default.name == "Eight-step sales call"
    assert [e.source for e in library.errors] == [str(folder / "huge.toml")]


def test_huge_text_is_refused_as_text_too():
    with pytest.raises(PlaybookError, match="larger than"):
        parse_playbook("#" * (MAX_PLAYBOOK_BYTES + 1))
    with pytest.raises(PlaybookError, match="larger than"):
        parse_playbook(b"#" * (MAX_PLAYBOOK_BYTES + 1))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("x = " + "[" * 100_000 + "]" * 100_000, 1),
        ("x = " + "{a = " * 10_000 + "1" + "}" * 10_000, 1),
        (".".join(["a"] * 100_000) + " = 1", 1),
        ("[" + ".".join(["stages"] * 100_000) + "]", 1),
        ('name = "ok"\n\ny = ' + "[" * 40 + "]" * 40, 3),
    ],
    ids=["arrays", "inline-tables", "dotted-key", "dotted-table", "line-3"],
)
def test_deep_nesting_is_refused_with_a_message(text: str, line: int):
    with pytest.raises(PlaybookError, match=f"deep.toml:{line}: nested more than {MAX_NESTING} levels deep"):
        parse_playbook(text, "deep.toml")


def test_brackets_and_dots_inside_strings_and_comments_are_not_nesting():
    deep_looking = "[" * 60 + " a.b.c" * 40
    # A new close whose comment, basic string and literal string look deeply nested.
    text = DEFAULT_TOML + (
        f'\n[[closes]]\nkey = "probe"\ntitle = "Probe"\n# {deep_looking}\n'
        f"summary = \"{deep_looking}\"\nexamples = ['{deep_looking}']\n"
    )
    playbook = parse_playbook(text)
    assert playbook.closes[-1].summary == deep_looking.strip()
    assert playbook.closes[-1].examples == (deep_looking.strip(),)
