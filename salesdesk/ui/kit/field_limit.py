"""The most a text field holds (core.call.MAX_FIELD_CHARS), in the editors.

Typing or pasting past it is refused with a message beside the field, and what was there
stays; a text stored before there was a limit (an old import) is never put in an editor
that could cut it: it is shown cut, read-only, and kept whole.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QToolTip, QWidget

from salesdesk.core.call import MAX_FIELD_CHARS, preview
from salesdesk.ui.kit.i18n import fill, number

_COMMAND_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


def full_message(*, partly: bool = False) -> str:
    translate = QCoreApplication.translate
    if partly:
        text = translate(
            "FieldLimit", "This field is full: it holds at most %1 characters. What did not fit was not added."
        )
    else:
        text = translate("FieldLimit", "This field is full: it holds at most %1 characters, so nothing was added.")
    return fill(text, number(MAX_FIELD_CHARS))


def too_long_message(length: int) -> str:
    text = QCoreApplication.translate(
        "FieldLimit",
        "This text is %1 characters long, more than the %2 a field holds. It is kept whole; "
        "here it is shown cut, and cannot be edited.",
    )
    return fill(text, number(length), number(MAX_FIELD_CHARS))


def say_full(widget: QWidget, *, partly: bool = False) -> None:
    """Show, beside ``widget``, that it is full."""
    message = full_message(partly=partly)
    widget.setProperty("limit_message", message)  # what was last said (tests, screen readers' description)
    QToolTip.showText(widget.mapToGlobal(widget.rect().bottomLeft()), message, widget)


def shown_cut(text: str) -> str:
    return preview(text)[0] + "…"


class LimitedTextEdit(QPlainTextEdit):
    """A plain-text field of at most MAX_FIELD_CHARS characters. A keystroke or a paste that
    would go past it is refused whole (the paste stays on the clipboard). Counting is O(1):
    the document knows its length."""

    def _room(self) -> int:
        cursor = self.textCursor()
        used = self.document().characterCount() - 1  # without the last paragraph's separator
        return MAX_FIELD_CHARS - used + (cursor.selectionEnd() - cursor.selectionStart())

    def _refused(self, length: int) -> bool:
        if length <= self._room():
            return False
        say_full(self)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        typing = text and not (event.modifiers() & _COMMAND_KEYS) and (text.isprintable() or text in "\r\n\t")
        if typing and self.isReadOnly() and self.toolTip():  # shown cut: say why typing does nothing
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self.toolTip(), self)
        elif typing and self._refused(len(text)):
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        if source.hasText() and self._refused(len(source.text())):
            return
        super().insertFromMimeData(source)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if event.commitString() and self._refused(len(event.commitString())):
            return
        super().inputMethodEvent(event)

    def show_stored(self, text: str) -> None:
        """Put stored ``text`` in the field (signals are the caller's business). One longer
        than the limit is shown cut and read-only: editing it could only cut it."""
        too_long = len(text) > MAX_FIELD_CHARS
        self.setReadOnly(too_long)
        self.setToolTip(too_long_message(len(text)) if too_long else "")
        self.setPlainText(shown_cut(text) if too_long else text)


def limit_line_edit(edit: QLineEdit) -> QLineEdit:
    """Give ``edit`` the limit (Qt's own default is 32,767, which would cut a longer stored
    text silently) and the message when a paste is cut to fit."""
    edit.setMaxLength(MAX_FIELD_CHARS)
    edit.inputRejected.connect(lambda: say_full(edit, partly=True))
    return edit


def show_stored_line(edit: QLineEdit, text: str) -> None:
    """``LimitedTextEdit.show_stored`` for a line edit made by ``limit_line_edit``."""
    too_long = len(text) > MAX_FIELD_CHARS
    edit.setReadOnly(too_long)
    edit.setToolTip(too_long_message(len(text)) if too_long else "")
    edit.setText(shown_cut(text) if too_long else text)
