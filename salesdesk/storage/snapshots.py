"""Playbook snapshots: the exact playbook each call was started with, parsed once.

A call row points at its snapshot (``playbook_snapshot``: the playbook as JSON, with a
content digest). Everything that turns rows into calls, names stages or questions, or
writes whole calls asks one ``PlaybookSnapshots`` for them: the store, the history
queries, the bulk reader, an import and the team server's reader (given its own tables).
A snapshot never changes once written, so a parsed one is kept for as long as its owner
(a CallStore, a TeamReader, one export) lives.

Cheap to import (no Peewee): the first-paint reader parses the open call's snapshot with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from salesdesk.core.playbook import Playbook
from salesdesk.core.playbook_check import playbook_from_json

#: Snapshot ids per ``IN (...)`` list: well below every backend's limit on query parameters.
CHUNK = 500


class PlaybookSnapshots:
    """Parsed playbook snapshots by row id. ``tables``: the models to read them from (the
    local ones, storage/tables.py, by default; the team server's: team/tables.py).
    ``one_transaction``: every ``id_for`` runs in one transaction (an import, a batch of
    bulk loading), so a playbook object is looked up once; otherwise a rollback could take
    a row with it that a memo would still name."""

    def __init__(self, tables: Any = None, *, one_transaction: bool = False):
        self._tables = tables
        self._one_transaction = one_transaction
        self._parsed: dict[int, Playbook] = {}
        self._by_object: dict[int, int] = {}  # id(playbook) -> snapshot id, for writers
        self._keep: list[Playbook] = []  # keeps those id() values unique while cached

    @property
    def tables(self):
        if self._tables is None:
            from salesdesk.storage import tables

            self._tables = tables
        return self._tables

    def playbook(self, snapshot_id: int) -> Playbook:
        """The playbook of one snapshot (read and parsed on first use)."""
        playbook = self._parsed.get(snapshot_id)
        if playbook is None:
            self.load([snapshot_id])
            playbook = self._parsed[snapshot_id]
        return playbook

    def load(self, snapshot_ids: Iterable[int]) -> None:
        """Read and parse the snapshots not parsed yet, a few hundred per query."""
        missing = sorted(set(snapshot_ids) - set(self._parsed))
        if not missing:
            return
        s = self.tables.PlaybookSnapshot
        database = s._meta.database
        for start in range(0, len(missing), CHUNK):
            query = s.select(s.id, s.body).where(s.id.in_(missing[start : start + CHUNK]))
            for snapshot_id, body in database.execute(query).fetchall():
                self.parsed(snapshot_id, body)
        unknown = [snapshot_id for snapshot_id in missing if snapshot_id not in self._parsed]
        if unknown:
            raise LookupError(f"no playbook snapshot with id {unknown[0]}")

    def parsed(self, snapshot_id: int, body: str) -> Playbook:
        """The snapshot whose stored text is ``body`` (parsed unless it already was)."""
        playbook = self._parsed.get(snapshot_id)
        if playbook is None:
            playbook = self._parsed[snapshot_id] = playbook_from_json(body)
        return playbook

    def id_for(self, playbook: Playbook) -> int:
        """The id of the snapshot row of ``playbook`` (by content digest), written when new."""
        snapshot_id = self._by_object.get(id(playbook))
        if snapshot_id is not None:
            return snapshot_id
        from salesdesk.core.call import utcnow
        from salesdesk.storage.rows import to_db

        s = self.tables.PlaybookSnapshot
        digest = playbook.digest()
        row = s.select(s.id).where(s.digest == digest).tuples().first()
        if row is not None:
            (snapshot_id,) = row
        else:
            snapshot_id = s.insert(
                digest=digest,
                name=playbook.name,
                version=playbook.version,
                body=playbook.to_json(),
                created_at=to_db(utcnow()),
            ).execute()
        self._parsed.setdefault(snapshot_id, playbook)
        if self._one_transaction:
            self._by_object[id(playbook)] = snapshot_id
            self._keep.append(playbook)
        return snapshot_id
