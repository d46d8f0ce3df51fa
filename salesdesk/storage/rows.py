"""A stored call's one shape: the columns read and written, the stored form of times, and
the one mapping between those rows and a CallState.

Every reader of whole calls (``CallStore.load_call``, the first-paint reader in
quickload.py, the bulk reader behind the exports and the team server: reader.py) selects
these columns and turns the rows into a CallState here; every writer of whole calls (an
import, bulk loading, a push to the team server) makes its rows here. So a column added
once reaches all of them.

No Peewee: the first paint reads with the sqlite3 driver alone. The rows are the driver's
raw values: SQLite gives text for times and dates, PostgreSQL gives datetime objects; both
are taken. Times are stored as naive UTC.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from salesdesk.core.call import CallState, Contact, FollowupEmail, NoteEntry, ObjectionEntry
from salesdesk.core.playbook import QUALIFICATION_FIELDS, Playbook
from salesdesk.core.qualification import QualificationDetails

# --------------------------------------------------------------------------- stored form


def to_db(moment: datetime) -> datetime:
    """An aware time as stored: naive UTC (a naive one is taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment
    return (moment if moment.tzinfo is UTC else moment.astimezone(UTC)).replace(tzinfo=None)


def from_db(value: datetime | str | None) -> datetime | None:
    """A stored (naive UTC) time as an aware one: text from SQLite, a datetime from others."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value + "+00:00")  # one C call: a stored time has no offset
        except ValueError:  # one written by another tool, with its offset
            value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def day_from_db(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# --------------------------------------------------------------------------- reading

#: The call row's columns a CallState is made from (``call_from_row``), then its contact's.
CALL_COLUMNS = (
    "id",
    "uid",
    "playbook_id",
    "started_at",
    "ended_at",
    "stage",
    "stage_entered_at",
    "furthest_stage",
    "outcome",
    "next_step",
    "next_step_due",
)
CONTACT_COLUMNS = ("id", "name", "company", "email", "phone")
#: Where the playbook snapshot's id is in a row of CALL_COLUMNS.
SNAPSHOT_ID = CALL_COLUMNS.index("playbook_id")
#: The typed qualification columns, in QualificationDetails' field order.
DETAIL_FIELDS = tuple(field.name for field in dataclasses.fields(QualificationDetails))
QUALIFICATION_COLUMNS = (*QUALIFICATION_FIELDS, *DETAIL_FIELDS)


def contact_from_row(row: Sequence) -> Contact:
    """A Contact from a row of CONTACT_COLUMNS."""
    contact_id, name, company, email, phone = row
    return Contact(name, company, email, phone, id=contact_id)


def call_from_row(row: Sequence, playbook: Playbook) -> CallState:
    """A CallState from a row of CALL_COLUMNS and CONTACT_COLUMNS (its parts come from the
    per-call tables: ``CHILD_TABLES``)."""
    call_id, uid, _snapshot, started, ended, stage, entered, furthest, outcome, step, due, *contact = row
    return CallState(
        id=call_id,
        uid=uid,
        contact=contact_from_row(contact),
        playbook=playbook,
        started_at=from_db(started),
        stage=stage,
        ended_at=from_db(ended),
        outcome=outcome,
        next_step=step,
        next_step_due=day_from_db(due),
        stage_entered_at=from_db(entered),
        furthest_stage=furthest,
    )


def _qualification(call: CallState, row: Sequence) -> None:
    texts = len(QUALIFICATION_FIELDS)
    call.qualification = dict(zip(QUALIFICATION_FIELDS, row[:texts], strict=True))
    details = dict(zip(DETAIL_FIELDS, row[texts:], strict=True))
    details["decision_date"] = day_from_db(details["decision_date"])
    call.details = QualificationDetails(**details)


def _cue(call: CallState, row: Sequence) -> None:
    key, response = row
    call.cues[key] = response


def _tick(call: CallState, row: Sequence) -> None:
    stage, item, done_at = row
    call.ticks[(stage, item)] = from_db(done_at)


def _answer(call: CallState, row: Sequence) -> None:
    question, answer = row
    call.answers[question] = answer


def _objection(call: CallState, row: Sequence) -> None:
    entry_id, key, title, raised_at, handled, note = row
    call.objections.append(ObjectionEntry(entry_id, key, title, from_db(raised_at), bool(handled), note))


def _note(call: CallState, row: Sequence) -> None:
    note_id, at, text, draft = row
    call.notes.append(NoteEntry(note_id, from_db(at), text, bool(draft)))


def _followup(call: CallState, row: Sequence) -> None:
    template, subject, body, sent_at = row
    call.followup = FollowupEmail(template, subject, body, from_db(sent_at))


@dataclass(frozen=True, slots=True)
class ChildTable:
    """A per-call table, as a reader reads it into a CallState."""

    #: The Peewee model's name (storage/tables.py, team/tables.py) and the table's SQL name.
    model: str
    table: str
    #: The columns read (after the call id), and their order within one call.
    columns: tuple[str, ...]
    order: tuple[str, ...]
    #: Puts one row (``columns``) into the call.
    add: Callable[[CallState, Sequence], None]
    #: False for the checklist and the answers, which a CSV export leaves out (most rows).
    always: bool = True


CHILD_TABLES = (
    ChildTable("Qualification", "qualification", QUALIFICATION_COLUMNS, (), _qualification),
    ChildTable("CallCue", "call_cue", ("key", "response"), ("id",), _cue),
    ChildTable("ChecklistTick", "checklist_tick", ("stage", "item", "done_at"), (), _tick, always=False),
    ChildTable("Answer", "answer", ("question", "answer"), (), _answer, always=False),
    ChildTable(
        "ObjectionLog",
        "objection_log",
        ("id", "key", "title", "raised_at", "handled", "note"),
        ("raised_at", "id"),
        _objection,
    ),
    ChildTable("Note", "note", ("id", "at", "text", "draft"), ("at", "id"), _note),
    ChildTable("FollowupEmail", "followup_email", ("template", "subject", "body", "sent_at"), (), _followup),
)


# --------------------------------------------------------------------------- writing

#: The columns of a new call row, in the order ``call_row`` gives their values.
CALL_ROW_COLUMNS = (
    "uid",
    "contact_id",
    "playbook_id",
    "playbook_name",
    "playbook_version",
    "started_at",
    "ended_at",
    "stage",
    "outcome",
    "next_step",
    "next_step_due",
    "stage_entered_at",
    "furthest_stage",
    "updated_at",
)


def call_row(call: CallState, uid: str, contact_id: int, snapshot_id: int, updated: datetime) -> tuple:
    """The values of a new call row (CALL_ROW_COLUMNS), in stored form."""
    return (
        uid,
        contact_id,
        snapshot_id,
        call.playbook.name,
        call.playbook.version,
        to_db(call.started_at),
        to_db(call.ended_at) if call.ended_at else None,
        call.stage,
        call.outcome,
        call.next_step,
        call.next_step_due,
        to_db(call.stage_entered_at) if call.stage_entered_at else None,
        call.reached_stage_key,
        updated,
    )


#: The per-call tables a whole call is written to: SQL name -> columns, as ChildRows holds them.
CHILD_ROW_COLUMNS = {
    "qualification": ("call_id", *QUALIFICATION_COLUMNS),
    "checklist_tick": ("call_id", "stage", "item", "done_at"),
    "answer": ("call_id", "question", "answer", "updated_at"),
    "objection_log": ("call_id", "key", "title", "raised_at", "handled", "handled_at", "note"),
    "note": ("call_id", "at", "text", "draft", "updated_at"),
    "call_cue": ("call_id", "key", "shown_at", "response"),
    "followup_email": ("call_id", "template", "subject", "body", "sent_at", "updated_at"),
}


class ChildRows:
    """Rows of the per-call tables for whole calls, by table (CHILD_ROW_COLUMNS), to be
    written in multi-row INSERTs."""

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple]] = {table: [] for table in CHILD_ROW_COLUMNS}

    def add(self, call_id: int, call: CallState, now: datetime) -> None:
        """``call``'s rows under ``call_id``; ``now`` (stored form) for when each was updated."""
        rows = self.tables
        details = (getattr(call.details, name) for name in DETAIL_FIELDS)
        rows["qualification"].append(
            (call_id, *(call.qualification.get(name, "") for name in QUALIFICATION_FIELDS), *details)
        )
        # When a cue was shown is not part of a whole call; the call's start stands in for it.
        started = to_db(call.started_at)
        rows["call_cue"].extend((call_id, key, started, response) for key, response in call.cues.items())
        rows["checklist_tick"].extend((call_id, stage, item, to_db(at)) for (stage, item), at in call.ticks.items())
        rows["answer"].extend((call_id, key, text, now) for key, text in call.answers.items())
        rows["objection_log"].extend(
            (
                call_id,
                o.key,
                o.title,
                to_db(o.raised_at),
                o.handled,
                to_db(o.raised_at) if o.handled else None,
                o.note,
            )
            for o in call.objections
        )
        rows["note"].extend((call_id, to_db(n.at), n.text, n.draft, now) for n in call.notes)
        e = call.followup
        if e is not None:
            sent = to_db(e.sent_at) if e.sent_at else None
            rows["followup_email"].append((call_id, e.template, e.subject, e.body, sent, now))

    def clear(self) -> None:
        for rows in self.tables.values():
            rows.clear()
