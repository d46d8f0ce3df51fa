"""The lossless interchange format: calls as JSON, written and read back. No Qt, no storage.

    {"format": "salesdesk-calls", "version": 1, "calls": [ {...}, {...} ]}

One call per line, keys in a fixed order, times in UTC ISO 8601 with the offset, and nothing
that changes between runs (no export time), so exporting, importing into an empty data
folder and exporting again gives the same bytes.

Each call carries what it needs to be understood without the playbook it was made with:
the stages' titles (``playbook.stages``), every checklist item's text, each question's text
and stage. Reading a file rebuilds a playbook snapshot from that data; the importer swaps in
an installed playbook only when it renders the call exactly the same (``adopt_playbook``).

Reading is strict about what is there and lenient about what is not: unknown fields are
ignored, missing optional ones take defaults, and every problem is reported with its place
(``calls[3].notes[0].at: ...``) before anything is stored.
"""

from __future__ import annotations

import gc
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path

from salesdesk.core.call import (
    EARLIEST,
    FIRST_YEAR,
    LAST_YEAR,
    LATEST,
    MAX_FIELD_CHARS,
    CallState,
    Contact,
    FollowupEmail,
    NoteEntry,
    ObjectionEntry,
)
from salesdesk.core.playbook import KEY_PATTERN, QUALIFICATION_FIELDS, ChecklistItem, Playbook, Question, Stage
from salesdesk.core.problems import Problem, ProblemsError, TextFileRules, decode_text, read_file_bytes, type_name
from salesdesk.core.qualification import MAX_AMOUNT, QualificationDetails

FORMAT_NAME = "salesdesk-calls"
FORMAT_VERSION = 1
#: Larger files are refused before they are read into memory.
MAX_FILE_BYTES = 200 * 2**20
#: Reading stops after this many problems: one bad field repeated in 10,000 calls says enough.
MAX_PROBLEMS = 50
DEFAULT_PLAYBOOK_NAME = "Imported calls"
DEFAULT_PLAYBOOK_VERSION = "1"


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while many objects are made at once (reading or writing
    thousands of calls): the collector would walk the growing heap again and again, which
    costs as much as the work itself. Nothing made here forms cycles, so nothing is kept."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def iso(moment: datetime) -> str:
    """A time as the file holds it: ISO 8601 in UTC, with its offset."""
    return moment.isoformat() if moment.tzinfo is UTC else moment.astimezone(UTC).isoformat()


def _iso_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else iso(moment)


# --------------------------------------------------------------------------- writing


def _playbook_part(call: CallState) -> tuple[dict, list[dict], list[dict]]:
    """The parts of a call's JSON that depend on its playbook snapshot."""
    playbook = call.playbook
    head = {
        "name": playbook.name,
        "version": playbook.version,
        "stages": [{"key": stage.key, "title": stage.title} for stage in playbook.stages],
    }
    checklist = []
    listed: set[tuple[str, str]] = set()
    for stage in playbook.stages:
        for item in stage.checklist:
            done_at = call.ticks.get((stage.key, item.key))
            listed.add((stage.key, item.key))
            checklist.append(
                {
                    "stage": stage.key,
                    "item": item.key,
                    "text": item.text,
                    "done": done_at is not None,
                    "done_at": _iso_or_none(done_at),
                }
            )
    # Ticks for items the snapshot does not have: not made by the app, but never dropped.
    for (stage_key, item_key), done_at in sorted(call.ticks.items()):
        if (stage_key, item_key) not in listed:
            checklist.append(
                {"stage": stage_key, "item": item_key, "text": item_key, "done": True, "done_at": iso(done_at)}
            )
    answers = []
    asked: set[str] = set()
    for stage in playbook.stages:
        for question in stage.questions:
            asked.add(question.key)
            answer = call.answers.get(question.key, "")
            if answer:
                answers.append({"question": question.key, "stage": stage.key, "text": question.text, "answer": answer})
    for key in sorted(set(call.answers) - asked):
        if call.answers[key]:
            answers.append({"question": key, "stage": None, "text": key, "answer": call.answers[key]})
    return head, checklist, answers


def call_to_dict(call: CallState) -> dict:
    playbook, checklist, answers = _playbook_part(call)
    notes = []
    for note in sorted(call.notes, key=lambda n: n.at):
        entry: dict = {"at": iso(note.at), "text": note.text}
        if note.draft:
            entry["draft"] = True  # still in the editor when the call was saved
        notes.append(entry)
    document = {
        "uid": call.uid,
        "contact": {
            "name": call.contact.name,
            "company": call.contact.company,
            "email": call.contact.email,
            "phone": call.contact.phone,
        },
        "playbook": playbook,
        "started_at": iso(call.started_at),
        "ended_at": _iso_or_none(call.ended_at),
        "stage": call.stage,
        "furthest_stage": call.reached_stage_key,
        "stage_entered_at": _iso_or_none(call.stage_entered_at),
        "outcome": call.outcome,
        "next_step": call.next_step,
        "next_step_due": call.next_step_due.isoformat() if call.next_step_due else None,
        "qualification": {name: call.qualification.get(name, "") for name in QUALIFICATION_FIELDS},
        "qualification_details": _details_dict(call.details),
        "checklist": checklist,
        "answers": answers,
        "objections": [
            {"key": o.key, "title": o.title, "raised_at": iso(o.raised_at), "handled": o.handled, "note": o.note}
            for o in call.objections
        ],
        "cues": [{"key": key, "response": response} for key, response in sorted(call.cues.items())],
        "notes": notes,
    }
    if call.followup is not None:  # only a call with a follow-up e-mail has the key
        document["followup_email"] = _followup_dict(call.followup)
    return document


def _followup_dict(email: FollowupEmail) -> dict:
    return {
        "template": email.template,
        "subject": email.subject,
        "body": email.body,
        "sent_at": _iso_or_none(email.sent_at),
    }


def _details_dict(details: QualificationDetails) -> dict:
    return {
        "budget_min": details.budget_min,
        "budget_max": details.budget_max,
        "budget_currency": details.budget_currency,
        "decision_date": details.decision_date.isoformat() if details.decision_date else None,
        "decision_maker": details.decision_maker,
        "decision_maker_role": details.decision_maker_role,
    }


def call_json(call: CallState) -> str:
    """One call as one line of JSON: the reference form (``dumps`` is a faster equivalent)."""
    return json.dumps(call_to_dict(call), ensure_ascii=False, separators=(",", ":"))


def dumps(calls: Iterable[CallState]) -> str:
    """The file's text: a header line, then one call per line (readable, diffable, greppable)."""
    writer = _FastWriter()
    with gc_paused():
        lines = [writer.call(call) for call in calls]
    body = "\n" + ",\n".join(lines) + "\n" if lines else ""
    return f'{{"format":"{FORMAT_NAME}","version":{FORMAT_VERSION},"calls":[{body}]}}\n'


class _FastWriter:
    """Writes exactly what ``call_json`` writes, several times faster for many calls.

    Most of a call's JSON is its checklist (every item of the playbook, with its text), and
    the same few playbooks serve thousands of calls: each playbook's unchanging pieces are
    encoded once, and a call only adds its ticks, answers, notes and so on. A call with
    ticks or answers outside its playbook (never made by the app) takes the reference path.
    A test holds the two equal."""

    _QUALIFICATION_KEYS = tuple(encode_basestring(name) + ":" for name in QUALIFICATION_FIELDS)

    def __init__(self) -> None:
        self._playbooks: dict[int, tuple] = {}

    def _pieces(self, playbook: Playbook) -> tuple:
        pieces = self._playbooks.get(id(playbook))
        if pieces is None or pieces[0] is not playbook:
            q = encode_basestring
            head = {
                "name": playbook.name,
                "version": playbook.version,
                "stages": [{"key": stage.key, "title": stage.title} for stage in playbook.stages],
            }
            items = [
                (
                    (stage.key, item.key),
                    f'{{"stage":{q(stage.key)},"item":{q(item.key)},"text":{q(item.text)},"done":',
                )
                for stage in playbook.stages
                for item in stage.checklist
            ]
            questions = [
                (
                    question.key,
                    f'{{"question":{q(question.key)},"stage":{q(stage.key)},"text":{q(question.text)},"answer":',
                )
                for stage in playbook.stages
                for question in stage.questions
            ]
            pieces = (
                playbook,
                json.dumps(head, ensure_ascii=False, separators=(",", ":")),
                items,
                {key for key, _prefix in items},
                questions,
                {key for key, _prefix in questions},
            )
            self._playbooks[id(playbook)] = pieces
        return pieces

    def call(self, call: CallState) -> str:
        _playbook, head, items, item_keys, questions, question_keys = self._pieces(call.playbook)
        if not item_keys.issuperset(call.ticks) or not question_keys.issuperset(call.answers):
            return call_json(call)
        q = encode_basestring
        ticks = call.ticks
        checklist = [
            f'{prefix}true,"done_at":"{iso(ticks[key])}"}}' if key in ticks else f'{prefix}false,"done_at":null}}'
            for key, prefix in items
        ]
        answers = [f"{prefix}{q(call.answers[key])}}}" for key, prefix in questions if call.answers.get(key)]
        objections = [
            f'{{"key":{q(o.key)},"title":{q(o.title)},"raised_at":"{iso(o.raised_at)}",'
            f'"handled":{"true" if o.handled else "false"},"note":{q(o.note)}}}'
            for o in call.objections
        ]
        draft = ',"draft":true'
        notes = [
            f'{{"at":"{iso(n.at)}","text":{q(n.text)}{draft if n.draft else ""}}}'
            for n in sorted(call.notes, key=lambda n: n.at)
        ]
        contact = call.contact
        qualification = ",".join(
            key + q(call.qualification.get(name, ""))
            for key, name in zip(self._QUALIFICATION_KEYS, QUALIFICATION_FIELDS, strict=True)
        )
        ended = f'"{iso(call.ended_at)}"' if call.ended_at is not None else "null"
        entered = f'"{iso(call.stage_entered_at)}"' if call.stage_entered_at is not None else "null"
        details = json.dumps(_details_dict(call.details), ensure_ascii=False, separators=(",", ":"))
        cues = ",".join(f'{{"key":{q(key)},"response":{q(response)}}}' for key, response in sorted(call.cues.items()))
        due = f'"{call.next_step_due.isoformat()}"' if call.next_step_due else "null"
        followup = ""
        if call.followup is not None:
            followup = ',"followup_email":' + json.dumps(
                _followup_dict(call.followup), ensure_ascii=False, separators=(",", ":")
            )
        return (
            f'{{"uid":{q(call.uid)},"contact":{{"name":{q(contact.name)},"company":{q(contact.company)},'
            f'"email":{q(contact.email)},"phone":{q(contact.phone)}}},"playbook":{head},'
            f'"started_at":"{iso(call.started_at)}","ended_at":{ended},"stage":{q(call.stage)},'
            f'"furthest_stage":{q(call.reached_stage_key)},"stage_entered_at":{entered},'
            f'"outcome":{q(call.outcome)},"next_step":{q(call.next_step)},"next_step_due":{due},'
            f'"qualification":{{{qualification}}},"qualification_details":{details},'
            f'"checklist":[{",".join(checklist)}],"answers":[{",".join(answers)}],'
            f'"objections":[{",".join(objections)}],"cues":[{cues}],"notes":[{",".join(notes)}]{followup}}}'
        )


# --------------------------------------------------------------------------- reading


class CallsFileError(ProblemsError):
    """A calls file that cannot be imported; ``problems`` says what and where."""

    listed = 20


class _TooManyProblemsError(Exception):
    """Stops reading a file once MAX_PROBLEMS are found."""


def _type_name(value: object) -> str:
    return type_name(value, table="an object")


class _Reader:
    """Typed field access that records a Problem (with the field's path) instead of raising."""

    def __init__(self, check_surrogates: bool = True) -> None:
        self.problems: list[Problem] = []
        #: False when the JSON text has no \uD800-\uDFFF escapes, the only way to get a
        #: string that cannot be written as UTF-8: then no string needs the check.
        self.check_surrogates = check_surrogates
        #: Keys already checked (the same few stage and item keys come back in every call).
        self.good_keys: set[str] = set()
        # Calls made with one playbook rebuild the same stages and playbooks: one object
        # each, so later steps (matching an installed playbook, storing snapshots) do their
        # work once per playbook rather than once per call.
        self._stages: dict[tuple, Stage] = {}
        self._playbooks: dict[tuple, Playbook] = {}

    def stage(self, key: str, title: str, items: tuple, questions: tuple) -> Stage:
        signature = (key, title, items, questions)
        stage = self._stages.get(signature)
        if stage is None:
            stage = Stage(
                key,
                title,
                checklist=tuple(ChecklistItem(*item) for item in items),
                questions=tuple(Question(*question) for question in questions),
            )
            self._stages[signature] = stage
        return stage

    def playbook(self, name: str, version: str, stages: tuple[Stage, ...]) -> Playbook:
        signature = (name, version, tuple(id(stage) for stage in stages))  # stages are shared objects
        playbook = self._playbooks.get(signature)
        if playbook is None:
            playbook = self._playbooks[signature] = Playbook(name=name, version=version, stages=stages)
        return playbook

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblemsError

    def obj(self, value: object, path: str) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, f"must be an object, not {_type_name(value)}")
            return None
        return value

    def text(self, table: dict, name: str, path: str, *, required: bool = False, default: str = "") -> str:
        value = table.get(name)
        if (
            type(value) is str
            and not self.check_surrogates
            and len(value) <= MAX_FIELD_CHARS
            and (not required or value.strip())
        ):
            return value  # the common case, without building an error path
        where = f"{path}.{name}"
        if value is None:
            if required:
                self.add(where, "is missing")
            return default
        if not isinstance(value, str):
            self.add(where, f"must be text, not {_type_name(value)}")
            return default
        if len(value) > MAX_FIELD_CHARS:
            self.add(where, f"is {len(value):,} characters long; a field holds at most {MAX_FIELD_CHARS:,}")
            return default
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.add(where, "holds a broken character (a lone UTF-16 surrogate)")
            return default
        if required and not value.strip():
            self.add(where, "must not be empty")
        return value

    def key(self, table: dict, name: str, path: str) -> str:
        value = table.get(name)
        if type(value) is str and value in self.good_keys:
            return value
        value = self.text(table, name, path, required=True)
        if value and not KEY_PATTERN.match(value):
            self.add(f"{path}.{name}", f"{value!r} is not a valid key (lower-case letters, digits, '-' or '_')")
            return ""
        if value:
            self.good_keys.add(value)
        return value

    def flag(self, table: dict, name: str, path: str) -> bool:
        value = table.get(name, False)
        if value is True or value is False:
            return value
        if value is None:
            return False
        if not isinstance(value, bool):
            self.add(f"{path}.{name}", f"must be true or false, not {_type_name(value)}")
            return False
        return value

    def moment(self, table: dict, name: str, path: str, *, required: bool = False) -> datetime | None:
        value = table.get(name)
        where = f"{path}.{name}"
        if value is None:
            if required:
                self.add(where, "is missing")
            return None
        if not isinstance(value, str):
            self.add(where, f"must be a date and time as text, not {_type_name(value)}")
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.add(where, f"{value[:40]!r} is not a date and time (e.g. 2024-05-02T14:03:00+00:00)")
            return None
        if moment.tzinfo is None:
            self.add(where, f"{value!r} has no UTC offset (e.g. 2024-05-02T14:03:00+02:00)")
            return None
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:  # year 9999 west of UTC, year 1 east of it
            moment = None
        if moment is None or not EARLIEST <= moment <= LATEST:
            self.add(where, f"{value[:40]!r} is not between the years {FIRST_YEAR} and {LAST_YEAR}")
            return None
        return moment

    def whole(self, table: dict, name: str, path: str) -> int | None:
        value = table.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(f"{path}.{name}", f"must be a whole number or null, not {_type_name(value)}")
            return None
        if abs(value) > MAX_AMOUNT:  # as the budget field's own limit (and the database holds 64 bits)
            self.add(f"{path}.{name}", f"is too large to be a budget (at most {MAX_AMOUNT:,})")
            return None
        return value

    def day(self, table: dict, name: str, path: str) -> date | None:
        value = table.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(f"{path}.{name}", f"must be a date as text, not {_type_name(value)}")
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.add(f"{path}.{name}", f"{value[:40]!r} is not a date (e.g. 2024-05-02)")
            return None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.add(f"{path}.{name}", f"{value[:40]!r} is not between the years {FIRST_YEAR} and {LAST_YEAR}")
            return None
        return day

    def items(self, table: dict, name: str, path: str) -> list[tuple[str, dict]]:
        value = table.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(f"{path}.{name}", f"must be a list, not {_type_name(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            item_path = f"{path}.{name}[{index}]"
            if self.obj(item, item_path) is not None:
                out.append((item_path, item))
        return out


def _title_from_key(key: str) -> str:
    return key.replace("-", " ").replace("_", " ").capitalize() or key


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _size(count: int) -> str:
    return f"{count / 2**20:,.0f} MB" if count >= 2**20 else f"{count:,} bytes"


def _file_rules() -> TextFileRules:
    # Made when a file is read: tests lower MAX_FILE_BYTES.
    return TextFileRules(
        max_bytes=MAX_FILE_BYTES,
        too_large_file=lambda size: f"the file is {_size(size)}; SalesDesk imports files up to {_size(MAX_FILE_BYTES)}",
        too_large_text=f"the data is larger than {_size(MAX_FILE_BYTES)}",
        not_utf8="the file is not UTF-8 text",
        cannot_read="cannot read the file",
        bom=True,
    )


def read_calls_file(path: str | Path) -> list[CallState]:
    """Read and check a calls file. Raises CallsFileError naming the file and each problem."""
    return parse_calls(read_file_bytes(path, _file_rules(), CallsFileError), str(path))


def parse_calls(raw: bytes | str, source: str = "<calls>") -> list[CallState]:
    """Parse a calls file's content into calls (``id`` 0, ``uid`` "" when the file has none)."""
    with gc_paused():
        return _parse_calls(raw, source)


def _parse_calls(raw: bytes | str, source: str) -> list[CallState]:
    text = decode_text(raw, source, _file_rules(), CallsFileError)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CallsFileError.one(source, f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from exc
    except RecursionError as exc:
        raise CallsFileError.one(source, "not valid JSON: nested too deeply") from exc
    except ValueError as exc:  # a number of more than 4,300 digits, which Python will not convert
        raise CallsFileError.one(source, "not valid JSON: a number is too long to read") from exc
    reader = _Reader(check_surrogates=_SURROGATE_ESCAPE.search(text) is not None)
    try:
        calls = _read_document(data, reader)
    except _TooManyProblemsError:
        calls = []
    if reader.problems:
        raise CallsFileError(source, reader.problems)
    return calls


def _read_document(data: object, reader: _Reader) -> list[CallState]:
    if not isinstance(data, dict):
        reader.add("", f"a calls file is a JSON object, not {_type_name(data)}")
        return []
    fmt = data.get("format")
    if fmt != FORMAT_NAME:
        reader.add("format", f"must be {FORMAT_NAME!r} (this is not a SalesDesk calls file), not {fmt!r}")
        return []
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        reader.add("version", f"must be a whole number from 1, not {version!r}")
        return []
    if version > FORMAT_VERSION:
        reader.add("version", f"version {version} is newer than this SalesDesk reads ({FORMAT_VERSION}): update it")
        return []
    calls_value = data.get("calls")
    if not isinstance(calls_value, list):
        reader.add("calls", "is missing" if calls_value is None else f"must be a list, not {_type_name(calls_value)}")
        return []
    calls = []
    uids: dict[str, int] = {}
    for index, value in enumerate(calls_value):
        path = f"calls[{index}]"
        table = reader.obj(value, path)
        if table is None:
            continue
        before = len(reader.problems)
        call = _read_call(table, path, reader)
        if call is None or len(reader.problems) > before:
            continue
        if call.uid:
            if call.uid in uids:
                reader.add(f"{path}.uid", f"the same uid as calls[{uids[call.uid]}]")
                continue
            uids[call.uid] = index
        calls.append(call)
    return calls


def _read_call(table: dict, path: str, r: _Reader) -> CallState | None:
    """One call of the file, read section by section; None when it lacks a contact or a
    start (the problems are in ``r``)."""
    uid = _read_uid(table, path, r)
    contact = _read_contact(table, path, r)
    started_at = r.moment(table, "started_at", path, required=True)
    ended_at = r.moment(table, "ended_at", path)
    if started_at is not None and ended_at is not None and ended_at < started_at:
        r.add(f"{path}.ended_at", "is before started_at")
    stages = _StageList()
    name, version = _read_playbook_head(table, path, r, stages)
    stage = r.key(table, "stage", path) if table.get("stage") is not None else ""
    furthest = r.key(table, "furthest_stage", path) if table.get("furthest_stage") is not None else ""
    items, ticks = _read_checklist(table, path, r, stages, started_at)
    answers, pending_questions = _read_answers(table, path, r, stages)
    if not stage:
        stage = stages.order[0] if stages.order else "call"
    stages.use(stage)
    stages.use(furthest)
    qualification = _read_qualification(table, path, r)
    objections = _read_objections(table, path, r, started_at)
    notes = _read_notes(table, path, r, started_at)
    details = _read_details(table, path, r)
    cues = {}
    for cpath, entry in r.items(table, "cues", path):
        cues[r.text(entry, "key", cpath, required=True)] = r.text(entry, "response", cpath) or "shown"
    followup = _read_followup(table, path, r)
    outcome = r.text(table, "outcome", path)
    next_step = r.text(table, "next_step", path)
    next_step_due = r.day(table, "next_step_due", path)
    stage_entered_at = r.moment(table, "stage_entered_at", path)
    if contact is None or started_at is None:
        return None
    playbook_stages = _rebuilt_stages(r, stages, items, pending_questions, stage)
    call = CallState(
        id=0,
        uid=uid,
        contact=contact,
        playbook=r.playbook(name, version, playbook_stages),
        started_at=started_at,
        stage=stage,
        ended_at=ended_at,
        outcome=outcome,
        next_step=next_step,
        next_step_due=next_step_due,
        qualification=qualification,
        stage_entered_at=stage_entered_at,
        details=details,
        cues=cues,
        ticks=ticks,
        answers=answers,
        objections=objections,
        notes=notes,
        furthest_stage=furthest,
        followup=followup,
    )
    # Files written before the furthest stage was recorded: the best guess a database
    # migration makes too (from the stage, the ticks and the answers).
    call.furthest_stage = call.reached_stage_key if furthest else call.estimated_furthest_stage()
    return call


def _rebuilt_stages(
    r: _Reader,
    stages: _StageList,
    items: dict[str, list[tuple[str, str]]],
    answered: list[tuple[str | None, tuple[str, str]]],
    stage: str,
) -> tuple[Stage, ...]:
    """The stages of the rebuilt playbook, each with its items and answered questions."""
    questions: dict[str, list[tuple[str, str]]] = {}
    for stage_key, question in answered:
        # An answer the file does not place in a stage goes with the stage the call reached.
        questions.setdefault(stage_key or stage, []).append(question)
    return tuple(
        r.stage(key, stages.titles[key], tuple(items.get(key, ())), tuple(questions.get(key, ())))
        for key in stages.order
    )


class _StageList:
    """The stages of the playbook a call is rebuilt with, in order: those the file lists,
    then any stage a tick, an answer or the call's own stage names."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}
        self.order: list[str] = []

    def add(self, key: str, title: str) -> None:
        self.titles[key] = title
        self.order.append(key)

    def use(self, key: str) -> None:
        if key and key not in self.titles:
            self.add(key, _title_from_key(key))


def _read_uid(table: dict, path: str, r: _Reader) -> str:
    uid = r.text(table, "uid", path)
    if uid:
        try:
            uid = str(uuid.UUID(uid))
        except ValueError:
            r.add(f"{path}.uid", f"{uid[:40]!r} is not a UUID")
    return uid


def _read_contact(table: dict, path: str, r: _Reader) -> Contact | None:
    contact_table = table.get("contact")
    cpath = f"{path}.contact"
    if contact_table is None:
        r.add(cpath, "is missing")
        return None
    if r.obj(contact_table, cpath) is None:
        return None
    return Contact(
        name=r.text(contact_table, "name", cpath, required=True),
        company=r.text(contact_table, "company", cpath),
        email=r.text(contact_table, "email", cpath),
        phone=r.text(contact_table, "phone", cpath),
    )


def _read_playbook_head(table: dict, path: str, r: _Reader, stages: _StageList) -> tuple[str, str]:
    """The name and version of the playbook the call was made with, and its stages into
    ``stages``, rebuilt from what the file says about it."""
    playbook_table = table.get("playbook")
    ppath = f"{path}.playbook"
    name, version = DEFAULT_PLAYBOOK_NAME, DEFAULT_PLAYBOOK_VERSION
    if playbook_table is None or r.obj(playbook_table, ppath) is None:
        return name, version
    name = r.text(playbook_table, "name", ppath).strip() or name
    raw_version = playbook_table.get("version")
    if isinstance(raw_version, int | float) and not isinstance(raw_version, bool):
        version = str(raw_version)
    else:
        version = r.text(playbook_table, "version", ppath).strip() or version
    for spath, stage_table in r.items(playbook_table, "stages", ppath):
        key = r.key(stage_table, "key", spath)
        if key in stages.titles:
            r.add(f"{spath}.key", f"stage {key!r} is listed twice")
        elif key:
            stages.add(key, r.text(stage_table, "title", spath).strip() or _title_from_key(key))
    return name, version


def _read_checklist(
    table: dict, path: str, r: _Reader, stages: _StageList, started_at: datetime | None
) -> tuple[dict[str, list[tuple[str, str]]], dict[tuple[str, str], datetime]]:
    """The checklist items per stage, and the ticks with their times."""
    items: dict[str, list[tuple[str, str]]] = {}
    item_stage: dict[str, str] = {}
    ticks: dict[tuple[str, str], datetime] = {}
    for index, stage_key, item_key, text, done, done_at in _checklist_rows(table, path, r):
        if not stage_key or not item_key:
            continue
        if item_key in item_stage:
            where = "this stage" if item_stage[item_key] == stage_key else f"stage {item_stage[item_key]!r}"
            r.add(f"{path}.checklist[{index}].item", f"item {item_key!r} is listed twice (also in {where})")
            continue
        stages.use(stage_key)
        item_stage[item_key] = stage_key
        items.setdefault(stage_key, []).append((item_key, text))
        if done:
            ticks[(stage_key, item_key)] = done_at or started_at or datetime.now(UTC)
    return items, ticks


def _checklist_rows(table: dict, path: str, r: _Reader) -> list[tuple]:
    """(index, stage, item, text, done, done_at) per checklist entry: the quick way when
    every entry is plain, else field by field (something to report, or a key not seen yet)."""
    rows = _plain_checklist(table.get("checklist"), r)
    if rows is not None:
        return rows
    rows = []
    for index, (cpath, entry) in enumerate(r.items(table, "checklist", path)):
        stage_key = r.key(entry, "stage", cpath)
        item_key = r.key(entry, "item", cpath)
        text = r.text(entry, "text", cpath).strip() or item_key
        rows.append((index, stage_key, item_key, text, r.flag(entry, "done", cpath), r.moment(entry, "done_at", cpath)))
    return rows


def _read_answers(
    table: dict, path: str, r: _Reader, stages: _StageList
) -> tuple[dict[str, str], list[tuple[str | None, tuple[str, str]]]]:
    """The answers by question, and each answered question with the stage the file puts it
    in (None: none)."""
    answers: dict[str, str] = {}
    questions: list[tuple[str | None, tuple[str, str]]] = []
    for apath, entry in r.items(table, "answers", path):
        key = r.key(entry, "question", apath)
        text = r.text(entry, "text", apath).strip() or key
        answer = r.text(entry, "answer", apath)
        stage_key = r.key(entry, "stage", apath) if entry.get("stage") is not None else None
        if not key:
            continue
        if key in answers:
            r.add(f"{apath}.question", f"question {key!r} is answered twice")
            continue
        answers[key] = answer
        if stage_key:
            stages.use(stage_key)
        questions.append((stage_key, (key, text)))
    return answers, questions


def _read_qualification(table: dict, path: str, r: _Reader) -> dict[str, str]:
    qualification = dict.fromkeys(QUALIFICATION_FIELDS, "")
    if table.get("qualification") is not None:
        qpath = f"{path}.qualification"
        qtable = r.obj(table["qualification"], qpath)
        if qtable is not None:
            for field_name in QUALIFICATION_FIELDS:
                qualification[field_name] = r.text(qtable, field_name, qpath)
    return qualification


def _read_objections(table: dict, path: str, r: _Reader, started_at: datetime | None) -> list[ObjectionEntry]:
    objections = []
    for opath, entry in r.items(table, "objections", path):
        key = r.text(entry, "key", opath, required=True)
        objections.append(
            ObjectionEntry(
                0,
                key,
                r.text(entry, "title", opath) or key,
                r.moment(entry, "raised_at", opath) or started_at or datetime.now(UTC),
                r.flag(entry, "handled", opath),
                r.text(entry, "note", opath),
            )
        )
    return objections


def _read_notes(table: dict, path: str, r: _Reader, started_at: datetime | None) -> list[NoteEntry]:
    notes = []
    for npath, entry in r.items(table, "notes", path):
        text = r.text(entry, "text", npath, required=True)
        at = r.moment(entry, "at", npath) or started_at or datetime.now(UTC)
        notes.append(NoteEntry(0, at, text, r.flag(entry, "draft", npath)))
    notes.sort(key=lambda n: n.at)
    return notes


def _read_details(table: dict, path: str, r: _Reader) -> QualificationDetails:
    if table.get("qualification_details") is None:
        return QualificationDetails()
    dpath = f"{path}.qualification_details"
    dtable = r.obj(table["qualification_details"], dpath)
    if dtable is None:
        return QualificationDetails()
    return QualificationDetails(
        budget_min=r.whole(dtable, "budget_min", dpath),
        budget_max=r.whole(dtable, "budget_max", dpath),
        budget_currency=r.text(dtable, "budget_currency", dpath)[:3].upper(),
        decision_date=r.day(dtable, "decision_date", dpath),
        decision_maker=r.text(dtable, "decision_maker", dpath),
        decision_maker_role=r.text(dtable, "decision_maker_role", dpath),
    )


def _read_followup(table: dict, path: str, r: _Reader) -> FollowupEmail | None:
    if table.get("followup_email") is None:
        return None
    epath = f"{path}.followup_email"
    etable = r.obj(table["followup_email"], epath)
    if etable is None:
        return None
    return FollowupEmail(
        template=r.text(etable, "template", epath),
        subject=r.text(etable, "subject", epath),
        body=r.text(etable, "body", epath),
        sent_at=r.moment(etable, "sent_at", epath),
    )


class _NotPlainError(Exception):
    """A checklist entry needs the field-by-field check."""


def _plain_checklist(value: object, r: _Reader) -> list[tuple] | None:
    """The checklist entries when every one is well-formed with keys already checked, else
    None. Checklists are most of a file (every item of the playbook, in every call): this
    reads them without the field-by-field checks that name a problem's place."""
    if r.check_surrogates or type(value) is not list:
        return None
    good = r.good_keys
    rows = []
    try:
        for index, entry in enumerate(value):
            if type(entry) is not dict:
                raise _NotPlainError
            stage_key, item_key = entry.get("stage"), entry.get("item")
            text, done, done_at = entry.get("text", ""), entry.get("done", False), entry.get("done_at")
            if type(stage_key) is not str or stage_key not in good or type(item_key) is not str or item_key not in good:
                raise _NotPlainError
            if type(text) is not str or len(text) > MAX_FIELD_CHARS or (done is not True and done is not False):
                raise _NotPlainError
            rows.append((index, stage_key, item_key, text.strip() or item_key, done, _plain_moment(done_at)))
    except _NotPlainError:
        return None
    return rows


def _plain_moment(value: object) -> datetime | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _NotPlainError
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _NotPlainError from None
    if moment.tzinfo is None or not FIRST_YEAR < moment.year < LAST_YEAR:  # near the ends: the careful path
        raise _NotPlainError
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def adopt_playbook(call: CallState, installed: Sequence[Playbook]) -> CallState:
    """The call with an installed playbook in place of the one rebuilt from the file, if one
    has the same name and version and renders the call exactly the same (so nothing in the
    file is lost, and exporting again gives the same bytes). Otherwise the call as it is."""
    return PlaybookMatcher(installed).adopt(call)


class PlaybookMatcher:
    """``adopt_playbook`` for many calls: each pair of (rebuilt, installed) playbooks is
    compared once; only what depends on the call itself (its answers) is checked per call."""

    def __init__(self, installed: Sequence[Playbook]):
        self.installed = list(installed)
        self._same: dict[tuple[int, int], tuple[Playbook, bool]] = {}

    def adopt(self, call: CallState) -> CallState:
        mine = call.playbook
        for playbook in self.installed:
            if playbook.name != mine.name or playbook.version != mine.version:
                continue
            known = self._same.get((id(mine), id(playbook)))
            if known is None or known[0] is not mine:
                known = (mine, _same_stages(mine, playbook))
                self._same[(id(mine), id(playbook))] = known  # keeps ``mine`` alive: ids stay unique
            if known[1] and _renders_same(call, playbook):
                return replace(call, playbook=playbook)
        return call


def _same_stages(mine: Playbook, playbook: Playbook) -> bool:
    if len(mine.stages) != len(playbook.stages):
        return False
    return all(
        a.key == b.key and a.title == b.title and a.checklist == b.checklist
        for a, b in zip(mine.stages, playbook.stages, strict=True)
    )


def _renders_same(call: CallState, playbook: Playbook) -> bool:
    """With the stages the same (``_same_stages``: so the same checklist items), whether
    ``_playbook_part`` of the call would be the same with ``playbook``: each stage must list
    the same answered questions, with the same text, in the same order. (A question answered
    here but missing there is in one list and not the other; one missing from both is
    listed after the snapshot either way.)"""
    answers = call.answers
    for a, b in zip(call.playbook.stages, playbook.stages, strict=True):
        if [(q.key, q.text) for q in a.questions if answers.get(q.key)] != [
            (q.key, q.text) for q in b.questions if answers.get(q.key)
        ]:
            return False
    return True


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    #: Calls already in the database (same uid, or same contact and start without a uid).
    skipped: int

    def describe(self) -> str:
        text = f"Imported {self.added} call{'s' if self.added != 1 else ''}"
        if self.skipped:
            text += f"; {self.skipped} {'was' if self.skipped == 1 else 'were'} already here"
        return text + "."
