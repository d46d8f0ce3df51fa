"""Database files SalesDesk must leave alone, byte for byte: another program's SQLite file
(write-ahead log or rollback journal), a newer SalesDesk's, one with a schema version no
SalesDesk writes. Each is made the way it happens: written by another process, which is
killed with its -wal and -shm still beside the file."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from salesdesk.storage import close_db, init_db
from salesdesk.storage.paths import database_path

#: Stored schema versions that are no version: each is damage, not an upgrade or a newer file.
ODD_VERSIONS = ["3.1", "0", "three", "-1", "99999999999999999999", "03", ""]

#: The kinds of file, with the companions each has beside it.
KINDS = [
    "other-app-wal",  # -wal and -shm (the other program was killed)
    "other-app-wal-without-shm",  # only a -wal (its -shm was deleted)
    "other-app-rollback",  # a rollback-journal database, as most programs write them
    "newer-salesdesk-wal",  # a newer SalesDesk's, with the last change still in the -wal
    "odd-version-wal",  # schema version '3.1', the change still in the -wal
    "odd-version",  # schema version '0', everything in the file itself
]


def _run(code: str, cwd: Path) -> None:
    """Run ``code`` in another Python process (it ends with os._exit: killed, not closed)."""
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, check=True, timeout=60)


def make_file(data_dir: Path, kind: str) -> Path:
    """Put a file of ``kind`` where SalesDesk keeps its database, readable by all (0644), so
    a change of mode shows too. Returns the database path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)
    path = database_path(data_dir)
    if kind.startswith("other-app"):
        journal = "delete" if kind == "other-app-rollback" else "wal"
        _run(
            f"""
            import os, sqlite3
            con = sqlite3.connect({str(path)!r})
            con.execute("pragma journal_mode={journal}")
            con.execute("create table recipe (name text, minutes integer)")
            con.executemany("insert into recipe values (?, ?)", [("soup", 30), ("bread", 240)])
            con.commit()
            con.execute("insert into recipe values ('tea', 5)")
            con.commit()
            os._exit(0)
            """,
            data_dir,
        )
        if kind == "other-app-wal-without-shm":
            Path(f"{path}-shm").unlink()
    else:
        init_db(data_dir)
        close_db()
        value = {"newer-salesdesk-wal": "999", "odd-version-wal": "3.1", "odd-version": "0"}[kind]
        keep_wal = kind.endswith("-wal")
        _run(
            f"""
            import os, sqlite3
            con = sqlite3.connect({str(path)!r})
            con.execute("update schema_info set value = ? where key = 'schema_version'", ({value!r},))
            con.commit()
            {"os._exit(0)" if keep_wal else "con.close()"}
            """,
            data_dir,
        )
    for file in files_of(data_dir):
        os.chmod(file, 0o644)
    return path


def set_schema_version(data_dir: Path, value: str) -> None:
    """A SalesDesk database whose stored schema version is ``value``."""
    init_db(data_dir)
    close_db()
    import sqlite3

    con = sqlite3.connect(database_path(data_dir))
    con.execute("update schema_info set value = ? where key = 'schema_version'", (value,))
    con.commit()
    con.close()


def files_of(data_dir: Path) -> list[Path]:
    """The database file and whichever of its companions exist."""
    return sorted(data_dir.glob("salesdesk.sqlite3*"))


def fingerprint(data_dir: Path) -> dict[str, tuple[str, str]]:
    """Every database file's name, sha256 and mode."""
    return {
        file.name: (hashlib.sha256(file.read_bytes()).hexdigest(), oct(stat.S_IMODE(file.stat().st_mode)))
        for file in files_of(data_dir)
    }
