"""Listening's screens in the sidebar, without sound: consent, settings, faults that need
no sound server (tests/listen/test_sidebar_listening.py listens for real)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesdesk.listen import extra_installed
from salesdesk.ui.listening.dialogs import ConsentDialog, ListeningDialog
from salesdesk.ui.listening.feature import Listening
from tests.helpers.sidebar import db_rows, start_call


def test_turning_listening_on_asks_for_consent_first(qtbot, open_window, on_dialog):
    window = open_window()

    def decline(dialog):
        assert isinstance(dialog, ConsentDialog)
        dialog.reject()

    on_dialog(decline)
    window.actions["listen"].trigger()
    assert not window.prefs.listen_enabled and not window.prefs.listen_consented
    assert not window.actions["listen"].isChecked()

    def accept(dialog):
        dialog.accept_button.click()

    on_dialog(accept)
    window.actions["listen"].trigger()
    assert window.prefs.listen_enabled and window.prefs.listen_consented
    assert window.actions["listen"].isChecked()
    # No call on screen: nothing is listened to yet.
    listening = window.features.get(Listening)
    assert listening.session is None or not listening.session.running


def test_the_consent_screen_says_what_is_heard_kept_and_asked(qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = ConsentDialog()
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "what your computer plays" in text
    assert "No audio is ever written to disk or sent anywhere" in text
    assert "everyone on a call must agree" in text
    assert "Pause with F9" in text


@pytest.mark.skipif(not extra_installed(), reason="the listening extra is not installed")
def test_a_missing_model_is_a_message_in_the_sidebar_and_the_call_goes_on(
    qtbot, open_window, on_dialog, tmp_path: Path, data_dir: Path
):
    window = open_window()
    window.prefs.listen_consented = True
    window.prefs.listen_model = str(tmp_path / "no-model-here")
    start_call(window, qtbot, on_dialog)
    window.actions["listen"].trigger()
    listening = window.features.get(Listening)
    strip = listening.strip
    assert strip.isVisible() and strip.status.text() == "Not listening"
    assert strip.problem.text() == (
        "No speech model yet: download one in the listening settings. The call goes on without listening."
    )
    assert "no-model-here: no such folder" in strip.problem.toolTip()
    assert not strip.retry_button.isHidden()
    assert window.controller.call is not None
    assert db_rows(data_dir, "select count(*) from call where ended_at is null") == [(1,)]


@pytest.mark.skipif(not extra_installed(), reason="the listening extra is not installed")
def test_a_corrupt_model_folder_is_refused_with_its_reason(qtbot, open_window, tmp_path: Path):
    window = open_window()
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
        (folder / name).write_text("{}")
    dialog = ListeningDialog(window, window.features.get(Listening))
    qtbot.addWidget(dialog)
    assert dialog.model_state.text() == "tiny.en is not downloaded yet."
    assert not dialog.use_folder(folder)
    assert dialog.model_state.text().startswith("Not a speech model folder, nothing changed: ")
    assert "not a CTranslate2 Whisper model" in dialog.model_state.text()
    assert window.prefs.listen_model == ""
    dialog.reject()


def test_heard_phrases_are_notes_through_the_controller_and_export_like_notes(
    qtbot, open_window, on_dialog, data_dir: Path
):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.notes_editor.setPlainText("typing this")
    with qtbot.waitSignal(window.controller.notesChanged):
        window.controller.add_heard_note("it's  a bit too expensive", "them")
    window.controller.add_heard_note("so what would it cost", "me")
    window.flush_notes()
    rows = db_rows(data_dir, "select text, draft from note order by id")
    assert ("Heard (prospect): it's a bit too expensive", 0) in rows
    assert ("Heard (me): so what would it cost", 0) in rows
    assert [n.text for n in window.controller.call.notes][-1] == "typing this"  # the draft stays last


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch):
    """The model hub of tests/listen/test_models.py, serving a fake model called "fake"."""
    from salesdesk.listen import models
    from tests.listen.test_models import SPEC, FakeHub

    fake = FakeHub()
    fake.thread.start()
    monkeypatch.setenv(models.HUB_ENV, fake.url)
    monkeypatch.setitem(models.CATALOG, SPEC.name, SPEC)
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def test_a_model_download_shows_its_size_first_then_its_progress(qtbot, open_window, on_dialog, hub, data_dir: Path):
    from salesdesk.ui.listening.dialogs import DownloadDialog

    window = open_window()
    dialog = ListeningDialog(window, window.features.get(Listening))
    qtbot.addWidget(dialog)
    dialog.catalog.setCurrentIndex(dialog.catalog.findData("fake"))
    assert dialog.catalog.currentText() == "fake (about 3 MB)"
    seen = {}

    def download(download_dialog):
        assert isinstance(download_dialog, DownloadDialog)
        qtbot.waitUntil(download_dialog.start_button.isEnabled)
        seen["asked"] = download_dialog.message.text()
        seen["fetched before"] = [path for path, _range in hub.requests]
        with qtbot.waitSignal(download_dialog.accepted, timeout=30_000):
            download_dialog.start_button.click()
        seen["progress"] = download_dialog.progress.value()

    on_dialog(download)
    dialog.download()
    assert seen["asked"] == "fake: 3.1 MB in 4 files. Download it now?"
    assert seen["fetched before"] == ["/api/models/Test/fake-whisper/tree/main"]  # only the list
    assert seen["progress"] == 100
    assert window.prefs.listen_model == "fake"
    assert (data_dir / "models" / "fake" / "model.bin").is_file()
    assert dialog.model_state.text() == "Using fake, ready."
    dialog.reject()
