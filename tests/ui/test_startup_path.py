"""The path to the first painted sidebar stays lean: what it must not load before the paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.storage import CallStore, close_db, init_db

# Loaded after the first paint (or on first use), never before it. hashlib loads OpenSSL
# (about 3 MB); QtNetwork is only for the single-instance server; importlib.resources (about
# 4 ms) only for translations and icons.
LATER = (
    "peewee",
    "salesdesk.storage.db",
    "salesdesk.core.export",
    "salesdesk.core.calls_file",
    "tomllib",
    "hashlib",
    "PySide6.QtNetwork",
    "importlib.resources",
    # Listening (an optional extra) runs in a worker process of its own, never in this one.
    "salesdesk.listen",
    "numpy",
    "faster_whisper",
)

CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from salesdesk.cli import main

def on_shown(window):
    print("loaded at first paint:", sorted(m for m in {later!r} if m in sys.modules), window.windowTitle())
    # PySide sets a type (and its enums) up on first use: QStyle's take about 8 ms, and
    # looking up a C++-made viewport sets up every QWidget subclass (about 20 ms).
    import PySide6.QtWidgets as widgets
    print("types set up:", sorted(n for n in ("QStyle", "QWizard", "QMdiArea") if n in widgets.__dict__))
    QTimer.singleShot(0, QApplication.instance().quit)

sys.exit(main(["--data-dir", {data_dir!r}], on_shown=on_shown))
"""


@pytest.mark.parametrize("listening", [False, True], ids=["listening off", "listening on"])
def test_first_paint_of_a_resumed_call_loads_no_database_library_or_renderers(tmp_path: Path, playbook, listening):
    """With listening on, it starts after the first paint (its supervisor, then its worker
    process), never before."""
    data_dir = tmp_path / "data"
    init_db(data_dir)
    if listening:
        settings = f"[listen]\nenabled=true\nconsented=true\nmodel={tmp_path / 'no-model'}\n"
        (data_dir / "settings.ini").write_text(settings, encoding="utf-8")
    CallStore().start_call(Contact("Lean Start"), playbook)
    close_db()
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(later=LATER, data_dir=str(data_dir))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "loaded at first paint: [] Lean Start — SalesDesk" in result.stdout, result.stdout + result.stderr
    assert "types set up: []" in result.stdout, result.stdout
