"""History, search, follow-ups and insights: the sidebar's History menu and "last time" panel.

``install`` only creates actions and the small panel; the windows are imported and built
the first time a command asks for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from salesdesk.storage.errors import StorageError
from salesdesk.ui.kit.api import FollowupEmails, SidebarApi
from salesdesk.ui.kit.i18n import fill

if TYPE_CHECKING:  # (kept out of the start-up path: install runs before the first paint)
    from collections.abc import Callable

    from salesdesk.core.call import CallState
    from salesdesk.core.history import FollowUp
    from salesdesk.ui.history.call_view import CallView
    from salesdesk.ui.history.window import HistoryWindow


def install(window: SidebarApi) -> None:
    commands = window.features.add(HistoryCommands(window))
    window.menu("history", QCoreApplication.translate("HistoryMenu", "&History"))
    a = window.add_action
    a(
        "history",
        QCoreApplication.translate("HistoryMenu", "Call &history…"),
        "Ctrl+Shift+H",
        lambda: commands.show("calls"),
        menu="history",
        tip=QCoreApplication.translate("HistoryMenu", "List past calls: filter, sort and open them"),
    )
    a(
        "search_calls",
        QCoreApplication.translate("HistoryMenu", "&Search all calls…"),
        "Ctrl+Shift+F",
        lambda: commands.show("search"),
        menu="history",
        tip=QCoreApplication.translate(
            "HistoryMenu", "Search the notes, answers, objections and contacts of every call"
        ),
    )
    a(
        "follow_ups",
        QCoreApplication.translate("HistoryMenu", "&Follow-ups due…"),
        "Ctrl+Shift+U",
        lambda: commands.show("follow_ups"),
        menu="history",
        tip=QCoreApplication.translate("HistoryMenu", "Next steps due today or overdue; start the follow-up call"),
    )
    a(
        "insights",
        QCoreApplication.translate("HistoryMenu", "&Insights…"),
        "Ctrl+Shift+G",
        lambda: commands.show("insights"),
        menu="history",
        tip=QCoreApplication.translate("HistoryMenu", "Charts of your outcomes, objections, stages and call lengths"),
    )
    from salesdesk.ui.history.last_time import LastTimePanel

    panel = window.features.add(LastTimePanel(window.controller, window.settings, commands.open_call))
    window.add_to_stage_tab(panel)


class HistoryCommands(QObject):
    """What the history windows ask the sidebar to do. Every change goes through the
    controller; reads go through ``history()`` on worker threads."""

    def __init__(self, window: SidebarApi):
        super().__init__(window.widget)
        self.window = window
        self.controller = window.controller
        self.history_window: HistoryWindow | None = None
        self.call_view: CallView | None = None
        self.controller.dataChanged.connect(self._data_changed)
        window.widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window.widget and event.type() == QEvent.Type.Close:
            # The sidebar may refuse to close (unsaved changes): look once it has decided.
            QTimer.singleShot(0, self._close_with_sidebar)
        return False

    def _close_with_sidebar(self) -> None:
        if not self.window.widget.isVisible():
            for other in (self.call_view, self.history_window):
                if other is not None:
                    other.close()

    def history(self):
        """The store's HistoryQueries (opens the database if start-up has not yet)."""
        return self.controller.store.history

    def _data_changed(self, _change=None) -> None:
        if self.history_window is not None:
            self.history_window.data_changed()
        if self.call_view is not None:
            self.call_view.refresh_state()

    def show(self, tab: str) -> HistoryWindow | None:
        try:
            self.controller.handle.open()
        except StorageError as exc:
            self.window.show_banner(str(exc), "error")
            return None
        if self.history_window is None:
            from salesdesk.ui.history.window import HistoryWindow

            self.history_window = HistoryWindow(self, self.window.widget)
        window = self.history_window
        window.show()
        window.raise_()
        window.activateWindow()
        window.show_tab(tab)
        return window

    # ------------------------------------------------------------------ one call

    def open_call(self, call_id: int) -> CallView | None:
        """Show a stored call, read-only."""
        try:
            call = self.controller.store.load_call(call_id)
        except StorageError as exc:
            QMessageBox.warning(self._parent(), self.tr("Call not shown"), str(exc))
            return None
        if self.call_view is None:
            from salesdesk.ui.history.call_view import CallView

            self.call_view = CallView(
                self.edit_wrap_up, self.continue_call, self.window.widget, followup_email=self._followup_email()
            )
            self.call_view.set_running_call(lambda: self.controller.call.id if self.controller.call else None)
        view = self.call_view
        view.show_call(call)
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _followup_email(self) -> Callable[[CallState], None] | None:
        """Opens a shown call's follow-up e-mail (None when no feature offers it)."""
        emails = self.window.features.find(FollowupEmails)
        if emails is None:
            return None

        def open_email(call: CallState) -> None:
            emails.open_followup_email(call, self._parent())
            if self.call_view is not None and self.call_view.call is call:
                self.call_view.show_call(call)  # the e-mail as kept

        return open_email

    def _parent(self) -> QWidget:
        for candidate in (self.call_view, self.history_window):
            if candidate is not None and candidate.isVisible():
                return candidate
        return self.window.widget

    def edit_wrap_up(self, call: CallState) -> bool:
        from salesdesk.ui.kit.wrapup_dialog import EndCallDialog

        dialog = EndCallDialog(call, self.window.prefs.wrapup_required, parent=self._parent())
        dialog.setWindowTitle(fill(self.tr("Wrap-up of the call with %1"), call.contact.name))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save wrap-up"))
        accepted = dialog.exec() == EndCallDialog.DialogCode.Accepted
        outcome, next_step, due = dialog.values()
        dialog.deleteLater()
        if not accepted:
            return False
        self.controller.edit_wrap_up(call.id, outcome, next_step, due)
        call.outcome, call.next_step, call.next_step_due = outcome, next_step, due
        if self.call_view is not None and self.call_view.call is call:
            self.call_view.show_call(call)
        return True

    def _end_running_call_first(self) -> bool:
        """Like New call: a running call is ended (with its wrap-up) before another one runs."""
        running = self.controller.call
        if running is None:
            return True
        self.window.widget.raise_()
        self.window.widget.activateWindow()
        answer = QMessageBox.question(
            self.window.widget,
            self.tr("A call is running"),
            fill(self.tr("End the call with %1 first?"), running.contact.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes and self.window.end_call()

    def continue_call(self, call: CallState) -> bool:
        """Reopen ``call`` in the sidebar."""
        running = self.controller.call
        if running is not None and running.id == call.id:
            self._show_sidebar()
            return True
        if not self._end_running_call_first():
            return False
        try:
            self.controller.continue_call(call.id)
        except StorageError as exc:
            QMessageBox.critical(self._parent(), self.tr("Call not continued"), str(exc))
            return False
        self.window.show_tab("stage")
        self._show_sidebar()
        return True

    def start_follow_up(self, item: FollowUp) -> bool:
        """Start the follow-up call with the contact (the rep confirms in the start dialog)."""
        self._show_sidebar()
        self.window.new_call(contact=item.contact)
        call = self.controller.call
        return call is not None and call.contact.id == item.contact.id

    def _show_sidebar(self) -> None:
        widget = self.window.widget
        widget.show()
        widget.raise_()
        widget.activateWindow()
