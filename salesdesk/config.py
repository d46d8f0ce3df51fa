"""Where SalesDesk keeps its files. Every path comes from here."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "SalesDesk"
# Reverse-DNS id: the .desktop file, AppStream metainfo, macOS bundle id and Wayland app id.
APP_ID = "io.github.salesdesk.SalesDesk"
DATA_DIR_ENV = "SALESDESK_DATA_DIR"


def default_data_dir() -> Path:
    import platformdirs  # imported here: only needed when no override is given

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """``--data-dir`` wins, then $SALESDESK_DATA_DIR, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def user_playbook_dir(data_dir: Path) -> Path:
    return data_dir / "playbooks"


def settings_path(data_dir: Path) -> Path:
    return data_dir / "settings.ini"


#: How many database backups to keep unless settings.ini says otherwise ([backups] keep=N).
DEFAULT_BACKUP_KEEP = 10


def read_setting(data_dir: Path, key: str, default: str = "") -> str:
    """A value from settings.ini without Qt (``key`` as QSettings writes it, "group/name").

    The GUI reads and writes the same file with QSettings; the command line and storage
    read it here so they need not import Qt."""
    import configparser

    group, _, name = key.rpartition("/")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_path(data_dir), encoding="utf-8")
        return parser.get(group or "General", name, fallback=default)
    except (configparser.Error, OSError, UnicodeDecodeError):
        return default


def backup_keep(data_dir: Path) -> int:
    value = read_setting(data_dir, "backups/keep", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_BACKUP_KEEP
