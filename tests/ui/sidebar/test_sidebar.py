"""The call sidebar end to end: a rep works a call with mouse and keyboard; all of it survives."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton

from salesdesk.storage import CallStore
from salesdesk.storage.db import DB_FILENAME
from tests.helpers.sidebar import CTRL, checkbox_center, db_rows, end_call, start_call, visible_texts
from tests.helpers.typing import type_text


def test_a_whole_call_is_stored_and_restored_after_a_restart(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    assert window.pages.currentWidget() is window.empty_page

    # Start the call from the keyboard.
    start_call(window, qtbot, on_dialog, email="dana@northwind.example")
    assert window.header.contact.text() == "Dana Whitfield"
    assert window.header.company.text() == "Northwind Logistics"
    assert window.header.stage_combo.currentText() == "1. Prospecting"
    assert window.windowTitle() == "Dana Whitfield — SalesDesk"
    call_id = window.controller.call.id

    # Tick the first item with the mouse, the second with the keyboard, the third with Ctrl+D.
    checklist = window.stage_panel.checklist
    qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=checkbox_center(checklist, 0))
    checklist.setFocus()
    checklist.setCurrentIndex(checklist.model().index(1, 0))
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    states = [checklist.model().index(r, 0).data(Qt.ItemDataRole.CheckStateRole) for r in range(4)]
    assert states == [Qt.CheckState.Checked] * 3 + [Qt.CheckState.Unchecked]
    assert sorted(db_rows(data_dir, "select item from checklist_tick where call_id=?", call_id)) == [
        ("contact-checked",),
        ("icp-fit",),
        ("lead-source",),
    ]
    assert window.header.stage_combo.currentText() == "1. Prospecting  3/6"

    # Jump to discovery (Ctrl+4) and answer two questions.
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.header.stage_combo.currentText().startswith("4. Discovery")
    assert db_rows(data_dir, "select stage from call where id=?", call_id) == [("discovery",)]
    pain = window.stage_panel.answer_edits["pain-points"]
    type_text(pain, "Routes planned in spreadsheets")
    type_text(window.stage_panel.answer_edits["impact"], "Late deliveries up 12%")
    assert db_rows(data_dir, "select question, answer from answer where call_id=? order by question", call_id) == [
        ("impact", "Late deliveries up 12%"),
        ("pain-points", "Routes planned in spreadsheets"),
    ]

    # Qualification fields.
    window.show_tab("qualify")
    type_text(window.qualification_panel.edits["budget"], "€40–60k")
    type_text(window.qualification_panel.edits["authority"], "COO signs")
    window.show_tab("stage")

    # Notes: one added with Enter, one still being typed.
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    editor = window.notes_panel.editor
    assert editor.hasFocus()
    type_text(editor, "Uses three tools today")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == ""
    assert [t.split("  ", 1)[1] for t in visible_texts(window.notes_panel.view)] == ["Uses three tools today"]
    type_text(editor, "Ask about <b>Rotterdam</b> & depot")

    # Next stage from the keyboard, then back with the selector.
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert window.header.stage_combo.currentText().startswith("5. Presenting")
    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    assert window.controller.call.stage == "discovery"

    # The prospect pushes back: find the objection while they talk, log it, handle it.
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    search = window.objections_panel.search
    assert window.tabs.currentWidget().panel is window.objections_panel and search.hasFocus()
    type_text(search, "boss")
    assert visible_texts(window.objections_panel.results) == ["I'm not the decision-maker"]
    qtbot.keyClick(search, Qt.Key.Key_Return)
    card = window.objections_panel.card.toPlainText()
    assert "Who else will be part of this decision?" in card and "Why this works" in card
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    type_text(window.objections_panel.note, "Wants COO in next call")
    assert db_rows(data_dir, "select key, handled, note from objection_log where call_id=?", call_id) == [
        ("not-decision-maker", 1, "Wants COO in next call")
    ]

    # Quit mid-call (as when the laptop restarts) and open the app again.
    window.close()
    window = open_window()
    call = window.controller.call
    assert call is not None and call.id == call_id
    assert window.header.contact.text() == "Dana Whitfield"
    assert window.header.stage_combo.currentText().startswith("4. Discovery")
    assert window.stage_panel.answer_edits["pain-points"].toPlainText() == "Routes planned in spreadsheets"
    # Tabbing into a restored answer and typing adds to its end.
    window.controller.set_stage("discovery")
    questions = window.stage_panel.answer_edits
    questions["impact"].setFocus(Qt.FocusReason.TabFocusReason)
    type_text(questions["impact"], ", mostly Fridays")
    assert db_rows(data_dir, "select answer from answer where call_id=? and question='impact'", call_id) == [
        ("Late deliveries up 12%, mostly Fridays",)
    ]
    assert window.qualification_panel.edits["budget"].toPlainText() == "€40–60k"
    assert window.qualification_panel.edits["authority"].toPlainText() == "COO signs"
    assert [t.split("  ", 1)[1] for t in visible_texts(window.notes_panel.view)] == ["Uses three tools today"]
    assert window.notes_panel.editor.toPlainText() == "Ask about <b>Rotterdam</b> & depot"
    log_rows = visible_texts(window.objections_panel.log_view)
    assert len(log_rows) == 1 and "I'm not the decision-maker · handled" in log_rows[0]
    assert window.objections_panel.note.text() == "Wants COO in next call"
    window.controller.set_stage("prospecting")
    assert [
        window.stage_panel.checklist.model().index(r, 0).data(Qt.ItemDataRole.CheckStateRole) for r in range(4)
    ] == [Qt.CheckState.Checked] * 3 + [Qt.CheckState.Unchecked]

    # Wrap up.
    due = date.today() + timedelta(days=2)
    end_call(window, qtbot, on_dialog, "Meeting booked", "Demo with the COO", due=due)
    assert window.pages.currentWidget() is window.empty_page
    assert "Meeting booked" in window.empty_page.detail.text()
    assert db_rows(data_dir, "select outcome, next_step, next_step_due, ended_at is not null from call") == [
        ("Meeting booked", "Demo with the COO", due.isoformat(), 1)
    ]
    # The note still in the editor when the call ended was kept.
    assert db_rows(data_dir, "select text from note where call_id=? order by id", call_id) == [
        ("Uses three tools today",),
        ("Ask about <b>Rotterdam</b> & depot",),
    ]

    # A restart after the call shows no call in progress, and the call is intact.
    window.close()
    window = open_window()
    assert window.controller.call is None and window.pages.currentWidget() is window.empty_page
    stored = CallStore().load_call(call_id)
    assert stored.outcome == "Meeting booked" and stored.answers["impact"] == "Late deliveries up 12%, mostly Fridays"


def test_typed_notes_reach_the_database_within_a_second(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    type_text(window.notes_panel.editor, "Budget owner is 🙂 Ørjan")
    qtbot.waitUntil(
        lambda: db_rows(data_dir, "select text, draft from note") == [("Budget owner is 🙂 Ørjan", 1)],
        timeout=1000,
    )


def test_known_contact_is_offered_and_reused(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog, name="Ana Lima", company="Acme", email="ana@acme.example")
    end_call(window, qtbot, on_dialog, "Not now", "", due=None)

    def pick_known(dialog):
        completer = dialog.name.completer()
        type_text(dialog.name, "ana")
        popup = completer.popup()
        qtbot.waitUntil(popup.isVisible)
        assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == ["Ana Lima — Acme"]
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert dialog.name.text() == "Ana Lima"
        assert dialog.company.text() == "Acme" and dialog.email.text() == "ana@acme.example"
        assert dialog.known.isVisibleTo(dialog)
        dialog.accept()

    on_dialog(pick_known)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.controller.call is not None)
    assert db_rows(data_dir, "select count(*) from contact") == [(1,)]
    assert db_rows(data_dir, "select count(*) from call") == [(2,)]


def test_start_dialog_needs_a_name_and_a_plausible_email(qtbot, open_window, on_dialog):
    window = open_window()
    seen = {}

    def check(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["empty"] = ok.isEnabled()
        type_text(dialog.name, "Bo")
        type_text(dialog.email, "bo.example.com")
        seen["bad email"] = (ok.isEnabled(), dialog.error.text())
        dialog.reject()

    on_dialog(check)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert seen == {"empty": False, "bad email": (False, "That e-mail address has no @.")}
    assert window.controller.call is None


def test_every_command_has_a_shortcut_shown_in_menu_and_tooltip(open_window):
    window = open_window()
    required = ["new_call", "end_call", "find_objection", "next_stage", "prev_stage", "always_on_top"]
    required += [f"stage_{n}" for n in range(1, 9)]
    for name in required:
        assert name in window.actions, name
    menu_actions = {a for menu in window.menuBar().findChildren(type(window.stage_menu)) for a in menu.actions()}
    for name, action in window.actions.items():
        shortcut = action.shortcut()
        assert not shortcut.isEmpty(), name
        assert shortcut.toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip(), name
        if not name.startswith("stage_"):
            assert action in menu_actions, f"{name} is not in a menu"
    shortcuts = [a.shortcut().toString() for a in window.actions.values()]
    assert len(shortcuts) == len(set(shortcuts)), "two commands share a shortcut"


def test_stage_menu_lists_the_playbook_stages(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    stage_items = [a.text() for a in window.stage_menu.actions() if a.text()[1:2].isdigit()]
    assert stage_items == [
        "&1. Prospecting",
        "&2. Connecting",
        "&3. Qualification",
        "&4. Discovery",
        "&5. Presenting",
        "&6. Objections",
        "&7. Closing",
        "&8. Referrals && nurture",  # shown as "8. Referrals & nurture" ("&&" is a literal "&")
    ]
    window.actions["stage_8"].trigger()
    assert window.controller.call.stage == "referrals"
    assert not window.actions["next_stage"].isEnabled() and window.actions["stage_8"].isChecked()


def test_always_on_top_and_geometry_are_remembered(qtbot, open_window):
    window = open_window()
    assert not window.actions["always_on_top"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    window.resize(340, 700)
    window.tabs.setCurrentIndex(2)
    window.close()
    window = open_window()
    assert window.actions["always_on_top"].isChecked()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert (window.width(), window.height()) == (340, 700)
    assert window.tabs.currentIndex() == 2


def test_sidebar_is_usable_at_320_pixels(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog, name="Maximilian Alexander Featherstonehaugh-Smythe")
    window.resize(200, 700)
    assert window.width() == 320  # the minimum
    window.controller.set_stage("discovery")
    QApplication.processEvents()
    panel = window.stage_panel
    assert not panel.horizontalScrollBar().isVisible()
    for edit in panel.answer_edits.values():
        assert edit.width() >= 250
    # Wrapped checklist rows are all visible: the list is as tall as its rows.
    view = panel.checklist
    last = view.visualRect(view.model().index(view.model().rowCount() - 1, 0))
    assert last.bottom() <= view.viewport().height()
    assert window.header.stage_combo.width() >= 200
    # Every menu title fits: no "more menus" overflow button.
    overflow = window.menuBar().findChild(QToolButton, "qt_menubar_ext_button")
    assert overflow is None or not overflow.isVisible()


def test_a_broken_playbook_is_reported_and_the_default_used(qtbot, open_window, on_dialog, data_dir: Path):
    playbooks = data_dir / "playbooks"
    playbooks.mkdir(parents=True)
    (playbooks / "team.toml").write_text('name = "Team"\nversion = "1"\n\n[[stages]]\nkey = "Open Call"\n')
    window = open_window()
    assert window.banner.isVisible()
    text = window.banner.label.text()
    assert "team.toml:5: stages[0].key: 'Open Call' is not a valid key" in text
    assert "team.toml:4: stages[0].title: is missing" in text
    assert "new calls use “Eight-step sales call (v2.0)”" in text
    start_call(window, qtbot, on_dialog)
    assert window.controller.call.playbook.name == "Eight-step sales call"


def test_a_locked_database_keeps_the_text_and_saves_it_later(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.controller.set_stage("discovery")
    blocker = sqlite3.connect(data_dir / DB_FILENAME, timeout=0)
    blocker.execute("begin exclusive")
    edit = window.stage_panel.answer_edits["pain-points"]
    type_text(edit, "typed while locked")
    assert window.banner.isVisible() and "locked by another program" in window.banner.label.text()
    assert edit.toPlainText() == "typed while locked"
    assert window.controller.has_pending_writes
    blocker.rollback()
    blocker.close()
    qtbot.waitUntil(lambda: not window.controller.has_pending_writes, timeout=5000)
    assert db_rows(data_dir, "select answer from answer") == [("typed while locked",)]
    assert "works again" in window.banner.label.text()


def test_start_up_resumes_through_the_fast_path_then_opens_the_database(qtbot, data_dir: Path, playbook):
    from salesdesk.core.call import Contact
    from salesdesk.storage import close_db, init_db
    from salesdesk.ui.app import create_window

    init_db(data_dir)
    call = CallStore().start_call(Contact("Fast Path"), playbook)
    close_db()
    window = create_window(data_dir, quick_start=True)
    qtbot.addWidget(window)
    assert not window.controller.handle.is_open  # painted from the quick read
    assert window.controller.call.id == call.id and window.header.contact.text() == "Fast Path"
    window.controller.set_stage("closing")  # a write opens the database on demand
    assert window.controller.handle.is_open
    assert db_rows(data_dir, "select stage from call") == [("closing",)]
    close_db()


def test_changing_the_stage_from_another_tab_shows_the_new_stage(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    playbook = window.controller.call.playbook
    panel = window.stage_panel

    def shown_checklist() -> list[str]:
        return visible_texts(panel.checklist) if panel.checklist.isVisible() else []

    # Ctrl+PgDown while typing on the Qualify tab.
    window.show_tab("qualify")
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert window.controller.call.stage == playbook.stages[1].key
    assert window.tabs.currentWidget() is panel
    assert shown_checklist() == [item.text for item in playbook.stages[1].checklist]
    # The header's arrow while an objection's card is open.
    window.show_tab("objections")
    next_button = next(b for b in window.header.findChildren(QToolButton) if b.arrowType() == Qt.ArrowType.RightArrow)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert window.controller.call.stage == playbook.stages[2].key
    assert window.tabs.currentWidget() is panel
    assert shown_checklist() == [item.text for item in playbook.stages[2].checklist]
    # The stage list in the header, from the Close tab.
    window.show_tab("close")
    combo = window.header.stage_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert window.controller.call.stage == playbook.stages[3].key
    assert window.tabs.currentWidget() is panel
    assert shown_checklist() == [item.text for item in playbook.stages[3].checklist]


def test_an_override_character_in_a_name_does_not_turn_the_sidebar_text_around(
    qtbot, open_window, on_dialog, data_dir: Path
):
    """A contact pasted with RIGHT-TO-LEFT OVERRIDE (U+202E) in front: the name shows as
    it is, but the rest of each line (the window title, the header, the ended-call summary,
    the notes list) still reads forward. The database keeps exactly what was typed."""
    from tests.core.test_bidi import after, forward

    rlo = "\u202e"
    window = open_window()
    start_call(window, qtbot, on_dialog, name=rlo + "Dana Smith", company=rlo + "Acme")
    title = window.windowTitle()
    assert forward(title, *after(title, " — SalesDesk"))
    editor = window.notes_panel.editor
    type_text(editor, rlo + "budget is fine")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    shown = window.notes_panel.model.index(0, 0).data()
    clock = shown.split("  ", 1)[0]
    assert forward(shown, 0, len(clock))  # the time before it is untouched
    end_call(window, qtbot, on_dialog, "won", rlo + "send the contract", due=None)
    summary = window.empty_page.detail.text()
    assert summary.startswith("Call with ") and " ended: Won. Next: " in summary
    assert forward(summary, *after(summary, " ended: Won. Next: "))
    assert db_rows(data_dir, "select name, company from contact") == [(rlo + "Dana Smith", rlo + "Acme")]
    assert db_rows(data_dir, "select next_step from call") == [(rlo + "send the contract",)]


def test_adding_a_note_late_in_a_long_call_does_not_redo_every_row(
    qtbot, open_window, on_dialog, monkeypatch, playbook
):
    """The soak bench (bench/soak.py) found adding a note slowing down as a call grew:
    every note's row was formatted and its wrapped text measured again each time. A row
    already shown is now neither formatted nor measured again."""
    from salesdesk.core.call import NoteEntry, utcnow
    from salesdesk.ui.sidebar import item_models as models
    from salesdesk.ui.sidebar.panels import NoteDelegate

    window = open_window()
    start_call(window, qtbot, on_dialog)
    call = window.controller.call
    for number in range(300):
        call.notes.append(NoteEntry(number + 1, utcnow(), f"note {number}: they run dispatch by hand", False))
    window.notes_panel._refresh()
    editor = window.notes_panel.editor
    type_text(editor, "the list is laid out and scrolls by now")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # (not counted: the first layout at the final width)
    window.notes_panel.view.doItemsLayout()
    QApplication.processEvents()
    formatted, measured = [], []
    real_time, real_height = models.local_time, NoteDelegate.text_height
    monkeypatch.setattr(models, "local_time", lambda moment: formatted.append(1) or real_time(moment))
    monkeypatch.setattr(
        NoteDelegate, "text_height", staticmethod(lambda *args: measured.append(1) or real_height(*args))
    )
    type_text(editor, "one more")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.notes_panel.model.rowCount() == 302
    assert len(formatted) <= 2 and len(measured) <= 2, (len(formatted), len(measured))
