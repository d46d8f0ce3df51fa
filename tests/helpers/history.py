"""Past calls to look at, and opening the history window's tabs and calls as a rep does."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from salesdesk.core.call import Contact
from salesdesk.storage import CallStore
from salesdesk.ui.history.feature import HistoryCommands
from tests.helpers.sidebar import CTRL, SHIFT

TODAY = date.today()
NOW = datetime.now(UTC)


@pytest.fixture
def past(store: CallStore, playbook) -> dict:
    """Three ended calls: Dana (a proposal, overdue follow-up), Sam (won), Lee (lost)."""
    dana = store.save_contact(Contact("Dana Whitfield", "Northwind Logistics"))
    call = store.start_call(dana, playbook, started_at=NOW - timedelta(days=20))
    store.save_note(call.id, None, "Budget approved by the CFO in March", draft=False)
    store.set_answer(call.id, "pain-points", "Month-end close takes nine days")
    store.set_qualification(call.id, "budget", "€40k")
    entry = store.log_objection(call.id, "too-expensive", "Too expensive / no budget")
    store.set_objection_note(entry.id, "compared with Zoho")
    store.set_stage(call.id, "closing")  # got as far as closing, then went back
    store.set_stage(call.id, "presenting")
    store.end_call(call.id, "Proposal sent", "Send proposal", TODAY - timedelta(days=2),
                   ended_at=NOW - timedelta(days=20) + timedelta(minutes=25))  # fmt: skip
    sam = store.start_call(Contact("Sam Okafor", "Bluepeak Foods"), playbook, started_at=NOW - timedelta(days=5))
    store.end_call(sam.id, "Won", "", None, ended_at=NOW - timedelta(days=5) + timedelta(minutes=12))
    lee = store.start_call(Contact("Lee Brown", "Acme"), playbook, started_at=NOW - timedelta(days=2))
    store.end_call(lee.id, "Lost", "", None, ended_at=NOW - timedelta(days=2) + timedelta(minutes=3))
    return {"dana": call, "sam": sam, "lee": lee, "dana_contact": dana}


def open_tab(window, qtbot, key, tab: str):
    qtbot.keyClick(window, key, CTRL | SHIFT)
    commands = window.features.get(HistoryCommands)
    qtbot.waitUntil(lambda: commands.history_window is not None and commands.history_window.isVisible())
    history = commands.history_window
    assert history.tabs.currentWidget() is history._pages[tab]
    return history, history.page(tab)


def open_row(qtbot, page, row: int):
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    view = page.commands.call_view
    qtbot.waitUntil(lambda: view is not None and view.isVisible())
    return view


def earlier_call_with_everything(store: CallStore, playbook) -> Contact:
    """A past call that answered more questions than the panel shows, and knows who signs."""
    dana = store.save_contact(Contact("Dana Whitfield", "Northwind Logistics"))
    call = store.start_call(dana, playbook, started_at=NOW - timedelta(days=9))
    for key in ("pain-points", "impact", "blockers", "failed-before"):
        store.set_answer(call.id, key, f"said about {key}")
    store.set_qualification(call.id, "need", "Fewer late deliveries")
    store.set_qualification(call.id, "budget", "€40–60k")
    store.set_qualification(call.id, "timeline", "Live before the peak season")
    store.set_qualification(call.id, "authority", "COO signs, CFO advises")
    store.end_call(call.id, "Not now", "", None, ended_at=NOW - timedelta(days=9) + timedelta(minutes=9))
    return dana
