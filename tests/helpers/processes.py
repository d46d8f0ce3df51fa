"""SalesDesk in child processes: the app (tests/app_child.py) whose output lines can be
waited for, and the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHILD = REPO / "tests" / "app_child.py"


class App:
    """A SalesDesk child process whose stdout lines can be waited for."""

    def __init__(self, data_dir: Path, scenario: str = "idle", env: dict | None = None, prefix: tuple[str, ...] = ()):
        self.process = subprocess.Popen(
            [*prefix, sys.executable, str(CHILD), str(data_dir), scenario],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, line: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if line in self.lines:
                return
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.02)
        errors = self.stop()
        raise AssertionError(f"never printed {line!r}; got {self.lines}; stderr:\n{errors}")

    def wait_for_start(self, start: str, timeout: float = 30) -> str:
        """Wait for a line starting with ``start``; returns it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if line.startswith(start):
                    return line
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.02)
        errors = self.stop()
        raise AssertionError(f"never printed a line starting {start!r}; got {self.lines}; stderr:\n{errors}")

    def stop(self) -> str:
        """End the process if it still runs, close its pipes; returns its stderr."""
        if self.process.stderr.closed:
            return ""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._reader.join(5)
        errors = self.process.stderr.read()
        self.process.stdout.close()
        self.process.stderr.close()
        return errors


def salesdesk(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
