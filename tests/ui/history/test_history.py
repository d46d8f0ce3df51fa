"""History, search, follow-ups, insights and "last time", driven through the real widgets."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QStyle, QStyleOptionViewItem

from salesdesk.core.history import HistoryColumn
from salesdesk.devtools import bulk_insert
from salesdesk.devtools.sample_calls import sample_calls
from salesdesk.ui.history.item_models import HtmlRole, ItemRole
from salesdesk.ui.history.last_time import LastTimePanel
from salesdesk.ui.kit import background
from tests.helpers.history import TODAY, earlier_call_with_everything, open_row, open_tab
from tests.helpers.sidebar import CTRL, SHIFT, db_rows, end_call, start_call
from tests.helpers.typing import type_text


@pytest.fixture(autouse=True)
def _quiet_workers():
    """Let every background read finish before the next test opens another database."""
    yield
    background.wait_idle()
    background.close_connections()


def contacts_shown(model) -> list[str]:
    return [model.index(r, HistoryColumn.CONTACT).data() for r in range(model.rowCount())]


def shown_for(model, text: str) -> bool:
    """The rows on screen are those of the filter ``text`` (not of the one typed before)."""
    return model.filter.text == text and not model.loading


def click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


# --------------------------------------------------------------------------- history


def test_history_filters_and_sorts_in_sql(qtbot, qtmodeltester, open_window, past):
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    qtmodeltester.check(model)
    assert contacts_shown(model) == ["Lee Brown", "Sam Okafor", "Dana Whitfield"]  # newest first
    qtbot.waitUntil(lambda: page.count.text() == "3 calls")
    dana_row = [model.index(2, c).data() for c in range(model.columnCount())]
    assert dana_row[2:] == ["Northwind Logistics", "25:00", "Closing", "Proposal sent", "Send proposal",
                            (TODAY - timedelta(days=2)).isoformat()]  # fmt: skip
    qtbot.waitUntil(page.text.hasFocus)

    qtbot.keyClicks(page.text, "northw")  # words from anywhere in the call, the last one a prefix
    qtbot.waitUntil(lambda: contacts_shown(model) == ["Dana Whitfield"])
    qtbot.waitUntil(lambda: page.count.text() == "1 call")
    page.text.clear()
    qtbot.keyClicks(page.text, "nine days")  # an answer
    # The rows for "northw" are the same: wait for the ones loaded for this filter.
    qtbot.waitUntil(lambda: shown_for(model, "nine days") and contacts_shown(model) == ["Dana Whitfield"])
    page.text.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 3)

    qtbot.waitUntil(lambda: page.outcome.count() == 5)  # any, Won/Lost/Proposal sent, no outcome
    page.outcome.setCurrentText("Won")
    qtbot.waitUntil(lambda: contacts_shown(model) == ["Sam Okafor"])
    page.outcome.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.rowCount() == 3)

    page.period.set_custom(TODAY - timedelta(days=6), TODAY - timedelta(days=3))
    assert page.period.start.isVisible()
    qtbot.waitUntil(lambda: contacts_shown(model) == ["Sam Okafor"])
    page.period.preset.setCurrentText("Last 30 days")
    qtbot.waitUntil(lambda: model.rowCount() == 3)

    click_header(qtbot, page.table, HistoryColumn.CONTACT)
    qtbot.waitUntil(lambda: contacts_shown(model) == ["Dana Whitfield", "Lee Brown", "Sam Okafor"])
    click_header(qtbot, page.table, HistoryColumn.CONTACT)
    qtbot.waitUntil(lambda: contacts_shown(model) == ["Sam Okafor", "Lee Brown", "Dana Whitfield"])
    click_header(qtbot, page.table, HistoryColumn.DURATION)
    qtbot.waitUntil(lambda: contacts_shown(model) == ["Lee Brown", "Sam Okafor", "Dana Whitfield"])


def keys_to_focus(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the keyboard sends it: to whatever has the focus now."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_a_history_tab_opened_by_mouse_or_mnemonic_puts_the_keyboard_in_its_search_box(qtbot, open_window, past):
    window = open_window()
    history, calls = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is history)
    bar = history.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(history.TABS.index("search")).center())
    search = history.page("search")
    qtbot.waitUntil(search.query.hasFocus)
    type_text(QApplication.focusWidget(), "northwind")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    assert search.query.text() == "northwind"

    keys_to_focus(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # the tab's mnemonic, &Calls
    qtbot.waitUntil(lambda: history.tabs.currentWidget() is history._pages["calls"])
    qtbot.waitUntil(calls.text.hasFocus)
    type_text(QApplication.focusWidget(), "acme")
    qtbot.waitUntil(lambda: contacts_shown(calls.model) == ["Lee Brown"])


@pytest.mark.parametrize(
    "key, modifier",
    [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_W, CTRL)],
    ids=["esc", "ctrl+w"],
)
def test_esc_and_ctrl_w_close_the_history_window_and_an_opened_call(qtbot, open_window, past, key, modifier):
    window = open_window()
    history, page = open_tab(window, qtbot, Qt.Key.Key_F, "search")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is history)
    qtbot.waitUntil(page.query.hasFocus)
    keys_to_focus(qtbot, key, modifier)
    qtbot.waitUntil(lambda: not history.isVisible())
    window.activateWindow()  # what the window manager does when a window closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    history, calls = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: calls.model.rowCount() == 3)
    view = open_row(qtbot, calls, 0)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    keys_to_focus(qtbot, key, modifier)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert history.isVisible()  # one key closes one window


@pytest.mark.slow
def test_history_fetches_more_pages_as_you_scroll(qtbot, qtmodeltester, open_window, store, playbook):
    bulk_insert.insert_calls(store, sample_calls(450, playbook, days=60))
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 200)
    assert model.canFetchMore()
    page.table.setFocus()
    for expected in (400, 450):
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda n=expected: model.rowCount() == n)
    assert not model.canFetchMore()
    qtmodeltester.check(model)
    rows = [model.index(r, 0).data(ItemRole) for r in range(model.rowCount())]
    assert len({row.id for row in rows}) == 450
    assert [row.started_at for row in rows] == sorted((row.started_at for row in rows), reverse=True)


def test_a_past_call_opens_read_only_and_its_wrap_up_can_be_edited(qtbot, open_window, on_dialog, past, data_dir: Path):
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    view = open_row(qtbot, page, 2)
    text = view.page.toPlainText()
    assert "Dana Whitfield" in text and "Budget approved by the CFO in March" in text
    assert "Month-end close takes nine days" in text and "compared with Zoho" in text
    assert "reached Closing" in text  # the furthest stage, not the one it ended in
    assert view.page.isReadOnly()
    assert view.edit_button.isEnabled() and view.continue_button.isEnabled()

    def wrap_up(dialog):
        assert dialog.windowTitle() == "Wrap-up of the call with Dana Whitfield"
        assert dialog.outcome.currentText() == "Proposal sent"
        dialog.outcome.setCurrentText("")
        type_text(dialog.outcome.lineEdit(), "Won")
        dialog.next_step.clear()
        type_text(dialog.next_step, "Kick-off call")
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)

    on_dialog(wrap_up)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dana = past["dana"].id
    assert db_rows(data_dir, "select outcome, next_step, ended_at is not null from call where id = ?", dana) == [
        ("Won", "Kick-off call", 1)
    ]
    assert "Kick-off call" in view.page.toPlainText()
    qtbot.waitUntil(lambda: page.model.index(2, HistoryColumn.OUTCOME).data() == "Won")


def test_continuing_a_call_ends_the_running_one_first(qtbot, open_window, on_dialog, past, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog, name="Running Rita", company="Now Inc")
    rita = window.controller.call.id
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    assert page.model.index(0, HistoryColumn.DURATION).data() == "running"
    view = open_row(qtbot, page, 3)
    assert "Dana Whitfield" in view.page.toPlainText()

    def end_rita(dialog):
        assert dialog.windowTitle() == "End call with Running Rita"
        dialog.outcome.setCurrentText("Meeting booked")
        dialog.accept()

    def confirm(box):
        assert isinstance(box, QMessageBox) and "Running Rita" in box.text()
        on_dialog(end_rita)
        box.button(QMessageBox.StandardButton.Yes).click()

    on_dialog(confirm)
    qtbot.mouseClick(view.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.call is not None and window.controller.call.id == past["dana"].id)
    assert window.windowTitle() == "Dana Whitfield — SalesDesk"
    assert db_rows(data_dir, "select outcome, ended_at is null from call where id = ?", rita) == [("Meeting booked", 0)]
    assert db_rows(data_dir, "select outcome, ended_at is null from call where id = ?", past["dana"].id) == [
        ("Proposal sent", 1)
    ]
    assert not view.continue_button.isEnabled() and "running in the sidebar" in view.state.text()
    # The sidebar carries on where the call stopped: its stage, notes and the old wrap-up as a draft.
    assert window.controller.call.stage == "presenting"
    assert window.controller.call.furthest_stage == "closing"
    assert [n.text for n in window.controller.call.notes] == ["Budget approved by the CFO in March"]

    seen = []

    def keep_outcome(dialog):
        seen.append(dialog.outcome.currentText())
        dialog.reject()

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # continuing brought the sidebar up
    on_dialog(keep_outcome)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    assert seen == ["Proposal sent"] and window.controller.call is not None


# --------------------------------------------------------------------------- search


def test_search_as_you_type_shows_highlighted_snippets_and_opens_the_call(qtbot, qtmodeltester, open_window, past):
    window = open_window()
    history, page = open_tab(window, qtbot, Qt.Key.Key_F, "search")
    qtbot.waitUntil(page.query.hasFocus)
    qtbot.keyClicks(page.query, "approved cf")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtmodeltester.check(page.model)
    hit = page.model.index(0, 0)
    assert "Dana Whitfield" in hit.data()
    html = hit.data(HtmlRole)
    assert "<b>approved</b>" in html and "<b>CFO</b>" in html and "Notes:" in html
    assert page.status.text() == "1 matching call, best first."
    qtbot.keyClicks(page.query, "zzz")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.status.text() == "No call mentions “approved cfzzz”."
    page.query.clear()
    qtbot.keyClicks(page.query, "northwind")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    view = history.commands.call_view
    qtbot.waitUntil(lambda: view is not None and view.isVisible())
    assert view.call.id == past["dana"].id


def document_colours(delegate, option, index) -> list[tuple[str, str]]:
    """(text, colour) of every run of text the search delegate draws for a row."""
    document = delegate._document(option, index, 400)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    default = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
    runs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            brush = fragment.charFormat().foreground()
            colour = brush.color() if brush.style() != Qt.BrushStyle.NoBrush else default
            runs.append((fragment.text(), colour.name()))
            it += 1
        block = block.next()
    return runs


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_hits_are_readable_on_the_selected_row_and_off_it(qtbot, open_window, past, scheme):
    from tests.helpers.colours import contrast

    window = open_window()
    try:
        window.prefs.color_scheme = scheme
        _history, page = open_tab(window, qtbot, Qt.Key.Key_F, "search")
        qtbot.keyClicks(page.query, "dana")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.results.currentIndex().isValid())
        view, index = page.results, page.results.currentIndex()
        delegate = view.itemDelegateForIndex(index)
        palette = view.palette()
        for selected, background in ((True, QPalette.ColorRole.Highlight), (False, QPalette.ColorRole.Base)):
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.rect = view.visualRect(index)
            if selected:
                option.state |= QStyle.StateFlag.State_Selected
            else:
                option.state &= ~QStyle.StateFlag.State_Selected
            runs = document_colours(delegate, option, index)
            assert any("Notes" in text or "Contact" in text for text, _ in runs)  # the muted "where" is there
            for text, colour in runs:
                ratio = contrast(colour, palette.color(background).name())
                assert ratio >= 4.5, (scheme, selected, text, colour, round(ratio, 2))
    finally:
        window.prefs.color_scheme = "system"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_overdue_follow_up_is_red_and_readable(qtbot, open_window, past, scheme):
    from tests.helpers.colours import contrast

    window = open_window()
    try:
        window.prefs.color_scheme = scheme
        _history, page = open_tab(window, qtbot, Qt.Key.Key_U, "follow_ups")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        colour = page.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
        assert colour.red() > 1.5 * max(colour.green(), colour.blue())  # still red
        base = page.table.palette().color(QPalette.ColorRole.Base).name()
        assert contrast(colour.name(), base) >= 4.5, (scheme, colour.name(), base)
    finally:
        window.prefs.color_scheme = "system"


def test_search_finds_a_note_edited_in_the_sidebar(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog, name="Ana Lima")
    type_text(window.notes_panel.editor, "Renewal in October")
    qtbot.keyClick(window.notes_panel.editor, Qt.Key.Key_Return)
    _history, page = open_tab(window, qtbot, Qt.Key.Key_F, "search")
    qtbot.keyClicks(page.query, "october")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    window.controller.edit_note(window.controller.call.notes[0], "Renewal in November")
    page.query.clear()
    with qtbot.waitSignal(page.shown, check_params_cb=lambda text: text == "october"):
        qtbot.keyClicks(page.query, "october")
    assert page.model.rowCount() == 0
    page.query.clear()
    qtbot.keyClicks(page.query, "november")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


# --------------------------------------------------------------------------- follow-ups and last time


def test_a_follow_up_starts_the_call_and_shows_last_time(qtbot, qtmodeltester, open_window, on_dialog, past):
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_U, "follow_ups")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtmodeltester.check(page.model)
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row == [f"{(TODAY - timedelta(days=2)).isoformat()} (2 d late)", "Dana Whitfield",
                   "Northwind Logistics", "Send proposal", "Proposal sent"]  # fmt: skip
    assert page.status.text() == "1 follow-up due."

    def confirm(dialog):
        assert dialog.name.text() == "Dana Whitfield" and dialog.company.text() == "Northwind Logistics"
        assert dialog.known.isVisibleTo(dialog)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_dialog(confirm)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.call is not None)
    assert window.controller.call.contact.id == past["dana_contact"].id
    assert len(window.store.contacts()) == 3  # the known contact, not a new one
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.status.text() == "Nothing due.")

    panel = window.features.get(LastTimePanel)
    qtbot.waitUntil(panel.isVisible)
    assert panel.title.text().startswith("Last time: Proposal sent, ")
    assert panel.title.text().endswith("(1 earlier call)")
    body = panel.body.text()
    assert "Send proposal" in body and "Too expensive / no budget" in body and "compared with Zoho" in body
    assert "€40k" in body
    assert panel.body.isVisible()
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)  # collapses, and stays so
    assert not panel.body.isVisible() and panel.isVisible()
    assert window.settings.value("history/last_time_open", type=bool) is False
    end_call(window, qtbot, on_dialog, "Won", "", due=None)
    assert not panel.isVisible()


def test_last_time_shows_the_qualification_facts_before_answers(qtbot, open_window, store, playbook):
    dana = earlier_call_with_everything(store, playbook)
    window = open_window()
    window.controller.start_call(dana, window.library.default)  # the known contact again
    panel = window.features.get(LastTimePanel)
    qtbot.waitUntil(panel.isVisible)
    body = panel.body.text()
    assert "<b>Authority:</b> COO signs, CFO advises" in body  # who signs, however much was answered
    assert body.index("Need:") < body.index("Authority:") < body.index("said about")


def test_last_time_stays_hidden_for_a_new_contact(qtbot, open_window, on_dialog, past):
    window = open_window()
    start_call(window, qtbot, on_dialog, name="Brand New")
    background.wait_idle()
    QApplication.processEvents()
    assert not window.features.get(LastTimePanel).isVisible()


# --------------------------------------------------------------------------- insights


def test_insights_charts_show_the_counts(qtbot, open_window, past):
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_G, "insights")
    qtbot.waitUntil(lambda: page.insights is not None)
    assert page.summary.text() == "3 calls, 3 ended, average length 13:20."
    totals = {s.name: sum(s.values) for s in page.outcomes.series}
    assert totals == {"Lost": 1, "Proposal sent": 1, "Won": 1}
    assert sum(page.weekly.totals()) == 3
    assert page.objections.rows == [("Too expensive / no budget", 1.0, 0.0)]
    assert page.objections.describe(1.0, 0.0) == "1 · 0% handled"
    assert page.stages.rows == [("Prospecting", 2.0, None), ("Closing", 1.0, None)]  # how far each got
    periods = page.insights.periods
    assert page.duration.series[0].values == [(p.average_seconds or 0) / 60 for p in periods]
    assert [page.outcomes.categories, page.duration.categories] == [[p.label for p in periods]] * 2
    qtbot.waitUntil(lambda: page.playbook.count() == 2)
    assert page.playbook.itemText(1) == window.library.default.name
    page.playbook.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.current_filter().playbook == window.library.default.name)
    page.period.set_custom(TODAY - timedelta(days=6), TODAY)
    qtbot.waitUntil(lambda: page.insights.calls == 2)
    assert {s.name: sum(s.values) for s in page.outcomes.series} == {"Lost": 1, "Won": 1}
    page.grab()  # paints without errors
