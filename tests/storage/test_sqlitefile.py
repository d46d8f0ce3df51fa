"""What a look at a database file reports when SQLite answers with a race, not damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from salesdesk.core.call import Contact
from salesdesk.storage import CallStore, close_db, init_db, sqlitefile
from salesdesk.storage.paths import database_path


def test_a_locking_protocol_answer_is_a_race_to_read_again_never_damage(data_dir: Path, playbook, monkeypatch):
    """SQLITE_PROTOCOL ("locking protocol") comes when another process recovers the
    write-ahead log's index at that moment, e.g. just after a SalesDesk was killed: the next
    start read it as a corrupt file and offered a restore (seen in the 20-kill team test)."""
    init_db(data_dir)
    CallStore().start_call(Contact("Racing Reader", "Acme"), playbook)
    close_db()
    path = database_path(data_dir)
    real = sqlitefile.untouched_connection
    answers = iter([sqlite3.OperationalError("locking protocol")] * 2)

    def racing(target, *args, **kwargs):
        failure = next(answers, None)
        if failure is not None:
            raise failure
        return real(target, *args, **kwargs)

    monkeypatch.setattr(sqlitefile, "untouched_connection", racing)
    report = sqlitefile.peek_file(path)
    assert report.kind == "ok", report  # read again, and it was fine
    # A race that does not end is a busy file, not a damaged one.
    monkeypatch.setattr(
        sqlitefile,
        "untouched_connection",
        lambda *a, **k: (_ for _ in ()).throw(sqlite3.OperationalError("locking protocol")),
    )
    report = sqlitefile.peek_file(path)
    assert report.kind == "unreadable" and "another program is writing to it" in report.detail, report
