"""The database *file*: is it an intact SalesDesk database, and moving it aside safely.

SQLite-specific (like db.py and quickload.py): it reads the SQLite file header and runs
SQLite's own checks. It imports only the ``sqlite3`` driver, so the start-up reader can use
the cheap header check before the first paint.

Nothing here ever writes to a database it inspects: opening is read-only, and a file that
is in the way is renamed (with its -wal and -shm companions, so nothing committed is
lost), never deleted or overwritten.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from salesdesk.core.files import (  # noqa: F401  (create_private_file: part of this module's interface)
    PRIVATE_FILE_MODE,
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
        size = path.stat().st_size
        if size == 0:
            return FileReport(path, "empty")
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
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
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)


def inspect_file(path: Path, *, thorough: bool = True) -> FileReport:  # noqa: PLR0911
    """Is ``path`` an intact SalesDesk database this version can open?

    Header check, then (read-only) SQLite's own check (``quick_check``, or the full
    ``integrity_check`` when ``thorough``), the SalesDesk tables and the schema version."""
    path = Path(path)
    report = check_header(path)
    if not report.ok:
        return report
    try:
        con = connect_read_only(path)
    except sqlite3.Error as exc:
        return FileReport(path, "unreadable", str(exc))
    try:
        pragma = "integrity_check" if thorough else "quick_check"
        problems = [row[0] for row in con.execute(f"PRAGMA {pragma}(20)")]
        if problems != ["ok"]:
            return FileReport(path, "corrupt", "; ".join(problems[:3]))
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= CORE_TABLES:
            return FileReport(path, "foreign", "it lacks the SalesDesk tables")
        row = con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdigit():
            return FileReport(path, "foreign", "it has no SalesDesk schema version")
        version = int(row[0])
        if version > migrations.SCHEMA_VERSION:
            return FileReport(
                path, "newer", f"schema {version}; this SalesDesk reads up to {migrations.SCHEMA_VERSION}", version
            )
        return FileReport(path, "ok", version=version)
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "not a database" in text:
            return FileReport(path, "not-sqlite", str(exc))
        if "locked" in text or "busy" in text:
            return FileReport(path, "unreadable", f"{exc} (another program is writing to it)")
        return FileReport(path, "corrupt", str(exc))
    finally:
        con.close()


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
    replays it if the moved file is ever opened. Returns the new path (None: no file)."""
    path = Path(path)
    if not path.exists():
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *COMPANION_SUFFIXES)):
        counter += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    for source in companions(path):
        os.replace(source, f"{target}{source.name[len(path.name) :]}")
    return target


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
