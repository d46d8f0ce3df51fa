"""The team schema: created from nothing, re-run without change, migrated from every older
version with its data, refused when newer; reps and leads; the admin's CLI commands."""

from __future__ import annotations

import io
import json

import pytest

from salesdesk.cli import main
from salesdesk.storage import tables as local
from salesdesk.team import schema
from salesdesk.team.connection import TeamConnection
from salesdesk.team.errors import TeamError, TeamSchemaError
from salesdesk.team.push import push_call
from salesdesk.team.reader import TeamReader
from tests.team.calls import stored_calls
from tests.team.conftest import TeamServer

SHAPE_QUERIES = {
    "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default, is_generated, "
    "generation_expression FROM information_schema.columns WHERE table_schema = 'salesdesk' ORDER BY 1, 2",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'salesdesk' ORDER BY 1, 2",
    "constraints": "SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = 'salesdesk'::regnamespace ORDER BY 1, 2",
    "policies": "SELECT tablename, policyname, roles, cmd, qual, with_check FROM pg_policies "
    "WHERE schemaname = 'salesdesk' ORDER BY 1, 2",
    "grants": "SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
    "WHERE table_schema = 'salesdesk' ORDER BY 1, 2, 3",
    "column_grants": "SELECT grantee, table_name, column_name, privilege_type "
    "FROM information_schema.column_privileges "
    "WHERE table_schema = 'salesdesk' AND grantee LIKE 'salesdesk%' ORDER BY 1, 2, 3, 4",
    "functions": "SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'salesdesk'::regnamespace "
    "AND proname = 'announce_playbook'",
    "views": "SELECT viewname, definition FROM pg_views WHERE schemaname = 'salesdesk'",
    "triggers": "SELECT tgname, tgrelid::regclass FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
}


def shape(team: TeamServer) -> dict[str, str]:
    return {name: team.admin_sql(sql) for name, sql in SHAPE_QUERIES.items()}


def admin(team: TeamServer) -> TeamConnection:
    return TeamConnection.open(team.admin_url, purpose="admin")


def test_init_creates_the_schema_and_running_it_again_changes_nothing(team_server: TeamServer):
    with admin(team_server) as conn:
        first = schema.init_schema(conn)
        assert (first.before, first.after) == (None, schema.SCHEMA_VERSION)
        created = shape(team_server)
        again = schema.init_schema(conn)
        assert (again.before, again.after) == (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)
        assert "up to date" in again.describe(conn.where)
    assert shape(team_server) == created
    assert team_server.admin_sql("SELECT value FROM salesdesk.schema_info") == str(schema.SCHEMA_VERSION)
    # The lead group is in the rep group, so a lead is a rep as well.
    assert team_server.admin_sql("SELECT pg_has_role('salesdesk_lead', 'salesdesk_rep', 'MEMBER')") == "t"
    assert (
        team_server.admin_sql(
            "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
            "WHERE relnamespace = 'salesdesk'::regnamespace AND relkind = 'r' AND NOT relrowsecurity"
        )
        == "schema_info"
    )


def test_the_server_has_every_column_of_the_local_tables(team_server: TeamServer):
    """The same query code runs on both: a local column the server lacks (a new local schema
    version without a team schema step) fails here."""
    team_server.init()
    missing = []
    for model in local.ALL_MODELS:
        if model is local.SchemaInfo:
            continue
        table = model._meta.table_name
        columns = set(
            team_server.admin_sql(
                f"SELECT column_name FROM information_schema.columns WHERE table_schema = 'salesdesk' "
                f"AND table_name = '{table}'"
            ).splitlines()
        )
        missing += [
            f"{table}.{field.column_name}" for field in model._meta.sorted_fields if field.column_name not in columns
        ]
    assert not missing, f"the team schema lacks {missing}: add a team schema step (salesdesk/team/schema.py)"


def test_the_team_models_are_the_local_tables_plus_the_servers_columns():
    """team/tables.py is made from storage/tables.py: a column added to a local table is in
    the server's model at once, as the same kind of field (the queries read it there)."""
    from peewee import SqliteDatabase, TextField

    from salesdesk.team.tables import make_tables

    def columns(model) -> dict[str, str]:
        return {name: type(field).__name__ for name, field in model._meta.columns.items() if name != "id"}

    team = make_tables(SqliteDatabase(":memory:"))
    for model in local.ALL_MODELS:
        if model is local.SchemaInfo:
            continue
        extra = {"owner": "TextField"}
        if model is local.Call:
            extra |= {"revision": "BigIntegerField", "changed_at": "DateTimeField"}
        assert columns(getattr(team, model.__name__)) == columns(model) | extra, model.__name__
        assert getattr(team, model.__name__)._meta.table_name == model._meta.table_name
    assert team.Note.call.rel_model is team.Call  # foreign keys point at the server's tables

    local.Note._meta.add_field("mood", TextField(default=""))
    try:
        assert "mood" in make_tables(SqliteDatabase(":memory:")).Note._meta.columns
    finally:
        local.Note._meta.remove_field("mood")


def _populate_old_server(team: TeamServer, version: int, playbook) -> None:
    """Rows as a server of ``version`` held them, written by hand (push_call needs today's)."""
    body = playbook.to_json().replace("'", "''")
    team.admin_sql(
        "CREATE ROLE alice LOGIN PASSWORD 'old-secret' IN ROLE salesdesk_rep;"
        "INSERT INTO salesdesk.contact (owner, name, company, created_at) "
        "VALUES ('alice', 'Zoë Ångström', 'Nordlicht', now());"
        "INSERT INTO salesdesk.playbook_snapshot (digest, name, version, body, created_at) "
        f"VALUES (encode(sha256(convert_to('{body}', 'UTF8')), 'hex'), 'Old', '1', '{body}', now());"
        "INSERT INTO salesdesk.call (uid, owner, revision, contact_id, playbook_id, playbook_name, playbook_version, "
        "started_at, stage, outcome, updated_at) "
        "SELECT '11111111-2222-4333-8444-555555555555', 'alice', 4, k.id, s.id, 'Old', '1', '2025-06-01 10:00', "
        "'discovery', 'Won', now() FROM salesdesk.contact AS k, salesdesk.playbook_snapshot AS s;"
        "INSERT INTO salesdesk.note (call_id, owner, at, text, updated_at) "
        "SELECT id, 'alice', '2025-06-01 10:05', 'Talked about the renewal', now() FROM salesdesk.call;"
    )
    team.passwords["alice"] = "old-secret"
    if version >= 2:
        team.admin_sql(
            "INSERT INTO salesdesk.call_search (call_id, owner, document) SELECT call_id, owner, "
            "salesdesk.search_document(contact, company, wrapup, answers, objections, notes) "
            "FROM salesdesk.call_search_source"
        )


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_every_older_server_is_migrated_with_its_data(team_server: TeamServer, pg_server, version: int, playbook):
    fresh_name = f"{team_server.database}_fresh"
    pg_server.create_database(fresh_name)
    try:
        fresh = TeamServer(pg_server, fresh_name)
        fresh.init()
        expected = shape(fresh)
    finally:
        pg_server.admin_sql(f'DROP DATABASE "{fresh_name}" WITH (FORCE)')

    with admin(team_server) as conn:
        assert schema.init_schema(conn, target=version).after == version
    _populate_old_server(team_server, version, playbook)
    rows_before = team_server.admin_sql("SELECT json_agg(c) FROM salesdesk.call AS c")
    with admin(team_server) as conn:
        result = schema.init_schema(conn)
    assert (result.before, result.after) == (version, schema.SCHEMA_VERSION)
    assert shape(team_server) == expected
    rows_after = json.loads(team_server.admin_sql("SELECT json_agg(c) FROM salesdesk.call AS c"))
    # Every value the old server held is kept; a column a later step added is filled.
    assert [{k: row[k] for k in old} for row, old in zip(rows_after, json.loads(rows_before), strict=True)] == (
        json.loads(rows_before)
    )
    if version < 4:
        assert [row["furthest_stage"] for row in rows_after] == [row["stage"] for row in rows_after]
    with team_server.connect("alice") as alice:
        hits = TeamReader(alice).history.search("zoe renewal").hits
        assert [hit.call.contact.name for hit in hits] == ["Zoë Ångström"]  # indexed by the migration


def test_a_newer_server_schema_is_refused_and_nothing_is_written(team: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    team.admin_sql("UPDATE salesdesk.schema_info SET value = '99'")
    with team.connect("alice") as alice, pytest.raises(TeamSchemaError, match=r"schema 99, newer than this SalesDesk"):
        push_call(alice, doc, 1)
    with admin(team) as conn, pytest.raises(TeamSchemaError, match="Update SalesDesk"):
        schema.init_schema(conn)
    with admin(team) as conn, pytest.raises(TeamSchemaError, match="newer"):
        schema.add_rep(conn, "carol")
    assert team.admin_sql("SELECT count(*) FROM salesdesk.call") == "0"
    assert team.admin_sql("SELECT count(*) FROM pg_roles WHERE rolname = 'carol'") == "0"
    assert team.admin_sql("SELECT value FROM salesdesk.schema_info") == "99"


def test_an_older_server_schema_is_refused_for_pushes(team_server: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    with admin(team_server) as conn:
        schema.init_schema(conn, target=1)
    team_server.admin_sql("CREATE ROLE alice LOGIN PASSWORD 'pw' IN ROLE salesdesk_rep")
    team_server.passwords["alice"] = "pw"
    with (
        team_server.connect("alice") as alice,
        pytest.raises(TeamSchemaError, match=rf"needs {schema.SCHEMA_VERSION}.*team init"),
    ):
        push_call(alice, doc, 1)


def test_a_database_without_a_team_schema_says_so(team_server: TeamServer, store, playbook):
    (doc,) = stored_calls(store, playbook, 1)
    team_server.admin_sql("CREATE ROLE carol LOGIN PASSWORD 'pw'")
    team_server.passwords["carol"] = "pw"
    with team_server.connect("carol") as carol, pytest.raises(TeamSchemaError, match="team init"):
        push_call(carol, doc, 1)
    team_server.admin_sql("CREATE SCHEMA salesdesk")
    with admin(team_server) as conn, pytest.raises(TeamSchemaError, match="did not create"):
        schema.init_schema(conn)


def test_reps_and_leads_log_in_with_the_password_add_rep_gave(team: TeamServer):
    assert team.psql("SELECT current_user", "alice").stdout.strip() == "alice"
    assert team.admin_sql("SELECT pg_has_role('lena', 'salesdesk_lead', 'MEMBER')") == "t"
    assert team.admin_sql("SELECT pg_has_role('alice', 'salesdesk_lead', 'MEMBER')") == "f"
    # The server stored a SCRAM verifier, not the password.
    assert team.admin_sql("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'alice'") == "t"
    with admin(team) as conn:
        with pytest.raises(TeamError, match="already exists"):
            schema.add_rep(conn, "alice")
        for bad in ("", "has space", "-x", "pg_admin", "salesdesk_rep", "a" * 64, "semi;colon"):
            with pytest.raises(TeamError):
                schema.add_rep(conn, bad)
        assert schema.add_rep(conn, "dana.sales@x", password="chosen one") == "chosen one"
    result = team.server.psql("SELECT current_user", database=team.database, user="dana.sales@x", password="chosen one")
    assert result.stdout.strip() == "dana.sales@x", result.stderr


# --------------------------------------------------------------------------- the CLI


def test_team_init_on_the_command_line(team_server: TeamServer, data_dir, capsys):
    assert main(["team", "init", team_server.admin_url]) == 0
    assert f"Team schema {schema.SCHEMA_VERSION} created" in capsys.readouterr().out
    assert main(["team", "init", team_server.admin_url]) == 0
    assert "up to date" in capsys.readouterr().out
    team_server.admin_sql("UPDATE salesdesk.schema_info SET value = '7'")
    assert main(["team", "init", team_server.admin_url]) == 1
    err = capsys.readouterr().err
    assert "team schema 7, newer than this SalesDesk" in err and "nothing was written" in err


def test_team_add_rep_on_the_command_line(team_server: TeamServer, data_dir, capsys, monkeypatch):
    team_server.init()
    assert main(["team", "add-rep", team_server.admin_url, "dana"]) == 0
    out = capsys.readouterr().out
    password = out.split("give it to dana): ", 1)[1].split()[0]
    assert f"Their team URL: postgresql://dana@/{team_server.database}?host=" in out
    assert (
        team_server.server.psql("SELECT 1", database=team_server.database, user="dana", password=password).returncode
        == 0
    )

    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret from stdin\n"))
    assert main(["team", "add-rep", team_server.admin_url, "erik", "--lead", "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert "Added lead erik" in out and "s3cret" not in out
    result = team_server.server.psql(
        "SELECT 1", database=team_server.database, user="erik", password="s3cret from stdin"
    )
    assert result.returncode == 0
    assert team_server.admin_sql("SELECT pg_has_role('erik', 'salesdesk_lead', 'MEMBER')") == "t"

    assert main(["team", "add-rep", team_server.admin_url, "dana"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["team", "add-rep", team_server.admin_url, "bad name"]) == 1
    assert "cannot be a login" in capsys.readouterr().err


def test_playbook_publish_on_the_command_line(team: TeamServer, data_dir, capsys, playbook):
    from salesdesk.team.passwords import store_password

    # No keyring here: the passwords go into the data folder's password file, which libpq reads.
    assert store_password(team.url("lena"), team.passwords["lena"], data_dir).endswith("team.pgpass")
    assert main(["playbook", "publish", playbook.name, "--url", team.url("lena")]) == 0
    assert "Published" in capsys.readouterr().out
    assert main(["playbook", "publish", playbook.name, "--url", team.url("lena")]) == 0
    assert "already published by lena" in capsys.readouterr().out
    store_password(team.url("bob"), team.passwords["bob"], data_dir)
    assert main(["playbook", "publish", playbook.name, "--url", team.url("bob")]) == 1
    assert "Only a team lead can publish" in capsys.readouterr().err
    assert team.admin_sql("SELECT count(*), min(digest) FROM salesdesk.team_playbook") == f"1|{playbook.digest()}"
