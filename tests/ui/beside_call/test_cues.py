"""Live cues: typed notes raise an objection's card once per call, even across a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salesdesk.ui.beside_call.cues import CueWatcher
from salesdesk.ui.beside_call.palette import CommandPalette
from tests.helpers.sidebar import CTRL, db_rows, start_call
from tests.helpers.typing import type_text


def cue_rows(data_dir: Path) -> list[tuple[str, str]]:
    return db_rows(data_dir, "select key, response from call_cue order by id")


def notes(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    editor = window.notes_panel.editor
    qtbot.waitUntil(editor.hasFocus)
    return editor


def test_a_trigger_in_the_notes_raises_the_card_without_taking_the_keyboard(
    qtbot, open_window, on_dialog, data_dir: Path
):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    editor = notes(window, qtbot)
    type_text(editor, "She thinks it is too expensive")
    banner = window.features.get(CueWatcher).banner
    assert banner is not None and banner.isVisible()
    assert banner.heading.full_text() == "Too expensive / no budget"
    assert banner.line.full_text().startswith("“Expensive next to what?")
    assert editor.hasFocus()  # the rep keeps typing
    type_text(editor, " for now")
    assert editor.toPlainText() == "She thinks it is too expensive for now"
    assert cue_rows(data_dir) == [("too-expensive", "shown")]

    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # accept: logged as raised
    assert not banner.isVisible()
    assert db_rows(data_dir, "select key, handled from objection_log") == [("too-expensive", 0)]
    assert cue_rows(data_dir) == [("too-expensive", "accepted")]
    assert editor.hasFocus() and editor.toPlainText() == "She thinks it is too expensive for now"

    # The same objection again, by the same or another trigger: no second cue.
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "Again: too expensive, no budget")
    assert not banner.isVisible()
    assert db_rows(data_dir, "select count(*) from objection_log") == [(1,)]


def test_escape_dismisses_and_nothing_repeats_after_a_restart(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    editor = notes(window, qtbot)
    type_text(editor, "I need to ask my boss")
    banner = window.features.get(CueWatcher).banner
    assert banner.isVisible() and banner.heading.full_text() == "I'm not the decision-maker"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not banner.isVisible() and editor.hasFocus()
    type_text(editor, ", just send me an e-mail")  # a second objection: cued, left unanswered
    assert banner.isVisible() and banner.heading.full_text() == 'No thanks / "I\'ll get back to you"'
    assert cue_rows(data_dir) == [("not-decision-maker", "dismissed"), ("get-back-to-you", "shown")]
    assert db_rows(data_dir, "select count(*) from objection_log") == [(0,)]

    window.close()
    window = open_window()
    editor = notes(window, qtbot)
    assert window.controller.call.cues == {"not-decision-maker": "dismissed", "get-back-to-you": "shown"}
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "ask my boss. send me an email. ")
    assert window.features.get(CueWatcher).banner is None or not window.features.get(CueWatcher).banner.isVisible()
    type_text(editor, "Honestly it is bad timing")  # a new one still cues
    assert window.features.get(CueWatcher).banner.isVisible()
    assert window.features.get(CueWatcher).banner.heading.full_text() == "Bad timing"


def test_several_triggers_at_once_are_cued_one_after_another(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    editor = notes(window, qtbot)
    editor.insertPlainText("Too expensive and bad timing")  # pasted
    banner = window.features.get(CueWatcher).banner
    assert banner.heading.full_text() == "Too expensive / no budget"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert banner.isVisible() and banner.heading.full_text() == "Bad timing"
    banner.accept_button.click()
    assert not banner.isVisible()
    assert cue_rows(data_dir) == [("too-expensive", "dismissed"), ("bad-timing", "accepted")]
    assert QApplication.focusWidget() is not None


def test_the_card_button_opens_every_line_in_the_palette(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    editor = notes(window, qtbot)
    type_text(editor, "we're happy with what we have")
    window.features.get(CueWatcher).banner.card_button.click()
    palette = window.features.get(CommandPalette)
    assert palette.isVisible() and palette.card_title.text() == "We're happy with what we have"
    qtbot.keyClick(palette.card_lines, Qt.Key.Key_Escape)
    assert not palette.isVisible()


def test_cues_can_be_switched_off(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.prefs.cues_enabled = False
    editor = notes(window, qtbot)
    type_text(editor, "too expensive")
    assert window.features.get(CueWatcher).banner is None
    assert cue_rows(data_dir) == []
    # With no cue showing, Esc and Ctrl+Enter are not taken from the editor.
    assert not window.actions["dismiss_cue"].isEnabled() and not window.actions["accept_cue"].isEnabled()


def test_a_restored_draft_does_not_cue(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.prefs.cues_enabled = False
    type_text(notes(window, qtbot), "too expensive")
    window.notes_panel.flush()
    window.prefs.cues_enabled = True
    window.close()
    window = open_window()
    assert window.notes_panel.editor.toPlainText() == "too expensive"
    assert window.features.get(CueWatcher).banner is None


def test_an_objection_logged_elsewhere_is_not_offered_again(qtbot, open_window, on_dialog, data_dir: Path):
    """Logged raised and handled from the palette while its cue shows: the cue goes away, so
    no second, open entry for the same objection; and a logged objection is never cued."""
    window = open_window()
    start_call(window, qtbot, on_dialog)
    editor = notes(window, qtbot)
    type_text(editor, "Says it is too expensive")
    banner = window.features.get(CueWatcher).banner
    assert banner.isVisible()

    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)
    palette = window.features.get(CommandPalette)
    qtbot.waitUntil(palette.isVisible)
    type_text(palette.field, "too expensive")
    qtbot.keyClick(palette.field, Qt.Key.Key_H, CTRL)  # logged raised and handled
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is editor
    assert not banner.isVisible()
    assert not window.actions["accept_cue"].isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter has nothing to log
    assert db_rows(data_dir, "select key, handled from objection_log") == [("too-expensive", 1)]

    # Logged first (Ctrl+F, Ctrl+R), mentioned in the notes afterwards: no cue.
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    type_text(window.objections_panel.search, "bad timing")
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    editor = notes(window, qtbot)
    type_text(editor, " and the timing is bad timing")
    assert not banner.isVisible()
    assert db_rows(data_dir, "select key, handled from objection_log order by id") == [
        ("too-expensive", 1),
        ("bad-timing", 0),
    ]
    assert "bad-timing" not in window.controller.call.cues
