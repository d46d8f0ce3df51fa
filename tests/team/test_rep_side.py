"""The rep's side of team mode against a real server: joining pushes the calls already
here (after asking), status, sync, leave, ``calls --team`` and team playbooks; an
unreachable server or a newer team schema lose nothing local and say so."""

from __future__ import annotations

import io
import json

import pytest

from salesdesk.cli import main
from salesdesk.core.calls_file import call_to_dict
from salesdesk.storage import CallStore, close_db, init_db, outbox
from salesdesk.team.reader import TeamReader
from tests.team.calls import documents_on_server, stored_calls
from tests.team.conftest import TeamServer


@pytest.fixture
def local_calls(data_dir, playbook):
    """Five calls on this laptop before it joins a team (the database closed again)."""
    init_db(data_dir)
    try:
        documents = stored_calls(CallStore(), playbook, 5)
    finally:
        close_db()
    return documents


def join(team: TeamServer, login: str, monkeypatch, *extra: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(team.passwords[login] + "\n"))
    return main(["team", "join", team.url(login), "--password-stdin", *extra])


def local_documents(data_dir) -> dict[str, dict]:
    from salesdesk.storage.reader import load_calls
    from salesdesk.storage.tables import Call

    init_db(data_dir)
    try:
        return {c.uid: call_to_dict(c) for c in load_calls([row.id for row in Call.select(Call.id)])}
    finally:
        close_db()


def test_joining_pushes_the_calls_here_and_keeps_the_password_out_of_settings(
    team: TeamServer, data_dir, local_calls, monkeypatch, capsys
):
    (data_dir / "settings.ini").write_text("[General]\nlanguage=en\n", encoding="utf-8")
    assert join(team, "alice", monkeypatch, "--yes") == 0
    out = capsys.readouterr().out
    assert "Joined the team" in out and "Pushed 5 calls to the team." in out
    with team.connect("alice") as alice:
        assert documents_on_server(TeamReader(alice), list(local_documents(data_dir))) == local_documents(data_dir)
    password = team.passwords["alice"]
    assert password not in (data_dir / "settings.ini").read_text(encoding="utf-8")
    assert password not in (data_dir / "team.json").read_text(encoding="utf-8")
    assert password in (data_dir / "team.pgpass").read_text(encoding="utf-8")  # no keyring on this machine

    assert main(["team", "status"]) == 0
    status = capsys.readouterr().out
    assert "Rep:            alice" in status and "Pending calls:  0" in status and "Last error:     none" in status

    # A change here: pending until `team sync`, then on the server, field for field.
    init_db(data_dir)
    try:
        first = local_calls[0]
        from salesdesk.storage.tables import Call

        store = CallStore()

        call_id = Call.get(Call.uid == first["uid"]).id
        store.save_note(call_id, None, "Called back: they sign on Friday", draft=False)
        assert outbox.pending_count() == 1
    finally:
        close_db()
    assert main(["team", "sync"]) == 0
    assert "Pushed 1 calls" in capsys.readouterr().out
    with team.connect("alice") as alice:
        on_server = documents_on_server(TeamReader(alice), [first["uid"]])[first["uid"]]
    assert on_server == local_documents(data_dir)[first["uid"]]
    assert on_server["notes"][-1]["text"] == "Called back: they sign on Friday"

    assert main(["calls", "--team", "--limit", "3"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["ID", "Started", "Rep", "Contact", "Outcome"]
    assert len(listing) == 4 and all(" alice " in line for line in listing[1:])

    assert main(["team", "leave"]) == 0
    assert "Left the team" in capsys.readouterr().out
    assert not (data_dir / "team.json").exists()
    assert password not in (data_dir / "team.pgpass").read_text(encoding="utf-8")
    assert main(["team", "sync"]) == 1
    assert "not in a team" in capsys.readouterr().err


def test_joining_asks_before_pushing_the_calls_here(team: TeamServer, data_dir, local_calls, monkeypatch, capsys):
    assert join(team, "alice", monkeypatch) == 1  # no terminal to ask on, and no --yes
    assert "5 calls on this laptop would go to the team; run again with --yes" in capsys.readouterr().err
    assert not (data_dir / "team.json").exists()
    assert team.admin_sql("SELECT count(*) FROM salesdesk.call") == "0"


def test_an_unreachable_server_loses_nothing_and_says_so(team: TeamServer, data_dir, local_calls, monkeypatch, capsys):
    assert join(team, "alice", monkeypatch, "--yes") == 0
    init_db(data_dir)
    try:
        from salesdesk.storage.tables import Call

        store = CallStore()
        for row in Call.select(Call.id):
            store.save_note(row.id, None, "written on the train", draft=False)
    finally:
        close_db()
    capsys.readouterr()
    team.server.stop()
    try:
        assert main(["team", "sync"]) == 1
        err = capsys.readouterr().err
        assert "5 calls wait here and are pushed later; nothing was lost." in err
        assert main(["team", "status"]) == 0
        status = capsys.readouterr().out
        assert "Pending calls:  5" in status and "Last error:     none" not in status
        assert main(["calls", "--team"]) == 1
        assert "your own calls: `salesdesk calls`" in capsys.readouterr().err
        assert main(["calls"]) == 0  # local work goes on
    finally:
        team.server.start()
    assert main(["team", "sync"]) == 0
    assert "Pushed 5 calls" in capsys.readouterr().out
    with team.connect("alice") as alice:
        assert documents_on_server(TeamReader(alice), list(local_documents(data_dir))) == local_documents(data_dir)


def test_a_newer_team_schema_is_refused_and_nothing_is_written(
    team: TeamServer, data_dir, local_calls, monkeypatch, capsys
):
    team.admin_sql("UPDATE salesdesk.schema_info SET value = '99' WHERE key = 'schema_version'")
    assert join(team, "alice", monkeypatch, "--yes") == 1
    err = capsys.readouterr().err
    assert "newer" in err and "99" in err
    assert not (data_dir / "team.json").exists()
    assert team.admin_sql("SELECT count(*) FROM salesdesk.call") == "0"


def test_team_playbooks_come_with_sync_and_are_marked_in_the_list(
    team: TeamServer, data_dir, monkeypatch, capsys, playbook
):
    from dataclasses import replace

    from salesdesk.team.playbooks import publish_playbook

    published = replace(playbook, name="Team discovery call", version="3")
    with team.connect("lena") as lena:
        publish_playbook(lena, published)
    assert join(team, "bob", monkeypatch, "--yes") == 0
    assert "Team playbook 'Team discovery call' is here for your next call." in capsys.readouterr().out
    assert main(["playbook", "list"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Team discovery call")]
    assert len(lines) == 1 and "team (published by lena)" in lines[0]
    config = json.loads((data_dir / "team.json").read_text(encoding="utf-8"))
    assert [p["digest"] for p in config["playbooks"].values()] == [published.digest()]
