"""One life of SalesDesk in bench/durability.py: the real app, driven like a rep, until killed.

    python bench/_durability_child.py DATA_DIR LOG_FILE SEED

Starts the sidebar through the real entry point (``salesdesk.cli.main``: single-instance
lock, quick start, recovery, database opened after the first paint, daily backup) and,
once it is shown, drives it with real key events from a timer: types notes into the note
editor (Enter adds the note), types answers, ticks checklist items with the keyboard,
moves to the next stage with Ctrl+PgDown, ends a finished call and starts the next one
through the real dialogs. After each action has returned (so the app has done what it
does with it), one JSON line ``[monotonic time, kind, ...]`` is appended to LOG_FILE with
os.write: it reaches the kernel at once, so it survives SIGKILL of this process.

Kinds: ready, call (id), note_state (call id, editor text), commit (call id, text),
answer (call id, question key, full text), tick (call id, stage, item), stage (call id,
stage key, index), ended (call id, outcome), error (text).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import traceback

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

ACTION_MS = 15
WORDS = ("budget", "approved", "routes", "by hand", "three depots", "CFO signs", "pilot", "late", "demo", "next week")

_log = {"fd": -1}


def log(kind: str, *fields) -> None:
    line = json.dumps([time.monotonic(), kind, *fields], ensure_ascii=False) + "\n"
    os.write(_log["fd"], line.encode("utf-8"))


def type_chars(widget, text: str) -> None:
    for char in text:
        QTest.keyClick(widget, char)


class Driver:
    def __init__(self, window, rng: random.Random):
        self.window = window
        self.rng = rng
        self.busy = False
        self.typing: dict[str, str] = {}  # what is left to type, per target
        self.timer = QTimer(window, interval=ACTION_MS)
        self.timer.timeout.connect(self.step)

    @property
    def call(self):
        return self.window.controller.call

    def start(self) -> None:
        self.window.activateWindow()
        if self.call is not None:
            log("call", self.call.id)
            log("note_state", self.call.id, self.window.notes_panel.editor.toPlainText())
        self.timer.start()

    def step(self) -> None:
        if self.busy:
            return
        self.busy = True
        try:
            self.act()
        except Exception:
            log("error", traceback.format_exc())
            QApplication.instance().exit(3)
        finally:
            self.busy = False

    # ------------------------------------------------------------------ the actions

    def act(self) -> None:
        if self.call is None:
            self.start_call()
            return
        call = self.call
        stage = call.current_stage
        unticked = call.next_unticked()
        roll = self.rng.random()
        if roll < 0.55:
            self.note_key()
        elif roll < 0.80:
            self.answer_key(stage)
        elif unticked is not None:
            self.tick(stage, unticked)
        elif call.stage_index < len(call.playbook.stages) - 1:
            QTest.keyClick(self.window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
            log("stage", call.id, call.stage, call.stage_index)
        elif self.rng.random() < 0.3:
            self.end_call()

    def note_key(self) -> None:
        editor = self.window.notes_panel.editor
        pending = self.typing.get("note") or " ".join(self.rng.sample(WORDS, 4))
        if pending == "\n":
            QTest.keyClick(editor, Qt.Key.Key_Return)
            committed = self.call.committed_notes
            log("commit", self.call.id, committed[-1].text if committed else "")
            log("note_state", self.call.id, editor.toPlainText())
            self.typing["note"] = ""
            return
        type_chars(editor, pending[0])
        rest = pending[1:]
        self.typing["note"] = rest or "\n"
        log("note_state", self.call.id, editor.toPlainText())

    def answer_key(self, stage) -> None:
        edits = self.window.stage_panel.answer_edits
        if not edits:
            self.note_key()
            return
        key = self.rng.choice(sorted(edits))
        edit = edits[key]
        pending = self.typing.get(key) or f" {self.rng.choice(WORDS)}"
        type_chars(edit, pending[0])
        self.typing[key] = pending[1:]
        log("answer", self.call.id, key, self.call.answers.get(key, ""))

    def tick(self, stage, item) -> None:
        checklist = self.window.stage_panel.checklist
        row = [i.key for i in stage.checklist].index(item.key)
        checklist.setCurrentIndex(checklist.model().index(row, 0))
        QTest.keyClick(checklist, Qt.Key.Key_Space)
        if self.call.is_ticked(stage.key, item.key):
            log("tick", self.call.id, stage.key, item.key)

    # ------------------------------------------------------------------ dialogs

    def with_dialog(self, fill) -> None:
        """Fill the next modal dialog once it has the keyboard (it runs its own loop)."""

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog) or not dialog.isVisible():
                QTimer.singleShot(10, poll)
                return
            fill(dialog)

        QTimer.singleShot(0, poll)

    def start_call(self) -> None:
        name = f"Prospect {self.rng.randrange(10_000)}"

        def fill(dialog) -> None:
            type_chars(dialog.name, name)
            type_chars(dialog.company, "Acme")
            QTest.keyClick(dialog.company, Qt.Key.Key_Return)

        self.with_dialog(fill)
        QTest.keyClick(self.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        if self.call is not None:
            self.typing.clear()
            log("call", self.call.id)
            log("note_state", self.call.id, "")

    def end_call(self) -> None:
        call_id = self.call.id
        outcome = self.rng.choice(["Won", "Meeting booked", "Lost"])

        def fill(dialog) -> None:
            dialog.outcome.setCurrentText("")
            type_chars(dialog.outcome.lineEdit(), outcome)
            QTest.keyClick(dialog.next_step, Qt.Key.Key_Return)

        self.with_dialog(fill)
        QTest.keyClick(
            self.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if self.call is None:
            log("ended", call_id, outcome)


def main() -> int:
    data_dir, log_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    _log["fd"] = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    from salesdesk.cli import main as salesdesk_main

    drivers = []

    def on_shown(window) -> None:
        log("ready")
        driver = Driver(window, random.Random(seed))
        drivers.append(driver)
        QTimer.singleShot(0, driver.start)  # after the deferred database opening

    return salesdesk_main(["--data-dir", data_dir], on_shown=on_shown)


if __name__ == "__main__":
    sys.exit(main())
