"""The one modal-dialog poller: a test arms it before the action that opens a dialog, and it
hands the dialog to a handler once it is on screen (used by the ``on_dialog`` fixture in
tests/ui/conftest.py and by the child app in tests/app_child.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

POLL_MS = 10


def when_dialog_opens(
    handler: Callable[[QDialog], None],
    *,
    with_keyboard: bool = True,
    still_wanted: Callable[[], bool] = lambda: True,
) -> None:
    """Call ``handler(dialog)`` once, when a modal dialog is shown (``with_keyboard``: and
    has the keyboard, as on a desktop). Polls on the event loop (the dialog runs its own);
    stops when ``still_wanted()`` turns False."""

    def poll() -> None:
        if not still_wanted():
            return
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible() or (with_keyboard and not dialog.isActiveWindow()):
            QTimer.singleShot(POLL_MS, poll)
            return
        handler(dialog)

    QTimer.singleShot(0, poll)
