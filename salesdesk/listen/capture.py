"""Where the sound comes from: capture devices and sources of 16 kHz mono float frames.

The prospect's side of a call is what the computer plays, so it is captured from the
*monitor* of an output device: on Linux, PulseAudio and PipeWire (through pipewire-pulse)
give every output a monitor source, read here with their own ``parec`` in a subprocess.
``sounddevice`` (PortAudio) is the portable path: microphones anywhere, and on Linux the
ALSA ``pulse`` device with ``PULSE_SOURCE`` set. Frames go to a callback in small numpy
arrays and are never written anywhere: no file, no pipe other than parec's stdout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from salesdesk.listen.protocol import RATE

#: Samples per frame handed on: 32 ms, the voice-activity detector's window.
FRAME = 512


class CaptureError(Exception):
    """Sound cannot be captured; ``kind`` is a protocol error kind."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Device:
    name: str  # what --device takes
    description: str
    kind: str  # "monitor" (what an output device plays) or "microphone"
    backend: str  # "pulse" or "portaudio"
    default: bool = False
    monitor_of: str = ""  # the output device a monitor belongs to


# --- PulseAudio / PipeWire -----------------------------------------------------------------


def pulse_tools() -> bool:
    return shutil.which("pactl") is not None and shutil.which("parec") is not None


def _pactl(*args: str) -> str:
    env = {**os.environ, "LC_ALL": "C"}  # the long listings are translated otherwise
    try:
        result = subprocess.run(
            ["pactl", *args], capture_output=True, text=True, timeout=10, env=env, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CaptureError("no-audio-server", f"pactl did not answer: {exc}") from exc
    if result.returncode != 0:
        detail = "; ".join((result.stderr or result.stdout).split("\n")).strip("; ") or f"exit {result.returncode}"
        raise CaptureError(
            "no-audio-server", f"no PulseAudio or PipeWire sound server is running here (pactl: {detail})"
        )
    return result.stdout


def _pulse_defaults() -> tuple[str, str]:
    """(default output device, default input source) as the sound server has them."""
    sink = source = ""
    for line in _pactl("info").splitlines():
        if line.startswith("Default Sink:"):
            sink = line.partition(":")[2].strip()
        elif line.startswith("Default Source:"):
            source = line.partition(":")[2].strip()
    return sink, source


def pulse_devices() -> list[Device]:
    default_sink, default_source = _pulse_defaults()
    devices = []
    block: dict[str, str] = {}

    def flush() -> None:
        if "Name" not in block:
            return
        monitor_of = block.get("Monitor of Sink", "n/a")
        is_monitor = monitor_of not in ("", "n/a")
        devices.append(
            Device(
                block["Name"],
                block.get("Description", block["Name"]),
                "monitor" if is_monitor else "microphone",
                "pulse",
                default=(monitor_of == default_sink) if is_monitor else block["Name"] == default_source,
                monitor_of=monitor_of if is_monitor else "",
            )
        )

    for line in _pactl("list", "sources").splitlines():
        if line.startswith("Source #"):
            flush()
            block = {}
        elif line.startswith("\t") and not line.startswith("\t\t") and ":" in line:
            key, _, value = line.strip().partition(":")
            block.setdefault(key, value.strip())
    flush()
    return devices


def resolve_monitor(output: str | None = None) -> str:
    """The monitor source of ``output`` (a sink's name, or a monitor source's name), or of the
    default output device: a CaptureError says which is missing."""
    devices = pulse_devices()
    monitors = [d for d in devices if d.kind == "monitor"]
    if output:
        for device in monitors:
            if output in (device.name, device.monitor_of):
                return device.name
        known = ", ".join(d.monitor_of for d in monitors) or "none"
        raise CaptureError("no-monitor", f"no output device called {output!r} with a monitor (outputs: {known})")
    for device in monitors:
        if device.default:
            return device.name
    if not monitors:
        raise CaptureError(
            "no-monitor", "the sound server has no output device to listen to (no monitor source): is one connected?"
        )
    raise CaptureError(
        "no-monitor", "the default output device has no monitor source; choose one with --device (see --devices)"
    )


def resolve_microphone(name: str | None = None) -> str:
    devices = [d for d in pulse_devices() if d.kind == "microphone"]
    if name:
        if any(d.name == name for d in devices):
            return name
        raise CaptureError("no-device", f"no microphone called {name!r} (see salesdesk listen --devices)")
    for device in devices:
        if device.default:
            return device.name
    if devices:
        return devices[0].name
    raise CaptureError("no-device", "no microphone found")


# --- PortAudio ----------------------------------------------------------------------------


def portaudio_devices() -> list[Device]:
    try:
        import sounddevice
    except (ImportError, OSError):  # OSError: the module is there, libportaudio is not
        return []
    try:
        found = sounddevice.query_devices()
        default_input = sounddevice.default.device[0]
    except sounddevice.PortAudioError:
        return []
    return [
        Device(str(device["name"]), str(device["name"]), "microphone", "portaudio", default=index == default_input)
        for index, device in enumerate(found)
        if device["max_input_channels"] > 0
    ]


def list_devices() -> tuple[list[Device], list[str]]:
    """Every capture source (the sound server's, monitors first, then PortAudio's inputs), and
    why a kind of source is missing, if one is."""
    devices: list[Device] = []
    problems = []
    if pulse_tools():
        try:
            devices = sorted(pulse_devices(), key=lambda d: (d.kind != "monitor", not d.default, d.name))
        except CaptureError as exc:
            problems.append(str(exc))
    else:
        problems.append("pactl and parec are not installed (Debian: pulseaudio-utils): no monitor sources")
    portaudio = portaudio_devices()
    if not portaudio:
        problems.append("no PortAudio inputs (sounddevice or libportaudio2 missing, or no input device)")
    return devices + portaudio, problems


# --- Sources ------------------------------------------------------------------------------

FrameSink = Callable[[str, "object"], None]  # (speaker, float32 frames) or (speaker, None) at the end
ErrorSink = Callable[[CaptureError], None]


class Source:
    """A running capture: calls ``on_frames(speaker, frames)`` from its own thread."""

    #: Live audio does not wait for a slow consumer; a file read as fast as it is decoded does.
    live = True

    def __init__(self, speaker: str, label: str):
        self.speaker = speaker
        self.label = label  # the device, for the ready event

    def start(self, on_frames: FrameSink, on_error: ErrorSink) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class _Framer:
    """Cuts a byte stream of float32 samples into FRAME-sized numpy arrays."""

    def __init__(self):
        import numpy

        self._np = numpy
        self._pending = b""

    def feed(self, data: bytes):
        data = self._pending + data
        usable = len(data) - len(data) % (FRAME * 4)
        self._pending = data[usable:]
        if usable:
            yield from self._np.frombuffer(data[:usable], dtype="<f4").reshape(-1, FRAME)


class ParecSource(Source):
    """PulseAudio's (or pipewire-pulse's) ``parec`` on one source, resampled by the server."""

    def __init__(self, speaker: str, device: str):
        super().__init__(speaker, device)
        self._process: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False

    def start(self, on_frames: FrameSink, on_error: ErrorSink) -> None:
        command = [
            "parec",
            f"--device={self.label}",
            f"--rate={RATE}",
            "--channels=1",
            "--format=float32le",
            "--latency-msec=30",
            "--client-name=SalesDesk",
            "--stream-name=Listening (kept in memory only)",
        ]
        self._stopping = False
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        except OSError as exc:
            raise CaptureError("no-audio-server", f"parec cannot be started: {exc}") from exc
        self._thread = threading.Thread(target=self._read, args=(on_frames, on_error), daemon=True, name="parec")
        self._thread.start()

    def _read(self, on_frames: FrameSink, on_error: ErrorSink) -> None:
        process = self._process
        framer = _Framer()
        while True:
            data = process.stdout.read1(FRAME * 4 * 2)
            if not data:
                break
            for frame in framer.feed(data):
                on_frames(self.speaker, frame)
        status = process.wait()
        if not self._stopping:
            detail = process.stderr.read().decode("utf-8", "replace").strip() or f"exit status {status}"
            on_error(CaptureError("capture-failed", f"capture from {self.label} stopped: {detail}"))

    def stop(self) -> None:
        self._stopping = True
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._process is not None:
            for pipe in (self._process.stdout, self._process.stderr):
                pipe.close()


class SoundDeviceSource(Source):
    """A PortAudio input. ``pulse_source`` picks the source of the ALSA ``pulse`` device."""

    def __init__(self, speaker: str, device: str | None = None, pulse_source: str | None = None):
        super().__init__(speaker, pulse_source or device or "default input")
        self.device = device
        self.pulse_source = pulse_source
        self._stream = None

    def start(self, on_frames: FrameSink, on_error: ErrorSink) -> None:
        try:
            import sounddevice
        except OSError as exc:
            raise CaptureError("no-device", f"PortAudio is not installed (Debian: libportaudio2): {exc}") from exc
        device = self.device
        if self.pulse_source:
            os.environ["PULSE_SOURCE"] = self.pulse_source  # read by ALSA's pulse plugin on open
            device = device or "pulse"
        framer = _Framer()

        def callback(indata, _frames, _time, status) -> None:
            for frame in framer.feed(indata[:, 0].astype("<f4").tobytes()):
                on_frames(self.speaker, frame)

        try:
            self._stream = sounddevice.InputStream(
                samplerate=RATE, channels=1, dtype="float32", blocksize=FRAME, device=device, callback=callback
            )
            self._stream.start()
        except (sounddevice.PortAudioError, ValueError) as exc:
            raise CaptureError("no-device", f"cannot capture from {self.label}: {exc}") from exc

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None


class FileSource(Source):
    """An audio file (any format PyAV reads), as if it were heard: at once, or in real time."""

    def __init__(self, speaker: str, path: Path, realtime: bool = False):
        super().__init__(speaker, str(path))
        self.path = Path(path)
        self.realtime = realtime
        self.live = realtime
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._audio = None
        self._position = 0  # frames played: a pause and resume goes on from here
        self.duration = 0.0

    def load(self):
        from faster_whisper.audio import decode_audio

        try:
            audio = decode_audio(str(self.path), sampling_rate=RATE)
        except Exception as exc:  # PyAV raises its own error types for every kind of bad file
            raise CaptureError("no-device", f"{self.path}: cannot be read as audio: {exc}") from exc
        self.duration = len(audio) / RATE
        return audio

    def start(self, on_frames: FrameSink, on_error: ErrorSink) -> None:
        import numpy

        if self._audio is None:
            audio = self.load()
            self._audio = numpy.pad(audio, (0, -len(audio) % FRAME)).reshape(-1, FRAME)
        self._stop.clear()
        self._thread = threading.Thread(target=self._play, args=(on_frames,), daemon=True, name="file")
        self._thread.start()

    def _play(self, on_frames: FrameSink) -> None:
        started, first = time.monotonic(), self._position
        while self._position < len(self._audio):
            if self._stop.is_set():
                return
            if self.realtime:
                delay = started + (self._position - first + 1) * FRAME / RATE - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            on_frames(self.speaker, self._audio[self._position])
            self._position += 1
        on_frames(self.speaker, None)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
