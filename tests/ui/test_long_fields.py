"""The most a text field holds, in the sidebar and History: typing or pasting past it is
refused with a message and loses nothing; a longer text stored before there was a limit
is shown cut, kept whole, and never laid out whole on the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolTip

from salesdesk.core.call import MAX_FIELD_CHARS, PREVIEW_CHARS, Contact
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.ui.history.last_time import LastTimePanel
from salesdesk.ui.kit import background
from salesdesk.ui.kit.field_limit import full_message
from salesdesk.ui.kit.wrapup_dialog import EndCallDialog
from tests.helpers.history import open_row, open_tab
from tests.helpers.sidebar import CTRL, db_rows, start_call
from tests.helpers.typing import type_text

HUGE = 30_000_000


@pytest.fixture(autouse=True)
def _quiet_workers():
    yield
    background.wait_idle()
    background.close_connections()


def lines(length: int) -> str:
    """Text of ``length`` characters in lines, as pasted from a document."""
    return ("Route planning by hand, two people full-time, nine days month-end.\n" * (length // 67 + 1))[:length]


def paste(qtbot, widget, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, CTRL)


def test_the_note_editor_refuses_what_would_go_past_the_limit(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    editor = window.notes_panel.editor
    paste(qtbot, editor, lines(MAX_FIELD_CHARS - 10))
    assert len(editor.toPlainText()) == MAX_FIELD_CHARS - 10 and editor.property("limit_message") is None
    too_long = "y" * 11
    paste(qtbot, editor, too_long)
    assert len(editor.toPlainText()) == MAX_FIELD_CHARS - 10  # refused whole
    assert editor.property("limit_message") == full_message()
    assert full_message() == "This field is full: it holds at most 100,000 characters, so nothing was added."
    assert QGuiApplication.clipboard().text() == too_long  # still there to paste elsewhere
    type_text(editor, "0123456789")
    assert editor.toPlainText().endswith("0123456789") and len(editor.toPlainText()) == MAX_FIELD_CHARS
    type_text(editor, "z")  # one more keystroke: refused, the text as it was
    assert len(editor.toPlainText()) == MAX_FIELD_CHARS and not editor.toPlainText().endswith("z")
    editor.selectAll()
    type_text(editor, "short")  # replacing a selection makes room
    assert editor.toPlainText() == "short"
    window.notes_panel.flush()
    assert db_rows(data_dir, "select text from note where draft = 1") == [("short",)]


def test_answers_and_qualification_refuse_a_paste_past_the_limit(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.controller.set_stage("discovery")
    answer = window.stage_panel.answer_edits["pain-points"]
    type_text(answer, "Routes by hand")
    paste(qtbot, answer, "x" * MAX_FIELD_CHARS)
    assert answer.toPlainText() == "Routes by hand" and answer.property("limit_message") == full_message()
    window.show_tab("qualify")
    need = window.qualification_panel.edits["need"]
    paste(qtbot, need, "n" * (MAX_FIELD_CHARS + 1))
    assert need.toPlainText() == "" and need.property("limit_message") == full_message()
    paste(qtbot, need, "n" * MAX_FIELD_CHARS)  # exactly the limit fits
    assert len(need.toPlainText()) == MAX_FIELD_CHARS
    qtbot.waitUntil(lambda: db_rows(data_dir, "select length(need) from qualification") == [(MAX_FIELD_CHARS,)])
    assert db_rows(data_dir, "select answer from answer") == [("Routes by hand",)]


def test_line_fields_hold_the_limit_and_say_when_a_paste_was_cut(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    dialog = EndCallDialog(window.controller.call, parent=window)
    for edit in (dialog.next_step, dialog.outcome.lineEdit(), window.qualification_panel.decision_maker):
        edit.window().show()
        paste(qtbot, edit, "w" * (MAX_FIELD_CHARS + 5))
        assert len(edit.text()) == MAX_FIELD_CHARS, edit.accessibleName()  # not Qt's default 32,767
        assert "What did not fit was not added" in edit.property("limit_message")
    dialog.reject()


#: Long enough to freeze the sidebar for seconds when laid out whole.
LONG = 3_000_000


@pytest.fixture
def stored_long(data_dir: Path, playbook) -> dict:
    """An ended call with a long note and answer, and a running one with the same contact,
    a long answer and a long unfinished note: all stored before there was a limit."""
    init_db(data_dir)
    store = CallStore()
    dana = store.save_contact(Contact("Dana Whitfield", "Northwind"))
    old = store.start_call(dana, playbook)
    store.set_answer(old.id, "impact", "i" * LONG)
    store.end_call(old.id, "Won", "n" * LONG, None)
    running = store.start_call(dana, playbook)
    store.set_stage(running.id, "discovery")
    store.set_answer(running.id, "pain-points", "p" * LONG)
    store.save_note(running.id, None, "d" * LONG, draft=True)
    close_db()
    return {"old": old.id, "running": running.id}


def test_a_running_call_with_texts_past_the_limit_shows_them_cut_and_keeps_them(
    qtbot, open_window, stored_long, data_dir: Path
):
    window = open_window()
    answer = window.stage_panel.answer_edits["pain-points"]
    assert answer.isReadOnly() and len(answer.toPlainText()) == PREVIEW_CHARS + 1
    assert "3,000,000 characters long" in answer.toolTip()
    answer.setFocus()
    type_text(answer, "more")
    assert QToolTip.isVisible() and "3,000,000 characters long" in QToolTip.text()  # why nothing happens
    # The note that was being typed is too long for the editor: it is a note in the list now.
    assert window.notes_panel.editor.toPlainText() == ""
    shown = window.notes_panel.model.index(0, 0).data()
    assert shown.endswith("d" * 10 + "…") and len(shown) < PREVIEW_CHARS + 20
    running = stored_long["running"]
    assert db_rows(data_dir, "select length(answer) from answer where call_id = ?", running) == [(LONG,)]
    qtbot.waitUntil(
        lambda: db_rows(data_dir, "select length(text), draft from note where call_id = ?", running) == [(LONG, 0)]
    )
    panel = window.features.get(LastTimePanel)
    qtbot.waitUntil(panel.isVisible)
    assert "i" * 100 in panel.body.text() and len(panel.body.text()) < 4 * PREVIEW_CHARS  # the earlier call, cut


def test_history_shows_a_30_mb_note_cut_and_all_of_it_a_page_at_a_time(qtbot, open_window, store, playbook):
    call = store.start_call(Contact("Huge Note"), playbook)
    store.save_note(call.id, None, "n" * HUGE, draft=False)
    store.set_answer(call.id, "impact", "i" * HUGE)
    store.end_call(call.id, "Won", "", None)
    window = open_window()
    _history, page = open_tab(window, qtbot, Qt.Key.Key_H, "calls")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    view = open_row(qtbot, page, 0)
    # Laid out: the previews, not 60 MB (which took the window away for a minute).
    assert view.page.document().characterCount() < 4 * PREVIEW_CHARS
    assert view.page.toPlainText().count("Show all (30,000,000 characters)") == 2
    view.page.anchorClicked.emit(QUrl("show-all:1"))  # the note (after the answer)
    long_text = view.long_text
    qtbot.waitExposed(long_text)
    assert long_text.windowTitle().startswith("Note of ")
    assert long_text.where.text() == "Characters 1–20,000 of 30,000,000"
    assert long_text.page.toPlainText() == "n" * 20_000
    qtbot.mouseClick(long_text.next_button, Qt.MouseButton.LeftButton)
    assert long_text.where.text() == "Characters 20,001–40,000 of 30,000,000"
    long_text.show_page(HUGE)
    assert long_text.where.text() == "Characters 29,980,001–30,000,000 of 30,000,000"
    assert not long_text.next_button.isEnabled()
    long_text.close()
