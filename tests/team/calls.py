"""Calls for the team tests: made up, stored in a real local SQLite store, read back as
the lossless JSON a rep's SalesDesk pushes (the same path the outbox will take)."""

from __future__ import annotations

from datetime import UTC, datetime

from salesdesk.core.calls_file import call_to_dict
from salesdesk.core.playbook import Playbook
from salesdesk.devtools import bulk_insert
from salesdesk.devtools.sample_calls import sample_calls
from salesdesk.storage import CallStore
from salesdesk.storage.reader import load_calls

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=UTC)


def stored_calls(store: CallStore, playbook: Playbook, count: int, seed: int = 11) -> list[dict]:
    """``count`` made-up calls written to the local store, as their JSON documents."""
    ids = bulk_insert.insert_calls(store, sample_calls(count, playbook, seed=seed, days=60, now=NOW))
    return [call_to_dict(call) for call in load_calls(ids)]


def documents_on_server(reader, uids: list[str]) -> dict[str, dict]:
    """What the server holds for these calls, as the same JSON documents."""
    return {call.uid: call_to_dict(call) for call in reader.load_calls(uids)}


def server_counts(team, tables=("call", "contact", "note", "answer", "checklist_tick", "objection_log")) -> dict:
    counts = {}
    for table in tables:
        counts[table] = int(team.admin_sql(f"SELECT count(*) FROM salesdesk.{table}"))
    return counts
