"""CallStore: a call as the rep works on it, one change at a time, in domain objects.

The UI and the CLI call these methods and never touch the Peewee tables. Each method is one
transaction, committed before it returns, so a change is on disk the moment it is made.
Whole calls are read by the one reader (reader.py), queries over past calls are
``history`` (history.py), many calls at once (imports, exports) import_export.py.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from datetime import date, datetime

from peewee import JOIN, fn

from salesdesk.core.call import (
    CallState,
    Contact,
    FollowupEmail,
    NoteEntry,
    ObjectionEntry,
    furthest_stage_key,
    utcnow,
)
from salesdesk.core.playbook import QUALIFICATION_FIELDS, Playbook
from salesdesk.core.qualification import QualificationDetails
from salesdesk.storage import search
from salesdesk.storage import tables as m
from salesdesk.storage.errors import UnknownCallError
from salesdesk.storage.guard import guarded
from salesdesk.storage.reader import load_calls
from salesdesk.storage.rows import contact_from_row, from_db, to_db
from salesdesk.storage.snapshots import PlaybookSnapshots


class CallStore:
    def __init__(self) -> None:
        self.snapshots = PlaybookSnapshots()

    # ------------------------------------------------------------------ contacts

    @guarded
    def contacts(self, limit: int | None = 5000) -> list[Contact]:
        """Contacts, most recently called first (for pickers and completion; None: all)."""
        k = m.Contact
        last_call = fn.MAX(m.Call.started_at)
        query = (
            k.select(k.id, k.name, k.company, k.email, k.phone)
            .join(m.Call, join_type=JOIN.LEFT_OUTER, on=(m.Call.contact == k.id))
            .group_by(k.id)
            .order_by(last_call.desc(nulls="LAST"), k.name)
            .limit(limit)
            .tuples()
        )
        return [contact_from_row(row) for row in query]

    @guarded
    def save_contact(self, contact: Contact) -> Contact:
        """Create the contact, or update it when it has an id."""
        fields = {
            "name": contact.name.strip(),
            "company": contact.company.strip(),
            "email": contact.email.strip(),
            "phone": contact.phone.strip(),
        }
        if not fields["name"]:
            raise ValueError("a contact needs a name")
        if contact.id is None:
            row = m.Contact.create(created_at=to_db(utcnow()), **fields)
            return Contact(id=row.id, **fields)
        with m.database.atomic():
            m.Contact.update(**fields).where(m.Contact.id == contact.id).execute()
            search.index_contact(contact.id)
        return Contact(id=contact.id, **fields)

    # ------------------------------------------------------------------ calls

    @guarded
    def start_call(self, contact: Contact, playbook: Playbook, started_at: datetime | None = None) -> CallState:
        started_at = started_at or utcnow()
        with m.database.atomic():
            contact = self.save_contact(contact)
            snapshot_id = self.snapshots.id_for(playbook)
            call = m.Call.create(
                uid=str(uuid.uuid4()),
                contact=contact.id,
                playbook=snapshot_id,
                playbook_name=playbook.name,
                playbook_version=playbook.version,
                started_at=to_db(started_at),
                stage=playbook.stages[0].key,
                furthest_stage=playbook.stages[0].key,
                stage_entered_at=to_db(started_at),
                updated_at=to_db(started_at),
            )
            m.Qualification.create(call=call.id)
            search.index_calls([call.id])
        return self.load_call(call.id)

    @guarded
    def open_call_id(self) -> int | None:
        """The unfinished call to resume, if any (the most recent one)."""
        row = (
            m.Call.select(m.Call.id)
            .where(m.Call.ended_at.is_null())
            .order_by(m.Call.started_at.desc(), m.Call.id.desc())
            .first()
        )
        return row.id if row else None

    @guarded
    def load_call(self, call_id: int) -> CallState:
        calls = load_calls([call_id], self.snapshots)
        if not calls:
            raise UnknownCallError(f"There is no call with id {call_id}.")
        return calls[0]

    def _touch(self, call_id: int, **fields) -> None:
        updated = m.Call.update(updated_at=to_db(utcnow()), **fields).where(m.Call.id == call_id).execute()
        if not updated:
            raise UnknownCallError(f"There is no call with id {call_id}.")

    @guarded
    def set_stage(self, call_id: int, stage: str, entered_at: datetime | None = None) -> None:
        """Move the call to ``stage``; its furthest stage moves on too when this one is later."""
        with m.database.atomic():
            row = m.Call.select(m.Call.playbook, m.Call.furthest_stage).where(m.Call.id == call_id).first()
            if row is None:
                raise UnknownCallError(f"There is no call with id {call_id}.")
            order = [s.key for s in self.snapshots.playbook(row.playbook_id).stages]
            furthest = furthest_stage_key(order, (row.furthest_stage, stage)) or stage
            self._touch(call_id, stage=stage, furthest_stage=furthest, stage_entered_at=to_db(entered_at or utcnow()))

    @guarded
    def set_tick(self, call_id: int, stage: str, item: str, done: bool, at: datetime | None = None) -> datetime | None:
        with m.database.atomic():
            self._touch(call_id)
            if not done:
                m.ChecklistTick.delete().where(
                    (m.ChecklistTick.call == call_id)
                    & (m.ChecklistTick.stage == stage)
                    & (m.ChecklistTick.item == item)
                ).execute()
                return None
            at = at or utcnow()
            m.ChecklistTick.insert(
                call=call_id, stage=stage, item=item, done_at=to_db(at)
            ).on_conflict_ignore().execute()
        return at

    @guarded
    def set_answer(self, call_id: int, question: str, text: str) -> None:
        now = to_db(utcnow())
        with m.database.atomic():
            self._touch(call_id)
            m.Answer.insert(call=call_id, question=question, answer=text, updated_at=now).on_conflict(
                conflict_target=[m.Answer.call, m.Answer.question],
                update={m.Answer.answer: text, m.Answer.updated_at: now},
            ).execute()
            search.index_calls([call_id])

    @guarded
    def set_qualification(self, call_id: int, field: str, value: str) -> None:
        if field not in QUALIFICATION_FIELDS:
            raise ValueError(f"unknown qualification field {field!r}")
        with m.database.atomic():
            self._touch(call_id)
            column = getattr(m.Qualification, field)
            m.Qualification.insert(call=call_id, **{field: value}).on_conflict(
                conflict_target=[m.Qualification.call], update={column: value}
            ).execute()
            search.index_calls([call_id])

    @guarded
    def log_objection(self, call_id: int, key: str, title: str, handled: bool = False) -> ObjectionEntry:
        now = utcnow()
        with m.database.atomic():
            self._touch(call_id)
            row = m.ObjectionLog.create(
                call=call_id,
                key=key,
                title=title,
                raised_at=to_db(now),
                handled=handled,
                handled_at=to_db(now) if handled else None,
            )
            search.index_calls([call_id])
        return ObjectionEntry(row.id, key, title, now, handled, "")

    @guarded
    def set_objection_handled(self, entry_id: int, handled: bool) -> None:
        m.ObjectionLog.update(handled=handled, handled_at=to_db(utcnow()) if handled else None).where(
            m.ObjectionLog.id == entry_id
        ).execute()

    @guarded
    def delete_objections(self, call_id: int, entry_ids: Sequence[int]) -> dict[int, datetime | None]:
        """Remove entries from the call's objection log (logged by mistake). Returns when each
        had been marked handled, so ``restore_objections`` can put it back as it was."""
        with m.database.atomic():
            handled_at = self._drop_objections(call_id, entry_ids)
            search.index_calls([call_id])
        return handled_at

    @guarded
    def merge_objections(
        self, call_id: int, kept: ObjectionEntry, merged_ids: Sequence[int]
    ) -> dict[int, datetime | None]:
        """Fold entries of the same objection into ``kept`` (its handled state and note as
        given) and remove them. Returns when each entry, ``kept`` included, had been marked
        handled before, for ``restore_objections``."""
        o = m.ObjectionLog
        with m.database.atomic():
            row = o.select(o.handled, o.handled_at).where((o.id == kept.id) & (o.call == call_id)).first()
            if row is None:
                raise UnknownCallError(f"Call {call_id} has no objection entry {kept.id}.")
            handled_at = self._drop_objections(call_id, merged_ids)
            handled_at[kept.id] = from_db(row.handled_at)
            fields = {"handled": kept.handled, "note": kept.note}
            if kept.handled != row.handled:
                fields["handled_at"] = to_db(utcnow()) if kept.handled else None
            o.update(**fields).where(o.id == kept.id).execute()
            search.index_calls([call_id])
        return handled_at

    @guarded
    def restore_objections(
        self,
        call_id: int,
        removed: Sequence[tuple[ObjectionEntry, datetime | None]],
        kept: tuple[ObjectionEntry, datetime | None] | None = None,
    ) -> list[int]:
        """Undo ``delete_objections`` or ``merge_objections``: the removed entries come back
        (under new ids, returned in order) with when they were handled, and ``kept`` gets its
        handled state, note and handled time back."""
        o = m.ObjectionLog
        with m.database.atomic():
            self._touch(call_id)
            ids = [
                o.insert(
                    call=call_id,
                    key=entry.key,
                    title=entry.title,
                    raised_at=to_db(entry.raised_at),
                    handled=entry.handled,
                    handled_at=to_db(at) if at else None,
                    note=entry.note,
                ).execute()
                for entry, at in removed
            ]
            if kept is not None:
                entry, at = kept
                o.update(handled=entry.handled, handled_at=to_db(at) if at else None, note=entry.note).where(
                    (o.id == entry.id) & (o.call == call_id)
                ).execute()
            search.index_calls([call_id])
        return ids

    def _drop_objections(self, call_id: int, entry_ids: Sequence[int]) -> dict[int, datetime | None]:
        o = m.ObjectionLog
        self._touch(call_id)
        mine = (o.call == call_id) & o.id.in_(list(entry_ids))
        handled_at = {entry_id: from_db(at) for entry_id, at in o.select(o.id, o.handled_at).where(mine).tuples()}
        o.delete().where(mine).execute()
        return handled_at

    @guarded
    def set_objection_note(self, entry_id: int, note: str) -> None:
        with m.database.atomic():
            m.ObjectionLog.update(note=note).where(m.ObjectionLog.id == entry_id).execute()
            search.index_calls([search.call_of_objection(entry_id)])

    @guarded
    def save_note(
        self, call_id: int, note_id: int | None, text: str, *, draft: bool, at: datetime | None = None
    ) -> NoteEntry:
        """Insert a note (note_id None) or update its text and draft flag."""
        now = utcnow()
        with m.database.atomic():
            self._touch(call_id)
            if note_id is None:
                at = at or now
                row = m.Note.create(call=call_id, at=to_db(at), text=text, draft=draft, updated_at=to_db(now))
                search.index_calls([call_id])
                return NoteEntry(row.id, at, text, draft)
            m.Note.update(text=text, draft=draft, updated_at=to_db(now)).where(m.Note.id == note_id).execute()
            row = m.Note.get_by_id(note_id)
            search.index_calls([call_id])
            return NoteEntry(row.id, from_db(row.at), text, draft)

    @guarded
    def delete_note(self, note_id: int) -> None:
        with m.database.atomic():
            call_id = search.call_of_note(note_id)
            m.Note.delete().where(m.Note.id == note_id).execute()
            search.index_calls([call_id])

    @guarded
    def end_call(
        self,
        call_id: int,
        outcome: str,
        next_step: str,
        next_step_due: date | None,
        ended_at: datetime | None = None,
    ) -> None:
        with m.database.atomic():
            self._touch(
                call_id,
                ended_at=to_db(ended_at or utcnow()),
                outcome=outcome.strip(),
                next_step=next_step.strip(),
                next_step_due=next_step_due,
            )
            search.index_calls([call_id])

    @guarded
    def recent_calls(self, limit: int = 50) -> list[tuple[int, datetime, str, str, str]]:
        """(id, started_at, contact, company, outcome), newest first."""
        query = (
            m.Call.select(m.Call.id, m.Call.started_at, m.Contact.name, m.Contact.company, m.Call.outcome)
            .join(m.Contact)
            .order_by(m.Call.started_at.desc(), m.Call.id.desc())
            .limit(limit)
            .tuples()
        )
        return [(cid, from_db(started), name, company, outcome) for cid, started, name, company, outcome in query]

    # ------------------------------------------------------------------ history (issue 4)

    @functools.cached_property
    def history(self):
        """Queries over past calls (history, search, follow-ups, insights): storage/history.py."""
        from salesdesk.storage.history import HistoryQueries

        return HistoryQueries(self.snapshots)

    @guarded
    def set_wrap_up(self, call_id: int, outcome: str, next_step: str, next_step_due: date | None) -> None:
        """Write the wrap-up: typed so far on an open call (it survives a cancel or a crash),
        or corrected on an ended one (its end time stays)."""
        with m.database.atomic():
            self._touch(call_id, outcome=outcome.strip(), next_step=next_step.strip(), next_step_due=next_step_due)
            search.index_calls([call_id])

    @guarded
    def reopen_call(self, call_id: int) -> CallState:
        """Make an ended call unfinished again, to continue it; its wrap-up is kept as a draft."""
        self._touch(call_id, ended_at=None)
        return self.load_call(call_id)

    # ------------------------------------------------------------------ qualification details, cues, wrap-up

    @guarded
    def set_qualification_details(self, call_id: int, details: QualificationDetails) -> None:
        """Write the typed qualification facts (all of them: they are few and change together)."""
        fields = {
            "budget_min": details.budget_min,
            "budget_max": details.budget_max,
            "budget_currency": details.budget_currency.strip().upper()[:3],
            "decision_date": details.decision_date,
            "decision_maker": details.decision_maker.strip(),
            "decision_maker_role": details.decision_maker_role.strip(),
        }
        with m.database.atomic():
            self._touch(call_id)
            m.Qualification.insert(call=call_id, **fields).on_conflict(
                conflict_target=[m.Qualification.call],
                update={getattr(m.Qualification, name): value for name, value in fields.items()},
            ).execute()

    @guarded
    def record_cue(self, call_id: int, key: str, response: str = "shown", at: datetime | None = None) -> None:
        """Remember that the live cue for objection ``key`` was shown (and what the rep did)."""
        now = to_db(at or utcnow())
        m.CallCue.insert(call=call_id, key=key, shown_at=now, response=response).on_conflict(
            conflict_target=[m.CallCue.call, m.CallCue.key], update={m.CallCue.response: response}
        ).execute()

    # ------------------------------------------------------------------ the follow-up e-mail

    @guarded
    def save_followup_email(self, call_id: int, email: FollowupEmail) -> None:
        """Keep the call's follow-up e-mail as the rep left it (one per call: replaces the last)."""
        now = to_db(utcnow())
        fields = {
            "template": email.template,
            "subject": email.subject,
            "body": email.body,
            "sent_at": to_db(email.sent_at) if email.sent_at else None,
            "updated_at": now,
        }
        with m.database.atomic():
            self._touch(call_id)
            m.FollowupEmail.insert(call=call_id, **fields).on_conflict(
                conflict_target=[m.FollowupEmail.call],
                update={getattr(m.FollowupEmail, name): value for name, value in fields.items()},
            ).execute()
