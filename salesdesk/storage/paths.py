"""Where the database file and its companions live inside a data folder."""

from pathlib import Path

DB_FILENAME = "salesdesk.sqlite3"
BACKUP_DIRNAME = "backups"
#: SQLite's companion files of a database in WAL mode (and of a rollback journal).
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIRNAME
