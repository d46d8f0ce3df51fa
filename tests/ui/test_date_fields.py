"""Every date field takes a mouse click and then typing, as it takes a tab and then typing.

The clicks go to the window at a real position over the digits (Qt finds the widget under
it, as for a real mouse); the keys go to whatever has the focus.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from salesdesk.core.filters import day_filter
from salesdesk.ui.history.page_parts import DateRangePicker
from tests.helpers.history import open_tab
from tests.helpers.sidebar import CTRL, SHIFT, db_rows, start_call
from tests.helpers.typing import type_text

#: Where each section's digits are in "yyyy-MM-dd".
SECTIONS = {"year": (0, 4), "month": (5, 7), "day": (8, 10)}


def reveal(qtbot, field) -> None:
    """Wait until ``field`` is laid out and wholly on screen (scrolled to), as it is when a rep
    clicks it."""
    scroll = field.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()

    def on_screen() -> bool:
        if scroll is not None:
            scroll.ensureWidgetVisible(field)
        return field.visibleRegion().boundingRect().size() == field.size()

    qtbot.waitUntil(on_screen)


def click_section(qtbot, field, section: str) -> None:
    """A left click on the middle of ``section``'s digits, sent to the field's window."""
    reveal(qtbot, field)
    edit = field.lineEdit()
    start, end = SECTIONS[section]
    text, metrics = edit.text(), edit.fontMetrics()
    # QLineEdit draws its text 2 px inside its contents rectangle and margins (qlineedit_p.h).
    left = edit.contentsRect().left() + edit.textMargins().left() + 2
    x = left + (metrics.horizontalAdvance(text[:start]) + metrics.horizontalAdvance(text[:end])) // 2
    point = QPoint(x, edit.height() // 2)
    assert start < edit.cursorPositionAt(point) < end, "the click would miss the section"
    window = field.window()
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=edit.mapTo(window, point))
    qtbot.waitUntil(field.hasFocus)


def type_keys(text: str) -> None:
    type_text(QApplication.focusWidget(), text)


def test_the_wrap_up_due_date_takes_a_click_and_typing(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    seen = {}

    def wrap_up(dialog):
        type_text(dialog.outcome.lineEdit(), "Meeting booked")
        type_text(dialog.next_step, "Send the pilot plan")
        assert dialog.due.isEnabled()
        click_section(qtbot, dialog.due, "year")
        type_keys("2031-06-14")  # the whole date, from the year on
        seen["whole"] = dialog.due.date().toPython()
        click_section(qtbot, dialog.due, "day")
        type_keys("9")
        seen["day"] = dialog.due.date().toPython()
        click_section(qtbot, dialog.due, "month")
        type_keys("11")
        seen["month"] = dialog.due.date().toPython()
        dialog.has_due.setFocus()
        qtbot.keyClick(dialog.has_due, Qt.Key.Key_Tab)  # tabbing in still works, separators and all
        assert dialog.due.hasFocus()
        type_keys("2032-3-5")
        seen["tabbed"] = dialog.due.date().toPython()
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)

    on_dialog(wrap_up)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.call is None)
    assert seen == {
        "whole": date(2031, 6, 14),
        "day": date(2031, 6, 9),
        "month": date(2031, 11, 9),
        "tabbed": date(2032, 3, 5),
    }
    assert db_rows(data_dir, "select next_step_due from call") == [("2032-03-05",)]


def test_a_click_on_the_greyed_decision_date_ticks_it_and_takes_the_typing(
    qtbot, open_window, on_dialog, data_dir: Path
):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.show_tab("qualify")
    panel = window.qualification_panel
    field = panel.decision_date
    assert not field.isEnabled() and not panel.has_decision_date.isChecked()
    click_section(qtbot, field, "year")
    assert panel.has_decision_date.isChecked()
    type_keys("2031-02-28")
    assert field.date().toPython() == date(2031, 2, 28)
    call_id = window.controller.call.id
    assert db_rows(data_dir, "select decision_date from qualification where call_id=?", call_id) == [("2031-02-28",)]


def test_the_history_custom_range_takes_clicks_and_typing(qtbot, open_window, past):
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    picker: DateRangePicker = page.period
    picker.preset.setCurrentIndex(picker.preset.findData("custom"))
    qtbot.waitUntil(picker.start.isVisible)
    start, end = date(date.today().year - 3, 1, 1), date.today() - timedelta(days=3)  # another year than shown
    click_section(qtbot, picker.start, "year")
    type_keys(start.isoformat())
    click_section(qtbot, picker.end, "year")
    type_keys(end.isoformat())
    assert picker.range() == (start, end)
    qtbot.waitUntil(
        lambda: (
            [page.model.index(r, 1).data() for r in range(page.model.rowCount())] == ["Sam Okafor", "Dana Whitfield"]
        )
    )


def test_the_export_filter_dates_take_a_click_and_typing(qtbot, open_window, on_dialog):
    window = open_window()
    seen = {}

    def choose(dialog):
        assert not dialog.since.isEnabled() and not dialog.until.isEnabled()
        click_section(qtbot, dialog.since, "year")
        type_keys("2030-01-15")
        click_section(qtbot, dialog.until, "year")
        type_keys("2030-03-31")
        seen["ticked"] = (dialog.has_since.isChecked(), dialog.has_until.isChecked())
        seen["filter"] = dialog.values()[1]
        dialog.reject()

    on_dialog(choose)
    qtbot.keyClick(window, Qt.Key.Key_X, CTRL | SHIFT)
    qtbot.waitUntil(lambda: "filter" in seen)
    assert seen["ticked"] == (True, True)
    assert seen["filter"] == day_filter(date(2030, 1, 15), date(2030, 3, 31))


def test_every_date_field_in_the_windows_is_the_shared_one():
    """A plain QDateEdit would bring the click-then-type bug back: the windows use DateField."""
    ui = Path(__file__).resolve().parents[2] / "salesdesk" / "ui"
    plain = [
        f"{path.name}:{number}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "date_field.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(f"{name}(" in line for name in ("QDateEdit", "QDateTimeEdit", "QTimeEdit"))
    ]
    assert plain == []
