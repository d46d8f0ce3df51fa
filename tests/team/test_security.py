"""The server itself refuses a rep who bypasses SalesDesk: plain psql with the rep's own
login cannot change a teammate's call, publish a playbook, or alter what is immutable."""

from __future__ import annotations

import json

import pytest

from salesdesk.team.push import push_call
from tests.team.calls import stored_calls
from tests.team.conftest import TeamServer


@pytest.fixture
def two_calls(team: TeamServer, store, playbook) -> dict[str, str]:
    """alice's call and bob's call on the server: {login: the call's id}."""
    alice_doc, bob_doc = stored_calls(store, playbook, 2)
    with team.connect("alice") as alice:
        push_call(alice, alice_doc, 1, playbook=playbook)
    with team.connect("bob") as bob:
        push_call(bob, bob_doc, 1, playbook=playbook)
    return {
        login: team.admin_sql(f"SELECT id FROM salesdesk.call WHERE owner = '{login}'") for login in ("alice", "bob")
    }


def snapshot(team: TeamServer) -> str:
    """Every row of every team table, to compare before and after."""
    tables = ("call", "contact", "qualification", "checklist_tick", "answer", "objection_log", "note", "call_cue")
    return "\n".join(
        team.admin_sql(f"SELECT coalesce(json_agg(t ORDER BY t.id), '[]') FROM salesdesk.{table} AS t")
        for table in tables
    )


def refused(team: TeamServer, login: str, sql: str, reason: str) -> None:
    result = team.psql(sql, login)
    assert result.returncode != 0, f"the server let {login} run: {sql}"
    assert reason in result.stderr, result.stderr


def test_a_rep_reads_the_teams_calls_but_changes_only_their_own(team: TeamServer, two_calls):
    assert team.psql("SELECT count(*) FROM salesdesk.call", "bob").stdout.strip() == "2"
    before = snapshot(team)
    alice_call = two_calls["alice"]
    # Row-level security hides alice's rows from bob's changes: nothing matches.
    for sql in (
        "UPDATE salesdesk.call SET outcome = 'Lost' WHERE owner = 'alice'",
        f"UPDATE salesdesk.note SET text = 'overwritten' WHERE call_id = {alice_call}",
        f"DELETE FROM salesdesk.note WHERE call_id = {alice_call}",
        f"DELETE FROM salesdesk.checklist_tick WHERE call_id = {alice_call}",
        "UPDATE salesdesk.contact SET name = 'Someone else' WHERE owner = 'alice'",
        f"DELETE FROM salesdesk.call WHERE id = {alice_call}",
    ):
        result = team.psql(sql, "bob")
        assert result.returncode == 0, result.stderr
    assert snapshot(team) == before
    # Adding to her call, or giving his rows to her, is an error.
    refused(
        team,
        "bob",
        f"INSERT INTO salesdesk.note (call_id, at, text, updated_at) VALUES ({alice_call}, now(), 'mine', now())",
        "violates foreign key constraint",
    )
    refused(
        team,
        "bob",
        f"INSERT INTO salesdesk.note (call_id, owner, at, text, updated_at) "
        f"VALUES ({alice_call}, 'alice', now(), 'as alice', now())",
        "violates row-level security policy",
    )
    refused(team, "bob", "UPDATE salesdesk.call SET owner = 'alice' WHERE owner = 'bob'", "row-level security")
    refused(team, "bob", "TRUNCATE salesdesk.call CASCADE", "permission denied")
    refused(team, "bob", "ALTER TABLE salesdesk.call DISABLE ROW LEVEL SECURITY", "must be owner")
    refused(team, "bob", "UPDATE salesdesk.schema_info SET value = '1'", "permission denied")
    assert snapshot(team) == before
    # His own call he may change.
    assert team.psql("UPDATE salesdesk.call SET outcome = 'Won' WHERE owner = 'bob'", "bob").returncode == 0
    assert team.admin_sql("SELECT outcome FROM salesdesk.call WHERE owner = 'bob'") == "Won"


def test_playbook_snapshots_are_immutable_and_checked_against_their_digest(team: TeamServer, two_calls):
    refused(team, "bob", "UPDATE salesdesk.playbook_snapshot SET body = '{}'", "permission denied")
    refused(team, "bob", "DELETE FROM salesdesk.playbook_snapshot", "permission denied")
    refused(
        team,
        "bob",
        "INSERT INTO salesdesk.playbook_snapshot (digest, name, version, body, created_at) "
        "VALUES (repeat('0', 64), 'Fake', '1', '{}', now())",
        "violates check constraint",
    )


def _publish_sql(playbook, digest: str | None = None) -> str:
    body = playbook.to_json().replace("'", "''")
    return (
        "INSERT INTO salesdesk.team_playbook (digest, name, version, body) "
        f"VALUES ('{digest or playbook.digest()}', 'Team playbook', '2', '{body}')"
    )


def test_only_a_lead_can_publish_and_nobody_can_change_a_published_version(team: TeamServer, playbook):
    refused(team, "bob", _publish_sql(playbook), "permission denied for table team_playbook")
    refused(team, "lena", _publish_sql(playbook, digest="f" * 64), "violates check constraint")
    refused(
        team,
        "lena",
        f"INSERT INTO salesdesk.team_playbook (digest, name, version, body, published_by) "
        f"VALUES ('{playbook.digest()}', 'x', '1', '{json.dumps({})}', 'alice')",
        "permission denied",  # published_by is the server's to fill in
    )
    assert team.psql(_publish_sql(playbook), "lena").returncode == 0
    assert team.admin_sql("SELECT published_by FROM salesdesk.team_playbook") == "lena"
    refused(team, "lena", "UPDATE salesdesk.team_playbook SET version = '3'", "permission denied")
    refused(team, "lena", "DELETE FROM salesdesk.team_playbook", "permission denied")
    assert team.psql("SELECT count(*) FROM salesdesk.team_playbook", "bob").stdout.strip() == "1"
