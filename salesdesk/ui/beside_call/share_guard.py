"""The setting "Hide SalesDesk from screen sharing and recordings", applied to every
top-level window SalesDesk shows (the sidebar, History, dialogs, menus, the strip): each is
hidden as it is shown, and all shown ones change when the setting does. The system calls are
capture_guard's; where the system has none (Linux), nothing is watched at all."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from salesdesk.ui.beside_call import capture_guard
from salesdesk.ui.kit.prefs import Prefs


class ShareGuard(QObject):
    def __init__(self, prefs: Prefs, choice: capture_guard.Choice | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.prefs = prefs
        self.choice = choice or capture_guard.current_choice()
        #: What the system said the last time (the settings dialog shows a refusal).
        self.last: capture_guard.Applied | None = None
        if not self.choice.available:
            return  # no system call to make: no window needs watching
        QApplication.instance().installEventFilter(self)
        prefs.changed.connect(self._setting_changed)
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                self.apply_to(window)

    def apply_to(self, window: QWidget) -> None:
        self.last = capture_guard.apply(int(window.winId()), self.prefs.hide_from_capture, self.choice)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Show first: the cheap test, since every event of the application passes here.
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.apply_to(watched)
        return False

    def _setting_changed(self, name: str) -> None:
        if name != "hide_from_capture":
            return
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                self.apply_to(window)
