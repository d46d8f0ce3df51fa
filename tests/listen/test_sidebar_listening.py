"""Listening in the real sidebar, end to end: a headless PulseAudio with a null sink (the
call's output), espeak-ng sentences played into it, the sidebar listening on its monitor
through the real worker process.

Every test waits for the worker's first level report before it plays anything: a sentence
played before the capture is connected is never heard (tests/listen/test_worker.py)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from salesdesk.ui.beside_call.cues import CueWatcher
from salesdesk.ui.listening.feature import Listening
from tests.helpers.sidebar import db_rows, start_call
from tests.listen.conftest import PulseServer, conversation
from tests.ui import conftest as ui_fixtures
from tests.ui.beside_call.test_cues import cue_rows, notes

pytestmark = pytest.mark.slow
# The GUI fixtures (tests/ui/conftest.py) for these tests too.
open_window = ui_fixtures.open_window
on_dialog = ui_fixtures.on_dialog

OBJECTION = "Honestly, it's a bit too expensive for us this year."
NEUTRAL = "Thanks for walking me through the agenda today."
WAIT_MS = 120_000  # loading the model on a busy 2-core machine


@pytest.fixture
def sound(pulse, monkeypatch: pytest.MonkeyPatch) -> PulseServer:
    """The test's sound server, for the worker processes the sidebar starts."""
    for name in ("PULSE_SERVER", "PULSE_RUNTIME_PATH"):
        monkeypatch.setenv(name, pulse.env[name])
    return pulse


@pytest.fixture
def in_call(qtbot, open_window, on_dialog, model_dir):
    """``in_call(transcript=False)``: a sidebar in a call, listening set up (not yet on)."""

    def _open(*, transcript: bool = False):
        window = open_window()
        listening = prepare(window, model_dir, transcript=transcript)
        start_call(window, qtbot, on_dialog)
        return window, listening

    return _open


def prepare(window, model_dir: Path, *, transcript: bool = False) -> Listening:
    """Listening set up as the rep would in its settings (consent given before)."""
    prefs = window.prefs
    prefs.listen_consented = True
    prefs.listen_model = str(model_dir)
    prefs.listen_device = PulseServer.SINK
    prefs.listen_transcript = transcript
    return window.features.get(Listening)


def turn_on(window, qtbot, listening: Listening) -> list[float]:
    """Turn listening on from the menu; return once the capture delivers sound. The levels
    heard from then on are collected in the list returned."""
    session = listening._session()
    levels: list[float] = []
    session.levelChanged.connect(levels.append)
    with qtbot.waitSignal(session.levelChanged, timeout=WAIT_MS):
        window.actions["listen"].trigger()
    assert listening.strip is not None and listening.strip.isVisible()
    assert listening.strip.status.text() == "● Listening"
    return levels


def test_an_objection_said_on_the_call_shows_its_cue_and_neutral_talk_none(
    qtbot, in_call, sound, tmp_path: Path, data_dir: Path
):
    neutral = conversation([NEUTRAL], tmp_path / "neutral.wav")
    objection = conversation([OBJECTION], tmp_path / "objection.wav")
    window, listening = in_call(transcript=True)
    editor = notes(window, qtbot)
    turn_on(window, qtbot, listening)
    assert listening.strip.reminder_shown  # the line to read out, at the start of the call
    banner_owner = window.features.get(CueWatcher)
    controller = window.controller

    with qtbot.waitSignal(controller.notesChanged, timeout=WAIT_MS):  # heard, into the notes
        sound.play(neutral)
    assert banner_owner.banner is None or not banner_owner.banner.isVisible()
    assert cue_rows(data_dir) == []

    with qtbot.waitSignal(controller.cueRecorded, timeout=WAIT_MS):
        sound.play(objection)
    banner = banner_owner.banner
    assert banner.isVisible() and banner.heading.full_text() == "Too expensive / no budget"
    assert "Heard “too expensive”" in banner.heading.toolTip()
    assert editor.hasFocus()  # the rep keeps typing: a cue never takes the keyboard
    assert cue_rows(data_dir) == [("too-expensive", "shown")]

    # The transcript: heard phrases are notes, marked as heard and with who spoke.
    stored = [text for (text,) in db_rows(data_dir, "select text from note order by id")]
    assert len(stored) == 2 and all(text.startswith("Heard (prospect): ") for text in stored), stored
    assert "expensive" in stored[1]

    # Each objection once per call: heard again, no second cue.
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    with qtbot.waitSignal(controller.notesChanged, timeout=WAIT_MS):
        sound.play(objection)
    assert not banner.isVisible()
    assert cue_rows(data_dir) == [("too-expensive", "dismissed")]
    listening.stop_for_quit()


def test_without_the_transcript_nothing_heard_is_kept(qtbot, in_call, sound, tmp_path: Path, data_dir: Path):
    objection = conversation([OBJECTION], tmp_path / "objection.wav")
    window, listening = in_call()
    turn_on(window, qtbot, listening)
    with qtbot.waitSignal(window.controller.cueRecorded, timeout=WAIT_MS):
        sound.play(objection)
    window.controller.flush_pending()
    assert db_rows(data_dir, "select count(*) from note") == [(0,)]
    listening.stop_for_quit()


def test_the_pause_key_stops_the_capture_and_resumes_it(qtbot, in_call, sound):
    window, listening = in_call()
    turn_on(window, qtbot, listening)
    session = listening.session
    with qtbot.waitSignal(session.stateChanged, check_params_cb=lambda state: state == "paused", timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert listening.strip.status.text() == "Ⅱ Listening paused"
    assert sound.capture_streams() == 0  # nothing is captured while paused
    assert window.actions["listen_pause"].text() == "&Resume listening"
    with qtbot.waitSignal(session.stateChanged, check_params_cb=lambda state: state == "listening", timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert sound.capture_streams() == 1
    listening.stop_for_quit()


def test_a_killed_worker_leaves_the_call_intact_and_listening_comes_back(
    qtbot, in_call, sound, tmp_path: Path, data_dir: Path
):
    objection = conversation([OBJECTION], tmp_path / "objection.wav")
    window, listening = in_call()
    editor = notes(window, qtbot)
    qtbot.keyClicks(editor, "Asked about the rollout")
    levels = turn_on(window, qtbot, listening)
    session = listening.session
    call = window.controller.call
    first_pid = session.pid

    with qtbot.waitSignal(session.stateChanged, check_params_cb=lambda s: s == "restarting", timeout=WAIT_MS):
        os.kill(first_pid, signal.SIGKILL)
    strip = listening.strip
    assert not strip.problem.isHidden()
    assert strip.problem.text() == "The listening process stopped. Listening starts again; the call goes on."
    assert window.controller.call is call and call.ended_at is None
    assert editor.toPlainText() == "Asked about the rollout" and editor.hasFocus()

    qtbot.waitUntil(lambda: session.state == "listening" and session.pid != first_pid, timeout=WAIT_MS)
    heard_before = len(levels)
    qtbot.waitUntil(lambda: len(levels) > heard_before, timeout=WAIT_MS)  # the new capture delivers sound
    assert strip.problem.isHidden()
    with qtbot.waitSignal(window.controller.cueRecorded, timeout=WAIT_MS):
        sound.play(objection)
    assert window.features.get(CueWatcher).banner.isVisible()
    assert window.controller.call is call
    window.flush_notes()
    stored = db_rows(data_dir, "select text, draft from note")
    assert stored == [("Asked about the rollout", 1)]
    listening.stop_for_quit()


def test_no_output_to_listen_to_is_a_message_and_the_call_goes_on(
    qtbot, in_call, pulse_without_outputs, monkeypatch: pytest.MonkeyPatch
):
    for name in ("PULSE_SERVER", "PULSE_RUNTIME_PATH"):
        monkeypatch.setenv(name, pulse_without_outputs.env[name])
    window, listening = in_call()
    window.prefs.listen_device = ""  # the default output: there is none
    session = listening._session()
    with qtbot.waitSignal(session.stateChanged, check_params_cb=lambda s: s == "failed", timeout=WAIT_MS):
        window.actions["listen"].trigger()
    strip = listening.strip
    assert strip.status.text() == "Not listening"
    assert strip.problem.text().startswith("The call's sound cannot be captured here")
    assert strip.problem.text().endswith("The call goes on without listening.")
    assert not strip.retry_button.isHidden()
    assert window.controller.call is not None and window.actions["end_call"].isEnabled()


def test_the_settings_list_the_outputs_and_show_the_sound_level(qtbot, open_window, sound, tmp_path: Path):
    from salesdesk.ui.listening.dialogs import METER_FLOOR_DB, ListeningDialog

    objection = conversation([OBJECTION], tmp_path / "objection.wav")
    window = open_window()
    window.prefs.listen_device = PulseServer.SINK
    dialog = ListeningDialog(window, window.features.get(Listening))
    qtbot.addWidget(dialog)
    levels: list[float] = []
    dialog.levelChanged.connect(levels.append)
    with qtbot.waitSignal(dialog.levelChanged, timeout=WAIT_MS):  # the meter's capture delivers sound
        dialog.show()
    qtbot.waitUntil(lambda: dialog.device.count() > 1)
    assert dialog.device.currentData() == PulseServer.SINK  # the stored choice, found among the outputs
    assert dialog.device.itemText(0) == "The default output"
    sound.play(objection)
    qtbot.waitUntil(lambda: max(levels) > -40)
    assert dialog.level.minimum() == METER_FLOOR_DB
    dialog.reject()
    qtbot.waitUntil(lambda: sound.capture_streams() == 0)  # closing the settings ends the meter
