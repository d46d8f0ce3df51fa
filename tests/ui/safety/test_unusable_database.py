"""Starting the sidebar on a database file that is not SalesDesk's to write, or that holds
a schema version no SalesDesk writes: the recovery dialog says what the file is, and until
the rep chooses, not one byte, mode or companion file changes (the command line's side is
in tests/test_unusable_database.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from salesdesk.cli import main
from salesdesk.storage import close_db
from salesdesk.storage.backup import list_backups
from salesdesk.storage.migrations import SCHEMA_VERSION
from salesdesk.storage.paths import database_path
from salesdesk.ui.safety.recovery import FRESH, QUIT, RecoveryDialog
from salesdesk.ui.sidebar.window import SidebarWindow
from tests.helpers.sidebar import db_rows
from tests.unusable_files import KINDS, ODD_VERSIONS, fingerprint, make_file, set_schema_version


@pytest.fixture(autouse=True)
def never_ask_on_teardown():
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SidebarWindow):
            widget.forced_quit = True


def start_app(data_dir: Path, on_dialog, choice: str) -> tuple[int, dict]:
    """The real start-up; ``choice`` answers the recovery dialog; closes once shown."""
    seen: dict = {}

    def answer(dialog) -> None:
        assert isinstance(dialog, RecoveryDialog)
        seen["text"] = dialog.message.text()
        seen["choices"] = list(dialog.choice_buttons)
        dialog.choice_buttons[choice].click()

    def on_shown(window) -> None:
        seen["title"] = window.windowTitle()
        QTimer.singleShot(0, window.close)

    on_dialog(answer)
    try:
        return main(["--data-dir", str(data_dir)], on_shown=on_shown), seen
    finally:
        close_db()


@pytest.mark.parametrize("kind", KINDS)
def test_starting_on_a_file_that_is_not_salesdesks_changes_nothing(qapp, on_dialog, data_dir: Path, kind: str):
    make_file(data_dir, kind)
    before = fingerprint(data_dir)
    status, seen = start_app(data_dir, on_dialog, QUIT)
    assert status == 1
    said = "newer SalesDesk" if kind.startswith("newer") else str(database_path(data_dir))
    assert said in seen["text"]
    assert fingerprint(data_dir) == before  # every byte and mode; no -wal or -shm made or removed
    assert list_backups(data_dir) == []


@pytest.mark.parametrize("value", ODD_VERSIONS)
def test_an_odd_schema_version_is_damage_the_rep_can_start_fresh_from(qapp, on_dialog, data_dir: Path, value: str):
    set_schema_version(data_dir, value)
    bad = database_path(data_dir).read_bytes()
    status, seen = start_app(data_dir, on_dialog, FRESH)
    assert status == 0
    assert f"has a schema version no SalesDesk writes: {value!r}" in seen["text"]
    assert seen["choices"] == [FRESH, QUIT]  # damage, not "update SalesDesk"
    assert seen["title"] == "SalesDesk"
    # No pre-upgrade backup of a version that is none (the new empty database gets its daily one).
    assert not [b for b in list_backups(data_dir) if b.reason != "daily"]
    (aside,) = (p for p in data_dir.glob("salesdesk.sqlite3.bad-version-*") if not p.name.endswith(("-wal", "-shm")))
    assert aside.read_bytes() == bad
    assert db_rows(data_dir, "select value from schema_info") == [(str(SCHEMA_VERSION),)]
