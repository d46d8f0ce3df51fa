"""Calls stored with times in year 9999 or year 1, seen in a time zone away from UTC: the
sidebar resumes such a call, History lists and opens them, and every time shows (in UTC,
which says so) instead of a crash or a blank cell."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDateEdit

from salesdesk.cli import main
from salesdesk.core.history import HistoryColumn
from salesdesk.storage import close_db
from salesdesk.ui.kit import background
from tests.calls_data import store_far_times
from tests.helpers.history import open_row, open_tab


@pytest.fixture(params=["Asia/Tokyo", "America/New_York"])
def zone(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def _quiet_workers():
    yield
    background.wait_idle()
    background.close_connections()


@pytest.mark.usefixtures("qapp", "zone")
def test_the_sidebar_resumes_a_call_stored_in_year_1(data_dir: Path, store, playbook):
    store_far_times(data_dir, store, playbook)
    close_db()
    seen: dict = {}

    def on_shown(window) -> None:
        seen["title"] = window.windowTitle()
        notes = window.notes_panel.model
        seen["notes"] = [notes.index(row, 0).data() for row in range(notes.rowCount())]
        window.header.update_timer()
        seen["timer"] = window.header.stage_timer.text()
        QTimer.singleShot(0, window.close)

    try:
        assert main(["--data-dir", str(data_dir)], on_shown=on_shown) == 0
    finally:
        close_db()
    assert seen["title"] == "Far open — SalesDesk"
    assert seen["notes"] and all(note.startswith("00:00  ") for note in seen["notes"])
    assert seen["timer"].startswith("stage ")


@pytest.mark.usefixtures("zone")
def test_history_lists_and_opens_calls_stored_in_year_9999_and_year_1(qtbot, open_window, data_dir, store, playbook):
    store_far_times(data_dir, store, playbook)
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    started = [page.model.index(row, HistoryColumn.STARTED).data() for row in range(3)]
    assert sorted(started) == ["0001-01-01 00:00", "0001-01-01 00:00", "9999-12-31 23:59"]
    due = {page.model.index(row, HistoryColumn.DUE).data() for row in range(3)}
    assert all(due), due
    row = next(r for r in range(3) if page.model.index(r, HistoryColumn.CONTACT).data() == "Far year-9999")
    view = open_row(qtbot, page, row)
    text = view.page.toPlainText()
    assert "Far year-9999" in text and "9999-12-31 23:59" in text and "Deal 🎉👍🏽 done" in text


def test_dates_typed_in_stay_within_1970_to_2200(qtbot, open_window, on_dialog):
    """The wrap-up's due date and the qualification's decision date take what an import takes."""
    from salesdesk.ui.kit.wrapup_dialog import EndCallDialog
    from tests.helpers.sidebar import start_call
    from tests.helpers.typing import type_text

    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.show_tab("qualify")
    panel = window.qualification_panel
    panel.has_decision_date.setChecked(True)
    for edit in (panel.decision_date, EndCallDialog(window.controller.call, parent=window).due):
        for year in ("9999", "0001", "1969", "2201"):
            edit.setFocus()
            edit.setSelectedSection(QDateEdit.Section.YearSection)
            type_text(edit, year)
            assert 1970 <= edit.date().year() <= 2200, (edit.accessibleName(), year, edit.date())
