"""The listening worker: a process of its own, never the UI's. ``python -m salesdesk.listen.worker``.

It reads commands on stdin and writes events on stdout (salesdesk.listen.protocol), captures
the call's audio into memory, and runs the pipeline. Anything else that writes to stdout (a
library's stray print) is sent to stderr, so the protocol stream stays clean. A fault is one
``error`` event and an exit status that names it (protocol.EXIT_CODES).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import sys
import threading
import time
from pathlib import Path

from salesdesk.listen.protocol import EXIT_CODES, RATE, VERSION, decode, encode, error


class FatalError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m salesdesk.listen.worker", description=__doc__)
    parser.add_argument("--model", type=Path, help="a CTranslate2 Whisper model folder")
    parser.add_argument(
        "--meter", action="store_true", help="only capture and report sound levels (no model: the settings' meter)"
    )
    parser.add_argument("--device", help="output device (or its monitor source) to listen to; default: the default")
    parser.add_argument("--mic", nargs="?", const="", default=None, help="also transcribe this microphone as 'me'")
    parser.add_argument("--file", type=Path, help="listen to an audio file instead of a device")
    parser.add_argument("--realtime", action="store_true", help="with --file: feed it at the speed it plays")
    parser.add_argument("--backend", choices=("auto", "parec", "sounddevice"), default="auto")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for Whisper (default 2)")
    parser.add_argument("--no-prompt", action="store_true", help="do not give Whisper the trigger phrases as a prompt")
    parser.add_argument("--beam", type=int, help="Whisper's beam size (default: pipeline.Recogniser.BEAM_SIZE)")
    parser.add_argument("--min-silence", type=float, help="seconds of silence that end an utterance")
    parser.add_argument("--full-window", action="store_true", help="give Whisper's encoder its full 30 s window")
    return parser


class Output:
    """The protocol stream: the real stdout, kept for events only."""

    def __init__(self):
        sys.stdout.flush()
        self._fd = os.dup(1)
        os.dup2(2, 1)  # fd 1 (what C libraries and print() use) now goes to stderr
        sys.stdout = sys.stderr
        self._lock = threading.Lock()

    def send(self, message: dict) -> None:
        data = encode(message)
        with self._lock:
            try:
                while data:
                    data = data[os.write(self._fd, data) :]
            except BrokenPipeError:
                os._exit(0)  # nobody is listening any more: the UI is gone


def _sources(args) -> list:
    from salesdesk.listen import capture

    if args.file is not None:
        return [capture.FileSource("them", args.file, realtime=args.realtime)]
    backend = args.backend
    if backend == "auto":
        backend = "parec" if capture.pulse_tools() else "sounddevice"
    sources = []
    if backend == "parec" or capture.pulse_tools():
        monitor = capture.resolve_monitor(args.device)
        if backend == "parec":
            sources.append(capture.ParecSource("them", monitor))
        else:
            sources.append(capture.SoundDeviceSource("them", pulse_source=monitor))
        if args.mic is not None:
            sources.append(capture.ParecSource("me", capture.resolve_microphone(args.mic or None)))
    else:
        raise capture.CaptureError(
            "no-monitor",
            "the call's audio can only be captured through PulseAudio or PipeWire here (pactl and parec "
            "not found); other systems: see docs/listening.md",
        )
    return sources


def run(args, out: Output) -> int:
    # The first command sets the triggers; nothing is heard before it arrives.
    first = decode(sys.stdin.buffer.readline() or b'{"cmd":"stop"}')
    if first is None or first.get("cmd") not in ("triggers", "stop"):
        raise FatalError("bad-command", f"the first command must be 'triggers', not {first!r}")
    if first["cmd"] == "stop":
        return 0
    try:
        import numpy  # noqa: F401 (the extra's check)
        from faster_whisper import WhisperModel  # noqa: F401
    except ImportError as exc:
        raise FatalError(
            "extra-missing", f"listening needs the optional extra: pip install 'salesdesk[listen]' ({exc})"
        ) from exc
    from salesdesk.listen.capture import CaptureError
    from salesdesk.listen.pipeline import LevelMeter, objections_from

    try:
        objections = objections_from(first.get("objections", []))
    except ValueError as exc:
        raise FatalError("bad-command", f"triggers: {exc}") from exc
    if args.meter:
        listener = MeterOnly(LevelMeter())
    elif args.model is None:
        raise FatalError("model-missing", "no model folder given (--model)")
    else:
        listener = _listener(args, objections)
    try:
        sources = _sources(args)
    except CaptureError as exc:
        raise FatalError(exc.kind, str(exc)) from exc
    return _listen(args, out, listener, sources)


class MeterOnly:
    """Stands in for the pipeline in --meter mode: levels only, nothing decoded."""

    name = ""
    audio_seconds = 0.0

    def __init__(self, meter):
        self.meter = meter

    def feed(self, speaker, frame) -> list[dict]:
        return self.meter.feed(speaker, frame)

    def flush(self, _speaker) -> list[dict]:
        return []

    def reset(self) -> None:
        self.meter.clear()

    def set_objections(self, _objections) -> None:
        pass


def _listener(args, objections):
    from salesdesk.listen.models import ModelError
    from salesdesk.listen.pipeline import Listener, Recogniser

    try:
        recogniser = Recogniser(
            args.model,
            threads=args.threads,
            beam_size=args.beam or Recogniser.BEAM_SIZE,
            short_window=not args.full_window,
        )
    except ModelError as exc:
        raise FatalError(exc.kind, str(exc)) from exc
    return Listener(recogniser, objections, prompt=not args.no_prompt, min_silence=args.min_silence)


def _listen(args, out: Output, listener, sources: list) -> int:
    from salesdesk.listen.capture import CaptureError
    from salesdesk.listen.pipeline import objections_from

    inbox: queue.Queue = queue.Queue(maxsize=2000)  # about a minute of frames: capture never blocks on it

    def on_frames(speaker, frame) -> None:
        if frame is None:  # the end of a source is never dropped
            inbox.put(("frames", speaker, None))
            return
        # Decoding a minute behind live audio: drop audio rather than grow without bound.
        with contextlib.suppress(queue.Full):
            inbox.put_nowait(("frames", speaker, frame))

    def on_file_frames(speaker, frame) -> None:
        inbox.put(("frames", speaker, frame))  # a file waits for the decoder: nothing is lost

    def frames_callback(source):
        return on_frames if source.live else on_file_frames

    def on_error(exc) -> None:
        inbox.put(("error", exc.kind, str(exc)))

    def read_commands() -> None:
        for line in sys.stdin.buffer:
            message = decode(line)
            if message is not None:
                inbox.put(("cmd", message, None))
        inbox.put(("cmd", {"cmd": "eof"}, None))

    threading.Thread(target=read_commands, daemon=True, name="commands").start()
    t0 = time.time()
    for source in sources:
        try:
            source.start(frames_callback(source), on_error)
        except CaptureError as exc:
            raise FatalError(exc.kind, str(exc)) from exc
    out.send(
        {
            "event": "ready",
            "version": VERSION,
            "model": getattr(listener, "recogniser", listener).name,
            "sources": {s.speaker: s.label for s in sources},
            "rate": RATE,
            "t0": t0,
        }
    )
    out.send({"event": "state", "listening": True})
    listening, ended = True, set()
    try:
        while True:
            kind, first_arg, second_arg = inbox.get()
            if kind == "frames":
                if not listening:
                    continue
                if second_arg is None:  # a file came to its end
                    for event in listener.flush(first_arg):
                        out.send(event)
                    ended.add(first_arg)
                    if len(ended) == len(sources):
                        break
                    continue
                for event in listener.feed(first_arg, second_arg):
                    out.send(event)
            elif kind == "error":
                raise FatalError(first_arg, second_arg)
            else:
                command = first_arg.get("cmd")
                if command == "eof" and args.file is not None:
                    continue  # a file is heard to its end; a device stops with its program
                if command in ("stop", "eof"):
                    break
                if command == "pause" and listening:
                    for source in sources:
                        source.stop()
                    listening = False
                    listener.reset()  # the half-heard utterance is dropped, not decoded later
                    _drain(inbox)
                    out.send({"event": "state", "listening": False})
                elif command == "resume" and not listening:
                    try:
                        for source in sources:
                            source.start(frames_callback(source), on_error)
                    except CaptureError as exc:  # the device went away while paused
                        raise FatalError(exc.kind, str(exc)) from exc
                    listening = True
                    out.send({"event": "state", "listening": True})
                elif command == "triggers":
                    try:
                        listener.set_objections(objections_from(first_arg.get("objections", [])))
                    except ValueError as exc:
                        out.send(error("bad-command", f"triggers: {exc}"))
                elif command not in ("pause", "resume"):
                    out.send(error("bad-command", f"unknown command {command!r}"))
    finally:
        for source in sources:
            source.stop()
    out.send(_stats(listener))
    return 0


def _drain(inbox: queue.Queue) -> None:
    """Drop captured frames still queued (commands stay)."""
    kept = []
    while True:
        try:
            item = inbox.get_nowait()
        except queue.Empty:
            break
        if item[0] != "frames":
            kept.append(item)
    for item in kept:
        inbox.put(item)


def _stats(listener) -> dict:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "event": "stopped",
        "audio_s": round(listener.audio_seconds, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "rss_mb": round(usage.ru_maxrss / 1024, 1),  # kB on Linux
    }


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.environ["HF_HUB_OFFLINE"] = "1"  # belt and braces: a model is always a local folder
    out = Output()
    try:
        return run(args, out)
    except FatalError as exc:
        out.send(error(exc.kind, str(exc)))
        return EXIT_CODES[exc.kind]
    except Exception as exc:
        out.send(error("internal", f"the listening worker failed: {type(exc).__name__}: {exc}"))
        raise


def run_and_exit(argv: list[str] | None = None) -> None:
    """The worker as a program: ``python -m salesdesk.listen.worker`` or, in a frozen bundle,
    ``salesdesk --listen-worker`` (packaging/salesdesk_main.py)."""
    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # not waiting for the capture threads and ONNX/CTranslate2 teardown


if __name__ == "__main__":
    run_and_exit()
