"""Frozen schemas: every database layout SalesDesk has ever created, with sample data.

``vN.py`` holds the SQL that schema version N created, copied once and never edited
afterwards, and ``populate(con)`` that writes SAMPLE into those tables as version N
stored it. tests/storage/test_migrations.py builds a database of every version from
these, opens it with today's init_db (which migrates it) and checks that all data arrives.

When a migration to version N is added, add ``vN.py`` (dump ``sqlite_master`` of a fresh
database of version N) and list it in FROZEN. A test fails until that is done.
"""

from __future__ import annotations

import json

from tests.storage.schemas import v1, v2, v3, v4, v5

#: version -> module with SCHEMA (list of SQL statements) and populate(con).
FROZEN = {1: v1, 2: v2, 3: v3, 4: v4, 5: v5}

#: "table.column" whose values a later migration changes on purpose (e.g. converts), so
#: the "every old value is still there" check skips them. Say why next to each entry.
TRANSFORMED_COLUMNS: dict[str, str] = {
    "schema_info.value": "the schema version row: every migration stamps its new number",
}

#: A small playbook as calls snapshot it (the playbook JSON format, version 1).
PLAYBOOK = {
    "format": 1,
    "name": "Frozen test playbook",
    "version": "1",
    "language": "en",
    "description": "",
    "qualification": {"need": "What hurts?"},
    "stages": [
        {
            "key": "opening",
            "title": "Opening",
            "goal": "Say hello",
            "checklist": [{"key": "intro", "text": "Introduce yourself"}, {"key": "agenda", "text": "Set agenda"}],
            "questions": [{"key": "why-now", "text": "Why now?"}],
        },
        {
            "key": "discovery",
            "title": "Discovery",
            "goal": "",
            "checklist": [{"key": "pain", "text": "Find the pain"}],
            "questions": [{"key": "pain-points", "text": "What hurts?", "hint": "Dig"}],
        },
    ],
    "objections": [{"key": "price", "title": "Too expensive", "triggers": [], "rebuttals": ["Value"], "why": ""}],
    "closes": [],
}
PLAYBOOK_JSON = json.dumps(PLAYBOOK, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

#: What every version's populate() stores; what the current store must read back.
SAMPLE = {
    "open_contact": ("Zoë Ångström", "Ünïcode AB", "zoe@example.se", "+46 8 123"),
    "ended_contact": ("Bob <b>Bold</b>", "", "", ""),
    "started_at": "2024-03-01 09:30:00",
    "ended_started_at": "2024-02-01 10:00:00",
    "ended_at": "2024-02-01 10:25:00",
    "outcome": "Meeting booked",
    "next_step": "Send the proposal",
    "next_step_due": "2024-02-08",
    "stage": "discovery",
    "ticks": [("opening", "intro"), ("opening", "agenda")],
    "answers": {"why-now": "Budget frees up in Q2", "pain-points": "multi\nline 🙂"},
    "qualification": {"need": "Route planning", "budget": "€40–60k", "timeline": "", "authority": "COO"},
    "objection": ("price", "Too expensive", True, "Showed the ROI"),
    "notes": [("2024-03-01 09:31:00", "First note", False), ("2024-03-01 09:40:00", "typing…", True)],
}
