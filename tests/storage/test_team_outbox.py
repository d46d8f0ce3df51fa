"""The team outbox (schema 6): every change to a call raises its revision in the same
transaction, whatever makes it, and a push only clears the revision it pushed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salesdesk.core.call import Contact, FollowupEmail
from salesdesk.storage import CallStore, close_db, init_db, outbox
from salesdesk.storage import tables as m
from salesdesk.storage.paths import database_path
from tests.storage.schemas import FROZEN
from tests.storage.test_migrations import build


def revision(call_id: int) -> tuple[int, int]:
    return m.database.execute_sql(
        'SELECT "revision", "pushed" FROM "team_outbox" WHERE "call_id" = ?', (call_id,)
    ).fetchone()


@pytest.mark.parametrize("version", [v for v in sorted(FROZEN) if v < 6])
def test_calls_stored_before_the_outbox_are_all_pending_at_revision_1(version: int, data_dir: Path):
    path = database_path(data_dir)
    build(path, version)
    calls = sqlite3.connect(path).execute("SELECT count(*) FROM call").fetchone()[0]
    init_db(data_dir)
    try:
        assert calls > 0
        assert outbox.pending_count() == calls
        assert {row[1] for row in outbox.pending_calls(100)} == {1}
        # And from here on every change counts.
        store = CallStore()
        store.save_note(1, None, "after the upgrade", draft=False)
        assert revision(1)[0] > 1
    finally:
        close_db()


def test_every_kind_of_change_raises_the_revision(store: CallStore, playbook):
    call = store.start_call(Contact("Ana Ruiz", "Acme", "ana@example.com"), playbook)
    assert revision(call.id)[1] == 0  # a new call is pending (its qualification row raised it past 1)
    stage = playbook.stages[0]
    last = revision(call.id)[0]
    changes = [
        lambda: store.set_tick(call.id, stage.key, stage.checklist[0].key, True),
        lambda: store.set_answer(call.id, stage.questions[0].key if stage.questions else "q", "An answer"),
        lambda: store.set_qualification(call.id, "need", "Routes"),
        lambda: store.save_note(call.id, None, "A note", draft=False),
        lambda: store.log_objection(call.id, "price", "Too expensive"),
        lambda: store.record_cue(call.id, "price"),
        lambda: store.set_stage(call.id, playbook.stages[1].key),
        lambda: store.end_call(call.id, "Won", "Send the contract", None),
        lambda: store.save_contact(Contact("Ana Ruiz-Lopez", "Acme", "ana@example.com", id=call.contact.id)),
        lambda: store.save_followup_email(call.id, FollowupEmail("meeting-booked", "Next steps", "Hi Ana", None)),
    ]
    for change in changes:
        change()
        now = revision(call.id)[0]
        assert now > last, change
        last = now
    note = store.load_call(call.id).notes[0]
    store.delete_note(note.id)
    assert revision(call.id)[0] > last


def test_a_push_clears_only_the_revision_it_pushed(store: CallStore, playbook):
    call = store.start_call(Contact("Ben Ode", "Bolt"), playbook)
    ((read, pushed_revision),) = [(c, r) for c, r in outbox.pending_calls(10) if c.id == call.id]
    assert read.uid == call.uid
    store.save_note(call.id, None, "typed while the push was on its way", draft=False)
    outbox.mark_pushed([(call.id, pushed_revision)])
    assert outbox.pending_count() == 1  # the newer revision still waits
    outbox.mark_pushed([(call.id, revision(call.id)[0])])
    assert outbox.pending_count() == 0
    outbox.mark_pushed([(call.id, pushed_revision)])  # a late answer for an old push changes nothing
    assert outbox.pending_count() == 0
    # A server that has a newer revision (a restored backup): this laptop's goes past it.
    assert outbox.move_past(call.id, 40) == 41
    assert outbox.pending_count() == 1
    outbox.forget_pushes()
    assert revision(call.id)[1] == 0


def test_a_change_that_fails_leaves_the_revision_as_it_was(store: CallStore, playbook):
    call = store.start_call(Contact("Cleo Park", "Cobalt"), playbook)
    before = revision(call.id)
    with pytest.raises(RuntimeError), m.database.atomic():
        store.save_note(call.id, None, "never stored", draft=False)
        raise RuntimeError("the transaction is rolled back")
    assert revision(call.id) == before
    assert store.load_call(call.id).notes == []
