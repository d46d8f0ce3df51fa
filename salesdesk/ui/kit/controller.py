"""CallController: the path every change to call data takes in the UI.

Widgets call its methods; it updates the in-memory CallState, writes through the CallStore
at once, and emits a signal so every view refreshes itself. A write that fails (database
locked, disk full, folder read-only) is kept in order and retried, and the rep's text
stays in memory and on screen until it is written.

Changes to many calls go through it too: an import (``import_calls``, on a worker thread)
and a restore or recovery (``replacing_database``). Whatever changed in the stored calls,
``dataChanged`` says so once, with a ``DataChange`` (a call, many calls, everything): the
views that list stored calls (History, Last time, Insights) follow that one signal.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal

from salesdesk.core.call import CallState, Contact, FollowupEmail, NoteEntry, ObjectionEntry, utcnow
from salesdesk.core.playbook import Playbook
from salesdesk.core.qualification import QualificationDetails
from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError
from salesdesk.storage.handle import StoreHandle
from salesdesk.ui.kit.i18n import fill

log = logging.getLogger(__name__)

RETRY_MS = 2000


@dataclass
class ObjectionChange:
    """A removal or merge in the call's objection log, kept so it can be undone."""

    kind: str  # "remove" or "merge"
    title: str  # the objection's title, for the undo button and messages
    # (position in the call's list, entry) of each entry taken out, in list order.
    removed: list[tuple[int, ObjectionEntry]]
    # The entry the others were merged into, with its handled state and note before.
    kept: ObjectionEntry | None = None
    kept_before: tuple[bool, str] = (False, "")
    # id(entry) -> when it had been marked handled: filled in when the change is written
    # (the write may wait behind a failed one), read when the undo is written after it.
    handled_at: dict[int, datetime | None] = field(default_factory=dict)


@dataclass(frozen=True)
class DataChange:
    """What changed in the stored calls (``CallController.dataChanged``)."""

    CALL = "call"  # one call (``call_id``): started, edited, ended, continued
    CALLS = "calls"  # calls were added (an import)
    EVERYTHING = "everything"  # another database is in place (a restore, a recovery)

    scope: str
    call_id: int | None = None


def _position(entries: list[ObjectionEntry], entry: ObjectionEntry) -> int | None:
    """Where ``entry`` itself is in ``entries`` (two entries can be equal field for field)."""
    return next((i for i, e in enumerate(entries) if e is entry), None)


class CallController(QObject):
    callChanged = Signal()  # a call was started, loaded or ended (``call`` may be None)
    aboutToEndCall = Signal()
    stageChanged = Signal(str)
    tickChanged = Signal(str, str, bool)
    answerChanged = Signal(str)
    qualificationChanged = Signal(str)
    objectionsChanged = Signal()
    notesChanged = Signal()
    saved = Signal(datetime)
    storageFailed = Signal(str)
    storageRecovered = Signal()
    # A write needs the database, which could not be opened: the open loop (ui.safety.feature)
    # retries that and writes what is queued once it is open.
    databaseUnavailable = Signal()
    # A change was kept in memory only: the database is held after damage was found.
    writeHeld = Signal()
    # A stored call's wrap-up or follow-up e-mail was changed, or it was continued (call id).
    pastCallChanged = Signal(int)
    qualificationDetailsChanged = Signal()
    cueRecorded = Signal(str, str)  # objection key, response
    wrapupChanged = Signal()
    objectionUndoChanged = Signal()  # an objection removal or merge can (no longer) be undone
    #: The stored calls changed (a DataChange): what lists of calls follow.
    dataChanged = Signal(object)

    def __init__(self, handle: StoreHandle, parent: QObject | None = None):
        super().__init__(parent)
        self.handle = handle
        self.call: CallState | None = None
        self._pending: list[tuple[str, Callable[[], object]]] = []
        self._failing = False
        self._retry = QTimer(self, interval=RETRY_MS, singleShot=True)
        self._retry.timeout.connect(self.flush_pending)
        # Removals and merges in this call's objection log, the latest last.
        self.objection_changes: list[ObjectionChange] = []
        self.callChanged.connect(self._forget_objection_changes)
        self._shown_id: int | None = None  # the id of the call last announced on screen
        self.callChanged.connect(self._announce_call)
        self.pastCallChanged.connect(lambda call_id: self.dataChanged.emit(DataChange(DataChange.CALL, call_id)))

    def _announce_call(self) -> None:
        """A call was started, loaded or ended: the one that went and the one that came changed."""
        call_id = self.call.id if self.call is not None else self._shown_id
        self._shown_id = self.call.id if self.call is not None else None
        self.dataChanged.emit(DataChange(DataChange.CALL, call_id))

    @property
    def store(self):
        """The CallStore, opening the database if that has not happened yet."""
        return self.handle.open()

    # ------------------------------------------------------------------ writes

    @property
    def has_pending_writes(self) -> bool:
        return bool(self._pending)

    def _write(self, what: str, operation: Callable[[], object]) -> None:
        """Run ``operation`` now, or queue it behind earlier failed writes (order matters).
        ``what`` names the data in English for the log (marked for translation: the rep sees it
        in the UI language when the write fails)."""
        self._pending.append((what, operation))
        if self.handle.held:
            self.writeHeld.emit()
            return
        if self._failing and (self._retry.isActive() or not self.handle.is_open):
            # Writing fails at the moment (each try can wait busy_timeout): typing must not
            # stall on every keystroke, so the retry writes this with the rest.
            return
        self.flush_pending()

    def flush_pending(self) -> bool:
        """Write everything queued, oldest first. Returns True when nothing is left."""
        if self._pending and self.handle.held:
            return False  # nothing goes into a damaged file; the rep chooses first
        had_failure = self._failing
        while self._pending:
            what, operation = self._pending[0]
            try:
                operation()
            except StorageError as exc:
                self._failed(what, exc)
                return False
            self._pending.pop(0)
        self._failing = False
        if had_failure:
            self.storageRecovered.emit()
        self.saved.emit(utcnow())
        return True

    def _failed(self, what: str, exc: StorageError) -> None:
        """The oldest queued write failed: say so, and try again later."""
        log.warning("could not save %s: %s", what, exc)
        self._failing = True
        self.storageFailed.emit(fill(self.tr("Not saved yet (%1): %2 Retrying…"), self.tr(what), exc))
        if self.handle.is_open:
            self._retry.start()
        else:  # one loop retries opening (ui.safety.feature), not every write
            self.databaseUnavailable.emit()

    # ------------------------------------------------------------------ call lifecycle

    def resume_open_call(self) -> bool:
        call_id = self.store.open_call_id()
        if call_id is None:
            return False
        self.show_call(self.store.load_call(call_id))
        return True

    def show_call(self, call: CallState | None) -> None:
        """Make ``call`` (already read from storage) the one the sidebar works on."""
        self.call = call
        self.callChanged.emit()

    def start_call(self, contact: Contact, playbook: Playbook) -> CallState:
        """Start a call (ending nothing: the caller ends a running call first).

        When the database cannot be written now (the data folder cannot be created, the disk
        is full, another program locks it), the call starts in memory all the same: it is
        queued as the first write, everything done on it queues behind it, and all of it is
        written once the database can be (until then the banner says so, and quitting keeps
        a text copy). A damaged or newer database still raises (recovery deals with it)."""
        try:
            self.call = self.store.start_call(contact, playbook)
        except (DamagedDatabaseError, NewerSchemaError):
            raise
        except StorageError as exc:
            self.call = self._call_in_memory(contact, playbook, exc)
        self.callChanged.emit()
        return self.call

    def _call_in_memory(self, contact: Contact, playbook: Playbook, failure: StorageError) -> CallState:
        started = utcnow()
        call = CallState(
            id=0,  # the database gives it one when the queued start is written
            uid="",
            contact=contact,
            playbook=playbook,
            started_at=started,
            stage=playbook.stages[0].key,
            stage_entered_at=started,
        )

        def write() -> None:
            stored = self.store.start_call(call.contact, call.playbook, call.started_at)
            call.id, call.uid, call.contact = stored.id, stored.uid, stored.contact

        what = QT_TRANSLATE_NOOP("CallController", "the call")
        self._pending.append((what, write))
        self._failed(what, failure)
        return call

    def end_call(self, outcome: str, next_step: str, due: date | None) -> None:
        call = self._require()
        self.aboutToEndCall.emit()  # the notes editor writes its draft (direct connection)
        call.ended_at = utcnow()
        call.outcome, call.next_step, call.next_step_due = outcome.strip(), next_step.strip(), due
        ended_at = call.ended_at
        self._write(
            QT_TRANSLATE_NOOP("CallController", "the wrap-up"),
            lambda: self.store.end_call(call.id, outcome, next_step, due, ended_at),
        )
        self.call = None
        self.callChanged.emit()

    def _require(self) -> CallState:
        if self.call is None:
            raise RuntimeError("no call in progress")
        return self.call

    # ------------------------------------------------------------------ stage and checklist

    def set_stage(self, stage: str) -> None:
        call = self._require()
        if stage == call.stage or call.playbook.stage(stage) is None:
            return
        call.stage = stage
        call.furthest_stage = call.reached_stage_key  # going back keeps how far the call got
        call.stage_entered_at = entered = utcnow()
        self._write(
            QT_TRANSLATE_NOOP("CallController", "the stage"), lambda: self.store.set_stage(call.id, stage, entered)
        )
        self.stageChanged.emit(stage)

    def move_stage(self, step: int) -> None:
        call = self._require()
        index = min(max(call.stage_index + step, 0), len(call.playbook.stages) - 1)
        self.set_stage(call.playbook.stages[index].key)

    def set_tick(self, stage: str, item: str, done: bool) -> None:
        call = self._require()
        if done == call.is_ticked(stage, item):
            return
        at = utcnow()
        if done:
            call.ticks[(stage, item)] = at
        else:
            call.ticks.pop((stage, item), None)
        self._write(
            QT_TRANSLATE_NOOP("CallController", "a checklist tick"),
            lambda: self.store.set_tick(call.id, stage, item, done, at),
        )
        self.tickChanged.emit(stage, item, done)

    def tick_next(self) -> str | None:
        """Tick the first unticked item of the current stage; returns its key."""
        call = self._require()
        item = call.next_unticked()
        if item is None:
            return None
        self.set_tick(call.current_stage.key, item.key, True)
        return item.key

    # ------------------------------------------------------------------ answers and qualification

    def set_answer(self, question: str, text: str) -> None:
        call = self._require()
        if call.answers.get(question, "") == text:
            return
        call.answers[question] = text
        self._write(
            QT_TRANSLATE_NOOP("CallController", "an answer"), lambda: self.store.set_answer(call.id, question, text)
        )
        self.answerChanged.emit(question)

    def set_qualification(self, field: str, text: str) -> None:
        call = self._require()
        if call.qualification.get(field, "") == text:
            return
        call.qualification[field] = text
        self._write(
            QT_TRANSLATE_NOOP("CallController", "qualification"),
            lambda: self.store.set_qualification(call.id, field, text),
        )
        self.qualificationChanged.emit(field)

    # ------------------------------------------------------------------ objections

    def log_objection(self, key: str, handled: bool = False) -> ObjectionEntry:
        """Record that the prospect raised objection ``key`` (optionally already handled)."""
        call = self._require()
        objection = call.playbook.objection(key)
        title = objection.title if objection else key
        entry = ObjectionEntry(0, key, title, utcnow(), handled, "")
        call.objections.append(entry)

        def write() -> None:
            stored = self.store.log_objection(call.id, key, title, handled)
            entry.id, entry.raised_at = stored.id, stored.raised_at

        self._write(QT_TRANSLATE_NOOP("CallController", "an objection"), write)
        self.objectionsChanged.emit()
        return entry

    def mark_handled(self, key: str) -> ObjectionEntry:
        """Mark the latest unhandled ``key`` entry handled, or log it as raised and handled."""
        call = self._require()
        for entry in reversed(call.objections):
            if entry.key == key and not entry.handled:
                self.set_objection_handled(entry, True)
                return entry
        return self.log_objection(key, handled=True)

    def set_objection_handled(self, entry: ObjectionEntry, handled: bool) -> None:
        entry.handled = handled
        self._write(
            QT_TRANSLATE_NOOP("CallController", "an objection"),
            lambda: self.store.set_objection_handled(entry.id, handled),
        )
        self.objectionsChanged.emit()

    def set_objection_note(self, entry: ObjectionEntry, note: str) -> None:
        if entry.note == note:
            return
        entry.note = note
        self._write(
            QT_TRANSLATE_NOOP("CallController", "an objection note"),
            lambda: self.store.set_objection_note(entry.id, note),
        )
        self.objectionsChanged.emit()

    def remove_objection(self, entry: ObjectionEntry) -> ObjectionChange | None:
        """Take an entry logged by mistake out of the call's log (undo: ``undo_objection_change``)."""
        call = self._require()
        position = _position(call.objections, entry)
        if position is None:
            return None
        change = ObjectionChange("remove", entry.title, [(position, entry)])
        del call.objections[position]

        def write() -> None:
            handled_at = self.store.delete_objections(call.id, [entry.id])
            change.handled_at[id(entry)] = handled_at.get(entry.id)

        self._write(QT_TRANSLATE_NOOP("CallController", "an objection"), write)
        return self._changed_objections(change)

    def duplicates(self, entry: ObjectionEntry) -> list[ObjectionEntry]:
        """The call's entries for the same objection as ``entry`` (itself included), in order."""
        call = self._require()
        return [other for other in call.objections if other.key == entry.key]

    def merge_objections(self, entry: ObjectionEntry) -> ObjectionChange | None:
        """Fold every entry of ``entry``'s objection into the earliest one: handled if any was,
        with their notes joined (undo: ``undo_objection_change``)."""
        call = self._require()
        same = self.duplicates(entry)
        if len(same) < 2:
            return None
        kept, rest = same[0], same[1:]
        taken = [(_position(call.objections, e), e) for e in rest]
        change = ObjectionChange("merge", kept.title, taken, kept, (kept.handled, kept.note))
        notes = list(dict.fromkeys(e.note.strip() for e in same if e.note.strip()))
        kept.handled = any(e.handled for e in same)
        kept.note = "; ".join(notes)
        call.objections[:] = [e for e in call.objections if all(e is not other for other in rest)]
        merged = dataclasses.replace(kept)  # as it is now: later edits of ``kept`` are writes of their own

        def write() -> None:
            merged.id = kept.id
            handled_at = self.store.merge_objections(call.id, merged, [e.id for e in rest])
            for other in same:
                change.handled_at[id(other)] = handled_at.get(other.id)

        self._write(QT_TRANSLATE_NOOP("CallController", "an objection"), write)
        return self._changed_objections(change)

    def undo_objection_change(self) -> ObjectionChange | None:
        """Put back the entries of the latest removal or merge, exactly as they were."""
        call = self.call
        if call is None or not self.objection_changes:
            return None
        change = self.objection_changes.pop()
        for position, entry in change.removed:
            call.objections.insert(min(position, len(call.objections)), entry)
        kept = change.kept
        if kept is not None:
            kept.handled, kept.note = change.kept_before

        def write() -> None:
            removed = [(entry, change.handled_at.get(id(entry))) for _position, entry in change.removed]
            before = None
            if kept is not None:
                before = (
                    dataclasses.replace(kept, handled=change.kept_before[0], note=change.kept_before[1]),
                    change.handled_at.get(id(kept)),
                )
            ids = self.store.restore_objections(call.id, removed, before)
            for (entry, _at), new_id in zip(removed, ids, strict=True):
                entry.id = new_id

        self._write(QT_TRANSLATE_NOOP("CallController", "an objection"), write)
        self.objectionsChanged.emit()
        self.objectionUndoChanged.emit()
        return change

    def _changed_objections(self, change: ObjectionChange) -> ObjectionChange:
        self.objection_changes.append(change)
        self.objectionsChanged.emit()
        self.objectionUndoChanged.emit()
        return change

    def _forget_objection_changes(self) -> None:
        if self.objection_changes:
            self.objection_changes.clear()
            self.objectionUndoChanged.emit()

    # ------------------------------------------------------------------ notes

    def save_draft(self, text: str) -> None:
        """Store what is in the note editor (called at most a second after typing)."""
        call = self._require()
        draft = call.draft_note
        if draft is None:
            if not text.strip():
                return
            draft = NoteEntry(0, utcnow(), text, True)
            call.notes.append(draft)
        elif not text.strip():
            call.notes.remove(draft)
            self._write(
                QT_TRANSLATE_NOOP("CallController", "a note"), lambda: draft.id and self.store.delete_note(draft.id)
            )
            return
        draft.text = text
        self._write(QT_TRANSLATE_NOOP("CallController", "a note"), lambda: self._store_note(call, draft))

    def commit_note(self, text: str) -> NoteEntry | None:
        """The rep pressed Enter: the editor's text becomes a note in the list."""
        call = self._require()
        text = text.strip()
        draft = call.draft_note
        if not text:
            if draft is not None:
                self.save_draft("")
            return None
        if draft is None:
            draft = NoteEntry(0, utcnow(), text, True)
            call.notes.append(draft)
        draft.text, draft.draft = text, False
        self._write(QT_TRANSLATE_NOOP("CallController", "a note"), lambda: self._store_note(call, draft))
        self.notesChanged.emit()
        return draft

    def add_heard_note(self, text: str, speaker: str) -> NoteEntry | None:
        """A phrase listening heard (with the transcript on): a note of its own, marked as
        heard and with who spoke (core.spoken.heard_note), above the note being typed."""
        from salesdesk.core.spoken import heard_note

        call = self._require()
        if not text.strip():
            return None
        note = NoteEntry(0, utcnow(), heard_note(text, speaker), False)
        draft = call.draft_note
        call.notes.insert(call.notes.index(draft) if draft is not None else len(call.notes), note)
        self._write(QT_TRANSLATE_NOOP("CallController", "a note"), lambda: self._store_note(call, note))
        self.notesChanged.emit()
        return note

    def edit_note(self, note: NoteEntry, text: str) -> None:
        call = self._require()
        text = text.strip()
        if not text:
            call.notes.remove(note)
            self._write(
                QT_TRANSLATE_NOOP("CallController", "a note"), lambda: note.id and self.store.delete_note(note.id)
            )
        else:
            note.text = text
            self._write(QT_TRANSLATE_NOOP("CallController", "a note"), lambda: self._store_note(call, note))
        self.notesChanged.emit()

    def _store_note(self, call: CallState, note: NoteEntry) -> None:
        stored = self.store.save_note(call.id, note.id or None, note.text, draft=note.draft, at=note.at)
        note.id = stored.id

    # ------------------------------------------------------------------ recovery

    def discard_pending_writes(self) -> list[str]:
        """Forget the queued writes (a restore replaced the database they were meant for);
        returns what they were. The caller has offered to keep the text first."""
        dropped = [what for what, _operation in self._pending]
        self._pending.clear()
        self._retry.stop()
        self._failing = False
        return dropped

    # ------------------------------------------------------------------ past calls (history)

    def edit_wrap_up(self, call_id: int, outcome: str, next_step: str, due: date | None) -> None:
        """Correct the wrap-up of an ended call (queued and retried like every write)."""
        self._write(
            QT_TRANSLATE_NOOP("CallController", "the wrap-up"),
            lambda: self.store.set_wrap_up(call_id, outcome, next_step, due),
        )
        self.pastCallChanged.emit(call_id)

    def continue_call(self, call_id: int) -> CallState:
        """Reopen an ended call and make it the running one (the caller ends a running call
        first). Raises StorageError when it cannot be reopened."""
        if self.call is not None:
            raise RuntimeError("a call is running: end it first")
        self.call = self.store.reopen_call(call_id)
        self.callChanged.emit()
        self.pastCallChanged.emit(call_id)
        return self.call

    def save_followup_email(self, call: CallState, email: FollowupEmail) -> None:
        """Keep ``call``'s follow-up e-mail (the running call or a stored one) as the rep left it."""
        call.followup = email
        if self.call is not None and self.call is not call and self.call.id == call.id:
            self.call.followup = email  # the same call, read again by History
        self._write(
            QT_TRANSLATE_NOOP("CallController", "the follow-up e-mail"),
            lambda: self.store.save_followup_email(call.id, email),
        )
        self.pastCallChanged.emit(call.id)

    # ------------------------------------------------------------------ qualification details, cues, wrap-up

    def set_qualification_details(self, details: QualificationDetails) -> None:
        call = self._require()
        if details == call.details:
            return
        call.details = details
        snapshot = dataclasses.replace(details)  # later edits of ``details`` must not change a queued write
        self._write(
            QT_TRANSLATE_NOOP("CallController", "qualification"),
            lambda: self.store.set_qualification_details(call.id, snapshot),
        )
        self.qualificationDetailsChanged.emit()

    def record_cue(self, key: str, response: str = "shown") -> None:
        """Remember the live cue for objection ``key`` on this call, so it is never shown again."""
        call = self._require()
        if call.cues.get(key) == response:
            return
        call.cues[key] = response
        self._write(QT_TRANSLATE_NOOP("CallController", "a cue"), lambda: self.store.record_cue(call.id, key, response))
        self.cueRecorded.emit(key, response)

    def save_wrapup_draft(self, outcome: str, next_step: str, due: date | None) -> None:
        """Keep what the rep typed into the wrap-up before the call is ended."""
        call = self._require()
        outcome, next_step = outcome.strip(), next_step.strip()
        if (call.outcome, call.next_step, call.next_step_due) == (outcome, next_step, due):
            return
        call.outcome, call.next_step, call.next_step_due = outcome, next_step, due
        self._write(
            QT_TRANSLATE_NOOP("CallController", "the wrap-up"),
            lambda: self.store.set_wrap_up(call.id, outcome, next_step, due),
        )
        self.wrapupChanged.emit()

    # ------------------------------------------------------------------ many calls at once

    def import_calls(
        self,
        path,
        installed_playbooks: list,
        done: Callable[[object], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Read a calls file and store its calls, on a worker thread (background.JOBS); then
        ``done(ImportResult)`` or ``failed(exception)`` (CallsFileError: what is wrong in the
        file; nothing is stored then). Raises StorageError when the database cannot be opened."""
        from salesdesk.ui.kit import background

        self.store  # noqa: B018  (opens the database here, on the UI thread)

        def work():
            from salesdesk.core.calls_file import read_calls_file
            from salesdesk.storage.import_export import import_calls, thread_connection

            calls = read_calls_file(path)
            with thread_connection():
                return import_calls(calls, installed_playbooks)

        def imported(result) -> None:
            if result.added:
                self.dataChanged.emit(DataChange(DataChange.CALLS))
            done(result)

        background.run_job(self, work, imported, failed)

    @contextmanager
    def replacing_database(self) -> Iterator[None]:
        """Around a restore or a recovery, which puts another database file in place.

        On entry the database closes (unless it is held for damage: then the held writes stay
        until the replacement has worked), the call on screen and the queued writes go with
        the file they belong to (the caller has written the text copy). The caller replaces the
        file and opens the database again inside the block; when the block ends without an
        exception, ``dataChanged`` says everything changed."""
        if not self.handle.held:
            self.discard_pending_writes()
            self.show_call(None)
            self.handle.close()
        yield
        self.dataChanged.emit(DataChange(DataChange.EVERYTHING))
