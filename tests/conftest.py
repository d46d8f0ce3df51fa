"""Shared fixtures: every test gets a fresh data dir; Qt runs headless."""

from __future__ import annotations

import os

# Before any Qt import: CI has no display, and tests must not depend on one.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("SALESDESK_DATA_DIR", None)

from pathlib import Path

import pytest

from salesdesk.core.playbook import Playbook
from salesdesk.core.playbook_check import default_playbook

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder; also set as $SALESDESK_DATA_DIR so nothing touches the real one."""
    path = tmp_path / "data"
    monkeypatch.setenv("SALESDESK_DATA_DIR", str(path))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    return path


@pytest.fixture(scope="session")
def playbook() -> Playbook:
    return default_playbook()


@pytest.fixture
def store(data_dir: Path):
    from salesdesk.storage import CallStore, close_db, init_db

    init_db(data_dir)
    yield CallStore()
    close_db()


@pytest.fixture
def user_dir():
    """A temporary folder that the user of tests.tools.as_user can reach (pytest's own temp
    folders are private to root when the tests run as root)."""
    import shutil
    import tempfile

    from tests.tools import give_to_user

    path = Path(tempfile.mkdtemp(prefix="salesdesk-test-"))
    give_to_user(path)
    yield path
    for root, folders, _files in os.walk(path):  # a test may leave a folder read-only
        for name in folders:
            os.chmod(os.path.join(root, name), 0o700)
    os.chmod(path, 0o700)
    shutil.rmtree(path, ignore_errors=True)
