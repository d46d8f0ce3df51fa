"""Reading whole calls: one call (``CallStore.load_call``) or ten thousand (an export), on the
local tables or the team server's, in a few queries per table.

Each table is read in a few bulk queries over chunks of call ids, never one query per call,
as raw rows (``database.execute``: no model instances, no per-value conversion), and turned
into calls by the one mapper (rows.py). Backend-neutral: nothing here is SQLite-specific.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peewee import chunked

from salesdesk.core.call import CallState
from salesdesk.core.calls_file import gc_paused
from salesdesk.storage import rows
from salesdesk.storage.guard import guarded
from salesdesk.storage.snapshots import PlaybookSnapshots

#: Ids per ``IN (...)`` list: well below every backend's limit on query parameters.
CHUNK = 500
#: A run of at least this many ids filling half its range is read with one BETWEEN.
DENSE_RUN = 50


def raw_rows(query) -> list[tuple]:
    """Raw rows of a query (on its models' database): no model instances, no per-value conversion."""
    return list(query.model._meta.database.execute(query).fetchall())


def id_batches(ids: Sequence[int]) -> list[tuple[int, int, list[int] | None]]:
    """How to fetch the rows of these calls in few queries: ``(low, high, None)`` for a run of
    ids that fills at least half of its range (one BETWEEN; the few rows not wanted are
    dropped in Python), ``(0, 0, ids)`` for the scattered rest (IN lists of CHUNK ids)."""
    ordered = sorted(set(ids))
    dense: list[tuple[int, int, list[int] | None]] = []
    scattered: list[int] = []
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and ordered[end] - ordered[start] < 2 * (end - start + 1):
            end += 1
        if end - start >= DENSE_RUN:
            dense.append((ordered[start], ordered[end - 1], None))
            start = end
        else:
            scattered.append(ordered[start])
            start += 1
    return dense + [(0, 0, chunk) for chunk in chunked(scattered, CHUNK)]


def _where_call(column, batch: tuple[int, int, list[int] | None]):
    low, high, listed = batch
    return column.in_(listed) if listed is not None else column.between(low, high)


@guarded
def load_calls(
    call_ids: Sequence[int],
    snapshots: PlaybookSnapshots | None = None,
    *,
    checklist_and_answers: bool = True,
    tables: Any = None,
) -> list[CallState]:
    """The calls with these ids, complete, in the order given (unknown ids are left out).

    ``snapshots`` keeps the parsed playbooks (a new cache when None).
    ``checklist_and_answers=False`` leaves ticks and answers empty, for a CSV export, which
    has no column for them (they are most of the rows). ``tables``: other models with the
    same names and fields (the team server's, salesdesk/team/tables.py); the local ones
    by default."""
    if tables is None:
        from salesdesk.storage import tables
    snapshots = snapshots if snapshots is not None else PlaybookSnapshots(tables)
    with gc_paused():
        return _load_calls(call_ids, snapshots, checklist_and_answers, tables)


def _load_calls(
    call_ids: Sequence[int], snapshots: PlaybookSnapshots, checklist_and_answers: bool, m: Any
) -> list[CallState]:
    wanted = set(call_ids)
    found: list[tuple] = []
    batches = id_batches(call_ids)
    c, k = m.Call, m.Contact
    columns = [c._meta.columns[name] for name in rows.CALL_COLUMNS] + [
        k._meta.columns[name] for name in rows.CONTACT_COLUMNS
    ]
    for batch in batches:
        query = c.select(*columns).join(k, on=(c.contact == k.id)).where(_where_call(c.id, batch))
        found += [row for row in raw_rows(query) if row[0] in wanted]
    snapshots.load({row[rows.SNAPSHOT_ID] for row in found})
    calls = {row[0]: rows.call_from_row(row, snapshots.playbook(row[rows.SNAPSHOT_ID])) for row in found}

    children = [child for child in rows.CHILD_TABLES if child.always or checklist_and_answers]
    for batch in batches:
        for child in children:
            model = getattr(m, child.model)
            fields = model._meta.columns
            call = fields["call_id"]
            query = model.select(call, *(fields[name] for name in child.columns)).where(_where_call(call, batch))
            if child.order:
                query = query.order_by(call, *(fields[name] for name in child.order))
            add = child.add
            for call_id, *values in raw_rows(query):
                state = calls.get(call_id)
                if state is not None:
                    add(state, values)
    return [calls[cid] for cid in call_ids if cid in calls]
