"""Schema 5 (each call's follow-up e-mail) on databases of every older version, and the
e-mail kept with a call: stored, read by every reader of whole calls, replaced, exported
and imported with the call."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from salesdesk.core.call import FollowupEmail
from salesdesk.core.calls_file import dumps, parse_calls
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.paths import database_path
from salesdesk.storage.quickload import read_open_call
from tests.storage.schemas import FROZEN, v5
from tests.storage.test_migrations import build

#: Every version before the step that adds the follow-up e-mail.
OLDER = [v for v in sorted(FROZEN) if v < 5]


@pytest.mark.parametrize("version", OLDER)
def test_older_calls_have_no_follow_up_email_and_can_be_given_one(version: int, data_dir: Path):
    path = database_path(data_dir)
    build(path, version)
    init_db(data_dir)
    try:
        store = CallStore()
        assert store.load_call(1).followup is None
        sent = datetime(2024, 2, 1, 11, 0, tzinfo=UTC)
        store.save_followup_email(1, FollowupEmail("meeting-booked", "Next steps", "Hi Bob", sent))
        assert store.load_call(1).followup == FollowupEmail("meeting-booked", "Next steps", "Hi Bob", sent)
    finally:
        close_db()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone() == ("5",)
        assert con.execute("SELECT call_id, subject, sent_at FROM followup_email").fetchall() == [
            (1, "Next steps", "2024-02-01 11:00:00")
        ]
    finally:
        con.close()


def test_a_version_5_database_reads_its_follow_up_email(data_dir: Path):
    build(database_path(data_dir), 5)
    init_db(data_dir)
    try:
        template, subject, body, sent = v5.FOLLOWUP
        assert CallStore().load_call(1).followup == FollowupEmail(
            template, subject, body, datetime.fromisoformat(sent + "+00:00")
        )
    finally:
        close_db()


def test_the_email_is_replaced_kept_unsent_read_at_start_up_and_round_trips_the_calls_file(
    store: CallStore, playbook, data_dir: Path, tmp_path: Path
):
    from salesdesk.storage.import_export import export_calls, import_calls

    call = store.start_call(store.save_contact(_contact()), playbook)
    store.save_followup_email(call.id, FollowupEmail("proposal-sent", "Draft", "First words"))
    store.save_followup_email(call.id, FollowupEmail("proposal-sent", "Your proposal", "Hi Dana,\n\nattached 🙂"))
    kept = FollowupEmail("proposal-sent", "Your proposal", "Hi Dana,\n\nattached 🙂", None)
    assert store.load_call(call.id).followup == kept
    assert read_open_call(data_dir).followup == kept  # the first-paint reader maps the same rows

    text = dumps(export_calls())
    assert '"followup_email":{"template":"proposal-sent","subject":"Your proposal"' in text
    (parsed,) = parse_calls(text)
    assert parsed.followup == kept
    close_db()
    other = tmp_path / "other"
    init_db(other)
    try:
        assert import_calls([parsed], [playbook]).added == 1
        assert dumps(export_calls()) == text  # byte for byte, the e-mail included
    finally:
        close_db()
        init_db(data_dir)


def _contact():
    from salesdesk.core.call import Contact

    return Contact("Dana Whitfield", "Northwind", "dana@northwind.example", "+1 555 0100")
