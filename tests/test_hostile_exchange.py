"""Hostile text through every export and import (issue 3's formats).

Written against the interface of the export/import branch: ``salesdesk.core.calls_file``
(``dumps``, ``parse_calls``, ``read_calls_file``, ``CallsFileError``, ``MAX_FILE_BYTES``)
and ``salesdesk.core.export`` (``render_text``). On a branch without them the module is
skipped; after merging, it runs against the merged code (adjust names here if they moved).

What it holds: arbitrary text (any Unicode, control characters, markup, very long) goes out
and comes back unchanged through JSON; every text format renders it without crashing and
without letting it act as markup or a spreadsheet formula; any bytes given to the importer
give calls or a CallsFileError, never another exception; huge and deeply nested files are
refused with a message before they are read into memory.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.core import calls_file, export, files
from salesdesk.core.call import CallState, Contact, NoteEntry, ObjectionEntry
from salesdesk.core.playbook_check import default_playbook
from tests.helpers.hostile import ANY_CHAR, TEXT

PLAYBOOK = default_playbook()
START = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


@st.composite
def calls(draw) -> CallState:
    name = draw(TEXT.filter(lambda t: t.strip()))
    call = CallState(
        id=draw(st.integers(1, 10_000)),
        uid=str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4)),
        contact=Contact(name.strip(), draw(TEXT).strip(), draw(TEXT).strip(), draw(TEXT).strip()),
        playbook=PLAYBOOK,
        started_at=START,
        stage="discovery",
        ended_at=START + timedelta(minutes=draw(st.integers(1, 600))),
        outcome=draw(TEXT).strip(),
        next_step=draw(TEXT).strip(),
    )
    call.answers = {"pain-points": draw(TEXT), "impact": draw(TEXT)}
    call.qualification = {"need": draw(TEXT), "budget": draw(TEXT), "timeline": "", "authority": draw(TEXT)}
    call.ticks = {("prospecting", "icp-fit"): START}
    call.objections = [ObjectionEntry(1, "too-expensive", "Too expensive", START, True, draw(TEXT))]
    call.notes = [
        NoteEntry(i + 1, START + timedelta(seconds=i), text, False)
        for i, text in enumerate(draw(st.lists(TEXT.filter(lambda t: t.strip()), max_size=4)))
    ]
    return call


def essentials(call: CallState) -> tuple:
    c = call.contact
    return (
        (c.name, c.company, c.email, c.phone),
        call.outcome,
        call.next_step,
        {k: v for k, v in call.answers.items() if v},  # an empty answer is no answer
        {k: v for k, v in call.qualification.items() if v},
        [(o.key, o.handled, o.note) for o in call.objections],
        [n.text for n in call.notes],
    )


@settings(max_examples=60, deadline=None)
@given(batch=st.lists(calls(), min_size=1, max_size=3, unique_by=lambda call: call.uid))  # uids identify calls
def test_json_export_and_import_give_back_every_character(batch):
    text = calls_file.dumps(batch)
    json.loads(text)  # a valid JSON document whatever the text held
    back = calls_file.parse_calls(text)
    assert [essentials(c) for c in back] == [essentials(c) for c in batch]
    assert calls_file.dumps(back) == text  # and exporting again gives the same bytes


@settings(max_examples=60, deadline=None)
@given(batch=st.lists(calls(), min_size=1, max_size=3))
def test_text_formats_render_hostile_text_as_text(batch):
    for fmt in ("md", "txt", "html", "csv"):
        out = export.render_text(fmt, batch)
        assert isinstance(out, str) and out
    html = export.render_text("html", batch)
    assert "<script" not in html and "<img" not in html  # the rep's markup is escaped, not live
    rows = list(csv.reader(io.StringIO(export.render_text("csv", batch))))
    assert len(rows) == len(batch) + 1
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


@settings(max_examples=200, deadline=None)
@given(raw=st.one_of(st.binary(max_size=2000), st.text(ANY_CHAR, max_size=2000)))
def test_any_input_to_the_importer_is_calls_or_a_clear_error(raw):
    try:
        calls_file.parse_calls(raw, "calls.json")
    except calls_file.CallsFileError as exc:
        assert exc.problems and str(exc).startswith("calls.json")


@settings(max_examples=100, deadline=None)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(TEXT, kids, max_size=4),
        max_leaves=40,
    )
)
def test_any_json_shape_is_calls_or_a_clear_error(data):
    for document in (data, {"format": "salesdesk-calls", "version": 1, "calls": [data]}):
        try:
            calls_file.parse_calls(json.dumps(document), "calls.json")
        except calls_file.CallsFileError as exc:
            assert exc.problems


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_a_deeply_nested_import_file_is_refused_with_a_message(depth: int):
    document = '{"format":"salesdesk-calls","version":1,"calls":[' + "[" * depth + "]" * depth + "]}"
    with pytest.raises(calls_file.CallsFileError):
        calls_file.parse_calls(document, "deep.json")


def test_a_huge_import_file_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(calls_file.MAX_FILE_BYTES + 1)

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "read_text", no_reading)
    monkeypatch.setattr(files, "read_up_to", no_reading)  # the shared reader's reading
    with pytest.raises(calls_file.CallsFileError, match=r"huge\.json"):
        calls_file.read_calls_file(huge)
