"""The Objections tab: finding an objection as the palette does, and correcting the call's log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from salesdesk.storage.db import DB_FILENAME
from tests.helpers.sidebar import CTRL, SHIFT, db_rows, start_call, visible_texts
from tests.helpers.typing import type_text


def test_the_objection_search_forgives_typos_like_the_palette(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    panel = window.objections_panel
    type_text(panel.search, "expnsive")
    assert visible_texts(panel.results)[0] == "Too expensive / no budget"
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert "Expensive next to what?" in panel.card.toPlainText()
    panel.search.clear()
    type_text(panel.search, "no thanks")
    assert visible_texts(panel.results)[0] == 'No thanks / "I\'ll get back to you"'
    panel.search.clear()  # nothing typed: every objection, in the playbook's order
    assert visible_texts(panel.results) == [o.title for o in window.controller.call.playbook.objections]


def log_rows(window) -> list[str]:
    return [row.split("  ", 1)[1] for row in visible_texts(window.objections_panel.log_view)]


def test_an_entry_logged_by_mistake_is_removed_and_duplicates_merged_with_undo(
    qtbot, open_window, on_dialog, data_dir: Path
):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    call_id = window.controller.call.id
    panel = window.objections_panel
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    type_text(panel.search, "expensive")
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    type_text(panel.note, "compared with Zoho")
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)  # the same objection again: a second, open entry
    type_text(panel.note, "Rotterdam depot")
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    assert log_rows(window) == [
        "Too expensive / no budget · open\ncompared with Zoho",
        "Too expensive / no budget · handled\nRotterdam depot",
    ]
    stored = "select key, handled, note from objection_log where call_id=? order by id"
    assert not panel.undo_button.isVisible()

    # Delete removes the selected entry, everywhere: the database and the search index.
    panel.log_view.setFocus()
    qtbot.keyClick(panel.log_view, Qt.Key.Key_Delete)
    assert log_rows(window) == ["Too expensive / no budget · open\ncompared with Zoho"]
    assert db_rows(data_dir, stored, call_id) == [("too-expensive", 0, "compared with Zoho")]
    assert window.store.history.search("rotterdam").hits == []
    assert "removed" in window.statusBar().currentMessage()
    assert panel.undo_button.isVisible()

    # Ctrl+Z (the keyboard in the list) brings it back, as it was.
    qtbot.keyClick(panel.log_view, Qt.Key.Key_Z, CTRL)
    assert db_rows(data_dir, stored, call_id) == [
        ("too-expensive", 0, "compared with Zoho"),
        ("too-expensive", 1, "Rotterdam depot"),
    ]
    assert [hit.call.id for hit in window.store.history.search("rotterdam").hits] == [call_id]
    assert not panel.undo_button.isVisible()

    # Merge the two entries into one: handled, with both notes. The Undo button undoes it.
    qtbot.keyClick(panel.log_view, Qt.Key.Key_D, CTRL | SHIFT)
    assert log_rows(window) == ["Too expensive / no budget · handled\ncompared with Zoho; Rotterdam depot"]
    assert db_rows(data_dir, stored, call_id) == [("too-expensive", 1, "compared with Zoho; Rotterdam depot")]
    assert not window.actions["merge_objections"].isEnabled()  # nothing left to merge
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert db_rows(data_dir, stored, call_id) == [
        ("too-expensive", 0, "compared with Zoho"),
        ("too-expensive", 1, "Rotterdam depot"),
    ]

    # In the note editor Ctrl+Z undoes typing, never an objection change.
    panel.log_view.setCurrentIndex(panel.log_model.index(1))
    qtbot.keyClick(panel.log_view, Qt.Key.Key_Delete)
    editor = window.notes_panel.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    type_text(editor, "typo")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == ""
    assert len(db_rows(data_dir, stored, call_id)) == 1

    # After a restart the log is as the rep left it.
    window.close()
    window = open_window()
    assert log_rows(window) == ["Too expensive / no budget · open\ncompared with Zoho"]
    assert not window.actions["undo_objection"].isEnabled()


def test_the_log_has_a_context_menu_with_remove_merge_and_undo(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.controller.log_objection("too-expensive")
    window.controller.log_objection("too-expensive")
    panel = window.objections_panel
    window.show_tab("objections")
    seen: list[tuple[str, bool]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, read_menu)
            return
        seen.extend((a.text().replace("&", ""), a.isEnabled()) for a in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_menu)
    panel.log_view.customContextMenuRequested.emit(panel.log_view.visualRect(panel.log_model.index(0)).center())
    assert seen == [
        ("Remove logged objection", True),
        ("Merge duplicate entries", True),
        ("Undo objection change", False),
    ]


def test_log_and_remove_and_undo_while_the_database_is_locked(qtbot, open_window, on_dialog, data_dir: Path):
    """Queued behind a failed write, the entry's log, removal and undo still arrive in order."""
    window = open_window()
    start_call(window, qtbot, on_dialog)
    controller = window.controller
    kept = controller.log_objection("bad-timing")
    blocker = sqlite3.connect(data_dir / DB_FILENAME, timeout=0)
    blocker.execute("begin exclusive")
    entry = controller.log_objection("too-expensive", handled=True)
    controller.set_objection_note(entry, "logged while locked")
    controller.remove_objection(entry)
    controller.undo_objection_change()
    controller.merge_objections(kept)  # nothing to merge: no change
    controller.remove_objection(kept)
    assert controller.has_pending_writes
    blocker.rollback()
    blocker.close()
    qtbot.waitUntil(lambda: not controller.has_pending_writes, timeout=5000)
    assert db_rows(data_dir, "select key, handled, note from objection_log") == [
        ("too-expensive", 1, "logged while locked")
    ]
    assert [(o.id, o.key) for o in controller.call.objections] == [(entry.id, "too-expensive")]
    controller.undo_objection_change()
    assert sorted(db_rows(data_dir, "select key from objection_log")) == [("bad-timing",), ("too-expensive",)]
