"""Typing any text into a widget with real key events.

QTest.keyClicks only knows ASCII (it asserts on "€"); reps type €, emoji and accents, so
characters outside ASCII are sent as key events that carry the text, as an input method does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_text(widget, text: str) -> None:
    for char in text:
        if char.isascii() and char.isprintable():
            QTest.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)
