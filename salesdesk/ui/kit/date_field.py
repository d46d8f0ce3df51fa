"""The one date field every window uses (wrap-up, qualification, history and export filters).

QDateEdit takes typing only into a selected section: tabbing in selects the first section,
but a click only places the text cursor (Qt leaves the selection alone for a mouse focus),
so the digits typed next would overflow the section and are dropped. Here a click selects
the section under the pointer, as a tab does, and typing replaces it. And the mouse wheel
changes the date only while the field has the keyboard (widgets.wheel_needs_focus).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QDateEdit

from salesdesk.core.call import FIRST_YEAR, LAST_YEAR
from salesdesk.ui.kit.widgets import wheel_needs_focus

DATE_FORMAT = "yyyy-MM-dd"
SEPARATORS = frozenset("-/. ")


class DateField(QDateEdit):
    """An ISO date (``yyyy-MM-dd``) with a calendar popup.

    - A click selects the section under the pointer (year, month or day).
    - A whole date can be typed from the year: a section that is full moves on to the next
      one by itself, so the separator typed after it is not taken as a second move.
    - Only the years an import takes (1970-2200) can be picked or typed.
    - The mouse wheel scrolls the page past it, and changes the date only while the field
      has the keyboard.
    - ``switch`` is the check box that says whether the date counts ("Due", "Decision by"):
      the field is enabled while it is ticked, and a click on the disabled field ticks it.
    """

    def __init__(self, date: QDate | None = None, switch: QAbstractButton | None = None, parent=None):
        super().__init__(date if date is not None else QDate.currentDate(), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))  # the years an import takes
        self.switch = switch
        self._moved_on = False  # the last key filled a section and moved to the next one
        self._clicks = _ClickSelectsSection(self)
        self.lineEdit().installEventFilter(self._clicks)
        self.installEventFilter(self._clicks)
        wheel_needs_focus(self)
        if switch is not None:
            self.setEnabled(switch.isChecked())
            switch.toggled.connect(self.setEnabled)

    def keyPressEvent(self, event) -> None:
        text = event.text()
        if self._moved_on and text and text in SEPARATORS:
            self._moved_on = False
            event.accept()
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSectionIndex() != before

    def focusInEvent(self, event) -> None:
        self._moved_on = False
        super().focusInEvent(event)

    def select_section_at_cursor(self) -> None:
        if not self.lineEdit().hasSelectedText():
            self.setSelectedSection(self.currentSection())
        self._moved_on = False


class _ClickSelectsSection(QObject):
    """Watches the field and its line edit (which gets the clicks on the text)."""

    def __init__(self, field: DateField):
        super().__init__(field)
        self.field = field

    def eventFilter(self, watched, event) -> bool:
        field = self.field
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            switch = field.switch
            if not field.isEnabled() and switch is not None and switch.isEnabled() and not switch.isChecked():
                switch.setChecked(True)  # enables the field; the press then places the cursor
                field.setFocus(Qt.FocusReason.MouseFocusReason)
        elif (
            kind == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
            and watched is field.lineEdit()
            and field.isEnabled()
        ):
            # The press has placed the cursor (and so chosen the section); a drag that
            # selected text on purpose keeps its selection.
            field.select_section_at_cursor()
        return False
