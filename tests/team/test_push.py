"""push_call against a real server: whole calls, idempotent by uid and revision, nothing
lost or doubled when the server stops, the client dies or twenty clients push at once."""

from __future__ import annotations

import copy
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from salesdesk.team.errors import TeamPermissionError, TeamUnavailableError
from salesdesk.team.push import PendingCall, push_call, push_calls
from salesdesk.team.reader import TeamReader
from tests.team.calls import documents_on_server, server_counts, stored_calls
from tests.team.conftest import TeamServer

REPO = Path(__file__).resolve().parents[2]


def test_pushed_calls_read_back_field_for_field(team: TeamServer, store, playbook):
    documents = stored_calls(store, playbook, 40)
    with team.connect("alice") as alice:
        results = [push_call(alice, doc, 1, playbook=playbook) for doc in documents]
        assert {r.status for r in results} == {"written"}
        back = documents_on_server(TeamReader(alice), [d["uid"] for d in documents])
    assert back == {d["uid"]: d for d in documents}
    # The local snapshot, not one rebuilt per call: the calls share it, with the local digest.
    assert team.admin_sql("SELECT count(*), min(digest) FROM salesdesk.playbook_snapshot") == (f"1|{playbook.digest()}")
    assert team.admin_sql("SELECT DISTINCT owner FROM salesdesk.call") == "alice"


def test_a_call_pushed_without_its_playbook_reads_back_the_same(team: TeamServer, store, playbook):
    documents = stored_calls(store, playbook, 5)
    with team.connect("alice") as alice:
        for doc in documents:
            push_call(alice, json.dumps(doc), 1)  # the text of the JSON works as well
        assert documents_on_server(TeamReader(alice), [d["uid"] for d in documents]) == {d["uid"]: d for d in documents}


def test_the_same_revision_twice_changes_nothing(team: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    with team.connect("alice") as alice:
        assert push_call(alice, doc, 3).status == "written"
        before = team.admin_sql(
            "SELECT id, changed_at, (SELECT array_agg(id ORDER BY id) FROM salesdesk.note) FROM salesdesk.call"
        )
        counts = server_counts(team)
        again = push_call(alice, doc, 3)
    assert (again.status, again.server_revision) == ("unchanged", 3)
    assert (
        team.admin_sql(
            "SELECT id, changed_at, (SELECT array_agg(id ORDER BY id) FROM salesdesk.note) FROM salesdesk.call"
        )
        == before
    )
    assert server_counts(team) == counts


def test_an_older_revision_never_overwrites_a_newer_one(team: TeamServer, store, playbook):
    (old,) = stored_calls(store, playbook, 1)
    new = copy.deepcopy(old)
    new["outcome"], new["notes"] = "Won", [*old["notes"][:2], {"at": old["notes"][2]["at"], "text": "Signed!"}]
    with team.connect("alice") as alice:
        assert push_call(alice, new, 2).status == "written"
        stale = push_call(alice, old, 1)
        assert (stale.status, stale.server_revision) == ("stale", 2)
        assert documents_on_server(TeamReader(alice), [old["uid"]]) == {old["uid"]: new}


def test_a_newer_revision_replaces_the_whole_call(team: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    with team.connect("alice") as alice:
        push_call(alice, doc, 1)
        changed = copy.deepcopy(doc)
        changed["notes"] = changed["notes"][:1]
        changed["objections"] = []
        changed["answers"] = changed["answers"][:1]
        changed["answers"][0]["answer"] = "A different answer"
        changed["checklist"] = [dict(item, done=False, done_at=None) for item in changed["checklist"]]
        assert push_call(alice, changed, 2).status == "written"
        assert documents_on_server(TeamReader(alice), [doc["uid"]]) == {doc["uid"]: changed}
    counts = server_counts(team)
    assert (counts["note"], counts["objection_log"], counts["answer"], counts["checklist_tick"]) == (1, 0, 1, 0)
    # The search document follows, in the same transaction.
    assert team.admin_sql("SELECT notes FROM salesdesk.call_search_source") == changed["notes"][0]["text"]
    assert (
        team.admin_sql(
            "SELECT count(*) FROM salesdesk.call_search AS s JOIN salesdesk.call_search_source AS v USING (call_id) "
            "WHERE s.document = salesdesk.search_document(v.contact, v.company, v.wrapup, v.answers, v.objections, "
            "v.notes)"
        )
        == "1"
    )


def test_an_edited_contact_moves_the_call_and_drops_the_unused_row(team: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    with team.connect("alice") as alice:
        push_call(alice, doc, 1)
        renamed = copy.deepcopy(doc)
        renamed["contact"]["name"] = "Renamed Person"
        push_call(alice, renamed, 2)
        assert documents_on_server(TeamReader(alice), [doc["uid"]]) == {doc["uid"]: renamed}
    assert team.admin_sql("SELECT name FROM salesdesk.contact") == "Renamed Person"


def test_a_teammates_call_is_refused(team: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    with team.connect("alice") as alice:
        push_call(alice, doc, 1)
    taken = copy.deepcopy(doc)
    taken["outcome"] = "Lost (bob was here)"
    with team.connect("bob") as bob, pytest.raises(TeamPermissionError, match="belongs to alice"):
        push_call(bob, taken, 9)
    with team.connect("alice") as alice:
        assert documents_on_server(TeamReader(alice), [doc["uid"]]) == {doc["uid"]: doc}


def test_a_batch_writes_each_call_as_alone_by_its_own_uid_and_revision(team: TeamServer, store, playbook):
    documents = stored_calls(store, playbook, 6)
    with team.connect("alice") as alice:
        push_call(alice, documents[0], 2)  # the server has revision 2 of the first call
        push_call(alice, documents[1], 1)  # and revision 1 of the second
        changed = copy.deepcopy(documents[1])
        changed["outcome"], changed["notes"] = "Won", changed["notes"][:1]
        batch = [
            PendingCall(documents[0], 1, playbook),  # older than the server's: stale
            PendingCall(changed, 2, playbook),  # newer: replaces it whole
            *(PendingCall(doc, 1, playbook) for doc in documents[2:]),
        ]
        results = push_calls(alice, batch)
        assert [(r.uid, r.status) for r in results] == [
            (documents[0]["uid"], "stale"),
            (changed["uid"], "written"),
            *((doc["uid"], "written") for doc in documents[2:]),
        ]
        assert [r.status for r in push_calls(alice, batch[1:])] == ["unchanged"] * 5  # again: nothing
        expected = {doc["uid"]: doc for doc in [documents[0], changed, *documents[2:]]}
        assert documents_on_server(TeamReader(alice), list(expected)) == expected
    assert server_counts(team)["call"] == 6
    assert team.admin_sql("SELECT count(*) FROM salesdesk.call_search") == "6"


def test_a_batch_with_one_bad_call_pushes_nothing(team: TeamServer, store, playbook):
    from salesdesk.team.errors import TeamError

    documents = stored_calls(store, playbook, 3)
    with team.connect("alice") as alice:
        with pytest.raises(TeamError, match="twice"):
            push_calls(alice, [PendingCall(documents[0], 1), PendingCall(documents[0], 2)])
        with pytest.raises(TeamError, match="call 2 of the 3 in the batch; nothing was pushed"):
            bad = PendingCall({"uid": "x"}, 1)
            push_calls(alice, [PendingCall(documents[0], 1), bad, PendingCall(documents[2], 1)])
    assert server_counts(team)["call"] == 0


def test_a_document_that_is_not_a_call_is_refused_before_the_server_is_asked(team: TeamServer):
    from salesdesk.team.errors import TeamError

    with team.connect("alice") as alice:
        with pytest.raises(TeamError, match=r"started_at: is missing"):
            push_call(alice, {"uid": "0d8b3c4e-1111-4222-8333-444455556666", "contact": {"name": "X"}}, 1)
        with pytest.raises(TeamError, match="no uid"):
            push_call(alice, {"contact": {"name": "X"}, "started_at": "2026-01-01T10:00:00+00:00"}, 1)
        with pytest.raises(TeamError, match="revision"):
            push_call(alice, {"contact": {"name": "X"}, "started_at": "2026-01-01T10:00:00+00:00"}, 0)
    assert team.admin_sql("SELECT count(*) FROM salesdesk.call") == "0"


# --------------------------------------------------------------------------- faults


def _admin_raw(team: TeamServer):
    from salesdesk.team.connection import load_psycopg

    return load_psycopg().connect(team.admin_url, autocommit=True)


def _hold_note_table(team: TeamServer):
    """An admin transaction holding the note table: a push then waits in the middle, after
    writing its call row and before its notes."""
    raw = _admin_raw(team)
    raw.execute("BEGIN")
    raw.execute("LOCK TABLE salesdesk.note IN ACCESS EXCLUSIVE MODE")
    return raw


def _wait_for_push_to_block(team: TeamServer, login: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        waiting = team.admin_sql(
            f"SELECT count(*) FROM pg_stat_activity WHERE usename = '{login}' AND wait_event_type = 'Lock'"
        )
        if waiting == "1":
            return
        time.sleep(0.05)
    raise AssertionError(f"{login}'s push never got to the locked table")


def test_server_stopped_mid_push_then_retried_loses_and_doubles_nothing(team: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    holder = _hold_note_table(team)
    outcome: list = []
    with team.connect("alice") as alice:

        def push():
            try:
                outcome.append(push_call(alice, doc, 1))
            except Exception as exc:
                outcome.append(exc)
            finally:
                alice.close()  # this thread's connection (each thread has its own)

        worker = threading.Thread(target=push)
        worker.start()
        _wait_for_push_to_block(team, "alice")
        team.server.stop("immediate")  # as if the server crashed mid-push
        worker.join(30)
        holder.close()
        assert isinstance(outcome[0], TeamUnavailableError), outcome
        team.server.start()
        assert team.admin_sql("SELECT count(*) FROM salesdesk.call") == "0"  # nothing half-written

        # The same TeamConnection: its dead connection is replaced, and the retry writes it once.
        outcome.clear()
        worker = threading.Thread(target=push)  # on a thread of its own, as the sync worker will
        worker.start()
        worker.join(30)
        assert getattr(outcome[0], "status", None) == "written", [str(o) for o in outcome]
        assert push_call(alice, doc, 1).status == "unchanged"
        assert documents_on_server(TeamReader(alice), [doc["uid"]]) == {doc["uid"]: doc}
    counts = server_counts(team)
    assert (counts["call"], counts["note"]) == (1, len(doc["notes"]))


_CHILD = """
import json, sys
from salesdesk.team.connection import TeamConnection
from salesdesk.team.push import PendingCall, push_call, push_calls
conn = TeamConnection.open(sys.argv[1], password=sys.argv[2])
push_call(conn, json.loads(sys.stdin.read()), 1)
print("pushed")
"""


def test_a_client_killed_mid_push_leaves_nothing_and_the_retry_writes_it_once(team: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    holder = _hold_note_table(team)
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, team.url("alice"), team.passwords["alice"]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    child.stdin.write(json.dumps(doc))
    child.stdin.close()
    try:
        _wait_for_push_to_block(team, "alice")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    holder.close()
    deadline = time.monotonic() + 20
    while team.admin_sql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'alice'") != "0":
        assert time.monotonic() < deadline, "the server kept the dead client's session"
        time.sleep(0.05)
    assert team.admin_sql("SELECT count(*) FROM salesdesk.call") == "0"
    with team.connect("alice") as alice:
        assert push_call(alice, doc, 1).status == "written"
        assert documents_on_server(TeamReader(alice), [doc["uid"]]) == {doc["uid"]: doc}
    assert server_counts(team)["note"] == len(doc["notes"])


def _variant(base: dict, revision: int) -> dict:
    """Revision ``revision`` of a call: a different outcome, notes and answers each time."""
    doc = copy.deepcopy(base)
    doc["outcome"] = f"Outcome of revision {revision}"
    keep = revision % (len(base["notes"]) + 1)
    doc["notes"] = [*base["notes"][:keep], {"at": base["started_at"], "text": f"revision {revision} note"}]
    doc["notes"].sort(key=lambda n: n["at"])
    for answer in doc["answers"]:
        answer["answer"] = f"{answer['answer']} (r{revision})"
    return doc


@pytest.mark.slow
def test_twenty_clients_pushing_at_once_neither_deadlock_nor_lose_anything(team_server: TeamServer, store, playbook):
    team = team_server
    team.init()
    reps = [f"rep{n:02}" for n in range(10)]
    for rep in reps:
        team.add_rep(rep)
    documents = stored_calls(store, playbook, 60, seed=5)
    owned = {rep: documents[n::10] for n, rep in enumerate(reps)}  # 6 calls per rep
    highest: dict[str, int] = {}
    lock = threading.Lock()
    errors: list[BaseException] = []
    pushes = [0]
    deadline = time.monotonic() + 8

    def client(rep: str, seed: int) -> None:
        rng = random.Random(seed)
        try:
            with team.connect(rep) as conn:
                while time.monotonic() < deadline:
                    base = rng.choice(owned[rep])  # both clients of a rep push the same calls
                    revision = rng.randint(1, 12)
                    push_call(conn, _variant(base, revision), revision, playbook=playbook)
                    with lock:
                        highest[base["uid"]] = max(highest.get(base["uid"], 0), revision)
                        pushes[0] += 1
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(rep, n * 2 + k)) for n, rep in enumerate(reps) for k in (0, 1)]
    assert len(threads) == 20
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors[:3]
    assert pushes[0] > 200, f"only {pushes[0]} pushes in 8 s"
    rows = team.admin_sql("SELECT uid || ' ' || revision FROM salesdesk.call ORDER BY uid").splitlines()
    assert {line.split()[0]: int(line.split()[1]) for line in rows} == highest  # nothing lost, none twice
    with team.connect(reps[0]) as conn:
        back = documents_on_server(TeamReader(conn), list(highest))
    docs = {d["uid"]: d for d in documents}
    assert back == {uid: _variant(docs[uid], revision) for uid, revision in highest.items()}
    expected_notes = sum(len(doc["notes"]) for doc in back.values())
    assert server_counts(team)["note"] == expected_notes


def test_a_call_with_its_follow_up_email_reads_back_field_for_field(team: TeamServer, store, playbook):
    from datetime import UTC, datetime

    from salesdesk.core.call import FollowupEmail
    from salesdesk.core.calls_file import call_to_dict

    (doc,) = stored_calls(store, playbook, 1)
    from salesdesk.storage.tables import Call

    call_id = Call.get(Call.uid == doc["uid"]).id
    sent = datetime(2026, 3, 17, 9, 30, tzinfo=UTC)
    store.save_followup_email(call_id, FollowupEmail("meeting-booked", "Next steps", "Hi, as promised…", sent))
    doc = call_to_dict(store.load_call(call_id))
    assert doc["followup_email"]["subject"] == "Next steps"
    with team.connect("alice") as alice:
        assert push_call(alice, doc, 2, playbook=playbook).status == "written"
        assert documents_on_server(TeamReader(alice), [doc["uid"]]) == {doc["uid"]: doc}
