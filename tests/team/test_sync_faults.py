"""The sync worker and ``team sync`` against a real server that stops, a client that is
killed, a server unreachable at start-up: the server ends with exactly the local calls,
every field equal, nothing lost or doubled; local work never waits."""

from __future__ import annotations

import io
import os
import queue
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from salesdesk.cli import main
from salesdesk.core.calls_file import call_to_dict
from salesdesk.storage import CallStore, close_db, init_db, outbox
from salesdesk.storage.reader import load_calls
from salesdesk.storage.tables import Call
from salesdesk.team import sync
from salesdesk.team.reader import TeamReader
from tests.team.calls import documents_on_server, server_counts, stored_calls
from tests.team.conftest import TeamServer

REPO = Path(__file__).resolve().parents[2]


def joined(team: TeamServer, login: str, data_dir: Path, monkeypatch) -> sync.TeamConfig:
    """This data folder in the team as ``login``, nothing pushed yet (team mode on)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(team.passwords[login] + "\n"))
    assert main(["team", "join", team.url(login), "--password-stdin", "--yes"]) == 0
    return sync.read_config(data_dir)


def local_documents() -> dict[str, dict]:
    return {c.uid: call_to_dict(c) for c in load_calls([row.id for row in Call.select(Call.id)])}


def assert_server_has_exactly_the_local_calls(team: TeamServer, login: str) -> None:
    local = local_documents()
    with team.connect(login) as conn:
        assert documents_on_server(TeamReader(conn), list(local)) == local
    assert team.admin_sql("SELECT count(*), count(DISTINCT uid) FROM salesdesk.call") == f"{len(local)}|{len(local)}"


class Statuses:
    """The worker's status reports, as they come (from its thread)."""

    def __init__(self):
        self.reports: queue.Queue = queue.Queue()

    def __call__(self, status):
        self.reports.put(status)

    def wait_for(self, predicate, timeout: float = 60.0):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("the worker never reported the status waited for")
            try:
                status = self.reports.get(timeout=left)
            except queue.Empty:
                continue
            if predicate(status):
                return status


def test_a_change_reaches_the_server_within_seconds(team: TeamServer, data_dir, playbook, monkeypatch):
    config = joined(team, "alice", data_dir, monkeypatch)
    init_db(data_dir)
    statuses = Statuses()
    worker = sync.SyncWorker(data_dir, config, on_status=statuses)
    worker.start()
    try:
        statuses.wait_for(lambda s: s.state == "up to date")
        store = CallStore()
        (doc,) = stored_calls(store, playbook, 1)
        changed = time.monotonic()
        worker.poke()
        statuses.wait_for(lambda s: s.state == "up to date" and s.pending == 0)
        elapsed = time.monotonic() - changed
        assert elapsed < 3.0  # the debounce (1 s) and one push
        assert_server_has_exactly_the_local_calls(team, "alice")
        assert team.admin_sql("SELECT uid FROM salesdesk.call") == doc["uid"]
    finally:
        worker.stop()
        close_db()


def test_the_server_stopping_mid_backlog_loses_and_doubles_nothing(team: TeamServer, data_dir, playbook, monkeypatch):
    config = joined(team, "alice", data_dir, monkeypatch)
    init_db(data_dir)
    store = CallStore()
    stored_calls(store, playbook, 600)
    statuses = Statuses()
    stopped = []
    worker = sync.SyncWorker(data_dir, config, on_status=statuses)
    # Stop the server (as in a crash) once the first batches are in: mid-backlog.
    original = sync.sync_once

    def stop_after_first_batch(conn, **kwargs):
        def on_batch(report):
            if not stopped and report.pushed >= 100:
                stopped.append(report.pushed)
                team.server.stop("immediate")

        return original(conn, on_batch=on_batch, **kwargs)

    monkeypatch.setattr(sync, "sync_once", stop_after_first_batch)
    worker.start()
    try:
        worker.poke()
        offline = statuses.wait_for(lambda s: s.state == "offline")
        assert 0 < offline.pending < 600 and offline.last_error
        # Local work goes on meanwhile, at once.
        first = Call.select(Call.id).order_by(Call.id).first().id
        store.save_note(first, None, "typed while the server was down", draft=False)
        team.server.start()
        worker.poke()
        statuses.wait_for(lambda s: s.state == "up to date" and s.pending == 0, timeout=120)
        assert_server_has_exactly_the_local_calls(team, "alice")
    finally:
        worker.stop()
        if not team.server.running:
            team.server.start()
        close_db()


def test_unreachable_at_start_up_local_work_goes_on_and_the_status_says_so(
    team: TeamServer, data_dir, playbook, monkeypatch
):
    config = joined(team, "alice", data_dir, monkeypatch)
    init_db(data_dir)
    store = CallStore()
    team.server.stop()
    statuses = Statuses()
    worker = sync.SyncWorker(data_dir, config, on_status=statuses)
    try:
        worker.start()
        stored_calls(store, playbook, 3)  # the rep works on, offline
        worker.poke()
        status = statuses.wait_for(lambda s: s.state == "offline" and s.pending == 3)
        assert status.last_error
        assert sync.read_status(data_dir).state == "offline"  # what `team status` and the sidebar read
        team.server.start()
        worker.poke()
        statuses.wait_for(lambda s: s.state == "up to date" and s.pending == 0, timeout=90)
        assert_server_has_exactly_the_local_calls(team, "alice")
    finally:
        worker.stop()
        if not team.server.running:
            team.server.start()
        close_db()


def test_a_newer_team_schema_stops_the_worker_with_a_clear_message(team: TeamServer, data_dir, playbook, monkeypatch):
    config = joined(team, "alice", data_dir, monkeypatch)
    team.admin_sql("UPDATE salesdesk.schema_info SET value = '99' WHERE key = 'schema_version'")
    init_db(data_dir)
    stored_calls(CallStore(), playbook, 2)
    statuses = Statuses()
    worker = sync.SyncWorker(data_dir, config, on_status=statuses)
    worker.start()
    try:
        worker.poke()
        status = statuses.wait_for(lambda s: s.state == "error")
        assert "newer" in status.last_error and status.pending == 2
    finally:
        worker.stop()
        close_db()
    assert team.admin_sql("SELECT count(*) FROM salesdesk.call") == "0"


def test_team_sync_killed_twenty_times_at_random_moments_ends_with_exactly_the_local_calls(
    team: TeamServer, data_dir, playbook, monkeypatch
):
    joined(team, "alice", data_dir, monkeypatch)
    init_db(data_dir)
    store = CallStore()
    stored_calls(store, playbook, 1500)
    ids = [row.id for row in Call.select(Call.id)]
    close_db()
    rng = random.Random(15)
    env = {**os.environ, "PYTHONPATH": str(REPO), "SALESDESK_DATA_DIR": str(data_dir)}
    kills = 0
    for round_number in range(200):  # until 20 syncs were killed (on a busy machine a round may finish first)
        if kills == 20:
            break
        child = subprocess.Popen(
            [sys.executable, "-m", "salesdesk", "team", "sync"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
            env=env,
        )
        try:
            child.wait(rng.uniform(0.3, 2.0))  # a random moment: starting, reading, pushing, marking
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
            kills += 1
        child.wait(30)
        # Between the kills the rep changes calls, pushed or not yet: the next sync has a backlog.
        init_db(data_dir)
        try:
            for call_id in rng.sample(ids, 500):
                store.save_note(call_id, None, f"round {round_number}", draft=False)
        finally:
            close_db()
    assert kills == 20
    assert main(["team", "sync"]) == 0
    init_db(data_dir)
    try:
        assert outbox.pending_count() == 0
        assert_server_has_exactly_the_local_calls(team, "alice")
    finally:
        close_db()
    counts = server_counts(team)
    assert counts["call"] == 1500


@pytest.mark.parametrize("clients", [20])
def test_twenty_workers_pushing_for_a_while_lose_and_double_nothing(
    team_server: TeamServer, tmp_path, playbook, clients, monkeypatch
):
    """Twenty reps' SyncWorkers (each its own data folder, its own thread) against one server."""
    team_server.init()
    logins = [f"rep{n:02}" for n in range(clients)]
    for login in logins:
        team_server.add_rep(login)
    # Each rep's calls, pushed straight with sync_once from a thread of its own.
    import threading

    from salesdesk.devtools.sample_calls import sample_calls
    from salesdesk.team.connection import TeamConnection
    from salesdesk.team.push import PendingCall, push_calls

    errors: list[BaseException] = []
    expected: dict[str, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + 20

    def rep(number: int, login: str) -> None:
        docs = [call_to_dict(c) for c in sample_calls(400, playbook, seed=500 + number)]
        revisions: dict[str, int] = {}
        rng = random.Random(number)
        try:
            with TeamConnection.open(team_server.url(login), password=team_server.passwords[login]) as conn:
                while time.monotonic() < deadline:
                    chosen = rng.sample(docs, 5)
                    batch = []
                    for doc in chosen:
                        revisions[doc["uid"]] = revisions.get(doc["uid"], 0) + 1
                        doc["outcome"] = f"revision {revisions[doc['uid']]}"
                        batch.append(PendingCall(doc, revisions[doc["uid"]], playbook))
                    push_calls(conn, batch)
                    with lock:
                        expected.update({d["uid"]: revisions[d["uid"]] for d in chosen})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=rep, args=(n, login)) for n, login in enumerate(logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors[:3]
    rows = team_server.admin_sql("SELECT uid, revision, outcome FROM salesdesk.call").splitlines()
    found = {}
    for line in rows:
        uid, revision, outcome = line.split("|")
        assert uid not in found, f"{uid} twice"
        found[uid] = (int(revision), outcome)
    assert set(found) == set(expected)
    assert all(found[uid] == (rev, f"revision {rev}") for uid, rev in expected.items())
