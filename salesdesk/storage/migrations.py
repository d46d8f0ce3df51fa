"""Schema versions and the steps between them.

A new database is created from the current models and stamped with SCHEMA_VERSION. An
older one is brought forward one version at a time: STEPS[n] turns schema n-1 into n, with
``playhouse.migrate`` operations so it runs on SQLite and PostgreSQL alike. Each step runs in
its own transaction together with the new version stamp, so a failed step changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the start-up reader imports SCHEMA_VERSION without Peewee
    from peewee import Database

#: Schema 1: contacts, calls, playbook snapshots, qualification, ticks, answers,
#: objections and notes.
#: Schema 2: the full-text search index (storage/search.py), filled from the calls, and an
#: index over call dates and outcomes for the insights.
SCHEMA_VERSION = 2

MigrationStep = Callable[["Database"], None]


def _add_search_index(_db: Database) -> None:
    from salesdesk.storage import search  # SQLite-only, like the index it creates
    from salesdesk.storage.models import Call

    search.rebuild()
    Call._schema.create_indexes(safe=True)


#: version -> step that upgrades a database from version - 1 to version.
STEPS: dict[int, MigrationStep] = {2: _add_search_index}


def migrate(db: Database, from_version: int, on_step: Callable[[int], None]) -> list[int]:
    """Run every step after ``from_version``; ``on_step(v)`` stamps version v in the same transaction."""
    applied = []
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        step = STEPS.get(version)
        if step is None:
            raise RuntimeError(f"no migration step to schema version {version}")
        with db.atomic():
            step(db)
            on_step(version)
        applied.append(version)
    return applied
