"""Helpers shared by test modules."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def tool(name: str, debian_package: str) -> str:
    """The path of an external program a test needs (a validator, pdftotext, strace).

    Where it is not installed the test is skipped, with the reason in the summary; in CI
    ($CI set: .ci/run sets it and installs every one of them) a missing one fails the test."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should have installed {debian_package}")
        pytest.skip(f"{name} is not installed here (Debian package: {debian_package})")
    return path


def validator(name: str) -> str:
    """desktop-file-validate or appstreamcli."""
    return tool(name, {"desktop-file-validate": "desktop-file-utils"}.get(name, "appstream"))


def postgres_bin_dir() -> Path:
    """The folder with initdb, pg_ctl and psql of the newest PostgreSQL installed (15 or later).

    Debian keeps them in /usr/lib/postgresql/<major>/bin (not on $PATH); $SALESDESK_PG_BIN
    names another folder. Skipped where there is none, failed in CI (as ``tool``)."""
    candidates = [Path(os.environ["SALESDESK_PG_BIN"])] if os.environ.get("SALESDESK_PG_BIN") else []
    candidates += sorted(
        (p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            share = Path(
                subprocess.run(
                    [folder / "pg_config", "--sharedir"], capture_output=True, text=True, check=False
                ).stdout.strip()
                or "/nonexistent"
            )
            if not (share / "extension" / "unaccent.control").is_file():
                continue
            return folder
    message = "PostgreSQL (initdb, pg_ctl and the unaccent extension) is not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; .ci/run should have installed postgresql and postgresql-contrib")
    pytest.skip(f"{message} here (Debian packages: postgresql postgresql-contrib)")


#: The user id (and group id) tests drop to when file permissions must count: "nobody".
UNPRIVILEGED_ID = 65534


def as_user(function, *args):
    """``function(*args)`` with an ordinary user's file permissions; returns its result.

    Root ignores file permissions (a read-only folder is writable to it), so as root this
    runs ``function`` in a forked child that drops to user and group UNPRIVILEGED_ID; files
    that user should own must be handed over first (give_to_user). Run by an ordinary user
    it simply calls ``function``. The result must pickle; an exception fails the test.
    Import what ``function`` needs beforehand: the child may not be able to read the
    interpreter's own files (a Python installed in root's home)."""
    import pickle

    if os.name != "posix":
        pytest.skip("file permissions as tested here are POSIX ones")
    if os.geteuid() != 0:
        return function(*args)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no Qt here, only files and SQLite; leaves with os._exit
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(UNPRIVILEGED_ID)
            os.setuid(UNPRIVILEGED_ID)
            payload = pickle.dumps(("ok", function(*args)))
        except BaseException as exc:  # reported to the parent, which fails the test
            payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as incoming:
        data = incoming.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    if kind == "error":
        pytest.fail(f"as an ordinary user: {value}")
    return value


def give_to_user(*paths) -> None:
    """Make the files and folders (recursively) belong to the user as_user runs as (as root)."""
    if os.name != "posix" or os.geteuid() != 0:
        return
    for top in paths:
        for root, folders, files in os.walk(top):
            for name in folders + files:
                os.lchown(os.path.join(root, name), UNPRIVILEGED_ID, UNPRIVILEGED_ID)
        os.lchown(top, UNPRIVILEGED_ID, UNPRIVILEGED_ID)
