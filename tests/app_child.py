"""The real app in a child process, for tests that need real processes.

    python tests/app_child.py DATA_DIR SCENARIO

Runs ``salesdesk.cli.main`` (the whole start-up: lock, quick start, recovery, database
after the first paint) and prints one line per event on stdout, flushed:
``shown``, ``activated N`` (another start brought the window forward), ``typed``, ``done``,
``opened`` (the database is open), ``banner TEXT`` (the message at the top changed).

Scenarios:
- ``idle``: wait (for activation requests, or to be killed).
- ``type``: start a call through the dialog, type a note without waiting for it to be
  saved, print ``typed`` and wait (the test then sends SIGTERM).
- ``call``: start a call, tick, answer, type notes, end it, quit (the privacy test).
- ``resume``: once the database is open, type a note into the resumed call, save it at
  once and print ``typed``.

With SALESDESK_TEST_AUDIT=FILE set, an audit hook writes every socket-related event
(``socket.*``) to FILE before anything else is imported.
"""

from __future__ import annotations

import os
import sys
import time

if os.environ.get("SALESDESK_TEST_AUDIT"):
    _audit_log = open(os.environ["SALESDESK_TEST_AUDIT"], "a", encoding="utf-8")  # noqa: SIM115

    def _audit(event: str, args: tuple) -> None:
        if event.startswith("socket."):
            _audit_log.write(f"{event} {args!r}\n")
            _audit_log.flush()

    sys.addaudithook(_audit)

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

# Run as a script: the repository root on the path, for the tests' helpers.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tests.helpers.dialogs import when_dialog_opens

CTRL = Qt.KeyboardModifier.ControlModifier


def say(text: str) -> None:
    print(text, flush=True)


def with_dialog(fill) -> None:
    when_dialog_opens(fill, with_keyboard=False)


def activate(window) -> None:
    """Shortcuts go to the active window: wait until the sidebar has the keyboard."""
    window.activateWindow()
    deadline = time.monotonic() + 5
    while QApplication.activeWindow() is not window:
        if time.monotonic() > deadline:
            raise RuntimeError("the sidebar never became the active window")
        QTest.qWait(10)


def start_call(window, name: str) -> None:
    def fill(dialog) -> None:
        QTest.keyClicks(dialog.name, name)
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)

    with_dialog(fill)
    activate(window)
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    if window.controller.call is None:
        raise RuntimeError("the call did not start")


def end_call(window) -> None:
    def fill(dialog) -> None:
        dialog.outcome.setCurrentText("")
        QTest.keyClicks(dialog.outcome.lineEdit(), "Won")
        QTest.keyClick(dialog.next_step, Qt.Key.Key_Return)

    with_dialog(fill)
    activate(window)
    QTest.keyClick(window, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    if window.controller.call is not None:
        raise RuntimeError("the call did not end")


def scenario_type(window) -> None:
    start_call(window, "Terry Term")
    QTest.keyClicks(window.notes_panel.editor, "Typed just before the signal")
    say("typed")


def scenario_call(window) -> None:
    start_call(window, "Private Person")
    activate(window)
    QTest.keyClick(window, Qt.Key.Key_D, CTRL)
    window.controller.set_stage("discovery")
    QTest.keyClicks(window.stage_panel.answer_edits["pain-points"], "Nothing leaves this laptop")
    editor = window.notes_panel.editor
    QTest.keyClicks(editor, "A note")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "A draft")
    end_call(window)
    say("done")
    QTimer.singleShot(300, window.close)  # let the deferred start-up work (backup) run first


def scenario_resume(window) -> None:
    if window.controller.call is None:
        raise RuntimeError("no call to resume")
    QTest.keyClicks(window.notes_panel.editor, " and after the restart")
    window.notes_panel.flush()
    say("typed")


def main() -> int:
    data_dir, scenario = sys.argv[1], sys.argv[2]
    from salesdesk.cli import main as salesdesk_main
    from salesdesk.ui.safety.feature import DataSafety

    def on_shown(window) -> None:
        say("shown")

        def watch() -> None:
            count = window.features.get(DataSafety).activations
            if count != watch.seen:
                watch.seen = count
                say(f"activated {count}")
            banner = window.banner.label.text() if window.banner.isVisibleTo(window) else ""
            if banner != watch.banner:
                watch.banner = banner
                say(f"banner {banner}")
            if not watch.opened and window.controller.handle.is_open:
                watch.opened = True
                say("opened")
                if scenario == "resume":
                    scenario_resume(window)

        watch.seen, watch.banner, watch.opened = 0, "", False
        timer = QTimer(window, interval=50)
        timer.timeout.connect(watch)
        timer.start()
        if scenario == "type":
            QTimer.singleShot(0, lambda: scenario_type(window))
        elif scenario == "call":
            QTimer.singleShot(0, lambda: scenario_call(window))

    return salesdesk_main(["--data-dir", data_dir], on_shown=on_shown)


if __name__ == "__main__":
    sys.exit(main())
