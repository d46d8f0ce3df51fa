"""Schema 4 (the furthest stage each call reached) on databases of every older version: the
stored calls get a best guess from their stage, ticks and answers, and every view counts it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salesdesk.core.filters import CallFilter
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.paths import database_path
from tests.storage.schemas import FROZEN
from tests.storage.test_migrations import build, table_rows

#: Every version before the step that adds the furthest stage.
OLDER = [v for v in sorted(FROZEN) if v < 4]


@pytest.mark.parametrize("version", OLDER)
def test_stored_calls_get_the_furthest_stage_their_ticks_and_answers_show(version: int, data_dir: Path):
    path = database_path(data_dir)
    build(path, version)
    con = sqlite3.connect(path)
    with con:
        # The ended call (1) is back in "opening", but an answer shows it was in discovery;
        # a tick in a stage its playbook does not have counts for nothing.
        con.execute(
            "INSERT INTO answer (call_id, question, answer, updated_at) VALUES (1, 'pain-points', 'Routes', ?)",
            ("2024-02-01 10:10:00",),
        )
        con.execute(
            "INSERT INTO checklist_tick (call_id, stage, item, done_at) VALUES (1, 'gone', 'x', '2024-02-01 10:11:00')"
        )
        # A call whose snapshot cannot be read keeps its own stage.
        con.execute(
            "INSERT INTO playbook_snapshot (id, digest, name, version, body, created_at) "
            "VALUES (2, ?, 'Broken', '1', 'not json', '2024-01-01 00:00:00')",
            ("e" * 64,),
        )
        con.execute(
            "INSERT INTO call (uid, contact_id, playbook_id, playbook_name, playbook_version, started_at, ended_at, "
            "stage, outcome, next_step, next_step_due, updated_at) VALUES ('00000000-0000-4000-8000-000000000003', "
            "1, 2, 'Broken', '1', '2024-01-05 10:00:00', '2024-01-05 10:20:00', 'odd', 'Lost', '', NULL, "
            "'2024-01-05 10:20:00')"
        )
        # An empty answer proves nothing.
        con.execute("UPDATE answer SET answer = '  ' WHERE call_id = 2 AND question = 'pain-points'")
        con.execute("UPDATE call SET stage = 'opening' WHERE id = 2")
        con.execute("DELETE FROM answer WHERE call_id = 2 AND question != 'pain-points'")
    con.close()

    init_db(data_dir)
    try:
        store = CallStore()
        ended = store.load_call(1)
        assert (ended.stage, ended.furthest_stage) == ("opening", "discovery")
        assert ended.reached_stage.title == "Discovery"
        running = store.load_call(2)
        assert (running.stage, running.furthest_stage) == ("opening", "opening")
        summaries = store.history.summaries([1, 2])
        assert (summaries[1].stage_title, summaries[1].reached_title) == ("Opening", "Discovery")
        stops = store.history.insights(CallFilter(playbook="Frozen test playbook")).stop_stages
        assert [(s.key, s.calls) for s in stops] == [("discovery", 1)]  # how far the ended call got
        # Moving on from there: the furthest stage only ever grows.
        store.set_stage(2, "discovery")
        store.set_stage(2, "opening")
        assert store.load_call(2).furthest_stage == "discovery"
    finally:
        close_db()
    rows = {row[0]: row for row in table_rows(path)["call"][1]}
    columns = table_rows(path)["call"][0]
    furthest = columns.index("furthest_stage")
    assert rows[3][furthest] == "odd"
