"""Where a rep's team password is kept: the OS keyring, or libpq's password file.

Never in settings.ini. The keyring (``keyring``: the macOS Keychain, the Windows Credential
Locker, the Secret Service on Linux desktops) is preferred; where none works (a Linux box
without a desktop session), the password goes into a libpq password file, user-only
(0600): SalesDesk's own ``team.pgpass`` in the data folder, which libpq reads itself when
a connection names it (``passfile=``); libpq's standard ~/.pgpass works as well, untouched.
The dialog that asks for the password is the GUI's (later); these store and find it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from salesdesk.team.connection import parse_url

SERVICE = "SalesDesk team"
PASSFILE_NAME = "team.pgpass"


def account(url: str) -> str:
    """The keyring's name for a login on a server: ``alice@db.example.com:5432/sales``."""
    params = parse_url(url)
    host = params.get("host") or params.get("hostaddr") or "localhost"
    user = params.get("user") or ""
    return f"{user}@{host}:{params.get('port') or '5432'}/{params.get('dbname') or user}"


def _keyring():
    """The keyring module when a real backend is there (not the 'fail' or 'null' one)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


def passfile_path(data_dir: Path) -> Path:
    return Path(data_dir) / PASSFILE_NAME


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _passfile_key(url: str) -> tuple[str, str, str, str]:
    params = parse_url(url)
    host = params.get("host") or params.get("hostaddr") or "localhost"
    return (
        host,
        params.get("port") or "5432",
        params.get("dbname") or params.get("user") or "",
        params.get("user") or "",
    )


def store_password(url: str, password: str, data_dir: Path | None = None) -> str:
    """Keep the password for the URL's login; returns where ("the system keyring" or the
    password file's path). Without a working keyring, ``data_dir`` is where the password
    file goes (ValueError when there is none)."""
    ring = _keyring()
    if ring is not None:
        ring.set_password(SERVICE, account(url), password)
        return "the system keyring"
    if data_dir is None:
        raise ValueError("no system keyring here, and no data folder for a password file")
    path = passfile_path(data_dir)
    key = ":".join(_escape(f) for f in _passfile_key(url)) + ":"
    lines = [line for line in _read_lines(path) if not line.startswith(key)]
    lines.append(key + _escape(password))
    _write_private(path, "".join(line + "\n" for line in lines))
    return str(path)


def lookup_password(url: str) -> str | None:
    """The password in the keyring, if any. (The password file is read by libpq itself.)"""
    ring = _keyring()
    if ring is None:
        return None
    try:
        return ring.get_password(SERVICE, account(url))
    except Exception:
        return None


def forget_password(url: str, data_dir: Path | None = None) -> None:
    """Remove the stored password (team leave)."""
    ring = _keyring()
    if ring is not None:
        with contextlib.suppress(Exception):  # nothing was stored there
            ring.delete_password(SERVICE, account(url))
    if data_dir is not None:
        path = passfile_path(data_dir)
        key = ":".join(_escape(f) for f in _passfile_key(url)) + ":"
        lines = _read_lines(path)
        kept = [line for line in lines if not line.startswith(key)]
        if kept != lines:
            _write_private(path, "".join(line + "\n" for line in kept))


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def _write_private(path: Path, text: str) -> None:
    """Write the file user-only (libpq ignores a password file others can read)."""
    from salesdesk.core.files import write_atomically

    write_atomically(path, text.encode("utf-8"), make_folder=True)
