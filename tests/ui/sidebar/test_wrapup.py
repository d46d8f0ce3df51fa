"""The wrap-up: required fields as configured, the call summary, a draft that survives a
cancel or a restart, and the follow-up as an .ics file."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from salesdesk.ui.kit import wrapup_dialog
from tests.helpers.sidebar import CTRL, SHIFT, db_rows, start_call
from tests.helpers.typing import type_text


def unfolded(path: Path) -> dict[str, str]:
    text = path.read_bytes().decode("utf-8")
    lines = text.replace("\r\n ", "").split("\r\n")
    event = lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("BEGIN:VALARM")]
    return dict(line.split(":", 1) for line in event)


def test_required_fields_summary_and_follow_up_file(qtbot, open_window, on_dialog, data_dir: Path, tmp_path: Path):
    window = open_window()
    window.prefs.wrapup_required = {"outcome", "next_step", "due"}
    start_call(window, qtbot, on_dialog, email="dana@northwind.example")
    editor = window.notes_panel.editor
    type_text(editor, "Wants a pilot, one depot")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "Still typing this one")
    window.controller.set_qualification("need", "Fewer late deliveries")
    target = tmp_path / "calendar" / "dana"
    target.parent.mkdir()
    # The save dialog answers with a name without the extension; the file still ends in .ics.
    choose = pytest.MonkeyPatch()
    choose.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "Calendar files (*.ics)"))
    due = date.today() + timedelta(days=3)
    seen = {}

    def wrap_up(dialog):
        seen["ready at first"] = dialog.end_button.isEnabled()
        seen["missing"] = dialog.missing.text()
        seen["due forced"] = (dialog.has_due.isChecked(), dialog.has_due.isEnabled())
        seen["summary"] = dialog.summary.toPlainText()
        type_text(dialog.outcome.lineEdit(), "Meeting booked")
        seen["after outcome"] = dialog.missing.text()
        type_text(dialog.next_step, "Pilot plan, pricing; call back")
        dialog.due.setDate(due)
        seen["ready"] = dialog.end_button.isEnabled()
        dialog.follow_up_button.click()
        seen["status"] = dialog.follow_up_status.text()
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)

    on_dialog(wrap_up)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.call is None)
    choose.undo()
    assert seen["ready at first"] is False
    assert seen["missing"] == "Still needed to end the call: outcome, next step."
    assert seen["due forced"] == (True, False)
    assert "Wants a pilot, one depot" in seen["summary"] and "Still typing this one" in seen["summary"]
    assert "Need: Fewer late deliveries" in seen["summary"]
    assert "Still unknown: budget, timeline, authority" in seen["summary"]
    assert seen["after outcome"] == "Still needed to end the call: next step."
    assert seen["ready"] is True
    assert seen["status"].startswith("Saved dana.ics")

    # Written as every file SalesDesk writes for the rep: whole or not at all, user-only.
    assert stat.S_IMODE(target.with_name("dana.ics").stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir() if p.name.startswith(".")) == []
    props = unfolded(target.with_name("dana.ics"))
    assert props["SUMMARY"] == "Follow up with Dana Whitfield · Northwind Logistics: Pilot plan\\, pricing\\; call back"
    assert props["DTSTART;VALUE=DATE"] == f"{due:%Y%m%d}"
    assert "dana@northwind.example" in props["DESCRIPTION"]
    assert db_rows(data_dir, "select outcome, next_step, next_step_due from call") == [
        ("Meeting booked", "Pilot plan, pricing; call back", due.isoformat())
    ]


def test_the_summary_gives_the_furthest_stage_reached(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)  # closing
    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)  # back to objections, where it ends
    seen = {}

    def wrap_up(dialog):
        seen["summary"] = dialog.summary.toPlainText()
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_Escape)

    on_dialog(wrap_up)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.waitUntil(lambda: "summary" in seen)
    assert "Reached: Closing (stage 7 of 8)" in seen["summary"]
    assert db_rows(data_dir, "select stage, furthest_stage from call") == [("objections", "closing")]


def test_a_cancelled_wrap_up_is_kept_on_the_call_even_after_a_restart(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)

    def type_then_go_back(dialog):
        dialog.outcome.setCurrentText("")
        type_text(dialog.outcome.lineEdit(), "Proposal sent")
        type_text(dialog.next_step, "Send pricing")
        dialog.reject()  # the prospect had one more question

    on_dialog(type_then_go_back)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    assert window.controller.call is not None
    assert db_rows(data_dir, "select outcome, next_step, ended_at from call") == [
        ("Proposal sent", "Send pricing", None)
    ]

    window.close()
    window = open_window()
    seen = {}

    def check(dialog):
        seen["values"] = (dialog.outcome.currentText(), dialog.next_step.text(), dialog.has_due.isChecked())
        dialog.reject()

    on_dialog(check)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    assert seen["values"] == ("Proposal sent", "Send pricing", True)  # a next step suggests a due date


def test_a_follow_up_that_cannot_be_written_says_why(qtbot, open_window, on_dialog, tmp_path: Path, monkeypatch):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = wrapup_dialog.EndCallDialog(window.controller.call, {"outcome"}, window)
    dialog.has_due.setChecked(True)
    assert not dialog.save_follow_up(tmp_path / "missing-folder" / "f.ics")
    assert len(warnings) == 1 and "missing-folder" in warnings[0] and "Choose another folder" in warnings[0]
    assert not (tmp_path / "missing-folder").exists()
    dialog.deleteLater()


def test_nothing_required_lets_an_empty_wrap_up_through(qtbot, open_window, on_dialog):
    window = open_window()
    window.prefs.wrapup_required = set()
    start_call(window, qtbot, on_dialog)
    seen = {}

    def check(dialog):
        seen["ready"] = dialog.end_button.isEnabled()
        dialog.outcome.setCurrentText("")
        seen["still ready"] = dialog.end_button.isEnabled()
        dialog.accept()

    on_dialog(check)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    assert seen == {"ready": True, "still ready": True}
    assert window.controller.call is None
