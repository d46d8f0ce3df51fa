"""Listening to the call (the optional extra ``salesdesk[listen]``, docs/listening.md).

``install`` only adds commands: "Listen to the call" (on/off, asks for consent the first
time), "Pause listening" (one key, F9), and "Listening settings…" (Ctrl+Alt+,). Nothing of
``salesdesk.listen`` is imported until listening is turned on (or its settings opened), and
then only the supervisor and the model check: the pipeline runs in a worker process.
Listening runs while a call is on screen and listening is on; the strip at the top of the
sidebar says so, with the reminder line for the rep to read out at the start of each call.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from salesdesk.ui.kit.api import SidebarApi

if TYPE_CHECKING:
    from salesdesk.ui.listening.session import ListeningSession
    from salesdesk.ui.listening.strip import ListeningStrip

PAUSE_KEY = "F9"


class Listening:
    """What the feature keeps on one sidebar (in its registry): the session and its strip,
    both made on first use."""

    def __init__(self, window: SidebarApi):
        self.window = window
        self.session: ListeningSession | None = None
        self.strip: ListeningStrip | None = None
        self._call_uid: str | None = None

    # ------------------------------------------------------------------ commands

    def set_on(self, on: bool) -> None:
        """The "Listen to the call" command (and the settings' checkbox)."""
        prefs = self.window.prefs
        if on and not prefs.listen_consented:
            from salesdesk.ui.listening.dialogs import ConsentDialog

            if not self.window.run_dialog(ConsentDialog(self.window.widget)):
                self._show_checked(False)
                return
            prefs.listen_consented = True
        prefs.listen_enabled = on
        self._show_checked(on)
        self.follow_call()

    def toggle_pause(self) -> None:
        if self.session is not None:
            self.session.toggle_pause()

    def open_settings(self) -> None:
        from salesdesk.ui.listening.dialogs import ListeningDialog

        self.window.run_dialog(ListeningDialog(self.window, self))

    def _show_checked(self, on: bool) -> None:
        action = self.window.actions["listen"]
        if action.isChecked() != on:
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)

    # ------------------------------------------------------------------ following the call

    def follow_call(self) -> None:
        """Listen while a call is on screen and listening is on; otherwise not."""
        call = self.window.controller.call
        wanted = self.window.prefs.listen_enabled and call is not None and call.ended_at is None
        if not wanted:
            if self.session is not None:
                self.session.stop()
            if self.strip is not None:
                self.strip.hide()
            self._call_uid = None
            self._update_actions()
            return
        session = self._session()
        strip = self._strip()
        if call.uid != self._call_uid:  # a new call: the reminder once more
            self._call_uid = call.uid
            strip.show_reminder(True)
        strip.show()
        session.start()
        self._update_actions()

    def restart(self) -> None:
        if self.session is not None:
            self.session.stop()
        self.follow_call()

    def stop_for_quit(self) -> None:
        if self.session is not None and shiboken6.isValid(self.session):
            self.session.stop_and_wait()

    def abandon(self) -> None:
        """The window is gone: stop the worker without touching any widget."""
        if self.session is not None:
            self.session.abandon()

    def _session(self) -> ListeningSession:
        if self.session is None:
            from salesdesk.ui.listening.session import ListeningSession

            self.session = ListeningSession(self.window)
            self.session.stateChanged.connect(self._state_changed)
            self.session.problem.connect(self._problem)
        return self.session

    def _strip(self) -> ListeningStrip:
        if self.strip is None:
            from salesdesk.ui.listening.strip import ListeningStrip

            self.strip = ListeningStrip(self.window.actions["listen_pause"])
            self.strip.retry_button.clicked.connect(self.restart)
            self.window.add_to_top(self.strip)
        return self.strip

    def _state_changed(self, state: str) -> None:
        if self.strip is not None:
            self.strip.set_state(state)
        self._update_actions()

    def _problem(self, kind: str, detail: str) -> None:
        if self.strip is None:
            return
        if not kind:
            self.strip.show_problem("", retry=False)
            return
        from salesdesk.ui.listening.session import fault_message

        message = fault_message(kind)
        if self.session is not None and self.session.state == "restarting":
            message += " " + QCoreApplication.translate("Listening", "Listening starts again; the call goes on.")
        else:
            message += " " + QCoreApplication.translate("Listening", "The call goes on without listening.")
        self.strip.show_problem(message, retry=self.session is not None and self.session.state == "failed")
        self.strip.problem.setToolTip(detail)

    def _update_actions(self) -> None:
        pause = self.window.actions["listen_pause"]
        state = self.session.state if self.session is not None else "stopped"
        pause.setEnabled(state in ("listening", "paused"))
        if state == "paused":
            pause.setText(QCoreApplication.translate("Listening", "&Resume listening"))
        else:
            pause.setText(QCoreApplication.translate("Listening", "&Pause listening"))


def install(window: SidebarApi) -> None:
    listening = window.features.add(Listening(window))
    window.add_action(
        "listen",
        QCoreApplication.translate("Listening", "&Listen to the call"),
        "Ctrl+Shift+L",
        listening.set_on,
        menu="call",
        checkable=True,
        tip=QCoreApplication.translate("Listening", "Raise cues from what the prospect says (on this computer only)"),
    )
    window.actions["listen"].setChecked(window.prefs.listen_enabled)
    window.add_action(
        "listen_pause",
        QCoreApplication.translate("Listening", "&Pause listening"),
        PAUSE_KEY,
        listening.toggle_pause,
        menu="call",
        tip=QCoreApplication.translate("Listening", "Pause or resume listening to the call"),
    )
    window.actions["listen_pause"].setEnabled(False)
    window.add_action(
        "listen_settings",
        QCoreApplication.translate("Listening", "&Listening settings…"),
        "Ctrl+Alt+,",
        listening.open_settings,
        menu="view",
        tip=QCoreApplication.translate("Listening", "Sound device, speech model and transcript for listening"),
    )
    window.controller.callChanged.connect(lambda: window.started and listening.follow_call())
    # A call resumed at start-up is listened to once the sidebar is on screen, not before.
    window.defer(listening.follow_call)
    app = QApplication.instance()
    app.aboutToQuit.connect(listening.stop_for_quit)

    def window_gone(_object=None) -> None:
        # The application outlives this window (a recovery, the tests): its quit must not
        # reach a session whose window, and so whose Qt object, is gone.
        with contextlib.suppress(RuntimeError, TypeError):
            app.aboutToQuit.disconnect(listening.stop_for_quit)
        listening.abandon()

    window.widget.destroyed.connect(window_gone)
