"""Listening's dialogs: the consent screen, the settings page (device with a level meter,
the speech model, the transcript) and the model download (its size first, then progress).

Device lists, the meter and downloads run off the UI thread (the meter is the worker in
``--meter`` mode, a process of its own); their results come back through queued signals.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from salesdesk.ui.kit.api import SidebarApi
from salesdesk.ui.kit.i18n import fill
from salesdesk.ui.kit.widgets import wheel_needs_focus
from salesdesk.ui.listening.session import Relay, fault_message

if TYPE_CHECKING:
    from salesdesk.ui.listening.feature import Listening

# The level meter shows -60 dBFS (nothing to speak of) to 0 dBFS (full scale).
METER_FLOOR_DB = -60


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ConsentDialog(QDialog):
    """Shown the first time listening is turned on: what is heard, what is kept, consent."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Listen to calls?"))
        self.setObjectName("listeningConsent")
        parts = [
            self.tr(
                "SalesDesk will listen to the call's sound, what your computer plays (the other side), "
                "turn it into text on this computer and show an objection's lines when it hears one."
            ),
            self.tr(
                "No audio is ever written to disk or sent anywhere: it stays in memory for a few seconds. "
                "Nothing heard is kept unless you turn on the transcript; then the heard phrases go into "
                "the call's notes, marked as heard."
            ),
            self.tr(
                "In many places everyone on a call must agree before it is listened to. Ask them first: "
                "a reminder line to read out shows at the start of each call. Pause with F9 at any time."
            ),
        ]
        layout = QVBoxLayout(self)
        for text in parts:
            layout.addWidget(_wrapped(text))
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(self.tr("Turn listening on"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(300)


class ListeningDialog(QDialog):
    """Listening settings. Changes apply at once and are saved as they are made."""

    levelChanged = Signal(float)  # dBFS of the chosen output, while the dialog is open

    def __init__(self, window: SidebarApi, listening: Listening):
        super().__init__(window.widget)
        self.window = window
        self.listening = listening
        self.prefs = window.prefs
        self.setWindowTitle(self.tr("Listening settings"))
        self.setObjectName("listeningSettings")
        self._meter = None  # the --meter worker while the dialog is open
        self._relay = Relay()
        self._relay.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

        self.enabled = QCheckBox(self.tr("&Listen to calls"))
        self.enabled.setChecked(self.prefs.listen_enabled)
        self.enabled.toggled.connect(self._enabled_toggled)
        self.transcript = QCheckBox(self.tr("Keep a &transcript"))
        self.transcript.setChecked(self.prefs.listen_transcript)
        self.transcript.toggled.connect(lambda on: setattr(self.prefs, "listen_transcript", on))
        transcript_hint = _wrapped(self.tr("Heard phrases go into the call's notes, marked as heard, with who spoke."))

        sound = QGroupBox(self.tr("Sound to listen to"))
        sound_layout = QVBoxLayout(sound)
        sound_form = QFormLayout()
        sound_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        sound_layout.addLayout(sound_form)
        self.device = wheel_needs_focus(QComboBox())
        self.device.setAccessibleName(self.tr("Output device to listen to"))
        self.device.addItem(self.tr("The default output"), "")
        if self.prefs.listen_device:
            self.device.addItem(self.prefs.listen_device, self.prefs.listen_device)
            self.device.setCurrentIndex(1)
        self.device.currentIndexChanged.connect(self._device_chosen)
        self.level = QProgressBar()
        self.level.setRange(METER_FLOOR_DB, 0)
        self.level.setValue(METER_FLOOR_DB)
        self.level.setTextVisible(False)
        self.level.setAccessibleName(self.tr("Sound level"))
        self.level_note = _wrapped("")
        sound_form.addRow(self.tr("&Device:"), self.device)
        sound_form.addRow(self.tr("Level:"), self.level)
        sound_layout.addWidget(self.level_note)
        self.device_note = _wrapped("")
        self.device_note.hide()
        sound_layout.addWidget(self.device_note)

        model = QGroupBox(self.tr("Speech model"))
        model_layout = QVBoxLayout(model)
        self.model_state = _wrapped("")
        self.model_state.setAccessibleName(self.tr("Speech model"))
        from salesdesk.listen.models import CATALOG

        self.catalog = wheel_needs_focus(QComboBox())
        self.catalog.setAccessibleName(self.tr("Model to download"))
        for spec in CATALOG.values():
            self.catalog.addItem(fill(self.tr("%1 (about %2 MB)"), spec.name, str(spec.approx_mb)), spec.name)
        self.download_button = QPushButton(self.tr("&Download…"))
        self.download_button.clicked.connect(self.download)
        self.folder_button = QPushButton(self.tr("Use a model &folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.catalog, 1)
        row.addWidget(self.download_button)
        model_layout.addWidget(self.model_state)
        model_layout.addLayout(row)
        model_layout.addWidget(self.folder_button, 0, Qt.AlignmentFlag.AlignLeft)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(self.transcript)
        layout.addWidget(transcript_hint)
        layout.addWidget(sound)
        layout.addWidget(model)
        layout.addWidget(buttons)
        self.show_model_state()
        self._list_devices()
        self.start_meter()
        self.finished.connect(lambda _result: self.stop_meter())

    def _note(self, label: QLabel, text: str) -> None:
        """Set a wrapped note's text and grow the dialog to show all of it (a dialog does
        not grow by itself for wrapped text that got longer)."""
        label.setText(text)
        label.setVisible(bool(text))
        QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    # ------------------------------------------------------------------ on / off

    def _enabled_toggled(self, on: bool) -> None:
        self.listening.set_on(on)
        if self.prefs.listen_enabled != on:  # consent declined
            self.enabled.blockSignals(True)
            self.enabled.setChecked(self.prefs.listen_enabled)
            self.enabled.blockSignals(False)

    # ------------------------------------------------------------------ devices and the meter

    def _list_devices(self) -> None:
        from salesdesk.listen import capture

        def work() -> None:
            try:
                devices = [d for d in capture.pulse_devices() if d.kind == "monitor"] if capture.pulse_tools() else []
                self._relay.arrived.emit(("devices", devices, ""))
            except capture.CaptureError as exc:
                self._relay.arrived.emit(("devices", [], exc.kind))

        threading.Thread(target=work, name="listen-devices", daemon=True).start()

    def _show_devices(self, devices: list, _fault: str) -> None:
        chosen = self.prefs.listen_device
        self.device.blockSignals(True)
        while self.device.count() > 1:
            self.device.removeItem(1)
        for device in devices:
            # The output's name is what is stored: the worker finds its monitor.
            self.device.addItem(device.description or device.monitor_of, device.monitor_of or device.name)
        index = self.device.findData(chosen) if chosen else 0
        if index < 0:  # the chosen device is not there now: keep it, say so
            self.device.addItem(chosen, chosen)
            index = self.device.count() - 1
            self._note(self.device_note, self.tr("The chosen device is not connected now."))
        else:  # found, or no outputs at all (then the meter says why, under the bar)
            self._note(self.device_note, "")
        self.device.setCurrentIndex(index)
        self.device.blockSignals(False)

    def _device_chosen(self, _index: int) -> None:
        self.prefs.listen_device = str(self.device.currentData() or "")
        self.start_meter()
        self._listen_again()

    def start_meter(self) -> None:
        self.stop_meter()
        from salesdesk.listen import extra_installed

        if not extra_installed():
            self._note(self.level_note, fault_message("extra-missing"))
            return
        from salesdesk.listen.supervisor import Supervisor, worker_command

        command = worker_command(None, meter=True, device=self.prefs.listen_device or None)
        meter = None

        def arrived(event: dict) -> None:
            self._relay.arrived.emit(("meter", meter, event))

        meter = Supervisor(command, arrived, restarts=0)
        self._meter = meter
        self._note(self.level_note, self.tr("Play something: the bar moves when sound arrives."))
        meter.start()

    def stop_meter(self) -> None:
        meter, self._meter = self._meter, None
        if meter is not None:
            threading.Thread(target=meter.stop, name="listen-meter-stop", daemon=True).start()

    def _arrived(self, message: tuple) -> None:
        kind = message[0]
        if kind == "devices":
            self._show_devices(message[1], message[2])
        elif kind == "meter" and message[1] is self._meter:
            event = message[2]
            if event.get("event") == "level":
                dbfs = float(event.get("dbfs", -200.0))
                self.level.setValue(max(METER_FLOOR_DB, min(0, round(dbfs))))
                self.levelChanged.emit(dbfs)
            elif event.get("event") == "failed":
                self.level.setValue(METER_FLOOR_DB)
                self._note(self.level_note, fault_message(str(event.get("kind", ""))))
                self.level_note.setToolTip(str(event.get("message", "")))

    # ------------------------------------------------------------------ the model

    def show_model_state(self) -> None:
        from salesdesk.listen.models import CATALOG, ModelError, check_model_folder, model_folder

        choice = self.prefs.listen_model
        folder = model_folder(self.window.data_dir, choice)
        try:
            check_model_folder(folder)
        except ModelError as exc:
            if exc.kind == "model-missing" and (not choice or choice in CATALOG):
                text = fill(self.tr("%1 is not downloaded yet."), folder.name)
            else:
                text = fill(self.tr("The model in %1 cannot be used: %2"), str(folder), str(exc))
            self.model_state.setProperty("ready", False)
        else:
            text = fill(self.tr("Using %1, ready."), choice if choice in CATALOG or not choice else str(folder))
            if not choice:
                text = fill(self.tr("Using %1, ready."), folder.name)
            self.model_state.setProperty("ready", True)
        self._note(self.model_state, text)

    def download(self) -> None:
        name = str(self.catalog.currentData())
        dialog = DownloadDialog(self.window.data_dir, name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.prefs.listen_model = name
            self._listen_again()
        self.show_model_state()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a speech model folder"))
        if folder:
            self.use_folder(Path(folder))

    def use_folder(self, folder: Path) -> bool:
        """Use the model in ``folder`` if it is one; else say why and keep the model in use."""
        from salesdesk.listen.models import ModelError, check_model_folder

        try:
            check_model_folder(folder)
        except ModelError as exc:
            self._note(self.model_state, fill(self.tr("Not a speech model folder, nothing changed: %1"), str(exc)))
            self.model_state.setProperty("ready", False)
            return False
        self.prefs.listen_model = str(folder)
        self.show_model_state()
        self._listen_again()
        return True

    def _listen_again(self) -> None:
        """A new model or device takes effect now, not only from the next call on."""
        session = self.listening.session
        if session is not None and (session.running or session.state == "failed"):
            self.listening.restart()

    def reject(self) -> None:
        self.stop_meter()
        super().reject()


class DownloadDialog(QDialog):
    """Downloads a model of the catalog: asks the hub for its files first (the size shown
    before anything large is fetched), then fetches them with a progress bar. A cut
    download resumes next time (salesdesk.listen.models); Cancel keeps what came so far."""

    def __init__(self, data_dir: Path, name: str, parent=None):
        super().__init__(parent)
        from salesdesk.listen.models import CATALOG

        self.data_dir = data_dir
        self.spec = CATALOG[name]
        self.manifest = None
        self._cancelled = False
        self._relay = Relay()
        self._relay.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self.setWindowTitle(fill(self.tr("Download %1"), name))
        self.setObjectName("modelDownload")
        self.message = _wrapped(fill(self.tr("Asking the model hub for the size of %1…"), name))
        self.message.setAccessibleName(self.tr("Download"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.hide()
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("Download"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped(self.tr("This is the only time SalesDesk uses the network, and only now that you asked for it."))
        )
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(300)
        self._run(self._fetch_manifest)

    def _run(self, work) -> None:
        threading.Thread(target=work, name="model-download", daemon=True).start()

    def _fetch_manifest(self) -> None:
        from salesdesk.listen.models import DownloadError, fetch_manifest

        try:
            self._relay.arrived.emit(("manifest", fetch_manifest(self.spec)))
        except DownloadError as exc:
            self._relay.arrived.emit(("error", str(exc)))

    def start(self) -> None:
        self.start_button.setEnabled(False)
        self.progress.show()
        self.message.setText(fill(self.tr("Downloading %1…"), self.spec.name))
        self._run(self._download)

    def _download(self) -> None:
        from salesdesk.listen.models import DownloadError, download_model, models_dir

        def progress(done: int, total: int) -> None:
            self._relay.arrived.emit(("progress", (done, total)))

        try:
            download_model(
                self.manifest,
                models_dir(self.data_dir) / self.spec.name,
                progress=progress,
                cancelled=lambda: self._cancelled,
            )
        except DownloadError as exc:
            self._relay.arrived.emit(("error", str(exc)))
        else:
            self._relay.arrived.emit(("done", None))

    def _arrived(self, message: tuple) -> None:
        kind, value = message
        if kind == "manifest":
            self.manifest = value
            size = f"{value.total_bytes / 1e6:.1f}"
            self.message.setText(
                fill(self.tr("%1: %2 MB in %3 files. Download it now?"), self.spec.name, size, str(len(value.files)))
            )
            self.start_button.setEnabled(True)
        elif kind == "progress":
            done, total = value
            self.progress.setValue(done * 100 // max(total, 1))
        elif kind == "error":
            if self._cancelled:
                return
            self.message.setText(fill(self.tr("The download did not work: %1"), value))
            self.start_button.setEnabled(self.manifest is not None)
            self.start_button.setText(self.tr("Try again"))
        elif kind == "done":
            self.progress.setValue(100)
            self.accept()

    def reject(self) -> None:
        self._cancelled = True
        super().reject()
