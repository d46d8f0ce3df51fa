"""Team mode on a big team server, next to the same calls in a local SQLite.

    python bench/team.py [--calls N] [--reps R] [--clients C] [--seconds S] [--drain D]

Starts a throwaway PostgreSQL server (the test suite's: initdb and pg_ctl in a temporary
folder, Unix socket only; tests/team/pgserver.py), sets it up with ``team init``, adds R
reps (20) and fills it with N made-up calls (100,000, ten notes each; the same generator
and seed as bench/history.py) owned by the reps in turn, written with COPY. The same calls
go into a local SQLite data folder (salesdesk.devtools.bulk_insert). Then, in this one run:

  local_search_p95_ms  full-text search (bench/history.py's 50 queries) on the local store
  team_search_p95_ms   the same queries on the server, as a rep (row-level security on),
                       through the same query code (target: within 2x of local, < 100 ms)
  team_insights_ms     every aggregate of the insights over all team calls (< 1 s)
  concurrent_clients   C clients (one per rep) pushing new calls and new revisions of their
                       own calls for S seconds; then ``lost`` (a call missing, or older or
                       with fewer notes than its last push) and ``duplicated`` (more rows
                       than pushed) must both be 0
  drain_10k_s          D (10,000) calls pushed one after another with push_call on one
                       connection. NOT the outbox's drain yet: the outbox (issue 14) adds
                       reading its queue; this is the server side of it (< 60 s)
  push_one_ms          TODO, null here: "a change visible on the server" needs the outbox
                       and its debounce (issue 15, after issue 14)

The machine is shared and small (2 cores): figures are noisy, run it twice. The last line
is JSON with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from history import percentile, search_queries  # bench/history.py

from salesdesk.core.calls_file import call_to_dict
from salesdesk.core.filters import CallFilter
from salesdesk.core.playbook_check import default_playbook
from salesdesk.devtools import bulk_insert
from salesdesk.devtools.sample_calls import NOTES_PER_CALL, sample_calls
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.rows import CALL_ROW_COLUMNS, CHILD_ROW_COLUMNS, ChildRows, call_row
from salesdesk.team import schema
from salesdesk.team.connection import TeamConnection
from salesdesk.team.push import push_call
from salesdesk.team.reader import TeamReader
from tests.team.pgserver import PostgresServer

SEED = 1  # sample_calls' default: the same calls as bench/history.py


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if os.environ.get("SALESDESK_PG_BIN"):
        return Path(os.environ["SALESDESK_PG_BIN"])
    if not found:
        raise SystemExit("PostgreSQL is not installed (Debian: apt-get install postgresql postgresql-contrib)")
    return found[-1].parent


# --------------------------------------------------------------------------- filling


def fill_local(data_dir: Path, calls: int) -> float:
    started = time.perf_counter()
    init_db(data_dir)
    bulk_insert.insert_calls(CallStore(), sample_calls(calls, default_playbook(), seed=SEED), rebuild_index=True)
    close_db()
    return time.perf_counter() - started


# The rows a whole call is written as (storage/rows.py), with the server's owner (and revision).
_CALL_COLUMNS = ", ".join(("id", *CALL_ROW_COLUMNS, "owner", "revision"))
_CHILD_COPY = {table: f"{table} ({', '.join((*columns, 'owner'))})" for table, columns in CHILD_ROW_COLUMNS.items()}


def fill_server(admin: TeamConnection, calls: int, reps: list[str]) -> float:
    """The same calls on the server, with COPY (as the admin, who may set each row's owner)."""
    started = time.perf_counter()
    playbook = default_playbook()
    raw = admin.raw()
    now = datetime.now(UTC).replace(tzinfo=None)
    with raw.transaction():
        raw.execute(
            "INSERT INTO playbook_snapshot (id, digest, name, version, body, created_at) "
            "VALUES (1, %s, %s, %s, %s, %s)",
            (playbook.digest(), playbook.name, playbook.version, playbook.to_json(), now),
        )
        contacts: dict[tuple, int] = {}
        cursor = raw.cursor()
        batch = 5000
        generated = sample_calls(calls, playbook, seed=SEED)
        number = 0
        while True:
            chunk = []
            for call in generated:
                chunk.append(call)
                if len(chunk) == batch:
                    break
            if not chunk:
                break
            new_contacts, call_rows = [], []
            children = ChildRows()
            for call in chunk:
                number += 1
                owner = reps[number % len(reps)]
                key = (owner, call.contact.name, call.contact.company, call.contact.email, call.contact.phone)
                if key not in contacts:
                    contacts[key] = len(contacts) + 1
                    new_contacts.append((contacts[key], *key, now))
                call_rows.append((number, *call_row(call, call.uid, contacts[key], 1, now), owner, 1))
                children.add(number, call, now)
            with cursor.copy("COPY contact (id, owner, name, company, email, phone, created_at) FROM STDIN") as copy:
                for row in new_contacts:
                    copy.write_row(row)
            with cursor.copy(f"COPY call ({_CALL_COLUMNS}) FROM STDIN") as copy:
                for row in call_rows:
                    copy.write_row(row)
            owner_of = {row[0]: row[-2] for row in call_rows}
            for name, target in _CHILD_COPY.items():
                with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                    for row in children.tables[name]:
                        copy.write_row((*row, owner_of[row[0]]))
            print(f"  server: {number:,} calls ({time.perf_counter() - started:.0f} s)", flush=True)
        print("  server: search documents…", flush=True)
        raw.execute(
            f"INSERT INTO call_search (call_id, owner, document) "
            f"SELECT call_id, owner, {schema.INDEX_DOCUMENT} FROM call_search_source"
        )
        for table in (*schema.OWNED_TABLES, "playbook_snapshot"):  # identities past the ids COPY wrote
            raw.execute(
                f"SELECT setval(pg_get_serial_sequence('salesdesk.{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM salesdesk.{table}))"
            )
    raw.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


# --------------------------------------------------------------------------- measuring


def timed_searches(history, queries: list[str]) -> list[float]:
    for query in queries[:5]:  # warm the connection and the caches, as a first search does
        history.search(query)
    times = []
    for query in queries:
        started = time.perf_counter()
        history.search(query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def concurrent_pushes(server: PostgresServer, database: str, passwords: dict[str, str], seconds: float) -> dict:
    """One client per rep, each pushing new calls and new revisions of its own calls."""
    playbook = default_playbook()
    expected: dict[str, tuple[int, int]] = {}  # uid -> (revision, notes) of its last completed push
    lock = threading.Lock()
    errors: list[BaseException] = []
    counts = {"pushes": 0}
    deadline = 0.0  # set when the clients start

    # Made before the clock starts: generating calls is not what is measured.
    fresh_calls = {
        rep: [call_to_dict(c) for c in sample_calls(1500, playbook, seed=1000 + n)]
        for n, rep in enumerate(sorted(passwords))
    }

    def client(number: int, rep: str) -> None:
        rng = random.Random(number)
        mine: list[dict] = []
        fresh = iter(fresh_calls[rep])
        try:
            with TeamConnection.open(server.url(database, rep), password=passwords[rep]) as conn:
                while time.monotonic() < deadline:
                    if not mine or rng.random() < 0.5:
                        doc, revision = next(fresh), 1
                        mine.append(doc)
                    else:
                        doc = rng.choice(mine)
                        revision = expected[doc["uid"]][0] + 1
                        doc["outcome"] = f"revision {revision}"
                        doc["notes"] = doc["notes"][: rng.randint(0, len(doc["notes"]))]
                    push_call(conn, doc, revision, playbook=playbook)
                    with lock:
                        expected[doc["uid"]] = (revision, len(doc["notes"]))
                        counts["pushes"] += 1
        except BaseException as exc:
            errors.append(exc)

    reps = sorted(passwords)
    threads = [threading.Thread(target=client, args=(n, rep)) for n, rep in enumerate(reps)]
    deadline = time.monotonic() + seconds  # the clients read it when they start
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    uids = list(expected)
    rows = server.psql(
        "SELECT c.uid, c.revision, (SELECT count(*) FROM salesdesk.note AS n WHERE n.call_id = c.id) "
        f"FROM salesdesk.call AS c WHERE c.uid IN ({','.join(repr(u) for u in uids)})",
        database=database,
    ).stdout.split()
    found: dict[str, list[tuple[int, int]]] = {}
    for line in rows:
        uid, revision, notes = line.split("|")
        found.setdefault(uid, []).append((int(revision), int(notes)))
    lost = sum(1 for uid, want in expected.items() if uid not in found or found[uid][0] < want)
    duplicated = sum(max(0, len(rows) - 1) for rows in found.values())
    duplicated += sum(1 for uid, want in expected.items() if uid in found and found[uid][0][1] > want[1])
    return {
        "clients": len(threads),
        "pushes": counts["pushes"],
        "seconds": elapsed,
        "calls": len(expected),
        "lost": lost,
        "duplicated": duplicated,
        "errors": [str(e) for e in errors[:3]],
    }


def drain(conn: TeamConnection, count: int) -> float:
    playbook = default_playbook()
    docs = [call_to_dict(call) for call in sample_calls(count, playbook, seed=777)]
    started = time.perf_counter()
    for doc in docs:
        push_call(conn, doc, 1, playbook=playbook)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100_000, help="calls on the server and locally (10 notes each)")
    parser.add_argument("--reps", type=int, default=20, help="reps the calls belong to (and concurrent clients)")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the concurrent clients push")
    parser.add_argument("--drain", type=int, default=10_000, help="calls pushed one after another")
    parser.add_argument("--queries", type=int, default=50, help="search queries to time")
    args = parser.parse_args()

    print("Starting a throwaway PostgreSQL server…", flush=True)
    server = PostgresServer.create(postgres_bin(), shared_buffers="512MB", work_mem="16MB")
    temporary = tempfile.TemporaryDirectory(prefix="salesdesk-team-bench-")
    try:
        database = "team_bench"
        server.create_database(database)
        reps = [f"rep{n:02}" for n in range(args.reps)]
        with TeamConnection.open(server.url(database), purpose="admin") as admin:
            schema.init_schema(admin)
            passwords = {rep: schema.add_rep(admin, rep) for rep in reps}
            print(f"Filling the server with {args.calls:,} calls of {len(reps)} reps…", flush=True)
            server_fill = fill_server(admin, args.calls, reps)
        size = server.admin_sql("SELECT pg_size_pretty(pg_database_size('team_bench'))")
        print(f"  {server_fill:.0f} s, database {size}", flush=True)

        data_dir = Path(temporary.name) / "data"
        print(f"Filling a local data folder with the same {args.calls:,} calls…", flush=True)
        local_fill = fill_local(data_dir, args.calls)
        print(f"  {local_fill:.0f} s", flush=True)

        init_db(data_dir)
        store = CallStore()
        queries = search_queries(store, args.queries)
        local_times = timed_searches(store.history, queries)
        local_insights = [timed_ms(lambda: store.history.insights(CallFilter())) for _ in range(3)]
        close_db()

        with TeamConnection.open(server.url(database, reps[0]), password=passwords[reps[0]]) as rep:
            reader = TeamReader(rep)
            with rep.guard():
                team_calls = reader.history.count()
                team_times = timed_searches(reader.history, queries)
                team_insights = [timed_ms(lambda: reader.history.insights(CallFilter())) for _ in range(3)]

        print(f"{len(reps)} clients pushing for {args.seconds:.0f} s…", flush=True)
        concurrent = concurrent_pushes(server, database, passwords, args.seconds)
        print(f"Pushing {args.drain:,} calls one after another…", flush=True)
        with TeamConnection.open(server.url(database, reps[1]), password=passwords[reps[1]]) as rep:
            drain_s = drain(rep, args.drain)
    finally:
        close_db()
        server.destroy()
        temporary.cleanup()

    figures = {
        "calls": team_calls,
        "reps": len(reps),
        "notes": team_calls * NOTES_PER_CALL,
        "local_search_p50_ms": round(percentile(local_times, 0.5), 1),
        "local_search_p95_ms": round(percentile(local_times, 0.95), 1),
        "team_search_p50_ms": round(percentile(team_times, 0.5), 1),
        "team_search_p95_ms": round(percentile(team_times, 0.95), 1),
        "local_insights_ms": round(statistics.median(local_insights), 1),
        "team_insights_ms": round(statistics.median(team_insights), 1),
        "concurrent_clients": concurrent["clients"],
        "concurrent_pushes": concurrent["pushes"],
        "lost": concurrent["lost"],
        "duplicated": concurrent["duplicated"],
        "drain_10k_s": round(drain_s * 10_000 / args.drain, 1),
        "drain_method": "push_call loop, one connection (no outbox yet)",
        "push_one_ms": None,  # TODO(issue 15, after 14): needs the outbox and its debounce
    }
    ratio = figures["team_search_p95_ms"] / max(figures["local_search_p95_ms"], 0.1)
    rows = [
        ("full-text search, local SQLite", local_times, "—"),
        ("full-text search, team server", team_times, f"< 100 ms, ≤ 2x local (now {ratio:.1f}x)"),
        ("insights, all calls, local", local_insights, "—"),
        ("insights, all team calls", team_insights, "< 1000 ms"),
    ]
    print()
    print(f"{'':34} {'median':>8} {'p95':>8} {'min':>8} {'max':>8}  target")
    for label, values, target in rows:
        print(
            f"{label:34} {statistics.median(values):8.1f} {percentile(values, 0.95):8.1f} "
            f"{min(values):8.1f} {max(values):8.1f}  {target}"
        )
    print(
        f"{concurrent['clients']} concurrent clients: {concurrent['pushes']:,} pushes of {concurrent['calls']:,} "
        f"calls in {concurrent['seconds']:.0f} s; lost {concurrent['lost']}, duplicated {concurrent['duplicated']}"
        + (f"; errors: {concurrent['errors']}" if concurrent["errors"] else "")
    )
    slowest = sorted(zip(team_times, local_times, queries, strict=True), reverse=True)[:5]
    print("slowest team searches: " + "; ".join(f"{q!r} {t:.0f} ms (local {lt:.0f} ms)" for t, lt, q in slowest))
    print(f"drain: {args.drain:,} calls with push_call in {drain_s:.1f} s (target for 10k: < 60 s)")
    print("push_one_ms: TODO (needs the outbox and its debounce; comes after issue 14)")
    print(f"server filled in {server_fill:.0f} s ({size}), local in {local_fill:.0f} s; a shared 2-core machine: noisy")
    print(json.dumps(figures))
    return 0


def timed_ms(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    sys.exit(main())
