"""The sidebar's file choosers given what is not a file (``/dev/zero``, a named pipe, a
folder, a link to ``/dev/zero``): importing calls or a playbook, restoring a backup, and
the playbooks folder. Each says what the thing is, at once, and reads none of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from salesdesk.config import user_playbook_dir
from salesdesk.ui.exporting.feature import ExportCommands
from salesdesk.ui.playbooks import files as playbook_files
from salesdesk.ui.safety import feature as safety
from tests.helpers.sidebar import db_rows
from tests.helpers.special_files import SAID, special_file

pytestmark = pytest.mark.skipif(os.name != "posix" or not Path("/dev/zero").exists(), reason="needs /dev/zero")


@pytest.fixture(params=list(SAID))
def special(request, tmp_path: Path) -> tuple[str, Path]:
    return request.param, special_file(tmp_path, request.param)


def test_importing_calls_from_it_says_what_it_is(qtbot, open_window, special):
    kind, path = special
    window = open_window()
    with qtbot.waitSignal(window.features.get(ExportCommands).jobFinished, timeout=10000):
        window.features.get(ExportCommands).import_file(path)
    text = window.banner.label.text()
    assert text.startswith(f"Nothing was imported: {path.name} has problems.")
    assert f"{path}: {SAID[kind]}" in text
    assert db_rows(window.controller.handle.data_dir, "select count(*) from call") == [(0,)]


def test_importing_a_playbook_from_it_says_what_it_is(qtbot, open_window, on_dialog, monkeypatch, special):
    kind, path = special
    window = open_window()
    monkeypatch.setattr(playbook_files, "ask_open_path", lambda _parent: path)
    seen = {}

    def read(box) -> None:
        seen["title"], seen["details"] = box.windowTitle(), box.informativeText()
        box.accept()

    on_dialog(read)
    window.actions["import_playbook"].trigger()
    assert seen["title"] == "Playbook not imported"
    assert f"{path}: {SAID[kind]}" in seen["details"]
    assert not list(user_playbook_dir(window.controller.handle.data_dir).glob("*"))


def test_restoring_from_it_says_what_it_is_and_keeps_the_database(qtbot, open_window, on_dialog, special):
    kind, path = special
    window = open_window()
    seen = {}

    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        box.accept()

    on_dialog(read)
    assert not safety.restore_now(window, path)
    assert seen["title"] == "Not restored"
    assert SAID[kind] in seen["text"]
    qtbot.waitUntil(lambda: window.controller.handle.is_open)
    assert not list(window.controller.handle.data_dir.glob("salesdesk.sqlite3.before-restore-*"))


def test_what_is_not_a_file_in_the_playbooks_folder_is_named_not_read(qtbot, open_window, data_dir: Path):
    folder = user_playbook_dir(data_dir)
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.toml")
    (folder / "folder.toml").mkdir()
    (folder / "zero.toml").symlink_to("/dev/zero")
    window = open_window()  # loads the playbooks: a pipe read would block, /dev/zero never end
    text = window.banner.label.text()
    assert "3 playbook files could not be loaded" in text
    for name, kind in [("pipe", "fifo"), ("folder", "folder"), ("zero", "dev-zero")]:
        assert f"{folder / name}.toml: {SAID[kind]}" in text
    assert window.library.default.name == "Eight-step sales call"
