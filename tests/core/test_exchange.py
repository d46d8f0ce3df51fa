"""The JSON interchange format: its shape, reading it back, and clear errors for bad files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from salesdesk.core import calls_file, files
from salesdesk.core.calls_file import CallsFileError, adopt_playbook, dumps, parse_calls, read_calls_file
from tests.calls_data import ODD_TEXTS, add_rich_call


@pytest.fixture
def rich(store, playbook):
    return add_rich_call(store, playbook)


def test_the_file_has_the_documented_shape(rich):
    data = json.loads(dumps([rich]))
    assert list(data) == ["format", "version", "calls"]
    assert (data["format"], data["version"]) == ("salesdesk-calls", 1)
    (call,) = data["calls"]
    assert list(call) == [
        "uid",
        "contact",
        "playbook",
        "started_at",
        "ended_at",
        "stage",
        "furthest_stage",
        "stage_entered_at",
        "outcome",
        "next_step",
        "next_step_due",
        "qualification",
        "qualification_details",
        "checklist",
        "answers",
        "objections",
        "cues",
        "notes",
    ]
    assert call["uid"] == rich.uid
    assert call["contact"] == {
        "name": "Dana Whitfield",
        "company": "Northwind Logistics",
        "email": "dana@northwind.example",
        "phone": "+1 555 0100",
    }
    assert call["playbook"]["name"] == "Eight-step sales call" and call["playbook"]["version"] == "2.0"
    assert call["playbook"]["stages"][3] == {"key": "discovery", "title": "Discovery"}
    assert call["started_at"] == "2024-05-02T12:03:04.123456+00:00"
    assert call["ended_at"] == "2024-05-02T12:26:11.123456+00:00"
    assert (call["stage"], call["outcome"], call["next_step"], call["next_step_due"]) == (
        "discovery",
        "Meeting booked",
        "Send proposal",
        "2024-05-09",
    )
    assert call["furthest_stage"] == "closing"  # it went back to discovery from there
    assert call["qualification"]["budget"] == ODD_TEXTS["formula"]
    assert list(call["qualification"]) == ["need", "budget", "timeline", "authority"]
    assert call["checklist"][0] == {
        "stage": "prospecting",
        "item": "icp-fit",
        "text": "Account matches the ideal client profile (industry, size, region)",
        "done": True,
        "done_at": "2024-05-02T12:04:04.123456+00:00",
    }
    assert call["checklist"][3]["done"] is False and call["checklist"][3]["done_at"] is None
    assert len(call["checklist"]) == sum(len(s.checklist) for s in rich.playbook.stages)
    assert call["answers"][0] == {
        "question": "pain-points",
        "stage": "discovery",
        "text": "Which problems are getting in your way right now?",
        "answer": "Routes planned in spreadsheets\nTwo people full-time",
    }
    assert [o["key"] for o in call["objections"]] == ["too-expensive", "send-info"]
    assert call["objections"][0]["handled"] is True and call["objections"][0]["note"] == ODD_TEXTS["script"]
    assert call["notes"][1] == {"at": "2024-05-02T12:07:04.123456+00:00", "text": ODD_TEXTS["emoji"]}


def test_one_call_per_line_and_utf8_text(rich):
    text = dumps([rich, rich])
    lines = text.splitlines()
    assert len(lines) == 4 and lines[0].endswith("[") and lines[-1] == "]}"
    assert "🎉" in text and "שלום" in text  # not \\u escapes: readable and smaller
    assert dumps([]) == '{"format":"salesdesk-calls","version":1,"calls":[]}\n'


def test_reading_gives_back_the_same_call(rich, playbook):
    (read,) = parse_calls(dumps([rich]))
    assert read.uid == rich.uid and read.id == 0
    assert read.contact.name == rich.contact.name and read.contact.id is None
    assert (read.started_at, read.ended_at, read.stage) == (rich.started_at, rich.ended_at, rich.stage)
    assert read.ticks == rich.ticks
    assert read.answers == {k: v for k, v in rich.answers.items() if v}
    assert read.qualification == rich.qualification
    assert [(n.at, n.text, n.draft) for n in read.notes] == [(n.at, n.text, n.draft) for n in rich.notes]
    assert [(o.key, o.title, o.raised_at, o.handled, o.note) for o in read.objections] == [
        (o.key, o.title, o.raised_at, o.handled, o.note) for o in rich.objections
    ]
    # The playbook is rebuilt from the file: the stages and items it names, with their text.
    assert [s.key for s in read.playbook.stages] == [s.key for s in playbook.stages]
    assert read.playbook.stage("discovery").checklist == playbook.stage("discovery").checklist
    assert dumps([read]) == dumps([rich])
    # The installed playbook renders it the same, so it is used in its place.
    assert adopt_playbook(read, [playbook]).playbook is playbook


def test_an_installed_playbook_that_differs_is_not_used(rich, playbook):
    from dataclasses import replace

    (read,) = parse_calls(dumps([rich]))
    renamed = replace(playbook, stages=(replace(playbook.stages[0], title="Research"), *playbook.stages[1:]))
    assert adopt_playbook(read, [renamed]).playbook is read.playbook
    other_version = replace(playbook, version="9.9")
    assert adopt_playbook(read, [other_version]).playbook is read.playbook


def minimal_call(**fields) -> dict:
    return {"contact": {"name": "Ana Lima"}, "started_at": "2024-05-02T09:00:00+02:00", **fields}


def document(*calls: dict, **top) -> str:
    return json.dumps({"format": "salesdesk-calls", "version": 1, "calls": list(calls), **top})


def test_missing_optional_fields_take_defaults_and_unknown_fields_are_ignored():
    (call,) = parse_calls(document(minimal_call(mood="sunny", crm_id=7), exported_by="someone"))
    assert call.uid == "" and call.contact.company == ""
    assert call.started_at == datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
    assert call.ended_at is None and call.outcome == "" and call.next_step_due is None
    assert call.playbook.name == "Imported calls" and [s.key for s in call.playbook.stages] == ["call"]
    assert call.stage == "call" and call.qualification == dict.fromkeys(("need", "budget", "timeline", "authority"), "")


def test_a_call_from_a_playbook_that_is_not_installed_keeps_the_files_data():
    call_data = minimal_call(
        uid="0b6f0c55-6c1b-4c8f-9d83-5f0c3c2b8a01",
        playbook={"name": "Team method", "version": "7", "stages": [{"key": "hello", "title": "Say hello"}]},
        stage="demo",
        checklist=[
            {"stage": "hello", "item": "smile", "text": "Smile", "done": True, "done_at": "2024-05-02T07:01:00Z"},
            {"stage": "demo", "item": "show", "text": "Show the thing", "done": False, "done_at": None},
        ],
        answers=[{"question": "why", "stage": "demo", "text": "Why now?", "answer": "Budget ends in June"}],
        next_step_due="2024-06-01",
    )
    (call,) = parse_calls(document(call_data))
    playbook = call.playbook
    assert (playbook.name, playbook.version) == ("Team method", "7")
    assert [(s.key, s.title) for s in playbook.stages] == [("hello", "Say hello"), ("demo", "Demo")]
    assert playbook.stage("demo").questions[0].text == "Why now?"
    assert call.current_stage.key == "demo" and call.next_step_due == date(2024, 6, 1)
    assert call.ticks == {("hello", "smile"): datetime(2024, 5, 2, 7, 1, tzinfo=UTC)}
    again = json.loads(dumps([call]))["calls"][0]
    assert again["checklist"] == [
        {"stage": "hello", "item": "smile", "text": "Smile", "done": True, "done_at": "2024-05-02T07:01:00+00:00"},
        {"stage": "demo", "item": "show", "text": "Show the thing", "done": False, "done_at": None},
    ]
    assert again["playbook"]["stages"] == [{"key": "hello", "title": "Say hello"}, {"key": "demo", "title": "Demo"}]
    # A snapshot built from a file is a valid playbook: it survives storage's own check.
    from salesdesk.core.playbook_check import playbook_from_json

    assert playbook_from_json(playbook.to_json()) == playbook


def test_the_furthest_stage_is_carried_and_guessed_for_older_files():
    stages = [{"key": "hello", "title": "Hello"}, {"key": "demo", "title": "Demo"}, {"key": "close", "title": "Close"}]
    ticked = [{"stage": "demo", "item": "show", "text": "Show it", "done": True, "done_at": "2024-05-02T07:05:00Z"}]
    playbook = {"name": "Team", "version": "1", "stages": stages}
    carried, older, behind = parse_calls(
        document(
            minimal_call(playbook=playbook, stage="hello", furthest_stage="close"),
            minimal_call(playbook=playbook, stage="hello", checklist=ticked),  # written before it existed
            minimal_call(playbook=playbook, stage="demo", furthest_stage="hello"),  # not made by the app
        )
    )
    assert (carried.stage, carried.furthest_stage, carried.reached_stage.title) == ("hello", "close", "Close")
    assert (older.stage, older.furthest_stage) == ("hello", "demo")  # from its ticks
    assert behind.furthest_stage == "demo"  # never behind the stage it is in
    assert [json.loads(dumps([c]))["calls"][0]["furthest_stage"] for c in (carried, older)] == ["close", "demo"]
    (unknown,) = parse_calls(document(minimal_call(playbook=playbook, stage="hello", furthest_stage="later")))
    assert unknown.furthest_stage == "later" and unknown.playbook.stage("later") is not None  # kept, not dropped
    assert problems(document(minimal_call(furthest_stage="Not A Key"))) == [
        "calls.json: calls[0].furthest_stage: 'Not A Key' is not a valid key (lower-case letters, digits, '-' or '_')"
    ]


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(CallsFileError) as info:
        parse_calls(text, "calls.json")
    return info.value.describe(limit=None).splitlines()


def test_not_json_names_the_line():
    assert problems('{"format": "salesdesk-calls",\n "version": 1,\n "calls": [}') == [
        "calls.json:3: not valid JSON: Expecting value (column 12)"
    ]
    assert problems(b"\xff\xfe{}") == ["calls.json:1: the file is not UTF-8 text"]


def test_wrong_format_or_version():
    assert problems('{"format": "other", "version": 1, "calls": []}') == [
        "calls.json: format: must be 'salesdesk-calls' (this is not a SalesDesk calls file), not 'other'"
    ]
    assert problems(document(version=2)) == [
        "calls.json: version: version 2 is newer than this SalesDesk reads (1): update it"
    ]
    assert problems(document(version="1")) == ["calls.json: version: must be a whole number from 1, not '1'"]
    assert problems("[]") == ["calls.json: a calls file is a JSON object, not a list"]


def test_missing_required_field_and_wrong_type_name_the_call_and_field():
    calls = [minimal_call(), minimal_call(), minimal_call(), minimal_call(started_at=20240502)]
    del calls[1]["contact"]["name"]
    calls[2]["notes"] = [{"at": "2024-05-02T09:01:00+02:00", "text": "ok"}, {"at": "yesterday", "text": 5}]
    assert problems(document(*calls)) == [
        "calls.json: calls[1].contact.name: is missing",
        "calls.json: calls[2].notes[1].text: must be text, not a number",
        "calls.json: calls[2].notes[1].at: 'yesterday' is not a date and time (e.g. 2024-05-02T14:03:00+00:00)",
        "calls.json: calls[3].started_at: must be a date and time as text, not a number",
    ]


def test_more_mistakes_are_named():
    calls = [
        minimal_call(started_at="2024-05-02T09:00:00"),
        minimal_call(uid="not-a-uuid", checklist=[{"stage": "Open Call", "item": "x"}]),
        minimal_call(ended_at="2024-05-01T09:00:00+02:00", answers="none", next_step_due="soon"),
        minimal_call(objections=[{"title": "No key"}], qualification={"need": ["a"]}),
        "a call",
    ]
    assert problems(document(*calls)) == [
        "calls.json: calls[0].started_at: '2024-05-02T09:00:00' has no UTC offset (e.g. 2024-05-02T14:03:00+02:00)",
        "calls.json: calls[1].uid: 'not-a-uuid' is not a UUID",
        "calls.json: calls[1].checklist[0].stage: 'Open Call' is not a valid key "
        "(lower-case letters, digits, '-' or '_')",
        "calls.json: calls[2].ended_at: is before started_at",
        "calls.json: calls[2].answers: must be a list, not text",
        "calls.json: calls[2].next_step_due: 'soon' is not a date (e.g. 2024-05-02)",
        "calls.json: calls[3].qualification.need: must be text, not a list",
        "calls.json: calls[3].objections[0].key: is missing",
        "calls.json: calls[4]: must be an object, not text",
    ]


def test_the_same_uid_twice_is_an_error():
    uid = "0b6f0c55-6c1b-4c8f-9d83-5f0c3c2b8a01"
    assert problems(document(minimal_call(uid=uid), minimal_call(uid=uid.upper()))) == [
        "calls.json: calls[1].uid: the same uid as calls[0]"
    ]


def test_a_flood_of_problems_is_cut_short():
    with pytest.raises(CallsFileError) as info:
        parse_calls(document(*[minimal_call(started_at=1)] * 500), "calls.json")
    lines = str(info.value).splitlines()
    assert len(lines) == 21 and lines[-1] == f"... and {calls_file.MAX_PROBLEMS - 20} more problems"


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "big.json"
    path.write_text(document(minimal_call()))
    monkeypatch.setattr(calls_file, "MAX_FILE_BYTES", 50)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    monkeypatch.setattr(files, "read_up_to", lambda *_: pytest.fail("the file was read"))
    size = path.stat().st_size
    with pytest.raises(CallsFileError) as info:
        read_calls_file(path)
    assert str(info.value) == f"{path}: the file is {size} bytes; SalesDesk imports files up to 50 bytes"


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(CallsFileError, match=r"nothing\.json: cannot read the file: No such file or directory"):
        read_calls_file(tmp_path / "nothing.json")


def test_a_byte_order_mark_is_accepted():
    (call,) = parse_calls(b"\xef\xbb\xbf" + document(minimal_call()).encode())
    assert call.contact.name == "Ana Lima"


def test_the_fast_writer_writes_exactly_the_reference_json(rich, store, playbook):
    from dataclasses import replace

    from salesdesk.core.call import Contact, NoteEntry
    from salesdesk.core.calls_file import _FastWriter, call_json

    weird = 'quote " backslash \\ tab \t nul \x00 line\u2028sep é 🎉 </script>'
    open_call = store.load_call(store.start_call(Contact(weird, weird, weird, weird), playbook).id)
    open_call.notes.append(NoteEntry(0, rich.started_at, weird, draft=True))
    open_call.answers["pain-points"] = weird
    open_call.answers["unanswered"] = ""
    outside = replace(rich, ticks={**rich.ticks, ("gone", "old-item"): rich.started_at}, answers={"old-q": "kept"})
    writer = _FastWriter()
    for call in (rich, open_call, outside, rich):
        assert writer.call(call) == call_json(call)
    assert json.loads(call_json(outside))["checklist"][-1]["item"] == "old-item"
    assert json.loads(call_json(outside))["answers"] == [
        {"question": "old-q", "stage": None, "text": "old-q", "answer": "kept"}
    ]


def test_adopting_an_installed_playbook_never_changes_the_json(rich, playbook):
    """Whatever differs between the file's playbook and the installed one, the installed one
    is used only when the call's JSON stays byte for byte the same."""
    from dataclasses import replace

    from salesdesk.core.calls_file import call_json
    from salesdesk.core.playbook import Question

    (read,) = parse_calls(dumps([rich]))
    discovery = playbook.stage("discovery")
    variants = {
        "same": playbook,
        "question reworded": replace(
            playbook,
            stages=tuple(
                replace(s, questions=(Question("pain-points", "What hurts?"), *s.questions[1:]))
                if s is discovery
                else s
                for s in playbook.stages
            ),
        ),
        "unanswered question added": replace(
            playbook,
            stages=tuple(
                replace(s, questions=(*s.questions, Question("new-q", "New?"))) if s is discovery else s
                for s in playbook.stages
            ),
        ),
        "item removed": replace(
            playbook,
            stages=tuple(replace(s, checklist=s.checklist[1:]) if s is discovery else s for s in playbook.stages),
        ),
        "questions swapped": replace(
            playbook,
            stages=tuple(
                replace(s, questions=(s.questions[1], s.questions[0], *s.questions[2:])) if s is discovery else s
                for s in playbook.stages
            ),
        ),
    }
    adopted = {}
    for name, candidate in variants.items():
        result = adopt_playbook(read, [candidate])
        adopted[name] = result.playbook is candidate
        assert call_json(result) == call_json(read), name
    assert adopted == {
        "same": True,
        "question reworded": False,
        "unanswered question added": True,  # an unanswered question is not in the JSON
        "item removed": False,
        "questions swapped": False,
    }


def test_a_broken_character_is_named():
    assert problems(document(minimal_call(outcome="\ud800 lone"))) == [
        "calls.json: calls[0].outcome: holds a broken character (a lone UTF-16 surrogate)"
    ]
