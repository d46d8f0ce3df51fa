"""Typed qualification with a live score, and a nudge when the call moves on without it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.sidebar import CTRL, db_rows, start_call
from tests.helpers.typing import type_text

DETAILS = "select budget_min, budget_max, budget_currency, decision_date, decision_maker, decision_maker_role"


def test_the_score_follows_what_is_typed_and_everything_is_stored(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.show_tab("qualify")
    panel = window.qualification_panel
    assert panel.score_label.text() == "0 of 4 known · still unknown: need, budget, timeline, authority"

    type_text(panel.edits["need"], "Fewer late deliveries")
    assert panel.score_label.text() == "1 of 4 known · still unknown: budget, timeline, authority"
    assert panel.score_bar.value() == 1

    type_text(panel.budget_amount, "abc")
    assert "is not an amount" in panel.budget_feedback.text()
    assert panel.score_bar.value() == 1
    panel.budget_amount.clear()
    type_text(panel.budget_amount, "€40–60k")
    assert panel.budget_feedback.text() == "Understood: €40,000–60,000"
    assert panel.currency.currentText() == "EUR"
    assert panel.score_label.text() == "2 of 4 known · still unknown: timeline, authority"

    panel.has_decision_date.setFocus()
    qtbot.keyClick(panel.has_decision_date, Qt.Key.Key_Space)
    decided = panel.decision_date.date().toPython()
    type_text(panel.decision_maker, "Marc Ruiz")
    type_text(panel.decision_role, "COO")
    assert panel.score_label.text() == "All 4 known: qualified."
    assert panel.titles["budget"].text() == "Budget  ✓"
    call_id = window.controller.call.id
    assert db_rows(data_dir, f"{DETAILS} from qualification where call_id=?", call_id) == [
        (40_000, 60_000, "EUR", decided.isoformat(), "Marc Ruiz", "COO")
    ]
    # The free-text fields still work beside the typed ones.
    type_text(panel.edits["budget"], "ops budget, approved in March")
    assert db_rows(data_dir, "select need, budget from qualification") == [
        ("Fewer late deliveries", "ops budget, approved in March")
    ]

    window.close()
    window = open_window()
    window.show_tab("qualify")
    panel = window.qualification_panel
    assert panel.budget_amount.text() == "40000–60000"
    assert panel.currency.currentText() == "EUR"
    assert panel.has_decision_date.isChecked() and panel.decision_date.date().toPython() == decided
    assert (panel.decision_maker.text(), panel.decision_role.text()) == ("Marc Ruiz", "COO")
    assert panel.score_label.text() == "All 4 known: qualified."


def test_moving_on_with_qualification_incomplete_nudges_once(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    nudge = window.nudge
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # to qualification itself: no nudge yet
    assert not nudge.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # past it: nudge
    assert nudge.isVisible()
    assert "need, budget, timeline, authority still unknown" in nudge.label.text()
    assert window.pages.currentWidget() is window.call_page and window.tabs.currentWidget() is window.stage_panel

    nudge.button.click()  # "Qualify": the tab, at the first unknown field
    assert window.tabs.currentIndex() == 1
    assert QApplication.focusWidget() is window.qualification_panel.edits["need"]
    type_text(window.qualification_panel.edits["need"], "Route planning")
    assert "budget, timeline, authority" in nudge.label.text()

    nudge.close_button.click()
    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # the same stage again: not twice
    assert not nudge.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # a further stage: once more
    assert nudge.isVisible()

    panel = window.qualification_panel
    type_text(panel.budget_amount, "10k")
    panel.has_decision_date.setChecked(True)
    type_text(panel.decision_maker, "Ana")
    assert not nudge.isVisible()  # complete: the nudge goes away by itself


def test_the_nudge_can_be_switched_off(qtbot, open_window, on_dialog):
    window = open_window()
    window.prefs.nudge_enabled = False
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    assert not window.nudge.isVisible()
