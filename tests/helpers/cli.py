"""Running the command line as a user does: ``python -m salesdesk ...`` in a child process."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", *args],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
