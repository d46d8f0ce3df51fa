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
