"""The database *file*: is it an intact SalesDesk database, and moving it aside safely.

SQLite-specific (like db.py and quickload.py): it reads the SQLite file header and runs
SQLite's own checks. It imports only the ``sqlite3`` driver, so the start-up reader can use
the cheap header check before the first paint.

Nothing here ever writes to a database it inspects, nor to its -wal and -shm files, nor
creates them (``untouched_connection``): a file that turns out to be another program's, or
a newer SalesDesk's, is left byte for byte as it was. A file that is in the way is renamed
(with its -wal and -shm companions, so nothing committed is lost), never deleted or
overwritten.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from salesdesk.core.files import (  # noqa: F401  (create_private_file: part of this module's interface)
    PRIVATE_FILE_MODE,
    FileRefusedError,
    check_regular,
    create_private_file,
    make_private_dir,
)
from salesdesk.storage import migrations
from salesdesk.storage.errors import DamagedDatabaseError
from salesdesk.storage.paths import COMPANION_SUFFIXES

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
#: Tables every SalesDesk database has had since schema 1.
CORE_TABLES = frozenset({"schema_info", "contact", "call", "note"})


KIND_TEXT = {
    "not-sqlite": "is not a database file at all",
    "truncated": "is cut short (truncated): part of it is missing",
    "corrupt": "is damaged (corrupt)",
    "foreign": "is an SQLite database, but not a SalesDesk one",
    "newer": "was written by a newer SalesDesk",
    "bad-version": "has a schema version no SalesDesk writes",
    "blank": "is an SQLite database with no tables",
    "empty": "is empty",
    "missing": "does not exist",
    "unreadable": "cannot be read",
}


@dataclass(frozen=True, slots=True)
class FileReport:
    """What a database file turned out to be. ``kind`` is "ok" or a key of KIND_TEXT."""

    path: Path
    kind: str
    detail: str = ""
    version: int | None = None

    @property
    def ok(self) -> bool:
        return self.kind == "ok"

    def describe(self) -> str:
        if self.ok:
            return f"{self.path} is a SalesDesk database (schema {self.version})."
        text = f"{self.path} {KIND_TEXT.get(self.kind, self.kind)}"
        return f"{text}: {self.detail}." if self.detail else f"{text}."

    def error(self) -> DamagedDatabaseError:
        return DamagedDatabaseError(self.describe(), kind=self.kind, path=self.path)


# --------------------------------------------------------------------------- cheap checks


def check_header(path: Path) -> FileReport:  # noqa: PLR0911  (one return per finding)
    """O(1) look at the first 100 bytes and the file size: catches a file that is not
    SQLite or has been cut short, before anything opens it. "ok" means "worth opening"."""
    path = Path(path)
    try:
        size = check_regular(path)  # a FIFO would block the open below, a device never end
        if size == 0:
            return FileReport(path, "empty")
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileRefusedError as exc:
        return FileReport(path, "not-sqlite", f"it {exc.reason}")
    except FileNotFoundError:
        return FileReport(path, "missing")
    except OSError as exc:
        return FileReport(path, "unreadable", exc.strerror or str(exc))
    if not header.startswith(SQLITE_MAGIC):
        return FileReport(path, "not-sqlite", "it does not start with the SQLite signature")
    if len(header) < HEADER_SIZE:
        return FileReport(path, "truncated", f"only {size} bytes, less than an SQLite header")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return FileReport(path, "corrupt", f"the header gives an impossible page size ({page_size})")
    change_counter, page_count, valid_for = (
        struct.unpack(">I", header[24:28])[0],
        struct.unpack(">I", header[28:32])[0],
        struct.unpack(">I", header[92:96])[0],
    )
    # A write-ahead log that is not yet copied back may hold pages beyond the file's end;
    # SQLite replays it on open, so only judge the length when there is none.
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    if not has_wal and change_counter == valid_for and page_count and size < page_count * page_size:
        return FileReport(path, "truncated", f"{size:,} bytes where its header promises {page_count * page_size:,}")
    return FileReport(path, "ok")


# --------------------------------------------------------------------------- thorough checks


def connect_read_only(path: Path, timeout: float = 2.0) -> sqlite3.Connection:
    """A read-only connection with SQLite's usual locking, for a file known to be a
    SalesDesk database: reading may still create its -wal and -shm files and change the
    -shm (the readers' marks). Anything else is opened with ``untouched_connection``."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)


@contextmanager
def untouched_connection(path: Path, *, timeout: float = 2.0, may_copy: bool = True) -> Iterator[sqlite3.Connection]:
    """A connection that reads ``path`` without changing a byte of it or of its -wal and
    -shm files, and without creating any of them (a plain read-only connection does both).

    - a -wal beside an -shm (the file is in use, or its program was killed): read through
      them, with the -shm opened read-only (``readonly_shm``), so the readers' marks in it
      are not touched; SQLite's locks still keep the reading consistent;
    - a -wal with something in it but no -shm: SQLite could only read it by creating the
      -shm, so the file and its -wal are copied to a private temporary folder and the copy
      is read (``may_copy``; otherwise sqlite3.OperationalError);
    - no -wal (or an empty one) and a write-ahead-log header: nothing has the file open,
      and SQLite would create both files to read it: read as ``immutable``;
    - a rollback-journal file: ``mode=ro``, which creates nothing and writes nothing (with
      a hot journal left by a crash it refuses to read rather than roll back).
    """
    path = Path(path).resolve()
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    wal_size = wal.stat().st_size if wal.is_file() else None
    if wal_size is not None and shm.exists():
        query = "mode=ro&readonly_shm=1"
    elif wal_size:
        if not may_copy:
            raise sqlite3.OperationalError(f"{wal.name} has no -shm beside it: it can only be read from a copy")
        import shutil  # a rare case: not worth loading for every start
        import tempfile

        with tempfile.TemporaryDirectory(prefix="salesdesk-inspect-") as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, f"{copy}-wal")
            con = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True, timeout=timeout)
            try:
                yield con
            finally:
                con.close()
        return
    elif _write_ahead_header(path):
        query = "immutable=1"
    else:
        query = "mode=ro"
    con = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True, timeout=timeout)
    try:
        yield con
    finally:
        con.close()


def _write_ahead_header(path: Path) -> bool:
    """Whether the header marks the file as a write-ahead-log database (bytes 18 and 19)."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18] == 2


def peek_file(path: Path) -> FileReport:
    """What ``path`` is, found without changing a byte of it (``untouched_connection``):
    its header, its tables and its schema version, but not SQLite's page checks.

    "ok" is a SalesDesk database this version opens (``version`` set), "blank" an SQLite
    file without tables (a database SalesDesk may set up); "foreign", "newer",
    "bad-version" and the header's findings are files SalesDesk must not write to."""
    report = check_header(path)
    if not report.ok:
        return report
    path = Path(path)
    for attempt in range(PROTOCOL_RETRIES):
        report = _peek(path)
        if report.kind != "unreadable" or PROTOCOL_RACE not in report.detail or attempt == PROTOCOL_RETRIES - 1:
            return report
        time.sleep(0.05 * (attempt + 1))
    return report


#: SQLITE_PROTOCOL: another process was recovering or changing the write-ahead log's index
#: at that moment (e.g. just after a SalesDesk process was killed). A race, never damage:
#: read again a little later.
PROTOCOL_RACE = "locking protocol"
PROTOCOL_RETRIES = 6


def _peek(path: Path) -> FileReport:
    try:
        with untouched_connection(path) as con:
            return _what_it_holds(con, path)
    except sqlite3.Error as exc:
        if "readonly" in str(exc).lower() and not Path(f"{path}-wal").exists():
            # A hot rollback journal beside the file, which a read-only reader may not roll
            # back: judge what the file holds from the file itself.
            try:
                con = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
                try:
                    return _what_it_holds(con, path)
                finally:
                    con.close()
            except sqlite3.Error as again:
                exc = again
        return _driver_finding(path, exc)
    except OSError as exc:
        return FileReport(path, "unreadable", exc.strerror or str(exc))


def _what_it_holds(con: sqlite3.Connection, path: Path) -> FileReport:
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return FileReport(path, "blank")
    if not tables >= CORE_TABLES:
        return FileReport(path, "foreign", "it lacks the SalesDesk tables")
    row = con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
    if row is None:
        return FileReport(path, "foreign", "it has no SalesDesk schema version")
    version = migrations.parse_schema_version(row[0])
    if version is None:
        return bad_version(path, row[0])
    if version > migrations.SCHEMA_VERSION:
        return FileReport(
            path, "newer", f"schema {version}; this SalesDesk reads up to {migrations.SCHEMA_VERSION}", version
        )
    return FileReport(path, "ok", version=version)


def bad_version(path: Path, value: object) -> FileReport:
    """The finding for a stored schema version that is none (``parse_schema_version``)."""
    shown = value[:40] if isinstance(value, str | bytes) else value
    return FileReport(path, "bad-version", f"{shown!r}; the file is damaged or was changed by another program")


def _driver_finding(path: Path, exc: sqlite3.Error) -> FileReport:
    text = str(exc).lower()
    if "not a database" in text:
        return FileReport(path, "not-sqlite", str(exc))
    if "locked" in text or "busy" in text or PROTOCOL_RACE in text:
        return FileReport(path, "unreadable", f"{exc} (another program is writing to it)")
    if "unable to open" in text or "readonly" in text:
        return FileReport(path, "unreadable", str(exc))
    return FileReport(path, "corrupt", str(exc))


def inspect_file(path: Path, *, thorough: bool = True) -> FileReport:
    """Is ``path`` an intact SalesDesk database this version can open?

    ``peek_file`` first (header, tables, schema version), then SQLite's own check
    (``quick_check``, or the full ``integrity_check`` when ``thorough``); all of it read
    without changing the file or its companions."""
    path = Path(path)
    report = peek_file(path)
    if report.kind == "blank":
        return FileReport(path, "foreign", "it lacks the SalesDesk tables")
    if not report.ok:
        return report
    try:
        with untouched_connection(path) as con:
            pragma = "integrity_check" if thorough else "quick_check"
            problems = [row[0] for row in con.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.Error as exc:
        return _driver_finding(path, exc)
    except OSError as exc:
        return FileReport(path, "unreadable", exc.strerror or str(exc))
    if problems != ["ok"]:
        return FileReport(path, "corrupt", "; ".join(problems[:3]))
    return report


def classify_open_error(path: Path, exc: BaseException) -> DamagedDatabaseError | None:
    """A driver error raised while opening ``path``: is the file itself the problem?"""
    text = str(exc).lower()
    if "not a database" in text or "file is encrypted" in text:
        report = check_header(path)
        kind = report.kind if report.kind in {"not-sqlite", "truncated"} else "corrupt"
        return FileReport(Path(path), kind, str(exc)).error()
    if "malformed" in text or "corrupt" in text:
        report = check_header(path)
        kind = "truncated" if report.kind == "truncated" else "corrupt"
        return FileReport(Path(path), kind, report.detail or str(exc)).error()
    return None


# --------------------------------------------------------------------------- files


def companions(path: Path) -> list[Path]:
    """The database file and whichever of its -wal/-shm/-journal files exist."""
    path = Path(path)
    return [path] + [p for p in (Path(f"{path}{s}") for s in COMPANION_SUFFIXES) if p.exists()]


def move_aside(path: Path, label: str, now: datetime | None = None) -> Path | None:
    """Rename the database and its companions to ``<name>.<label>-<time>`` (same folder).

    Nothing is deleted: the WAL travels with its database, so SQLite still finds and
    replays it if the moved file is ever opened. Returns the new path (None: no file).
    Without the database, a -wal or -shm left behind still moves (a new database must
    not find the old one's log beside it); the path returned is then that of the first."""
    path = Path(path)
    present = [file for file in companions(path) if file.exists()]
    if not present:
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *COMPANION_SUFFIXES)):
        counter += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    for source in present:
        os.replace(source, f"{target}{source.name[len(path.name) :]}")
    return target if present[0] == path else Path(f"{target}{present[0].name[len(path.name) :]}")


def secure_dir(folder: Path) -> None:
    """Create ``folder`` (and any missing folder above it) readable by the user only (POSIX)."""
    make_private_dir(folder)


def make_private(path: Path) -> None:
    """Tighten an existing database file and its companions to user-only (POSIX)."""
    if os.name != "posix":
        return
    for file in companions(path):
        try:
            if file.stat().st_mode & 0o077:
                os.chmod(file, PRIVATE_FILE_MODE)
        except OSError:
            pass  # not ours to change (e.g. a read-only medium): reading still works
