"""Running the listening worker from another program (the UI wraps this; no Qt here).

The supervisor starts ``python -m salesdesk.listen.worker``, sends it the playbook's triggers,
hands every event to a callback, and restarts the worker once by itself when it dies of
something a restart may cure (a crash, a kill, capture that went away: protocol.RETRYABLE).
A fault the rep must fix (no model, no monitor source, the extra missing) is reported once,
not retried. The callback runs on the supervisor's reader thread: a UI passes it on to its
own thread (a queued signal) and does nothing slow in it.

Besides the worker's events the callback gets ``{"event": "restarting", "kind", "message"}``,
``{"event": "failed", "kind", "message"}`` (listening is over until start() is called
again) and ``{"event": "exited", "code"}`` after a stop that was asked for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from salesdesk.listen.protocol import KIND_OF_EXIT, RETRYABLE, decode, encode, triggers_command

log = logging.getLogger(__name__)

#: The argument that makes a frozen bundle (PyInstaller: sys.executable is SalesDesk itself)
#: run as the listening worker (packaging/salesdesk_main.py).
FROZEN_WORKER_ARG = "--listen-worker"


def worker_program() -> list[str]:
    """How to start the worker: this Python with ``-m``, or the bundle as itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_WORKER_ARG]
    return [sys.executable, "-m", "salesdesk.listen.worker"]


def worker_command(
    model: Path | None,
    *,
    meter: bool = False,
    device: str | None = None,
    mic: str | None = None,
    file: Path | None = None,
    realtime: bool = False,
    backend: str = "auto",
    prompt: bool = True,
) -> list[str]:
    command = [*worker_program(), "--backend", backend]
    if meter:
        command.append("--meter")  # levels only: no model loaded
    elif model is not None:
        command += ["--model", str(model)]
    if not prompt:
        command.append("--no-prompt")
    if device:
        command += ["--device", device]
    if mic is not None:
        command += ["--mic", mic] if mic else ["--mic"]
    if file is not None:
        command += ["--file", str(file)]
        if realtime:
            command.append("--realtime")
    return command


class Supervisor:
    def __init__(
        self,
        command: list[str],
        on_event: Callable[[dict], None],
        objections: Iterable = (),
        restarts: int = 1,
        env: dict[str, str] | None = None,
    ):
        self.command = command
        self.on_event = on_event
        self.restarts = restarts
        self.env = env
        self._triggers = triggers_command(objections)
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None
        self._stopping = False
        self._paused = False
        self.restarts_left = restarts
        self.state = "stopped"  # starting, listening, paused, restarting, failed, stopped
        self.pid: int | None = None

    # --- control (any thread) -------------------------------------------------------------

    def start(self) -> None:
        """Start listening (again): the automatic restart is available once more."""
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                return
            self._stopping = False
            self.restarts_left = self.restarts
            self._spawn()

    def set_objections(self, objections: Iterable) -> None:
        self._triggers = triggers_command(objections)
        self._send(self._triggers)

    def pause(self) -> None:
        self._paused = True
        self._send({"cmd": "pause"})

    def resume(self) -> None:
        self._paused = False
        self._send({"cmd": "resume"})

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to stop; kill it if it has not after ``timeout`` seconds."""
        with self._lock:
            self._stopping = True
            process, reader = self._process, self._reader
        if process is None:
            return
        self._send({"cmd": "stop"})
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if reader is not None and reader is not threading.current_thread():
            reader.join(timeout=timeout)

    # --- inside ---------------------------------------------------------------------------

    def _spawn(self) -> None:
        env = {**(self.env if self.env is not None else os.environ), "PYTHONUNBUFFERED": "1"}
        self.state = "starting"
        self._process = process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        self.pid = process.pid
        self._write(process, self._triggers)
        if self._paused:
            self._write(process, {"cmd": "pause"})
        stderr_tail: list[bytes] = []
        drain = threading.Thread(target=self._drain_stderr, args=(process, stderr_tail), daemon=True)
        drain.start()
        self._reader = threading.Thread(target=self._read, args=(process, drain, stderr_tail), daemon=True)
        self._reader.start()

    @staticmethod
    def _write(process: subprocess.Popen, message: dict) -> None:
        try:
            process.stdin.write(encode(message))
            process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass  # the worker is gone: its exit is reported by the reader

    def _send(self, message: dict) -> None:
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            self._write(process, message)

    @staticmethod
    def _drain_stderr(process: subprocess.Popen, tail: list[bytes]) -> None:
        for line in process.stderr:
            tail.append(line)
            del tail[:-20]

    def _emit(self, event: dict) -> None:
        # A callback that fails (its window closed meanwhile) must not end the reading: the
        # worker's exit would go unnoticed and its pipes stay open.
        try:
            self.on_event(event)
        except Exception:
            log.exception("listening: the event callback failed")

    def _read(self, process: subprocess.Popen, drain: threading.Thread, stderr_tail: list[bytes]) -> None:
        last_error: dict | None = None
        for line in process.stdout:
            event = decode(line)
            if event is None:
                continue
            kind = event.get("event")
            if kind == "error":
                last_error = event
            elif kind == "state":
                self.state = "listening" if event.get("listening") else "paused"
            self._emit(event)
        code = process.wait()
        drain.join(timeout=5)
        for pipe in (process.stdin, process.stdout, process.stderr):
            with contextlib.suppress(OSError):
                pipe.close()
        with self._lock:
            if self._stopping:
                self.state = "stopped"
                self._process = None
                stopped = True
            else:
                stopped = False
                kind = last_error["kind"] if last_error else KIND_OF_EXIT.get(code, "internal")
                if last_error:
                    message = last_error["message"]
                elif code < 0:
                    message = f"the listening worker was stopped by signal {-code}"
                else:
                    detail = b"".join(stderr_tail).decode("utf-8", "replace").strip().splitlines()
                    message = f"the listening worker ended (exit status {code})" + (f": {detail[-1]}" if detail else "")
                retry = kind in RETRYABLE and self.restarts_left > 0
                if retry:
                    self.restarts_left -= 1
                    self.state = "restarting"
                else:
                    self.state = "failed"
                    self._process = None
        if stopped:
            self._emit({"event": "exited", "code": code})
            return
        self._emit({"event": "restarting" if retry else "failed", "kind": kind, "message": message})
        if retry:
            with self._lock:
                if not self._stopping:
                    self._spawn()
