"""Connecting to the team server: libpq URLs, timeouts, keepalives, and dead connections.

A team URL is a libpq connection string, usually a URL:
``postgresql://alice@db.example.com:5432/sales?sslmode=verify-full``. Anything libpq
understands may be in it; SalesDesk adds what it leaves out:

- ``connect_timeout`` (5 s) and TCP keepalives (first probe after 10 s idle, every 3 s, 3
  lost probes) with ``tcp_user_timeout`` (10 s for unacknowledged data), so a server that
  went away, or a VPN that dropped, is noticed in seconds rather than after the kernel's
  two minutes; a ``statement_timeout`` (15 s for reps: a push or a team query takes
  milliseconds) and ``idle_in_transaction_session_timeout``, so the server never keeps a
  rep's half-done transaction locked for long;
- ``search_path=salesdesk`` (the schema of the team tables) and ``application_name``.

Passwords are not part of a stored URL: ``passwords.lookup_password`` (the OS keyring) or
libpq's password file provides them.

psycopg 3 is the driver, and it is loaded only here (Peewee would load it at its own
import, 80 ms, for every start of SalesDesk: salesdesk/storage/__init__.py hides it from
Peewee, and ``load_psycopg`` brings it back for team mode).

Peewee reconnects nothing by itself: a connection the server closed (a restart, a network
drop) stays "open" and fails every query (Peewee issue 2036). ``TeamConnection`` notices a
broken connection after an error and before each use, throws it away and opens a new one
the next time.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from salesdesk.team.errors import (
    TeamAuthError,
    TeamConfigError,
    TeamError,
    TeamPermissionError,
    TeamUnavailableError,
)

SCHEMA = "salesdesk"

#: Added to a URL that does not set them (libpq parameter names).
DEFAULT_PARAMS = {
    "connect_timeout": "5",
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "3",
    "keepalives_count": "3",
    "tcp_user_timeout": "10000",  # milliseconds
    "application_name": "SalesDesk",
}

#: Server settings per kind of connection, in milliseconds (0: none). An admin's ``team
#: init`` may build indexes over many calls, so it has no statement timeout.
SESSION_SETTINGS = {
    "rep": {"statement_timeout": 15_000, "idle_in_transaction_session_timeout": 60_000, "lock_timeout": 10_000},
    "admin": {"statement_timeout": 0, "idle_in_transaction_session_timeout": 600_000, "lock_timeout": 60_000},
}


# --------------------------------------------------------------------------- the driver


def load_psycopg() -> ModuleType:
    """psycopg, imported (the storage package keeps it out of Peewee's import; see there)."""
    if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
        del sys.modules["psycopg"]
    try:
        import psycopg
    except ImportError as exc:
        raise TeamConfigError(
            "Team mode needs the PostgreSQL driver psycopg, which is not installed: "
            "install SalesDesk with its team extra (pip install 'salesdesk[team]')."
        ) from exc
    return psycopg


def parse_url(url: str) -> dict[str, str]:
    """The libpq parameters of a URL or key=value connection string; TeamConfigError if bad."""
    psycopg = load_psycopg()
    from psycopg.conninfo import conninfo_to_dict

    text = (url or "").strip()
    if not text:
        raise TeamConfigError("No team server given: expected a URL such as postgresql://alice@db.example.com/sales.")
    try:
        params = conninfo_to_dict(text)
    except psycopg.ProgrammingError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "not understood"
        raise TeamConfigError(
            f"{redact(text)!r} is not a PostgreSQL URL ({reason}); expected e.g. postgresql://alice@db.example.com/sales."
        ) from exc
    return {key: str(value) for key, value in params.items() if value is not None}


def redact(url: str) -> str:
    """The URL with any password in it replaced by ***, for messages and logs."""
    import re

    text = re.sub(r"(://[^:/@?#]*):[^@/?#]*@", r"\1:***@", url)
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text, flags=re.IGNORECASE)


def describe_target(params: dict[str, str]) -> str:
    """``alice@db.example.com:5432/sales``: who connects where, without the password."""
    host = params.get("host") or params.get("hostaddr") or "localhost"
    port = params.get("port") or "5432"
    user = params.get("user") or "(your login name)"
    return f"{user}@{host}:{port}/{params.get('dbname') or user}"


def connection_params(
    url: str, *, password: str | None = None, passfile: Path | None = None, purpose: str = "rep"
) -> dict[str, str]:
    """Everything libpq gets: the URL's parameters, SalesDesk's defaults where the URL sets
    none, the session settings (appended to any ``options`` of the URL) and the password."""
    if purpose not in SESSION_SETTINGS:
        raise ValueError(f"unknown purpose {purpose!r}")
    params = parse_url(url)
    for key, value in DEFAULT_PARAMS.items():
        params.setdefault(key, value)
    settings = {"search_path": SCHEMA, **SESSION_SETTINGS[purpose]}
    options = " ".join(f"-c {key}={value}" for key, value in settings.items())
    params["options"] = f"{params['options']} {options}" if params.get("options") else options
    if password is not None:
        params["password"] = password
    if passfile is not None and "passfile" not in params:
        params["passfile"] = str(passfile)
    return params


def _peewee_database_class():
    """PostgresqlDatabase on psycopg 3, also when Peewee was imported without the driver."""
    psycopg = load_psycopg()
    from peewee import PostgresqlDatabase, Psycopg3Adapter
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    class Adapter(Psycopg3Adapter):
        txn_idle = TransactionStatus.IDLE
        txn_inerror = TransactionStatus.INERROR
        txn_unknown = TransactionStatus.UNKNOWN

        def __init__(self) -> None:
            super().__init__()
            self.json_type, self.jsonb_type = Json, Jsonb

        def check_driver(self) -> None:
            pass  # loaded above

        def get_binary_type(self):
            return psycopg.Binary

        def connect(self, db, **params):
            params.setdefault("dbname", db.database)
            return psycopg.connect(**params)

        def server_side_cursor(self, conn):
            import uuid

            in_txn = self.txn_status(conn) == TransactionStatus.INTRANS
            return conn.cursor(name=str(uuid.uuid1()), withhold=not in_txn)

    class TeamDatabase(PostgresqlDatabase):
        def init(self, database, **kwargs):
            super().init(database, prefer_psycopg3=True, **kwargs)
            self._adapter = Adapter()  # Peewee picked its own when it saw no driver at import

    return TeamDatabase


_DATABASE_CLASS = None


def _database_class():
    global _DATABASE_CLASS  # noqa: PLW0603 (built once, on first use: it needs psycopg)
    if _DATABASE_CLASS is None:
        _DATABASE_CLASS = _peewee_database_class()
    return _DATABASE_CLASS


# --------------------------------------------------------------------------- errors


def driver_error(exc: BaseException) -> BaseException | None:
    """The psycopg error behind ``exc`` (Peewee and StorageError wrap it), if any."""
    psycopg = load_psycopg()
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, psycopg.Error):
            return exc
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__
        seen += 1
    return None


def _first_line(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].strip().rstrip(".")


def classify(exc: BaseException, where: str) -> TeamError:  # noqa: PLR0911 (a message per kind)
    """A TeamError with a message a rep or admin can act on, for a driver error."""
    if isinstance(exc, TeamError):
        return exc
    psycopg = load_psycopg()
    from psycopg import errors as pg

    error = driver_error(exc) or exc
    reason = _first_line(error)
    lower = str(error).lower()
    state = getattr(error, "sqlstate", None) or ""
    if "password authentication failed" in lower or state in {"28P01", "28000"}:
        return TeamAuthError(f"The team server {where} refused the login: wrong password, or no such login ({reason}).")
    if "no password supplied" in lower or "password is required" in lower:
        return TeamAuthError(
            f"The team server {where} asks for a password and none is stored for this login "
            "(SalesDesk looks in the system keyring and in the PostgreSQL password file)."
        )
    if isinstance(error, pg.InsufficientPrivilege):
        return TeamPermissionError(f"The team server refused this: {reason}.")
    if state in {"40001", "40P01", "55P03"}:  # serialization failure, deadlock, lock wait timed out
        return TeamUnavailableError(f"The team server {where} was busy ({reason}); nothing was changed: try again.")
    if isinstance(error, pg.QueryCanceled):
        return TeamUnavailableError(f"The team server {where} did not answer in time ({reason}); nothing was changed.")
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError) or state.startswith(("08", "57P")):
        return TeamUnavailableError(f"Cannot reach the team server {where}: {reason}.")
    return TeamError(f"The team server {where} reported an error: {reason}.")


# --------------------------------------------------------------------------- connections


class TeamConnection:
    """One team server as seen by one login: a Peewee database (a connection per thread)
    that notices dead connections and reconnects on the next use.

    ``transaction()`` runs work in one server transaction on the raw psycopg connection;
    ``guard()`` turns any driver error into a TeamError (and drops a dead connection)."""

    def __init__(
        self,
        url: str,
        *,
        password: str | None = None,
        passfile: Path | None = None,
        purpose: str = "rep",
        **overrides: str,
    ):
        params = connection_params(url, password=password, passfile=passfile, purpose=purpose)
        params.update({key: str(value) for key, value in overrides.items()})
        self.params = params
        self.purpose = purpose
        self.where = describe_target(params)
        self.login = params.get("user", "")
        dbname = params.pop("dbname", None) or self.login
        self.db = _database_class()(dbname, **params)
        self.params["dbname"] = dbname

    @classmethod
    def open(cls, url: str, **options: Any) -> TeamConnection:
        """Connected (in this thread) or TeamError; use as a context manager to close it."""
        conn = cls(url, **options)
        conn.connect()
        return conn

    def __enter__(self) -> TeamConnection:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def connect(self) -> None:
        """Open this thread's connection if it is not open, or was broken by the server."""
        raw = None if self.db.is_closed() else self.db._state.conn
        if raw is not None and (raw.closed or raw.broken or _closed_by_server(raw)):
            self.discard()
        if self.db.is_closed():
            try:
                self.db.connect()
            except Exception as exc:
                self.discard()
                raise classify(exc, self.where) from exc

    def raw(self):
        """This thread's psycopg connection (autocommit: each statement commits, unless in
        ``transaction()``)."""
        self.connect()
        return self.db.connection()

    def discard(self) -> None:
        """Forget this thread's connection without the round trip a clean close needs (the
        server may be gone). Peewee's close() refuses while it counts a transaction open."""
        raw = None if self.db.is_closed() else self.db._state.conn
        if raw is not None:
            with contextlib.suppress(Exception):  # it is being thrown away
                raw.close()
        self.db.dispose()

    def close(self) -> None:
        if self.db.is_closed():
            return
        try:
            self.db.close()
        except Exception:
            self.discard()

    @contextmanager
    def guard(self) -> Iterator[None]:
        """This thread's connection, checked (opened if needed); driver errors inside become
        TeamErrors, and a connection they broke is dropped."""
        try:
            if not self.db.in_transaction():
                self.connect()
            yield
        except TeamError:
            raise
        except Exception as exc:
            error = driver_error(exc)
            if error is None and not _is_storage_error(exc):
                raise
            self._drop_if_broken()
            raise classify(exc, self.where) from exc

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One server transaction on this thread's connection: committed when the block
        ends, rolled back on any error (a lost connection rolls back on the server)."""
        with self.guard():
            raw = self.raw()
            with raw.transaction():
                yield raw

    def _drop_if_broken(self) -> None:
        raw = None if self.db.is_closed() else self.db._state.conn
        if raw is None:
            return
        if raw.closed or raw.broken:
            self.discard()
        elif self.db.in_transaction():
            return  # Peewee's atomic() rolls back on its way out
        else:
            from psycopg.pq import TransactionStatus

            if raw.pgconn.transaction_status == TransactionStatus.INERROR:
                raw.rollback()

    def execute(self, sql: str, params: tuple | list | None = None) -> list[tuple]:
        """Run one statement (its own transaction) and return its rows."""
        with self.guard():
            cursor = self.raw().execute(sql, params)
            return cursor.fetchall() if cursor.description else []


def _closed_by_server(raw) -> bool:
    """Whether an idle connection has something to read: on a connection nobody LISTENs on,
    that is the server saying goodbye (a restart, an admin ending the session) or the end of
    the socket. Costs no round trip; a dropped network shows nothing here (keepalives and
    timeouts notice that)."""
    import select

    from psycopg.pq import TransactionStatus

    if raw.pgconn.transaction_status != TransactionStatus.IDLE:
        return False
    try:
        readable, _, _ = select.select([raw.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _is_storage_error(exc: BaseException) -> bool:
    from salesdesk.storage.errors import StorageError

    return isinstance(exc, StorageError)
