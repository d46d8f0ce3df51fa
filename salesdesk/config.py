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
