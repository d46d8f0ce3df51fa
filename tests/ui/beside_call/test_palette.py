"""The command palette, driven by keys: find, rank, copy, log, run commands, give focus back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from salesdesk.ui.beside_call.feature import ShortcutGuard
from salesdesk.ui.beside_call.palette import CommandPalette, DetailRole
from salesdesk.ui.sidebar.panels import AnswerEdit, NoteEditor
from tests.helpers.sidebar import CTRL, db_rows, start_call
from tests.helpers.typing import type_text


def open_palette(qtbot, window, focus_widget):
    """Press Ctrl+K with the keyboard in ``focus_widget``, as a rep would."""
    focus_widget.setFocus()
    qtbot.waitUntil(focus_widget.hasFocus)
    qtbot.keyClick(focus_widget, Qt.Key.Key_K, CTRL)
    palette = window.features.get(CommandPalette)
    qtbot.waitUntil(palette.isVisible)
    assert palette.field.hasFocus()
    return palette


def titles(palette, n: int) -> list[str]:
    return palette.results_titles()[:n]


def test_from_the_notes_a_rebuttal_is_found_copied_logged_and_focus_returns(
    qtbot, open_window, on_dialog, data_dir: Path
):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    editor = window.notes_panel.editor
    type_text(editor, "They hesitate")
    palette = open_palette(qtbot, window, editor)

    type_text(palette.field, "pricey")  # a synonym the playbook lists as a trigger
    assert titles(palette, 1) == ["Too expensive / no budget"]
    palette.field.clear()
    type_text(palette.field, "costly")  # a synonym from the table, not in the playbook
    assert titles(palette, 1) == ["Too expensive / no budget"]
    palette.field.clear()
    type_text(palette.field, "expnsive")  # a typo
    assert titles(palette, 1) == ["Too expensive / no budget"]

    qtbot.keyClick(palette.field, Qt.Key.Key_Return)  # Enter shows the card
    assert palette.stack.currentWidget() is palette.card
    assert palette.card_title.text() == "Too expensive / no budget"
    assert palette.card_lines.count() == 4 and palette.card_lines.hasFocus()

    qtbot.keyClick(palette.card_lines, Qt.Key.Key_2)  # one key copies line 2
    line_2 = window.controller.call.playbook.objection("too-expensive").rebuttals[1]
    assert QGuiApplication.clipboard().text() == line_2
    assert "Copied line 2" in palette.status.text()

    qtbot.keyClick(palette.card_lines, Qt.Key.Key_R)  # one key logs it raised
    call_id = window.controller.call.id
    assert db_rows(data_dir, "select key, handled from objection_log where call_id=?", call_id) == [
        ("too-expensive", 0)
    ]
    qtbot.keyClick(palette.card_lines, Qt.Key.Key_H)  # and one marks it handled
    assert db_rows(data_dir, "select key, handled from objection_log where call_id=?", call_id) == [
        ("too-expensive", 1)
    ]

    qtbot.keyClick(palette.card_lines, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert QApplication.focusWidget() is editor
    assert editor.toPlainText() == "They hesitate"  # nothing typed into the note meanwhile


def test_from_an_answer_field_typos_rank_and_escape_returns_there(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)  # discovery
    answer = window.stage_panel.answer_edits["pain-points"]
    type_text(answer, "Spreadsheets")
    palette = open_palette(qtbot, window, answer)
    type_text(palette.field, "decison")
    assert titles(palette, 1) == ["I'm not the decision-maker"]
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert QApplication.focusWidget() is answer
    assert answer.toPlainText() == "Spreadsheets"


def test_the_current_stage_ranks_first(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    call = window.controller.call
    for number, stage in ((4, "discovery"), (5, "presenting")):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), CTRL)
        palette = open_palette(qtbot, window, window.notes_panel.editor)
        type_text(palette.field, "pain")
        first = palette.model.entry(0)
        assert (first.kind, first.stage) == ("checklist", stage)
        assert first.title in {item.text for item in call.playbook.stage(stage).checklist}
        qtbot.keyClick(palette.field, Qt.Key.Key_Escape)


def test_list_keys_copy_log_and_move(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    palette = open_palette(qtbot, window, window.notes_panel.editor)
    type_text(palette.field, "boss")
    assert titles(palette, 1) == ["I'm not the decision-maker"]
    qtbot.keyClick(palette.field, Qt.Key.Key_Down)  # the first rebuttal line
    entry = palette.current_entry
    assert entry.kind == "line" and entry.parent == "not-decision-maker"
    qtbot.keyClick(palette.field, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == entry.title
    qtbot.keyClick(palette.field, Qt.Key.Key_R, CTRL)  # the palette's objection, not the Objections tab's
    assert db_rows(data_dir, "select key from objection_log") == [("not-decision-maker",)]
    assert palette.isVisible() and palette.field.hasFocus()
    # Backspace on a card goes back to the results, with the search kept.
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert palette.stack.currentWidget() is palette.card
    assert palette.card_lines.currentRow() == 0  # the chosen line is highlighted
    qtbot.keyClick(palette.card_lines, Qt.Key.Key_Backspace)
    assert palette.stack.currentWidget() is palette.results and palette.field.text() == "boss"
    # Typing on a card goes back to searching, with the key typed.
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    qtbot.keyClick(palette.card_lines, Qt.Key.Key_Space)
    qtbot.keyClick(palette.card_lines, Qt.Key.Key_M)
    assert palette.field.hasFocus() and palette.field.text() == "bossm"


def test_commands_questions_and_checklist_items_are_reachable(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    palette = open_palette(qtbot, window, window.notes_panel.editor)
    type_text(palette.field, "discovery")
    assert "Go to stage 4. Discovery" in titles(palette, 5)
    palette.field.clear()
    type_text(palette.field, "what stops you solving")  # a discovery question
    entry = palette.current_entry
    assert entry.kind == "question" and entry.stage == "discovery"
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)  # jump to its answer field
    assert not palette.isVisible()
    assert window.controller.call.stage == "discovery"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.stage_panel.answer_edits[entry.key])

    palette = open_palette(qtbot, window, window.notes_panel.editor)
    type_text(palette.field, "ideal client profile industry")  # a prospecting checklist item
    assert palette.current_entry.kind == "checklist" and palette.current_entry.key == "icp-fit"
    # The second line names the kind and the stage, once each.
    assert palette.results.currentIndex().data(DetailRole) == "Checklist · Prospecting"
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)

    palette = open_palette(qtbot, window, window.notes_panel.editor)
    type_text(palette.field, "end call")
    assert palette.current_entry.key == "end_call"
    seen = []
    on_dialog(lambda dialog: (seen.append(dialog.windowTitle()), dialog.reject()))
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert seen == ["End call with Dana Whitfield"]
    assert window.controller.call is not None


def test_without_a_call_the_palette_offers_commands(qtbot, open_window, on_dialog):
    window = open_window()
    palette = open_palette(qtbot, window, window)
    assert {palette.model.entry(r).kind for r in range(palette.model.rowCount())} == {"action"}
    assert "End call" not in palette.results_titles()  # disabled commands are left out
    type_text(palette.field, "new cal")
    assert titles(palette, 1) == ["New call"]


def test_ctrl_k_wins_over_a_text_field_that_claims_it(qtbot, open_window, on_dialog, monkeypatch):
    """With X11/Emacs key bindings, text fields claim Ctrl+K (delete to end of line) before
    shortcuts fire. Emulate that claim in the note editor and an answer field."""

    def claims_ctrl_k(original):
        def event(self, event):
            if event.type() == QEvent.Type.ShortcutOverride and QKeySequence(event.keyCombination()) == QKeySequence(
                "Ctrl+K"
            ):
                event.accept()
                return True
            return original(self, event)

        return event

    monkeypatch.setattr(NoteEditor, "event", claims_ctrl_k(NoteEditor.event))
    monkeypatch.setattr(AnswerEdit, "event", claims_ctrl_k(AnswerEdit.event))
    window = open_window()
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    editor = window.notes_panel.editor
    answer = window.stage_panel.answer_edits["impact"]

    # Without the guard the field's claim wins and the palette stays shut: the emulation bites.
    window.features.get(ShortcutGuard).enabled = False
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)
    assert window.features.find(CommandPalette) is None or not window.features.get(CommandPalette).isVisible()
    window.features.get(ShortcutGuard).enabled = True

    for field in (editor, answer):
        palette = open_palette(qtbot, window, field)
        qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
        assert QApplication.focusWidget() is field


def test_palette_index_is_built_when_the_call_starts(qtbot, open_window, on_dialog):
    window = open_window()
    window.after_first_paint()
    start_call(window, qtbot, on_dialog)
    qtbot.waitUntil(lambda: window.features.find(CommandPalette) is not None)
    palette = window.features.get(CommandPalette)
    qtbot.waitUntil(lambda: palette.index is not None)
    assert any(e.kind == "objection" for e in palette.index.entries)
    assert not palette.isVisible()
