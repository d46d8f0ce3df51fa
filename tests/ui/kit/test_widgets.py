"""The shared widgets of ui/kit, in the real sidebar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.sidebar import start_call


def test_clicking_the_banner_leaves_the_keyboard_in_the_notes(qtbot, open_window, on_dialog):
    """The rep types a note, a banner appears and the rep clicks its text (to read or select
    it) or its button: the next keys still go into the note. The button is still reached
    with Tab and pressed with Space."""
    window = open_window()
    start_call(window, qtbot, on_dialog)
    pressed = []
    window.show_banner(
        "The database is locked by another program. SalesDesk keeps trying.",
        "error",
        "Retry",
        lambda: pressed.append(True),
    )
    banner = window.banner
    qtbot.waitUntil(banner.label.isVisible)
    editor = window.notes_editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    label = banner.label
    on_text = QPoint(label.fontMetrics().horizontalAdvance("The data"), label.fontMetrics().height() // 2 + 1)
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=on_text)
    assert editor.hasFocus(), QApplication.focusWidget()
    qtbot.mouseDClick(label, Qt.MouseButton.LeftButton, pos=on_text)  # selects a word, as before
    assert label.hasSelectedText() and editor.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "still here")
    assert editor.toPlainText().endswith("still here")
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert pressed == [True] and editor.hasFocus()
    for _ in range(100):  # Tab through the sidebar until the banner's button has the keyboard
        if banner.button.hasFocus():
            break
        window.focusNextChild()
    assert banner.button.hasFocus()
    qtbot.keyClick(banner.button, Qt.Key.Key_Space)
    assert pressed == [True, True]
