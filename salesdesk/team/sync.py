"""The rep's side of team mode: which team this laptop is in, pushing the outbox, pulling
team playbooks, and the worker that does it in the background.

- ``team.json`` in the data folder says which server (the rep's libpq URL, no password:
  that is in the keyring or the password file, passwords.py) and what was pulled;
  ``team-status.json`` beside it what the last sync did (last push, last error). No Qt, no
  Peewee models of the server here: the outbox is storage/outbox.py, a push is push.py.
- ``sync_once`` pushes every pending call whole, newest first, in batches (push_calls: one
  server transaction a batch, each call idempotent by uid and revision), and marks each
  pushed for the revision it read, so a change made meanwhile stays pending. A call the
  server has a newer revision of (a restored backup) goes past it and is pushed again.
- ``SyncWorker`` is a thread: poked on every local change, it waits until the rep has
  paused (DEBOUNCE_SECONDS) and pushes; offline it backs off (BACKOFF_SECONDS, doubling to
  MAX_BACKOFF_SECONDS) and says so; nothing it does blocks the caller.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from salesdesk.core.files import write_atomically
from salesdesk.team.errors import (
    TeamAuthError,
    TeamConfigError,
    TeamError,
    TeamPermissionError,
    TeamSchemaError,
    TeamUnavailableError,
)

log = logging.getLogger(__name__)

CONFIG_NAME = "team.json"
STATUS_NAME = "team-status.json"
#: A change is pushed once the rep has paused this long (a burst of ticks is one push)...
DEBOUNCE_SECONDS = 1.0
#: ...but never later than this after the first change of the burst.
MAX_DELAY_SECONDS = 3.0
#: Without a poke (a change by another process, the CLI), the outbox is looked at this often.
POLL_SECONDS = 5.0
BACKOFF_SECONDS = 2.0
MAX_BACKOFF_SECONDS = 60.0
#: While no playbook watcher is listening (none asked for, or its connection dropped), the
#: worker pulls playbooks this often; a listening watcher has it pull on each NOTIFY instead.
PULL_SECONDS = 60.0
#: The watcher's own poll on its listening connection (a notification a pooler swallowed).
WATCH_POLL_SECONDS = 300.0
#: The watcher tries to listen again this often after its connection dropped.
WATCH_RETRY_SECONDS = 5.0
TEAM_PLAYBOOK_PREFIX = "team-"


# --------------------------------------------------------------------------- config, status


@dataclass
class TeamConfig:
    url: str
    login: str
    joined_at: str
    #: Pulled team playbooks: file name in the playbook folder -> {name, version, digest, published_by}.
    playbooks: dict[str, dict] = field(default_factory=dict)


def config_path(data_dir: Path) -> Path:
    return data_dir / CONFIG_NAME


def read_config(data_dir: Path) -> TeamConfig | None:
    """The team this data folder is in, or None (team mode off)."""
    path = config_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return TeamConfig(
            url=str(data["url"]),
            login=str(data.get("login", "")),
            joined_at=str(data.get("joined_at", "")),
            playbooks={str(k): dict(v) for k, v in dict(data.get("playbooks", {})).items()},
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TeamConfigError(f"{path} cannot be read ({exc}); `salesdesk team leave` removes it.") from exc


def write_config(data_dir: Path, config: TeamConfig) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(config_path(data_dir), json.dumps(asdict(config), indent=2).encode("utf-8"))


@dataclass
class SyncStatus:
    """What the last sync did; ``state`` is "up to date", "offline", "error" or "" (never synced)."""

    state: str = ""
    last_push: str = ""  # ISO time of the last push the server confirmed
    last_attempt: str = ""
    last_error: str = ""
    pending: int = 0
    #: The server refused the password (an admin changed it): the rep must type the new one.
    needs_password: bool = False


def read_status(data_dir: Path) -> SyncStatus:
    try:
        data = json.loads((data_dir / STATUS_NAME).read_text(encoding="utf-8"))
        return SyncStatus(**{k: data[k] for k in asdict(SyncStatus()) if k in data})
    except (OSError, ValueError, TypeError):
        return SyncStatus()


def write_status(data_dir: Path, status: SyncStatus) -> None:
    with contextlib.suppress(OSError):  # a status that cannot be written loses no call
        write_atomically(data_dir / STATUS_NAME, json.dumps(asdict(status)).encode("utf-8"))


def now_text() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# --------------------------------------------------------------------------- connecting


def _passfile(data_dir: Path | None) -> Path | None:
    from salesdesk.team.passwords import passfile_path

    return passfile_path(data_dir) if data_dir is not None and passfile_path(data_dir).is_file() else None


def open_team(url: str, data_dir: Path | None, *, password: str | None = None):
    """A TeamConnection as this rep: the given password, else the stored one (keyring, the
    data folder's password file, libpq's own). TeamAuthError when the server wants one."""
    from salesdesk.team.connection import TeamConnection, parse_url
    from salesdesk.team.passwords import lookup_password

    parse_url(url)
    if password is None:
        password = lookup_password(url)
    return TeamConnection.open(url, password=password, passfile=_passfile(data_dir))


def open_listener(url: str, data_dir: Path | None, *, password: str | None = None):
    """A LISTEN connection (autocommit psycopg) as this rep, with the password as open_team."""
    from salesdesk.team.passwords import lookup_password
    from salesdesk.team.playbooks import listen_connection

    if password is None:
        password = lookup_password(url)
    return listen_connection(url, password=password, passfile=_passfile(data_dir))


# --------------------------------------------------------------------------- pushing


@dataclass
class SyncReport:
    pushed: int = 0  # calls the server now has at the revision read here
    unchanged: int = 0  # of them, calls the server already had at that revision
    failed: dict[int, str] = field(default_factory=dict)  # call id -> why (a document that does not read)


def sync_once(conn, *, batch_calls: int | None = None, on_batch: Callable[[SyncReport], None] | None = None):
    """Push every pending call (storage/outbox.py) to the server; a SyncReport. Raises
    TeamUnavailableError (nothing more was pushed; what was is marked), TeamAuthError,
    TeamPermissionError, TeamSchemaError (nothing written)."""
    from salesdesk.core.calls_file import call_to_dict
    from salesdesk.storage import outbox
    from salesdesk.team.push import BATCH_CALLS, PendingCall, push_calls

    size = batch_calls or BATCH_CALLS
    report = SyncReport()
    skip: set[int] = set()
    rounds = 0
    while True:
        pending = [(c, r) for c, r in outbox.pending_calls(size + len(skip)) if c.id not in skip][:size]
        if not pending:
            return report
        rounds += 1
        if rounds > 10_000:  # a revision raised faster than it is pushed, forever: stop, it stays pending
            return report
        batch = [PendingCall(call_to_dict(call), revision, call.playbook) for call, revision in pending]
        try:
            results = push_calls(conn, batch)
        except (TeamUnavailableError, TeamAuthError, TeamPermissionError, TeamSchemaError, TeamConfigError):
            raise
        except TeamError:
            results = []
            for (call, _revision), one in zip(pending, batch, strict=True):  # find the call that does not read
                try:
                    results.extend(push_calls(conn, [one]))
                except (TeamUnavailableError, TeamAuthError, TeamPermissionError, TeamSchemaError):
                    raise
                except TeamError as exc:
                    report.failed[call.id] = str(exc)
                    skip.add(call.id)
                    results.append(None)
        done = []
        for (call, revision), result in zip(pending, results, strict=True):
            if result is None:
                continue
            if result.status == "stale":  # the server has a newer revision: go past it, push again
                outbox.move_past(call.id, result.server_revision or revision)
                continue
            done.append((call.id, revision))
            report.pushed += 1
            report.unchanged += result.status == "unchanged"
        outbox.mark_pushed(done)
        if on_batch is not None:
            on_batch(report)


# --------------------------------------------------------------------------- playbooks


def pull_playbooks(conn, data_dir: Path, config: TeamConfig) -> list[str]:
    """The newest published version of each team playbook, written into the rep's playbook
    folder as ``team-<name>.toml`` (so new calls can use it; a running call keeps its
    own snapshot). Returns the names of playbooks new or changed here."""
    from salesdesk.config import user_playbook_dir
    from salesdesk.core.playbook import slugify
    from salesdesk.core.playbook_toml import save_playbook
    from salesdesk.team.playbooks import fetch_playbook, latest_versions

    folder = user_playbook_dir(data_dir)
    changed = []
    for version in latest_versions(conn):
        file_name = f"{TEAM_PLAYBOOK_PREFIX}{slugify(version.name)}.toml"
        known = config.playbooks.get(file_name)
        if known is not None and known.get("digest") == version.digest and (folder / file_name).is_file():
            continue
        playbook = fetch_playbook(conn, version.digest)
        save_playbook(playbook, folder / file_name)
        config.playbooks[file_name] = {
            "name": version.name,
            "version": version.version,
            "digest": version.digest,
            "published_by": version.published_by,
        }
        changed.append(version.name)
    if changed:
        write_config(data_dir, config)
    return changed


# --------------------------------------------------------------------------- the worker


class SyncWorker(threading.Thread):
    """Pushes the outbox in the background while the app runs (one per app).

    ``poke()`` after a change (cheap, any thread); ``on_status(SyncStatus)`` is called from
    this thread after every attempt, ``on_playbooks(names)`` when new team playbook versions
    were pulled into the playbook folder; ``stop()`` ends it (joins). ``set_password`` after the
    rep typed one (a TeamAuthError stops pushing until then).

    With ``listen``, a second thread LISTENs for published playbook versions
    (team/playbooks.py watch_playbooks) and has this one pull at each notification; the
    PULL_SECONDS poll runs only while that connection is down."""

    def __init__(
        self,
        data_dir: Path,
        config: TeamConfig,
        *,
        password: str | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        on_playbooks: Callable[[list[str]], None] | None = None,
        debounce: float = DEBOUNCE_SECONDS,
        poll: float = POLL_SECONDS,
        listen: bool = False,
    ):
        super().__init__(name="salesdesk-team-sync", daemon=True)
        self.data_dir = data_dir
        self.config = config
        self.password = password
        self.on_status = on_status
        self.on_playbooks = on_playbooks
        self.debounce = debounce
        self.poll = poll
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._first_poke = 0.0
        self._last_poke = 0.0
        self._lock = threading.Lock()
        self.status = read_status(data_dir)
        self.status.state = ""  # not known until this worker has reached the server
        self._blocked = False  # an error an admin or the rep must act on: wait for set_password
        self._force = False
        self._last_pull = 0.0
        self._reconnect = False  # a new password: open the connection again with it
        self._pull_wanted = False  # the watcher heard of a new version: pull at the next wake
        #: True while the watcher's connection is listening (then no timed pull is needed).
        self.listening = False
        self._watcher = (
            threading.Thread(target=self._watch, name="salesdesk-team-watch", daemon=True) if listen else None
        )

    def start(self) -> None:
        super().start()
        if self._watcher is not None:
            self._watcher.start()

    def pull_now(self) -> None:
        """Pull team playbooks at once (a new version was announced); any thread."""
        self._pull_wanted = True
        self._wake.set()

    def poke(self) -> None:
        now = time.monotonic()
        with self._lock:
            if not self._first_poke:
                self._first_poke = now
            self._last_poke = now
        self._wake.set()

    def set_password(self, password: str | None) -> None:
        self.password = password
        self._reconnect = True
        self._blocked = False
        self.sync_now()

    def sync_now(self) -> None:
        """Try at once, even while backing off (the rep pressed "Send now")."""
        self._force = True
        self.poke()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)
        if self._watcher is not None and self._watcher.is_alive():
            self._watcher.join(timeout)

    def _watch(self) -> None:
        """The watcher thread: listen for published versions while the app runs."""
        from salesdesk.team.playbooks import watch_playbooks

        def open_connection():
            if self._blocked:  # a refused password is not tried again until the rep types one
                raise TeamUnavailableError("The team server refused this login; waiting for the password.")
            raw = open_listener(self.config.url, self.data_dir, password=self.password)
            self.listening = True
            return raw

        def lost(error: TeamError) -> None:
            if self.listening:
                log.info("team playbook watcher stopped listening: %s", error)
            self.listening = False
            self._wake.set()  # the timed pull takes over

        try:
            watch_playbooks(
                open_connection,
                lambda _versions: self.pull_now(),
                self._stopping,
                poll_seconds=WATCH_POLL_SECONDS,
                retry_seconds=WATCH_RETRY_SECONDS,
                on_error=lost,
            )
        except Exception:  # never let the thread die silently; the timed pull goes on
            log.exception("team playbook watcher failed")
        finally:
            self.listening = False

    def run(self) -> None:
        from salesdesk.storage import outbox
        from salesdesk.storage.import_export import thread_connection
        from salesdesk.team.push import check_server

        conn = None
        backoff = 0.0
        retry_at = 0.0  # while offline: no attempt before this (a poke only updates the count)
        try:
            with thread_connection():
                while not self._stopping.is_set():
                    self._wake.wait(max(0.0, retry_at - time.monotonic()) if retry_at else self.poll)
                    self._wake.clear()
                    if self._stopping.is_set():
                        break
                    self._settle()
                    if self._stopping.is_set():
                        break
                    try:
                        pending = outbox.pending_count()
                    except Exception as exc:  # the local database itself: say it, try later
                        self._report("error", str(exc), pending=self.status.pending)
                        continue
                    forced, self._force = self._force, False
                    waiting = retry_at and time.monotonic() < retry_at and not forced
                    if self._blocked or waiting:
                        if pending != self.status.pending:  # the count follows the rep's work meanwhile
                            self._report(
                                self.status.state,
                                self.status.last_error,
                                pending=pending,
                                needs_password=self.status.needs_password,
                            )
                        continue
                    pull_due = self._pull_wanted or (
                        not self.listening and time.monotonic() - self._last_pull >= PULL_SECONDS
                    )
                    if not pending and not pull_due and self.status.state == "up to date" and not forced:
                        if self.status.pending:
                            self._report("up to date", "", pending=0)
                        continue
                    try:
                        if self._reconnect and conn is not None:
                            with contextlib.suppress(Exception):
                                conn.close()
                            conn = None
                        self._reconnect = False
                        if conn is None:
                            conn = open_team(self.config.url, self.data_dir, password=self.password)
                        if self.status.state != "up to date":
                            check_server(conn)  # reachable, and the schema this SalesDesk knows
                        sync_once(conn)
                        if pending:
                            self.status.last_push = now_text()
                        if pull_due:
                            self._last_pull = time.monotonic()
                            self._pull_wanted = False
                            try:
                                pulled = pull_playbooks(conn, self.data_dir, self.config)
                            except TeamUnavailableError:
                                raise
                            except (TeamError, OSError, ValueError) as exc:  # a bad playbook stops no push
                                log.warning("team playbooks not pulled: %s", exc)
                                pulled = []
                            if pulled and self.on_playbooks is not None:
                                self.on_playbooks(pulled)
                        backoff, retry_at = 0.0, 0.0
                        self._report("up to date", "", pending=outbox.pending_count())
                    except TeamUnavailableError as exc:
                        backoff = min(MAX_BACKOFF_SECONDS, max(BACKOFF_SECONDS, backoff * 2))
                        retry_at = time.monotonic() + backoff
                        self._report("offline", str(exc), pending=_count_or(outbox, pending))
                    except TeamError as exc:  # auth, permission, schema: a person must act
                        backoff, retry_at = 0.0, 0.0
                        self._blocked = True
                        self._report(
                            "error",
                            str(exc),
                            pending=_count_or(outbox, pending),
                            needs_password=isinstance(exc, TeamAuthError),
                        )
                    except Exception as exc:  # never let the thread die silently
                        log.exception("team sync failed")
                        backoff = min(MAX_BACKOFF_SECONDS, max(BACKOFF_SECONDS, backoff * 2))
                        retry_at = time.monotonic() + backoff
                        self._report("error", str(exc), pending=_count_or(outbox, pending))
        finally:
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()

    def _settle(self) -> None:
        """Wait until the rep paused DEBOUNCE_SECONDS, at most MAX_DELAY_SECONDS after the first poke."""
        while not self._stopping.is_set():
            with self._lock:
                first, last = self._first_poke, self._last_poke
            if not first:
                return
            now = time.monotonic()
            due = min(last + self.debounce, first + MAX_DELAY_SECONDS)
            if now >= due:
                with self._lock:
                    self._first_poke = self._last_poke = 0.0
                return
            self._stopping.wait(due - now)

    def _report(self, state: str, error: str, *, pending: int, needs_password: bool = False) -> None:
        self.status.state = state
        self.status.needs_password = needs_password
        self.status.last_error = error
        self.status.last_attempt = now_text()
        self.status.pending = pending
        write_status(self.data_dir, self.status)
        if self.on_status is not None:
            try:
                self.on_status(SyncStatus(**asdict(self.status)))
            except Exception:
                log.exception("team status listener failed")


def _count_or(outbox, fallback: int) -> int:
    try:
        return outbox.pending_count()
    except Exception:
        return fallback
