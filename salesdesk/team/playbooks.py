"""Team playbooks: leads publish immutable versions, every rep pulls them.

A published version is a playbook's JSON (``Playbook.to_json``) keyed by its content digest
(``Playbook.digest``, sha256 of that JSON; the server checks it). Publishing the same
content twice adds nothing. Only a member of salesdesk_lead may insert, and nobody may
change or delete a version (schema.py), so a call made with a version can always name it.

Each insert is announced on the NOTIFY channel ``salesdesk_playbook``. ``watch_playbooks``
listens on it from a worker thread, and asks the server every ``poll_seconds`` as well
(a notification sent while the rep was offline, or swallowed by a connection pooler, is
then found by the next poll).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from salesdesk.core.playbook import Playbook
from salesdesk.core.playbook_check import playbook_from_json
from salesdesk.team.connection import TeamConnection, classify, describe_target
from salesdesk.team.errors import TeamError, TeamPermissionError
from salesdesk.team.schema import PLAYBOOK_CHANNEL

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PublishedPlaybook:
    id: int
    name: str
    version: str
    digest: str
    published_by: str
    published_at: datetime


_COLUMNS = "id, name, version, digest, published_by, published_at"


def publish_playbook(conn: TeamConnection, playbook: Playbook) -> tuple[PublishedPlaybook, bool]:
    """Publish ``playbook`` for the team (leads only); (the version, whether it is new)."""
    digest = playbook.digest()
    try:
        with conn.transaction() as raw:
            inserted = raw.execute(
                "INSERT INTO team_playbook (digest, name, version, body) VALUES (%s, %s, %s, %s) "
                f"ON CONFLICT (digest) DO NOTHING RETURNING {_COLUMNS}",
                (digest, playbook.name, playbook.version, playbook.to_json()),
            ).fetchone()
            row = (
                inserted or raw.execute(f"SELECT {_COLUMNS} FROM team_playbook WHERE digest = %s", (digest,)).fetchone()
            )
    except TeamPermissionError as exc:
        raise TeamPermissionError(
            f"Only a team lead can publish playbooks, and {conn.login or 'this login'} is not one "
            f"(the server refused: {exc})"
        ) from exc
    return PublishedPlaybook(*row), inserted is not None


def list_published(conn: TeamConnection, after_id: int = 0) -> list[PublishedPlaybook]:
    """Published versions with an id above ``after_id``, oldest first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM team_playbook WHERE id > %s ORDER BY id", (after_id,))
    return [PublishedPlaybook(*row) for row in rows]


def latest_versions(conn: TeamConnection) -> list[PublishedPlaybook]:
    """The newest published version of each playbook name."""
    rows = conn.execute(f"SELECT DISTINCT ON (name) {_COLUMNS} FROM team_playbook ORDER BY name, id DESC")
    return [PublishedPlaybook(*row) for row in rows]


def fetch_playbook(conn: TeamConnection, digest: str) -> Playbook:
    """The published version with this digest, checked against it."""
    rows = conn.execute("SELECT body FROM team_playbook WHERE digest = %s", (digest,))
    if not rows:
        raise TeamError(f"The team server has no published playbook {digest[:12]}….")
    playbook = playbook_from_json(rows[0][0])
    if playbook.digest() != digest:
        raise TeamError(f"The team playbook {digest[:12]}… does not match its digest; it was not used.")
    return playbook


def watch_playbooks(
    open_connection: Callable[[], object],
    on_new: Callable[[list[PublishedPlaybook]], None],
    stop: threading.Event,
    *,
    after_id: int = 0,
    poll_seconds: float = 30.0,
    retry_seconds: float = 5.0,
    on_error: Callable[[TeamError], None] | None = None,
) -> int:
    """Call ``on_new(versions)`` for every version published after ``after_id``, as they
    come, until ``stop`` is set; returns the last id seen. For a worker thread.

    ``open_connection()`` returns a new autocommit psycopg connection (for instance
    ``lambda: listen_connection(url, password=...)``); LISTEN needs one of its own. While
    the server cannot be reached, ``on_error`` hears why and the watcher retries every
    ``retry_seconds``; a poll every ``poll_seconds`` catches what a notification missed."""
    seen = [after_id]  # the last id delivered; kept across reconnects
    while not stop.is_set():
        try:
            raw = open_connection()
        except TeamError as exc:
            if on_error is not None:
                on_error(exc)
            stop.wait(retry_seconds)
            continue
        try:
            _listen(raw, on_new, stop, seen, poll_seconds)
        except Exception as exc:
            error = classify(exc, describe_target(_params_of(raw)))
            log.info("team playbook watcher: %s", error)
            if on_error is not None:
                on_error(error)
            stop.wait(retry_seconds)
        finally:
            with contextlib.suppress(Exception):  # the server may be gone
                raw.close()
    return seen[0]


def _params_of(raw) -> dict[str, str]:
    try:
        return {k: str(v) for k, v in raw.info.get_parameters().items()}
    except Exception:
        return {}


def _listen(raw, on_new, stop: threading.Event, seen: list[int], poll_seconds: float) -> None:
    import time

    raw.execute(f"LISTEN {PLAYBOOK_CHANNEL}")
    next_poll = 0.0  # poll at once: what was published while not listening
    while not stop.is_set():
        if time.monotonic() >= next_poll:
            rows = raw.execute(f"SELECT {_COLUMNS} FROM team_playbook WHERE id > %s ORDER BY id", (seen[0],)).fetchall()
            if rows:
                versions = [PublishedPlaybook(*row) for row in rows]
                seen[0] = versions[-1].id
                on_new(versions)
            next_poll = time.monotonic() + poll_seconds
        # Short waits, so that ``stop`` is seen within half a second.
        for notice in raw.notifies(timeout=0.5, stop_after=1):
            try:
                announced = int(json.loads(notice.payload).get("id", 0))
            except (ValueError, AttributeError):
                announced = seen[0] + 1
            if announced > seen[0]:
                next_poll = 0.0  # read it (and anything else new) now


def listen_connection(url: str, **options):
    """A new autocommit psycopg connection for ``watch_playbooks`` (same URL and timeouts
    as TeamConnection)."""
    from salesdesk.team.connection import connection_params, load_psycopg

    psycopg = load_psycopg()
    params = connection_params(url, **options)
    try:
        return psycopg.connect(autocommit=True, **params)
    except psycopg.Error as exc:
        raise classify(exc, describe_target(params)) from exc
