"""One listening session beside the call: the worker process and what its events do here.

The session holds a ``salesdesk.listen.supervisor.Supervisor`` (the worker runs in a process
of its own: the sidebar never loads numpy, Whisper or onnxruntime). The supervisor calls
back on its reader thread; the callback only emits a signal, so every event is handled on
the UI thread, where cues go to the live cues (kit.api.LiveCues, as typed cues) and heard
phrases, with the transcript on, become notes through the controller, the one change path.
A fault is a message in the listening strip: the call goes on untouched, and the
supervisor restarts the worker once by itself where a restart may help.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from salesdesk.ui.kit.api import LiveCues, SidebarApi

log = logging.getLogger(__name__)

#: Session states, as ``stateChanged`` gives them.
STATES = ("stopped", "starting", "listening", "paused", "restarting", "failed")


class Relay(QObject):
    """Hands results from a thread (or the supervisor's reader) to the UI thread. Made
    without a parent: it outlives a dialog closed while a thread still reports to it."""

    arrived = Signal(object)


def fault_message(kind: str) -> str:
    """What the rep is told about a fault of kind ``kind`` (salesdesk.listen.protocol)."""
    messages = {
        "no-audio-server": QCoreApplication.translate(
            "Listening", "No sound server (PulseAudio or PipeWire) to listen to."
        ),
        "no-device": QCoreApplication.translate(
            "Listening", "The sound device chosen for listening is not there: choose another in the listening settings."
        ),
        "no-monitor": QCoreApplication.translate(
            "Listening", "The call's sound cannot be captured here: no output device to listen to."
        ),
        "capture-failed": QCoreApplication.translate("Listening", "The call's sound stopped coming in."),
        "model-missing": QCoreApplication.translate(
            "Listening", "No speech model yet: download one in the listening settings."
        ),
        "model-corrupt": QCoreApplication.translate(
            "Listening", "The speech model is damaged: download it again in the listening settings."
        ),
        "extra-missing": QCoreApplication.translate(
            "Listening", "Listening needs its add-on: pip install 'salesdesk[listen]'."
        ),
    }
    return messages.get(kind, QCoreApplication.translate("Listening", "The listening process stopped."))


def model_folder(window: SidebarApi) -> Path:
    """The model the settings choose (a catalog name in the data folder, or a folder)."""
    from salesdesk.listen.models import model_folder as folder_for

    return folder_for(window.data_dir, window.prefs.listen_model)


class ListeningSession(QObject):
    """Listening during one call (started again for the next)."""

    stateChanged = Signal(str)  # one of STATES
    levelChanged = Signal(float)  # dBFS of the call's sound, about ten times a second
    problem = Signal(str, str)  # (fault kind, message for the rep); ("", "") once it listens again

    def __init__(self, window: SidebarApi):
        super().__init__(window.widget)
        self.window = window
        self.state = "stopped"
        self.supervisor = None
        self.fault = ""  # the kind of the last fault, "" while all is well
        # (supervisor, event) from the supervisor's thread; parentless, so that a worker still
        # reporting while the window goes away reports to nobody instead of failing.
        self._relay = Relay()
        self._relay.arrived.connect(self._handle, Qt.ConnectionType.QueuedConnection)
        window.controller.callChanged.connect(self._call_changed)

    # ------------------------------------------------------------------ control

    @property
    def running(self) -> bool:
        return self.state in ("starting", "listening", "paused", "restarting")

    def start(self) -> None:
        """Start listening (again: a failed session gets one more automatic restart)."""
        if self.running:
            return
        from salesdesk.listen import extra_installed

        if not extra_installed():
            self._failed("extra-missing", "")
            return
        from salesdesk.listen.models import ModelError, check_model_folder

        folder = model_folder(self.window)
        try:
            check_model_folder(folder)
        except ModelError as exc:
            self._failed(exc.kind, str(exc))
            return
        from salesdesk.listen.supervisor import Supervisor, worker_command

        call = self.window.controller.call
        command = worker_command(folder, device=self.window.prefs.listen_device or None)
        supervisor = None

        relay = self._relay

        def arrived(event: dict) -> None:
            relay.arrived.emit((supervisor, event))

        supervisor = Supervisor(command, arrived, call.playbook.objections if call is not None else ())
        self.supervisor = supervisor
        self._set_state("starting")
        try:
            supervisor.start()
        except OSError as exc:  # the Python or bundle could not be started at all
            self.supervisor = None
            self._failed("internal", str(exc))

    def stop(self) -> None:
        """Stop listening; the worker is waited for on a thread of its own, not here."""
        supervisor, self.supervisor = self.supervisor, None
        if supervisor is not None:
            threading.Thread(target=supervisor.stop, name="listen-stop", daemon=True).start()
        self._set_state("stopped")

    def stop_and_wait(self) -> None:
        """Stop and wait for the worker (the program is quitting)."""
        supervisor, self.supervisor = self.supervisor, None
        if supervisor is not None:
            supervisor.stop(timeout=5)
        self._set_state("stopped")

    def abandon(self) -> None:
        """Stop the worker, touching nothing of Qt (the window is being destroyed)."""
        supervisor, self.supervisor = self.supervisor, None
        if supervisor is not None:
            threading.Thread(target=supervisor.stop, name="listen-stop", daemon=True).start()

    def toggle_pause(self) -> None:
        if self.supervisor is None:
            return
        if self.state == "paused":
            self.supervisor.resume()
        elif self.state == "listening":
            self.supervisor.pause()

    @property
    def pid(self) -> int | None:
        return self.supervisor.pid if self.supervisor is not None else None

    # ------------------------------------------------------------------ events (UI thread)

    def _handle(self, arrival: tuple) -> None:
        supervisor, event = arrival
        if supervisor is not self.supervisor:
            return  # from a session stopped meanwhile
        kind = event.get("event")
        if kind == "state":
            self._set_state("listening" if event.get("listening") else "paused")
            if self.fault:
                self.fault = ""
                self.problem.emit("", "")
        elif kind == "level":
            if event.get("speaker") == "them":
                self.levelChanged.emit(float(event.get("dbfs", -200.0)))
        elif kind == "cue":
            cues = self.window.features.find(LiveCues)
            if cues is not None and self.window.controller.call is not None:
                cues.offer_cue(str(event.get("key", "")), str(event.get("heard", "")), heard=True)
        elif kind == "heard":
            self._heard(str(event.get("text", "")), str(event.get("speaker", "them")))
        elif kind == "restarting":
            self.fault = str(event.get("kind", "internal"))
            self._set_state("restarting")
            self.problem.emit(self.fault, str(event.get("message", "")))
        elif kind == "failed":
            self.supervisor = None
            self._failed(str(event.get("kind", "internal")), str(event.get("message", "")))
        elif kind == "error":
            log.warning("listening: %s", event.get("message"))

    def _heard(self, text: str, speaker: str) -> None:
        controller = self.window.controller
        if self.window.prefs.listen_transcript and controller.call is not None and text.strip():
            controller.add_heard_note(text, speaker)

    def _failed(self, kind: str, detail: str) -> None:
        self.fault = kind
        if detail:
            log.warning("listening stopped: %s", detail)
        self._set_state("failed")
        self.problem.emit(kind, detail)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def _call_changed(self) -> None:
        call = self.window.controller.call
        if self.supervisor is not None and call is not None:
            self.supervisor.set_objections(call.playbook.objections)
