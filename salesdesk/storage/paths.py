"""Where the database file lives inside a data folder."""

from pathlib import Path

DB_FILENAME = "salesdesk.sqlite3"


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME
