"""The listening worker for real: espeak-ng speaks into a headless PulseAudio's null sink, the
worker listens on its monitor, in its own process, through the supervisor the UI will use."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from salesdesk.listen.protocol import EXIT_CODES, decode, encode, triggers_command
from salesdesk.listen.supervisor import Supervisor, worker_command
from tests.listen.conftest import conversation

pytestmark = pytest.mark.slow

OBJECTION = "Honestly, it's a bit too expensive for us this year."
NEUTRAL = ["Thanks for taking the time to talk today.", "We have about forty people in the sales team."]


class Events:
    """What a supervisor reported, with a wait for a condition on it."""

    def __init__(self):
        self.items: list[dict] = []
        self._changed = threading.Condition()

    def __call__(self, event: dict) -> None:
        with self._changed:
            self.items.append(event)
            self._changed.notify_all()

    def of(self, kind: str) -> list[dict]:
        with self._changed:
            return [e for e in self.items if e["event"] == kind]

    def wait_for_sound(self, timeout: float = 90.0) -> None:
        """Until the worker is ready and its capture delivers audio (its first level report):
        a sentence played before the sound server has connected the capture is never heard."""
        self.wait(lambda e: e.of("ready") and e.of("level"), timeout)

    def wait(self, condition, timeout: float = 90.0) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: condition(self), timeout):
                raise AssertionError(f"timed out; events so far: {[e for e in self.items if e['event'] != 'level']}")


def supervise(model_dir: Path, playbook, env: dict, **options) -> tuple[Supervisor, Events]:
    events = Events()
    supervisor = Supervisor(worker_command(model_dir, **options), events, playbook.objections, env=env)
    return supervisor, events


def test_an_objection_played_into_the_output_is_cued_and_neutral_talk_is_not(
    pulse, model_dir, playbook, tmp_path: Path
):
    wav = conversation([NEUTRAL[0], OBJECTION, NEUTRAL[1]], tmp_path / "call.wav")
    supervisor, events = supervise(model_dir, playbook, pulse.env)
    supervisor.start()
    try:
        events.wait_for_sound()
        assert events.of("ready")[0]["sources"] == {"them": f"{pulse.SINK}.monitor"}
        pulse.play(wav)
        events.wait(lambda e: len(e.of("heard")) >= 3)
    finally:
        supervisor.stop()
    heard = [e["text"] for e in events.of("heard")]
    assert [e["key"] for e in events.of("cue")] == ["too-expensive"], heard
    (cue,) = events.of("cue")
    assert cue["phrase"] == "too expensive" and "expensive" in cue["heard"]
    assert any("expensive" in text for text in heard), heard
    assert events.of("level"), "a level meter needs level events"
    assert max(e["peak"] for e in events.of("level")) > 0.1
    assert events.of("exited") == [{"event": "exited", "code": 0}]


def test_the_portable_capture_path_hears_the_monitor_too(pulse, model_dir, playbook, tmp_path: Path):
    """sounddevice (PortAudio) through ALSA's pulse device, as on a system without parec."""
    wav = conversation([OBJECTION], tmp_path / "objection.wav")
    supervisor, events = supervise(model_dir, playbook, pulse.env, backend="sounddevice")
    supervisor.start()
    try:
        events.wait_for_sound()
        pulse.play(wav)
        events.wait(lambda e: e.of("cue"))
    finally:
        supervisor.stop()
    assert [e["key"] for e in events.of("cue")] == ["too-expensive"]


def test_paused_listening_records_nothing(pulse, model_dir, playbook, tmp_path: Path):
    wav = conversation([OBJECTION], tmp_path / "objection.wav")
    supervisor, events = supervise(model_dir, playbook, pulse.env)
    supervisor.start()
    try:
        events.wait_for_sound()
        assert pulse.capture_streams() == 1
        supervisor.pause()
        events.wait(lambda e: {"event": "state", "listening": False} in e.items)
        assert pulse.capture_streams() == 0  # the capture itself is closed, not just ignored
        pulse.play(wav)
        levels = len(events.of("level"))
        supervisor.resume()
        events.wait(lambda e: e.of("state")[-1]["listening"] and len(e.of("level")) > levels)
        assert pulse.capture_streams() == 1
        assert events.of("heard") == []
        pulse.play(wav)
        events.wait(lambda e: e.of("cue"))
    finally:
        supervisor.stop()
    assert len(events.of("heard")) == 1


def test_a_killed_worker_comes_back_once(model_dir, playbook, tmp_path: Path):
    wav = conversation([OBJECTION, *NEUTRAL] * 4, tmp_path / "long.wav")
    supervisor, events = supervise(model_dir, playbook, dict(os.environ), file=wav, realtime=True)
    supervisor.start()
    try:
        events.wait(lambda e: e.of("heard"))
        first = supervisor.pid
        os.kill(first, signal.SIGKILL)
        events.wait(lambda e: len(e.of("ready")) == 2)
        assert events.of("restarting") == [
            {"event": "restarting", "kind": "internal", "message": "the listening worker was stopped by signal 9"}
        ]
        assert supervisor.pid != first
        # A cue after the restart (not "the last event is a cue": level reports keep coming,
        # and a waiter woken late would miss that moment, run after run).
        events.wait(lambda e: len(e.of("cue")) >= 2)
        os.kill(supervisor.pid, signal.SIGKILL)  # a second death within the same start: no more restarts
        events.wait(lambda e: e.of("failed"))
        assert supervisor.state == "failed"
        assert len(events.of("ready")) == 2
        supervisor.start()  # the rep (or the UI) may start it again by hand
        events.wait(lambda e: len(e.of("ready")) == 3)
    finally:
        supervisor.stop()


def run_worker(args: list[str], first_line: bytes | None, env: dict | None = None) -> tuple[int, list[dict]]:
    result = subprocess.run(
        [sys.executable, "-m", "salesdesk.listen.worker", *args],
        input=first_line,
        capture_output=True,
        timeout=120,
        env=env,
        check=False,
    )
    return result.returncode, [decode(line) for line in result.stdout.splitlines()]


def triggers(playbook) -> bytes:
    return encode(triggers_command(playbook.objections))


def test_a_missing_model_is_an_error_event_and_exit_status(playbook, tmp_path: Path, model_dir):
    code, events = run_worker(["--model", str(tmp_path / "none")], triggers(playbook))
    assert code == EXIT_CODES["model-missing"]
    assert events == [{"event": "error", "kind": "model-missing", "message": events[0]["message"]}]
    assert "no such folder" in events[0]["message"]


def test_a_corrupt_model_is_an_error_event_and_exit_status(playbook, tmp_path: Path, model_dir):
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(model_dir / name, broken / name)
    (broken / "model.bin").write_bytes((model_dir / "model.bin").read_bytes()[:200_000])  # cut short
    code, events = run_worker(["--model", str(broken)], triggers(playbook))
    assert code == EXIT_CODES["model-corrupt"], events
    assert events[0]["kind"] == "model-corrupt" and "cannot be loaded" in events[0]["message"]


def test_no_sound_server_no_output_device(pulse_without_outputs, playbook, model_dir, tmp_path: Path):
    code, events = run_worker(["--model", str(model_dir)], triggers(playbook), pulse_without_outputs.env)
    assert code == EXIT_CODES["no-monitor"]
    assert events[0]["kind"] == "no-monitor" and "no output device" in events[0]["message"]
    gone = {**pulse_without_outputs.env, "PULSE_SERVER": f"unix:{tmp_path / 'no-server'}"}
    code, events = run_worker(["--model", str(model_dir)], triggers(playbook), gone)
    assert code == EXIT_CODES["no-audio-server"]
    assert "no PulseAudio or PipeWire sound server" in events[0]["message"]


def test_an_unknown_output_device(pulse, playbook, model_dir):
    code, events = run_worker(["--model", str(model_dir), "--device", "speakers"], triggers(playbook), pulse.env)
    assert code == EXIT_CODES["no-monitor"]
    assert events[0]["message"] == f"no output device called 'speakers' with a monitor (outputs: {pulse.SINK})"


def test_faults_are_not_retried(playbook, tmp_path: Path, model_dir):
    supervisor, events = supervise(tmp_path / "none", playbook, dict(os.environ))
    supervisor.start()
    events.wait(lambda e: e.of("failed"))
    assert [e["event"] for e in events.items] == ["error", "failed"]
    assert events.of("failed")[0]["kind"] == "model-missing"


def test_the_first_command_must_be_triggers(model_dir):
    code, events = run_worker(["--model", str(model_dir)], b'{"cmd": "pause"}\n')
    assert code == EXIT_CODES["bad-command"]
    assert events[0]["kind"] == "bad-command"


def test_without_the_extra_the_worker_says_what_to_install(tmp_path: Path, playbook, model_dir):
    # Python finds this empty stand-in first and fails to import it, as when it is not installed.
    shadow = tmp_path / "shadow" / "faster_whisper"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError(\"No module named 'faster_whisper'\")\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shadow.parent), os.environ.get("PYTHONPATH", "")])}
    code, events = run_worker(["--model", str(model_dir)], triggers(playbook), env)
    assert code == EXIT_CODES["extra-missing"]
    assert "pip install 'salesdesk[listen]'" in events[0]["message"]


def test_a_file_is_heard_to_its_end_and_the_stream_holds_only_protocol_lines(model_dir, playbook, tmp_path: Path):
    wav = conversation(["Let me think about it.", NEUTRAL[1]], tmp_path / "file.wav")
    code, events = run_worker(["--model", str(model_dir), "--file", str(wav)], triggers(playbook))
    assert code == 0
    kinds = [e["event"] for e in events if e["event"] != "level"]
    assert kinds == ["ready", "state", "heard", "cue", "heard", "stopped"]
    cue = next(e for e in events if e["event"] == "cue")
    assert (cue["key"], cue["phrase"], cue["speaker"]) == ("get-back-to-you", "let me think", "them")
    stopped = events[-1]
    assert stopped["audio_s"] > 3 and stopped["cpu_s"] > 0 and stopped["rss_mb"] > 50


def test_a_long_file_read_at_full_speed_loses_nothing(model_dir, playbook, tmp_path: Path):
    """Longer than the worker's queue of live frames (about a minute): a file waits for the
    decoder instead of having frames dropped."""
    opening = conversation([NEUTRAL[0]], tmp_path / "opening.wav", gap=75.0)
    closing = conversation([OBJECTION], tmp_path / "closing.wav")
    wav = tmp_path / "long.wav"
    subprocess.run(["sox", str(opening), str(closing), str(wav)], check=True)
    code, events = run_worker(["--model", str(model_dir), "--file", str(wav)], triggers(playbook))
    assert code == 0
    assert [e["key"] for e in events if e["event"] == "cue"] == ["too-expensive"]
    assert events[-1]["audio_s"] > 78
