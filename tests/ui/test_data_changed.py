"""An import and a restore change many calls at once: the open History window (its list and
Insights) and the Last time panel follow them, as they follow a call ended in the sidebar."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from salesdesk.core.call import Contact
from salesdesk.core.calls_file import dumps
from salesdesk.storage import CallStore
from salesdesk.storage.backup import make_backup
from salesdesk.ui.exporting.feature import ExportCommands
from salesdesk.ui.history.feature import HistoryCommands
from salesdesk.ui.history.last_time import LastTimePanel
from salesdesk.ui.kit import background
from salesdesk.ui.kit.controller import DataChange
from salesdesk.ui.safety import feature as safety

NOW = datetime.now(UTC)


@pytest.fixture(autouse=True)
def _quiet_workers():
    yield
    background.wait_idle()
    background.close_connections()


def scope_is(scope: str):
    return lambda change: change.scope == scope


def test_an_import_and_a_restore_refresh_history_insights_and_last_time(
    qtbot, open_window, store: CallStore, playbook, *, data_dir: Path, tmp_path: Path
):
    dana = store.save_contact(Contact("Dana Whitfield", "Northwind Logistics"))
    earlier = store.start_call(dana, playbook, started_at=NOW - timedelta(days=20))
    store.end_call(earlier.id, "Proposal sent", "", None, ended_at=NOW - timedelta(days=20, minutes=-25))
    # A calls file with another earlier call with Dana (another uid, another day).
    data = json.loads(dumps([store.load_call(earlier.id)]))
    data["calls"][0]["uid"] = "0b6f0c55-6c1b-4c8f-9d83-5f0c3c2b8a01"
    data["calls"][0]["started_at"] = (NOW - timedelta(days=10)).isoformat()
    data["calls"][0]["ended_at"] = (NOW - timedelta(days=10, minutes=-5)).isoformat()
    calls_file = tmp_path / "calls.json"
    calls_file.write_text(json.dumps(data), encoding="utf-8")

    window = open_window()
    window.controller.start_call(dana, window.library.default)  # Dana again: Last time shows
    panel = window.features.get(LastTimePanel)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.title.text().endswith("(1 earlier call)"))
    backup = make_backup(data_dir)  # the earlier call and the running one

    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    commands = window.features.get(HistoryCommands)
    qtbot.waitUntil(lambda: commands.history_window is not None and commands.history_window.isVisible())
    history = commands.history_window
    calls = history.page("calls")
    history.show_tab("insights")
    insights = history.page("insights")
    history.show_tab("calls")
    qtbot.waitUntil(lambda: calls.model.rowCount() == 2 and insights.insights is not None)
    assert insights.insights.calls == 2

    with qtbot.waitSignal(window.controller.dataChanged, check_params_cb=scope_is(DataChange.CALLS), timeout=10_000):
        window.features.get(ExportCommands).import_file(calls_file)
    qtbot.waitUntil(lambda: calls.model.rowCount() == 3)
    qtbot.waitUntil(lambda: insights.insights.calls == 3)
    qtbot.waitUntil(lambda: panel.title.text().endswith("(2 earlier calls)"))
    assert history.isVisible()

    with qtbot.waitSignal(window.controller.dataChanged, check_params_cb=scope_is(DataChange.EVERYTHING)):
        assert safety.restore_now(window, backup.path)
    assert window.controller.call is not None and window.controller.call.contact.name == "Dana Whitfield"
    qtbot.waitUntil(lambda: calls.model.rowCount() == 2)
    qtbot.waitUntil(lambda: insights.insights.calls == 2)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.title.text().endswith("(1 earlier call)"))
    assert history.isVisible()
